"""Every lab condition, served by the project's Python server: findings, severities, verdict."""

import asyncio
import json

import pytest

from checker.engine import check
from checker.engine.text import render_report
from checker.engine.transport import SharedCache
from checker.lab import CONDITIONS
from tests import slots

from ..conftest import PYTHON_LAB_PORT_OFFSET
from .lab_helpers import (
    EXACT_CONDITIONS,
    GOOD_CONDITIONS,
    NONEXISTENT_NAMES,
    WILDCARD_NAMES,
    assert_condition,
    assert_dname,
    assert_exact_condition,
    assert_nonexistent_name,
    assert_wildcard_name,
    check_name,
    condition_params,
    exact_findings,
    lab_options,
    run_condition,
)

PORT = slots.port_base() + PYTHON_LAB_PORT_OFFSET


@pytest.mark.parametrize("condition_name", condition_params())
def test_condition(python_lab, lab, condition_name):
    report = run_condition(lab, PORT, condition_name)
    assert_condition(report, condition_name)
    json.dumps(report.to_dict())  # serialisable
    for finding in report.findings + report.upstream:
        finding.texts("ja"), finding.texts("en")


@pytest.mark.parametrize("condition_name", GOOD_CONDITIONS)
def test_good_zones_have_no_error(python_lab, lab, condition_name):
    report = run_condition(lab, PORT, condition_name)
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]


@pytest.mark.parametrize("condition_name", EXACT_CONDITIONS)
def test_a_delegation_cds_or_zone_data_condition_shows_exactly_its_findings(python_lab, lab, condition_name):
    assert_exact_condition(run_condition(lab, PORT, condition_name), condition_name)


def test_non_apex_name_validates_its_own_answers(python_lab, lab):
    report = run_condition(lab, PORT, "non-apex")
    assert not report.is_apex and report.zone == "alg13.test." and report.name == "www.alg13.test."
    assert report.answers and all(a["secure"] for a in report.answers if a["qtype"] in ("A", "AAAA"))


def test_counts_of_a_fresh_check(python_lab, lab):
    """Queries and verifications of one cold check of a three-zone chain (root, test., alg13.test.)."""
    report = run_condition(lab, PORT, "alg13", fresh=True)
    assert [zone["zone"] for zone in report.chain] == [".", "test.", "alg13.test."]
    # Per zone and server: DNSKEY, SOA, NS, NSEC3PARAM over UDP and SOA over TCP; NS addresses;
    # the referral and DS queries at each parent server; and for each server of the checked zone
    # only, its CDS, CDNSKEY and MX and the behaviour probes of probes.py (six queries a correct server).
    assert 40 <= report.query_count <= 100
    # Each distinct signature is verified once, although two servers serve each RRset.
    signatures = {(z["zone"], s["rrset"], s["key_tag"]) for z in report.chain for s in z["signatures"]}
    assert report.verifications == len(signatures)
    assert report.memo_hits >= report.verifications


def test_ancestors_are_cached_between_checks(python_lab, lab):
    options = lab_options(lab, PORT, cache=SharedCache())
    first = asyncio.run(check("alg13.test", options=options, now=lab.now))
    second = asyncio.run(check("alg15.test", options=options, now=lab.now))
    assert second.query_count < first.query_count
    assert second.chain[0]["cached"] and second.chain[1]["cached"] and not second.chain[2]["cached"]
    # The checked zone itself is never answered from the cache.
    third = asyncio.run(check("alg13.test", options=options, now=lab.now))
    assert not third.chain[2]["cached"]


def test_light_profile_uses_the_same_validator(python_lab, lab):
    for name in ("alg13", "expired", "unsigned", "ds-mismatch"):
        full = run_condition(lab, PORT, name)
        light = run_condition(lab, PORT, name, profile="light")
        assert light.verdict == full.verdict == CONDITIONS[name].expected_verdict
        assert light.query_count < full.query_count
    light = run_condition(lab, PORT, "nsec3", profile="light")
    assert light.chain[-1]["denial"]["type"] == "nsec3" and light.chain[-1]["denial"]["iterations"] == 0
    assert light.chain[-1]["delegated_ns"]


# Where a resolver's view depends on the one server it asks, the light profile, which asks one, can differ: a parent
# server without the DS proves its absence (insecure), and no validator asks another server about a valid proof.
LIGHT_VERDICTS = {"ds-differs-parent": "insecure"}


@pytest.mark.parametrize("condition_name", sorted(n for n, c in CONDITIONS.items() if c.trust_anchor == "default"))
def test_a_light_check_gives_the_full_checks_verdict(python_lab, lab, condition_name):
    """A light check asks one server a zone and, when that server's answers fail, the next (as a validator does), so
    that a zone broken on one server of two is not called bogus (the full profile's reading, SCHEMA.md)."""
    light = run_condition(lab, PORT, condition_name, profile="light")
    expected = LIGHT_VERDICTS.get(condition_name, CONDITIONS[condition_name].expected_verdict)
    assert light.verdict == expected


