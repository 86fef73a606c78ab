"""Stored reports of both schema versions render from today's catalog; ancestors' problems are upstream.

Issue 13, "One source for each fact": a report keeps finding ids and evidence, the page and the API
render the texts when shown, so a corrected catalog text reaches old reports; version-1 reports
(with their texts stored in "messages") keep rendering.  Item 6: the parent zones' problems have
their own section and do not count for the checked name's worst severity."""

import datetime

import pytest

from checker import catalog, runs
from checker.engine.report import display_evidence, stored_texts
from checker.models import CheckRun
from tests import slots

from ..conftest import PYTHON_LAB_PORT_OFFSET
from ..engine.lab_helpers import run_condition
from .pages import text, unpublished  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unpublished")]

NOW = datetime.datetime(2026, 12, 3, 3, 53, 21, tzinfo=datetime.UTC)
STALE = {"title": "old title", "message": "old message", "why": "old why", "fix": "old fix"}

# A finished run as the portal stored it before schema 2: every finding with its severity and the
# texts of its day.
REPORT_V1 = {
    "schema_version": 1,
    "query": "expired.test",
    "name": "expired.test.",
    "zone": "expired.test.",
    "is_apex": True,
    "profile": "full",
    "now": "2026-06-01T12:00:00Z",
    "verdict": "bogus",
    "findings": [
        {
            "id": "rrsig_expired",
            "severity": "CRIT",
            "zone": "expired.test.",
            "server": "127.77.1.20",
            "servers": ["127.77.1.20"],
            "transport": None,
            "evidence": {"rrset": "expired.test./SOA", "expiration": "2026-05-01T00:00:00Z"},
            "messages": {"ja": STALE, "en": STALE},
        },
        {
            "id": "retired_finding",  # an id today's catalog no longer has: its stored texts stay
            "severity": "NOTE",
            "zone": "expired.test.",
            "server": None,
            "servers": [],
            "transport": None,
            "evidence": {},
            "messages": {
                "ja": {"title": "昔の検出事項", "message": "昔の説明", "why": "", "fix": ""},
                "en": {"title": "A retired finding", "message": "Its stored text", "why": "", "fix": ""},
            },
        },
    ],
    "chain": [],
    "answers": [],
    "servers": [],
    "query_count": 30,
    "verifications": 6,
    "memo_hits": 0,
    "timings": {"total_ms": 50.0},
}

# Schema 2: ids and evidence only; a severity only where the row has several; ancestors upstream.
REPORT_V2 = {
    **REPORT_V1,
    "schema_version": 2,
    "query": "child.nsec3-iterations.test",
    "name": "child.nsec3-iterations.test.",
    "zone": "child.nsec3-iterations.test.",
    "verdict": "secure",
    "findings": [
        {
            "id": "ns_address_family_coverage",
            "severity": "NOTE",
            "zone": "child.nsec3-iterations.test.",
            "server": None,
            "servers": [],
            "transport": None,
            "evidence": {"family": "IPv6", "count": 0},
        }
    ],
    "upstream": [
        {
            "id": "nsec3_iterations_nonzero",
            "zone": "nsec3-iterations.test.",
            "server": None,
            "servers": [],
            "transport": None,
            "evidence": {"hash_algorithm": 1, "nsec3_flags": 0, "iterations": 10, "salt": "aabbccdd"},
        }
    ],
}


def make_run(domain):
    return CheckRun.objects.create(
        domain=domain,
        query=domain,
        created=NOW,
        deadline=NOW + datetime.timedelta(minutes=2),
        state=CheckRun.State.RUNNING,
        started=NOW,
    )


def finished_run(report) -> CheckRun:
    run = make_run(report["name"].rstrip("."))
    assert runs.finish(run, report, [])
    run.refresh_from_db()
    return run


