"""The direct probe of a resolver that answers from outside (resolvertest.probe), against a real Unbound from Debian
resolving the test zones through the test lab (tests/resolvertest/dns_lab.py): a validating Unbound passes all
three questions; with validation off it answers the bogus name and never sets AD, so the probe fails, and a logo
application that names it fails with the probe's evidence recorded on its round.
"""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import translation

from members.logo import criteria, lifecycle, resolver_evidence
from members.models import Organisation
from resolvertest import probe
from tests import slots
from tests.members.test_logo_resolver import PREFIXES, make_run, noon
from tests.resolvertest.dns_lab import RESOLVER_ADDRESS, rt_lab, run_unbound  # noqa: F401 (rt_lab: fixture)

pytestmark = [pytest.mark.lab, pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def lab_mode(monkeypatch):
    """The portal's lab mode on this process's own /20, as the demo sets it: the probe may query the lab."""
    monkeypatch.setenv("CHECKER_LAB_RANGE", str(slots.lab_network()))
    monkeypatch.setenv("RESOLVER_TEST_ZONE", "rt.test")


def test_a_validating_unbound_passes_the_probe(rt_lab, lab_mode, tmp_path):  # noqa: F811
    lab, _service = rt_lab
    with run_unbound(tmp_path / "unbound", lab, validating=True):
        result = probe.probe(RESOLVER_ADDRESS)
    assert result == probe.ProbeResult(RESOLVER_ADDRESS, secure_ad=True, bogus_servfail=True, tcp_answer=True)
    assert (result.passed, result.failed) == (True, False)


def test_an_unbound_without_validation_fails_the_probe(rt_lab, lab_mode, tmp_path):  # noqa: F811
    lab, _service = rt_lab
    with run_unbound(tmp_path / "unbound", lab, validating=False):
        result = probe.probe(RESOLVER_ADDRESS)
    assert result == probe.ProbeResult(RESOLVER_ADDRESS, secure_ad=False, bogus_servfail=False, tcp_answer=True)
    assert (result.passed, result.failed) == (False, True)


def test_outside_the_lab_range_nothing_is_sent(rt_lab, monkeypatch, tmp_path):  # noqa: F811
    """Lab mode on another range: the Unbound answers, yet the probe never asks it (as outside lab mode, where a
    loopback address is refused)."""
    lab, _service = rt_lab
    monkeypatch.setenv("CHECKER_LAB_RANGE", "127.76.0.0/20")
    with run_unbound(tmp_path / "unbound", lab, validating=True):
        result = probe.probe(RESOLVER_ADDRESS, zone="rt.test")
    assert result == probe.ProbeResult(RESOLVER_ADDRESS, refused="outside-lab-range")
    monkeypatch.delenv("CHECKER_LAB_RANGE")
    assert probe.probe("127.0.0.1", zone="rt.test") == probe.ProbeResult("127.0.0.1", refused="loopback")


@pytest.mark.django_db
@pytest.mark.parametrize("validating, outcome", [(True, criteria.PASS), (False, criteria.FAIL)])
def test_an_application_records_the_probe_of_its_open_resolver(rt_lab, lab_mode, tmp_path, validating, outcome):  # noqa: F811
    lab, _service = rt_lab
    organisation = Organisation.objects.create(slug="open-isp", name_ja="公開ISP", name_en="Open ISP", category="isp")
    for minutes, day in enumerate((2, 1, 1)):
        make_run(noon(day) + timedelta(minutes=minutes))
    application = lifecycle.apply(
        organisation, "resolver", [], None, prefixes=PREFIXES, probe_addresses=[RESOLVER_ADDRESS]
    )
    with run_unbound(tmp_path / "unbound", lab, validating=validating), TestCase.captureOnCommitCallbacks():
        assert lifecycle.settle_resolver(application.evaluation_id)
    evaluation = application.evaluation
    evaluation.refresh_from_db()
    assert evaluation.outcome == outcome
    assert evaluation.evidence["probes"] == [
        {
            "address": RESOLVER_ADDRESS,
            "refused": "",
            "secure_ad": validating,
            "bogus_servfail": validating,
            "tcp_answer": True,
        }
    ]
    with translation.override("en"):
        reasons = resolver_evidence.reasons(resolver_evidence.of_evaluation(evaluation, PREFIXES))
    assert reasons == (
        []
        if validating
        else [
            f"Resolver {RESOLVER_ADDRESS} probed directly: no AD bit for the secure name; the bogus name was "
            "answered, not SERVFAIL."
        ]
    )