@pytest.mark.parametrize(("condition_name", "full_opt_out"), [("nsec3", False), ("nsec3-optout", True)])
def test_opt_out_is_reported_as_the_nsec3_records_showed_it(python_lab, lab, condition_name, full_opt_out):
    """A full check sees the zone's NSEC3 records in its probe name's proof; a light check sees none, and the
    NSEC3PARAM's flags never show opt-out (RFC 5155 §4.1.2): unknown, not "no"."""
    full = run_condition(lab, PORT, condition_name).chain[-1]["denial"]
    light = run_condition(lab, PORT, condition_name, profile="light").chain[-1]["denial"]
    assert (full["type"], full["source"], full["flags"], full["opt_out"]) == ("nsec3", "NSEC3PARAM", 0, full_opt_out)
    assert (light["type"], light["flags"], light["opt_out"]) == ("nsec3", 0, None)


def test_light_checks_spread_their_referrals_over_the_parent_zones_addresses(python_lab, lab):
    """In the light profile each name asks one of the TLD's two addresses, chosen by the name: a batch does not
    wait on one address's rate cap while the other is idle, and the same name always asks the same address."""

    tld = {server["address"] for server in run_condition(lab, PORT, "alg13").chain[1]["servers"]}

    def tld_servers_asked(name: str) -> set[str]:
        options = lab_options(lab, PORT, cache=None)
        report = asyncio.run(check(name, options=options, now=lab.now, profile="light"))
        return {q["server"] for q in report.queries if q["server"] in tld and q["qname"] == name}

    names = [check_name(name) for name in ("alg8", "alg13", "alg15", "alg16", "unsigned", "expired", "nsec3")]
    asked = {name: tld_servers_asked(name) for name in names}
    assert all(len(servers) == 1 for servers in asked.values()), asked
    assert len(set().union(*asked.values())) == 2, asked
    assert all(tld_servers_asked(name) == servers for name, servers in asked.items())


def test_on_event_reports_each_server_and_zone(python_lab, lab):
    events = []
    options = lab_options(lab, PORT, cache=None)
    report = asyncio.run(check("deep.alg13.test", options=options, now=lab.now, on_event=events.append))
    zones = [e["zone"] for e in events if e["event"] == "zone"]
    assert zones == [z["zone"] for z in report.chain]
    servers = {(e["zone"], e["server"]) for e in events if e["event"] == "server"}
    for zone in report.chain:
        for server in zone["servers"]:
            assert (zone["zone"], server["address"]) in servers


def test_denial_contradicting_data_at_a_checked_name(python_lab, lab):  # G5
    report = asyncio.run(check("www.denial-contradicts.test", options=lab_options(lab, PORT), now=lab.now))
    found = [f for f in report.findings if f.id == "denial_contradicts_data"]
    assert found and found[0].severity == "ERR" and found[0].evidence["qtype"] == ["AAAA"]


def test_dnskey_trust_anchor_file(python_lab, lab):
    options = lab_options(lab, PORT, anchor="dnskey", cache=None)
    report = asyncio.run(check("alg13.test", options=options, now=lab.now))
    assert report.verdict == "secure"
    root = report.chain[0]
    assert [a["type"] for a in root["trust_anchor"]] == ["DNSKEY"]
    entry = [k for k in root["dnskeys"] if k["secure_entry_point"]]
    assert [k["key_tag"] for k in entry] == [root["trust_anchor"][0]["key_tag"]]


def test_readable_report_in_colour_and_both_languages(python_lab, lab):
    report = run_condition(lab, PORT, "ds-mismatch")
    coloured = render_report(report, "ja", colour=True)
    assert "\033[1;31m" in coloured and "ds_digest_mismatch" in coloured
    english = render_report(report, "en")
    assert "\033[" not in english and "Chain of trust" in english and "Bogus" in english


def test_algorithm_rollover_never_trips_the_validation_caps(python_lab, lab):  # docs/RELIABILITY.md, S2
    report = run_condition(lab, PORT, "alg-rollover", fresh=True)
    assert report.verdict == "secure"
    assert "validation_budget_exceeded" not in {f.id for f in report.findings}
    zone = report.chain[-1]
    assert sorted({k["algorithm"] for k in zone["dnskeys"]}) == [8, 13]
    assert {s["status"] for s in zone["signatures"]} == {"valid"}
    # Two signatures over each RRset (one per algorithm), each verified once for both servers.
    signatures = {(z["zone"], s["rrset"], s["key_tag"]) for z in report.chain for s in z["signatures"]}
    assert report.verifications == len(signatures)