def test_a_stored_version_1_report_renders_with_todays_catalog_texts(client):
    run = finished_run(REPORT_V1)
    assert run.worst_severity == "CRIT"
    expected = stored_texts(REPORT_V1["findings"][0], "en")
    assert expected == catalog.render("rrsig_expired", "en", REPORT_V1["findings"][0]["evidence"])
    page = text(client.get(f"/en/check/{run.public_id}/"))
    assert expected["title"] in page and expected["message"] in page and expected["fix"] in page
    assert "old message" not in page and "old fix" not in page
    assert "A retired finding" in page and "Its stored text" in page
    ja = text(client.get(f"/ja/check/{run.public_id}/"))
    assert catalog.render("rrsig_expired", "ja", {})["title"] in ja and "昔の説明" in ja
    body = client.get(f"/api/v1/checks/{run.public_id}").json()
    assert [(f["id"], f["severity"]) for f in body["findings"]] == [
        ("rrsig_expired", "CRIT"),
        ("retired_finding", "NOTE"),
    ]
    assert body["findings"][0]["messages"]["en"] == expected
    assert body["findings"][1]["messages"]["ja"]["title"] == "昔の検出事項"
    assert body["upstream"] == []


def test_a_version_2_report_shows_the_parents_problems_upstream(client):
    run = finished_run(REPORT_V2)
    assert run.worst_severity == "NOTE"  # the parent's ERR is not the child's
    parent = stored_texts(REPORT_V2["upstream"][0], "en")
    assert "nsec3-iterations.test" in parent["message"]
    page = text(client.get(f"/en/check/{run.public_id}/"))
    findings, upstream = page.split("Upstream (parent zones)", 1)
    assert catalog.render("ns_address_family_coverage", "en", {})["title"] in findings
    assert parent["title"] not in findings
    assert "for their operators to fix" in upstream
    assert parent["title"] in upstream and parent["message"] in upstream
    assert "nsec3-iterations.test." in upstream
    ja = text(client.get(f"/ja/check/{run.public_id}/"))
    assert "上位ゾーンの問題" in ja and "それぞれのゾーンの管理者が対処する" in ja
    body = client.get(f"/api/v1/checks/{run.public_id}").json()
    assert body["worst_severity"] == "NOTE"
    assert [(f["id"], f["severity"]) for f in body["findings"]] == [("ns_address_family_coverage", "NOTE")]
    assert [(f["id"], f["severity"], f["zone"]) for f in body["upstream"]] == [
        ("nsec3_iterations_nonzero", "ERR", "nsec3-iterations.test.")
    ]
    assert body["upstream"][0]["messages"]["en"] == parent


def test_one_stale_server_is_named_on_the_result_page_in_both_languages(client, lab, python_lab):
    """Issue 13, item 7: a secondary (ns2) serving expired signatures, its DNSKEY RRset's included,
    is an error that names it; the zone stays secure and the page does not call it unresolvable."""
    engine_report = run_condition(lab, slots.port_base() + PYTHON_LAB_PORT_OFFSET, "stale-secondary")
    ns2 = lab.zones["stale-secondary.test."].addresses[1]
    run = finished_run(engine_report.to_dict())
    assert (run.verdict, run.worst_severity) == ("secure", "ERR")
    (entry_point,) = [f for f in engine_report.findings if f.id == "no_secure_entry_point"]
    for language, zone_label, servers_label, retry in (
        ("ja", "ゾーン:", "サーバー:", "名前解決の遅れや断続的な失敗"),
        ("en", "Zone:", "Servers:", "delays or intermittent failures"),
    ):
        page = text(client.get(f"/{language}/check/{run.public_id}/"))
        texts = catalog.render("no_secure_entry_point", language, display_evidence(entry_point))
        assert f"{texts['message']} ({zone_label} stale-secondary.test. · {servers_label} {ns2})" in page
        for finding_id in ("no_secure_entry_point", "rrsig_expired"):
            why = catalog.render(finding_id, language, display_evidence(entry_point))["why"]
            assert why in page and retry in why, finding_id
        assert catalog.severity_label("ERR", language) in page
        assert catalog.render("chain_bogus", language, {})["title"] not in page
    assert "cannot resolve the zone" not in page
