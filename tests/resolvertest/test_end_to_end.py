"""The whole resolver test as a visitor runs it, with a real Unbound as the visitor's resolver.

The page's three steps, made by a Python HTTP client: start a run (the page's POST), fetch every test name's
pixel from the portal's live server after resolving the name through Unbound (what the browser does: a name
the resolver refuses does not load), and report what loaded. Between them, the test zones' service (through
the lab, with the lab's trust anchor given to Unbound or not) records Unbound's queries, which a real Celery
worker stores; the result page then says what the issue asks.
"""

import http.client
import json

import dns.rcode
import pytest
from django.test import Client

from resolvertest import verdict
from resolvertest.models import TestRun
from tests.checker.portal.conftest import processes, wait_for  # noqa: F401 (fixture)
from tests.resolvertest.conftest import csrf_token
from tests.resolvertest.dns_lab import WEB_ADDRESS, resolve, rt_lab, run_unbound  # noqa: F401 (fixture)
from tests.resolvertest.test_unbound_lab import DROPPED

pytestmark = [pytest.mark.lab, pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def fetch(url: str, port: int) -> str:
    """The script's fetch of one pixel: the name resolved by the visitor's resolver, then an HTTP GET."""
    host = url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0]
    reply = resolve(host)
    addresses = [rdata.address for rrset in reply.answer for rdata in rrset if rdata.rdtype == 1]
    if dns.rcode.to_text(reply.rcode()) != "NOERROR" or not addresses:
        return "failed"
    assert addresses == [WEB_ADDRESS]
    connection = http.client.HTTPConnection(addresses[0], port, timeout=10)
    connection.request("GET", "/resolver-test/pixel", headers={"Host": f"{host}:{port}", "Origin": "null"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return "loaded" if response.status == 200 and response.getheader("Content-Type") == "image/gif" else "failed"


def run_the_test(live_server, worker, language: str) -> tuple[TestRun, str]:
    visitor = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.7")
    csrf = csrf_token(visitor, language)
    started = visitor.post(f"/{language}/resolver-test/", b"{}", content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert started.status_code == 201
    body = started.json()
    port = live_server.thread.port
    outcomes = {name["token"]: fetch(name["url"], port) for name in body["names"]}
    # A forged name is asked last; once the worker has dropped its record, it has stored the run's. It is an
    # unsigned zone's: a validating Unbound answers a signed zone's new name from its cached wildcard and NSEC
    # proof without asking (RFC 8198).
    resolve("forged.unsigned.rt.test")
    wait_for(lambda: DROPPED.search(worker.log.read_text()), 30, message="the run's records stored")
    reported = visitor.post(
        body["report_url"],
        json.dumps({"fetches": outcomes}).encode(),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert reported.status_code == 200, reported.content.decode()
    page = visitor.get(body["result_url"]).content.decode()
    return TestRun.objects.get(public_id=body["result_url"].rstrip("/").rsplit("/", 1)[1]), page


@pytest.fixture
def worker(processes):  # noqa: F811
    from tests import slots

    return processes.worker(["interactive"], f"rt-e2e-slot{slots.slot()}")


@pytest.mark.parametrize("rt_lab", ["knot"], indirect=True)
def test_a_validating_resolver_validates_implements_8_13_15_and_falls_back_to_tcp(
    rt_lab,  # noqa: F811
    worker,
    live_server,
    test_zone,
    tmp_path,
):
    lab, _service = rt_lab
    with run_unbound(tmp_path / "unbound", lab, validating=True):
        run, page = run_the_test(live_server, worker, "ja")
    assert verdict.validation(run.fetches, run.observations) == verdict.Verdict(verdict.VALIDATES)
    assert verdict.algorithm_support(run.fetches) == {8: "supported", 13: "supported", 15: "supported", 16: "supported"}
    assert verdict.tcp_fallback(run.observations) is True
    assert [resolver["address"] for resolver in run.observations["resolvers"]] == [lab_resolver_source()]
    assert "お使いのフルリゾルバーはDNSSEC検証をしています" in page


@pytest.mark.parametrize("rt_lab", ["knot"], indirect=True)
def test_with_validation_off_the_same_run_says_it_does_not_validate(
    rt_lab,  # noqa: F811
    worker,
    live_server,
    test_zone,
    tmp_path,
):
    lab, _service = rt_lab
    with run_unbound(tmp_path / "unbound", lab, validating=False):
        run, page = run_the_test(live_server, worker, "en")
    assert verdict.validation(run.fetches, run.observations) == verdict.Verdict(verdict.DOES_NOT_VALIDATE)
    assert verdict.algorithm_support(run.fetches) == {
        8: "unsupported",
        13: "unsupported",
        15: "unsupported",
        16: "unsupported",
    }
    assert verdict.tcp_fallback(run.observations) is True, "Unbound asks with DO even without validating"
    assert "Your resolver does not validate DNSSEC" in page


def lab_resolver_source() -> str:
    from tests.resolvertest.dns_lab import RESOLVER_SOURCE

    return RESOLVER_SOURCE