@pytest.mark.parametrize("condition_name", condition_params(NONEXISTENT_NAMES))
def test_a_name_that_does_not_exist(python_lab, lab, condition_name):
    assert_nonexistent_name(run_condition(lab, PORT, condition_name), condition_name)


def test_the_readable_report_says_the_name_does_not_exist(python_lab, lab):
    report = run_condition(lab, PORT, "nxdomain")
    assert (
        "xn--r8jz45g.test. は存在しません（NXDOMAIN）。入力した名前に誤りがないか確認してください。"
        in render_report(report, "ja")
    )
    assert "xn--r8jz45g.test. does not exist (NXDOMAIN)." in render_report(report, "en")


def test_a_name_below_a_dname(python_lab, lab):
    assert_dname(run_condition(lab, PORT, "dname"))


def test_an_mx_exchange_that_is_an_alias(python_lab, lab):  # J6, seen by asking the exchange itself
    report = run_condition(lab, PORT, "mx-cname")
    assert report.verdict == "secure"
    assert exact_findings(report) == {("mail_records", "ERR")}


@pytest.mark.parametrize("condition_name", WILDCARD_NAMES)
def test_a_name_expanded_from_a_wildcard(python_lab, lab, condition_name):
    assert_wildcard_name(run_condition(lab, PORT, condition_name), condition_name)


def test_published_cds_and_cdnskey_for_the_current_ksk(python_lab, lab):  # group I on a served zone
    report = run_condition(lab, PORT, "cds-published")
    assert report.verdict == "secure"
    assert not exact_findings(report)
    signed = {s["rrset"] for s in report.chain[-1]["signatures"] if s["status"] == "valid"}
    assert {"cds-published.test./CDS", "cds-published.test./CDNSKEY"} <= signed


def sent_to(report, zone_index: int) -> list[tuple[str, str]]:
    """(qname, qtype) of the queries a check sent (not answered from the cache) to one zone's servers."""
    servers = {server["address"] for server in report.chain[zone_index]["servers"]}
    return sorted((q["qname"], q["qtype"]) for q in report.queries if q["server"] in servers and not q["cached"])


def test_a_second_check_asks_the_ancestors_only_about_its_own_zone(python_lab, lab):
    """Goal 5 of issue 14: the root's and the TLD's answers the first check got are kept; the second
    asks each TLD server once, for its own zone's delegation (whose referral carries the DS), and
    the root nothing but the PTR names of its own servers' addresses (the lab's root serves
    in-addr.arpa)."""
    options = lab_options(lab, PORT, cache=SharedCache())
    asyncio.run(check("alg13.test", options=options, now=lab.now))
    second = asyncio.run(check("alg15.test", options=options, now=lab.now))
    assert [zone["zone"] for zone in second.chain] == [".", "test.", "alg15.test."]
    assert {qtype for _, qtype in sent_to(second, 0)} == {"PTR"}
    tld_servers = len(second.chain[1]["servers"])
    assert sent_to(second, 1) == [("alg15.test.", "NS")] * tld_servers
    assert second.verdict == "secure" and second.chain[2]["ds"][0]["status"] == "match"


def test_probe_names_go_only_to_the_checked_zone(python_lab, lab):
    report = asyncio.run(check("sub.nods-optout.test", options=lab_options(lab, PORT, cache=None), now=lab.now))
    assert [zone["zone"] for zone in report.chain] == [".", "test.", "nods-optout.test.", "sub.nods-optout.test."]
    probed = sorted(q["server"] for q in report.queries if q["qname"].startswith("~nx-dnssec-check."))
    assert probed == sorted(server["address"] for server in report.chain[-1]["servers"])
    assert all(q["qname"] == "~nx-dnssec-check.sub.nods-optout.test." for q in report.queries if "~nx" in q["qname"])
    # The parent's opt-out still shows, in the NSEC3 records of its DS answers for the child.
    assert ("nsec3_optout_small_zone", "NOTE", "nods-optout.test.") in {
        (f.id, f.severity, f.zone) for f in report.upstream
    }


def test_a_check_never_takes_a_kept_answer_about_its_own_zone(python_lab, lab):
    """www.alg13.test after a check below alg13.test: the referral to alg13.test and its DS are
    kept, but for the zone of the checked name they are asked afresh."""
    options = lab_options(lab, PORT, cache=SharedCache())
    asyncio.run(check("deep.alg13.test", options=options, now=lab.now))
    report = asyncio.run(check("www.alg13.test", options=options, now=lab.now))
    assert report.zone == "alg13.test." and report.verdict == "secure"
    # Kept: only the root's referral to test. (logged under the question it answers).
    root_servers = {server["address"] for server in report.chain[0]["servers"]}
    kept = [q for q in report.queries if q["cached"] and q["qname"] in ("alg13.test.", "www.alg13.test.")]
    assert sorted((q["server"], q["qname"], q["qtype"]) for q in kept) == sorted(
        (server, "www.alg13.test.", "NS") for server in root_servers
    )
    tld_servers = len(report.chain[1]["servers"])
    assert sent_to(report, 1) == [("www.alg13.test.", "NS")] * tld_servers


