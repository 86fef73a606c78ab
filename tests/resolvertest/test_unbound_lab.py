"""A real Unbound from Debian resolves the test zones through the test lab, and the service records its queries.

The lab's test. zone delegates rt.test. with the DS of the service's keys (tests/resolvertest/dns_lab.py);
Unbound starts from the lab's root hints, with or without its trust anchor. Its answers show what each
zone is for, and the rows a real Celery worker stores from the service's batches are exactly the queries
Unbound sent for the run's tokens: a forged token's queries are answered but never stored.
"""

import re

import dns.flags
import dns.message
import dns.query
import dns.rcode
import kombu.exceptions
import pytest

from portal import clock
from resolvertest import models
from resolvertest.models import ObservedQuery, RunToken
from resolvertest.zones import TEST_ZONES
from tests import slots
from tests.checker.portal.conftest import processes, wait_for  # noqa: F401 (fixture)
from tests.resolvertest.dns_lab import (  # noqa: F401 (rt_lab: fixture)
    RESOLVER_SOURCE,
    SERVICE_ADDRESSES,
    WEB_ADDRESS,
    resolve,
    rt_lab,
    run_unbound,
)

pytestmark = [pytest.mark.lab, pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECURE, INSECURE, SERVFAIL = ("NOERROR", True), ("NOERROR", False), ("SERVFAIL", False)
# What a validating Unbound 1.17 (Debian 12) answers for a token's name under each zone. It implements
# algorithms 8, 13, 15 and 16, so each bogus zone fails; RFC 9276 lets it treat 200 NSEC3 iterations as
# insecure, which it does (its limit is 150).
VALIDATING_ANSWERS = {
    "secure": SECURE,
    "bogus": SERVFAIL,
    "bogus-ds": SERVFAIL,
    "unsigned": INSECURE,
    "alg8": SECURE,
    "alg8-bogus": SERVFAIL,
    "alg13": SECURE,
    "alg13-bogus": SERVFAIL,
    "alg15": SECURE,
    "alg15-bogus": SERVFAIL,
    "alg16": SECURE,
    "alg16-bogus": SERVFAIL,
    "nsec3-iter-200": INSECURE,
    "big": SECURE,
}
UDP = ("A", "udp", True, 1232, RESOLVER_SOURCE)
TCP = ("A", "tcp", True, 1232, RESOLVER_SOURCE)
# The queries the service saw for each token's name, in order. A bogus answer is asked for again five
# times (Unbound's restarts after a validation failure, from both servers); bogus-ds fails on the keys,
# not on the answer, which is asked once. The unsigned zone's answer comes from a server of the signed
# rt.test. (one server serves the parent and its children), so Unbound asks again until it has proved
# the delegation insecure. The big answer (3.4 kB) is truncated over UDP and asked again over TCP.
VALIDATING_QUERIES = {
    "secure": [UDP],
    "bogus": [UDP] * 6,
    "bogus-ds": [UDP],
    "unsigned": [UDP] * 3,
    "alg8": [UDP],
    "alg8-bogus": [UDP] * 6,
    "alg13": [UDP],
    "alg13-bogus": [UDP] * 6,
    "alg15": [UDP],
    "alg15-bogus": [UDP] * 6,
    "alg16": [UDP],
    "alg16-bogus": [UDP] * 6,
    "nsec3-iter-200": [UDP],
    "big": [UDP, TCP],
}
# Without validation (module-config "iterator") Unbound still asks with DO, answers every name, never
# with AD, and asks each once, the big one over TCP too.
PLAIN_QUERIES = {label: [UDP, TCP] if label == "big" else [UDP] for label in VALIDATING_QUERIES}


def _tokens() -> dict[str, str]:
    run = models.TestRun.objects.create(public_id="unbound-lab-run", created_at=clock.now(), language="ja")
    tokens = {}
    for zone in TEST_ZONES:
        token = RunToken.objects.create(run=run, zone=zone.label, token=f"t{len(tokens):02d}{run.pk}")
        tokens[zone.label] = token.token
    return tokens


def _answers(tokens) -> dict[str, tuple]:
    answers = {}
    for label, token in tokens.items():
        reply = resolve(f"{token}.{label}.rt.test")
        addresses = [rdata.address for rrset in reply.answer for rdata in rrset]
        answers[label] = (dns.rcode.to_text(reply.rcode()), bool(reply.flags & dns.flags.AD), addresses)
    return answers


DROPPED = re.compile(r"resolver test: (\d+) query record\(s\) for unknown tokens dropped")


def _recorded(worker) -> tuple[dict[str, list], list[str]]:
    """The stored rows by zone label, once the worker has dropped the forged token's record, which was sent
    last (a worker of one process takes the batches in the order they were sent); and what it dropped."""
    wait_for(lambda: DROPPED.search(worker.log.read_text()), 30, message="the forged token's record dropped")
    recorded = {}
    for row in ObservedQuery.objects.select_related("token").order_by("received_at", "pk"):
        recorded.setdefault(row.token.zone, []).append(
            (row.qtype, row.transport, row.do_bit, row.edns_size, row.resolver_address)
        )
    return recorded, DROPPED.findall(worker.log.read_text())


@pytest.fixture
def worker(processes):  # noqa: F811
    return processes.worker(["interactive"], f"rt-records-slot{slots.slot()}")  # its log is its own


def test_a_validating_unbound_refuses_the_bogus_zones_and_asks_big_over_tcp(rt_lab, worker, tmp_path):  # noqa: F811
    lab, service = rt_lab
    tokens = _tokens()
    with run_unbound(tmp_path / "unbound", lab, validating=True):
        answers = _answers(tokens)
        forged = resolve("forged.secure.rt.test")
    assert answers == {
        label: (rcode, ad, [WEB_ADDRESS] if rcode == "NOERROR" else [])
        for label, (rcode, ad) in VALIDATING_ANSWERS.items()
    }
    assert (dns.rcode.to_text(forged.rcode()), bool(forged.flags & dns.flags.AD)) == SECURE
    assert _recorded(worker) == (VALIDATING_QUERIES, ["1"])


def test_with_validation_off_unbound_answers_every_zone(rt_lab, worker, tmp_path):  # noqa: F811
    lab, service = rt_lab
    tokens = _tokens()
    with run_unbound(tmp_path / "unbound", lab, validating=False):
        answers = _answers(tokens)
        resolve("forged.secure.rt.test")
    assert answers == {label: ("NOERROR", False, [WEB_ADDRESS]) for label in VALIDATING_ANSWERS}
    assert _recorded(worker) == (PLAIN_QUERIES, ["1"])


def test_while_the_broker_is_down_the_service_answers_and_keeps_its_records(rt_lab):  # noqa: F811
    lab, service = rt_lab
    recorder = service.recorder
    working = recorder.send

    def broker_down(batch):
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    recorder.send = broker_down
    try:
        query = dns.message.make_query("outage.secure.rt.test", "A", want_dnssec=True)
        reply = dns.query.udp(query, SERVICE_ADDRESSES[0], timeout=5)
        wait_for(lambda: recorder.failing, 10, step=0.1, message="a failed send")
        assert [record["token"] for record in recorder.pending] == ["outage"]
    finally:
        recorder.send = working
    assert (dns.rcode.to_text(reply.rcode()), bool(reply.flags & dns.flags.AA)) == ("NOERROR", True)
    assert [rdata.address for rdata in reply.answer[0]] == [WEB_ADDRESS]