def own_delegation_asked(report) -> list[bool]:
    """Whether each of the TLD's answers to the check's own name came from the cache."""
    tld = {server["address"] for server in report.chain[1]["servers"]}
    return [
        q["cached"] for q in report.queries if q["server"] in tld and (q["qname"], q["qtype"]) == (report.name, "NS")
    ]


def test_checks_started_together_ask_the_root_once_for_the_tld(python_lab, lab):
    """Three checks under test. started at once (as the command line runs its names): the first asks
    each root server for its name and the others wait for that referral to test. instead of asking
    the root each; each still asks every TLD server about its own zone."""

    async def together():
        options = lab_options(lab, PORT, cache=SharedCache())
        names = ["alg8.test", "alg13.test", "alg15.test"]
        return await asyncio.gather(*(check(name, options=options, now=lab.now) for name in names))

    reports = asyncio.run(together())
    root_servers = len(reports[0].chain[0]["servers"])
    assert root_servers == 2
    asked_root = [q for r in reports for q in r.queries if q["qtype"] == "NS" and q["qname"] == r.name]
    asked_root = [q for q in asked_root if q["server"] in {s["address"] for s in reports[0].chain[0]["servers"]}]
    assert sorted((q["qname"], q["cached"]) for q in asked_root) == [
        ("alg13.test.", True),
        ("alg13.test.", True),
        ("alg15.test.", True),
        ("alg15.test.", True),
        ("alg8.test.", False),
        ("alg8.test.", False),
    ]
    for report in reports:
        assert report.verdict == "secure"
        assert own_delegation_asked(report) == [False] * len(report.chain[1]["servers"])


def test_a_check_running_at_once_never_gives_another_the_referral_to_its_own_zone(python_lab, lab):
    """alg13.test and www.alg13.test at once: www waits for alg13's question to the TLD, whose
    referral leads to www's own zone, so www asks the TLD itself (goal 5 of issue 14)."""

    async def together():
        options = lab_options(lab, PORT, cache=SharedCache())
        return await asyncio.gather(*(check(n, options=options, now=lab.now) for n in ("alg13.test", "www.alg13.test")))

    zone, www = asyncio.run(together())
    assert www.zone == "alg13.test." and www.verdict == zone.verdict == "secure"
    tld_servers = len(zone.chain[1]["servers"])
    assert own_delegation_asked(zone) == own_delegation_asked(www) == [False] * tld_servers
    assert not www.chain[2]["cached"] and not zone.chain[2]["cached"]


def test_the_answers_a_check_gets_from_its_own_zone_serve_later_checks_below_it(python_lab, lab):
    """alg13.test's own apex answers, asked afresh, are kept for checks of names below it (for
    which alg13.test is an ancestor); a later check of alg13.test itself asks again."""
    options = lab_options(lab, PORT, cache=SharedCache())
    first = asyncio.run(check("alg13.test", options=options, now=lab.now))
    assert not first.chain[2]["cached"]
    below = asyncio.run(check("sub.alg13.test", options=options, now=lab.now))
    assert [zone["zone"] for zone in below.chain] == [".", "test.", "alg13.test.", "sub.alg13.test."]
    assert below.chain[2]["cached"] and below.verdict == "secure"
    assert {qtype for _, qtype in sent_to(below, 2)} == {"NS"}  # the delegation of sub.alg13.test only
    again = asyncio.run(check("alg13.test", options=options, now=lab.now))
    assert not again.chain[2]["cached"]


@pytest.mark.parametrize(
    ("condition_name", "asked_ds"),
    [("ds-differs-parent", 0), ("delegation-differs-parent", 1), ("ds-lame-parent", 1)],
)
def test_a_parent_server_is_asked_the_ds_only_where_its_referral_lacks_it(python_lab, lab, condition_name, asked_ds):
    """Every server of the parent is asked for the delegation; a signed referral carries the DS
    RRset or the proof that there is none (RFC 4035 §3.1.4.1), so the DS is asked only of a server
    that gave no referral (ns2 answers NXDOMAIN, or REFUSED), and the parent's servers are still
    compared (A3, C6, D14)."""
    report = run_condition(lab, PORT, condition_name, fresh=True)
    parent = report.chain[-2]
    assert len(parent["servers"]) == 2
    zone = report.chain[-1]["zone"]
    sent = sent_to(report, len(report.chain) - 2)
    assert sent.count((zone, "NS")) == 2 and sent.count((zone, "DS")) == asked_ds
    assert set(CONDITIONS[condition_name].expected_findings) <= {f.id for f in report.findings}
