"""Every lab condition, served by Knot DNS on port 53 (marker `lab`)."""

import pytest

from checker.engine.cli import EXIT_OK, exit_status
from checker.engine.text import render_report
from checker.lab import CONDITIONS, LAB_WIDE_FINDINGS

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
    condition_params,
    exact_findings,
    run_condition,
)

pytestmark = pytest.mark.lab


@pytest.mark.parametrize("condition_name", condition_params())
def test_condition(real_lab, lab, condition_name):
    assert_condition(run_condition(lab, 53, condition_name), condition_name)


@pytest.mark.parametrize("condition_name", GOOD_CONDITIONS)
def test_good_zones_have_no_error(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]


@pytest.mark.parametrize("condition_name", condition_params(NONEXISTENT_NAMES))
def test_a_name_that_does_not_exist(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert_nonexistent_name(report, condition_name, server_findings=frozenset({"version_disclosure"}))


def test_a_name_below_a_dname(real_lab, lab):
    assert_dname(run_condition(lab, 53, "dname"), server_findings=frozenset({"version_disclosure"}))


def test_an_mx_exchange_that_is_an_alias(real_lab, lab):  # J6, seen by asking the exchange itself
    report = run_condition(lab, 53, "mx-cname")
    assert report.verdict == "secure"
    assert exact_findings(report, frozenset({"version_disclosure"})) == {("mail_records", "ERR")}


@pytest.mark.parametrize("condition_name", WILDCARD_NAMES)
def test_a_name_expanded_from_a_wildcard(real_lab, lab, condition_name):
    assert_wildcard_name(run_condition(lab, 53, condition_name), condition_name, frozenset({"version_disclosure"}))


@pytest.mark.parametrize("condition_name", EXACT_CONDITIONS)
def test_a_delegation_cds_or_zone_data_condition_shows_exactly_its_findings(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert_exact_condition(report, condition_name, frozenset({"version_disclosure"}))


def test_published_cds_and_cdnskey_for_the_current_ksk(real_lab, lab):  # group I on a served zone
    report = run_condition(lab, 53, "cds-published")
    assert report.verdict == "secure"
    assert not exact_findings(report, frozenset({"version_disclosure"}))
    signed = {s["rrset"] for s in report.chain[-1]["signatures"] if s["status"] == "valid"}
    assert {"cds-published.test./CDS", "cds-published.test./CDNSKEY"} <= signed


def _findings(report, finding_id):
    return [finding for finding in report.findings if finding.id == finding_id]


# Issue 13, item 7: one bad server (ns2) of two is no bogus zone. Every finding beside the lab's
# own: (id, severity, the RRsets it is about or None); each names ns2 only.
APEX_RRSETS = ("@/SOA", "@/NS", "@/NSEC", "www/NSEC")  # what a check of the apex fetches, signed
ONE_BAD_SERVER = {
    # Data signatures only: the DNSKEY RRset of ns2 validates.
    "expired-one-server": {("rrsig_expired", "ERR", APEX_RRSETS)},
    "notyet-one-server": {("rrsig_not_yet_valid", "ERR", APEX_RRSETS)},
    # A stale secondary: the DNSKEY RRset's signature has expired too, so ns2 has no secure entry point.
    "stale-secondary": {
        ("rrsig_expired", "ERR", ("@/DNSKEY",) + APEX_RRSETS),
        ("no_secure_entry_point", "ERR", None),
        ("ds_key_not_signing_dnskey", "ERR", None),
    },
    "notyet-secondary": {
        ("rrsig_not_yet_valid", "ERR", ("@/DNSKEY",) + APEX_RRSETS),
        ("no_secure_entry_point", "ERR", None),
        ("ds_key_not_signing_dnskey", "ERR", None),
    },
    # The checked name is www, not an apex: its own A and AAAA answers from ns2 fail too.
    "expired-one-server-www": {("rrsig_expired", "ERR", APEX_RRSETS + ("www/A", "www/AAAA"))},
}


@pytest.mark.parametrize("condition_name", ONE_BAD_SERVER)
def test_one_bad_server_is_an_error_that_names_it_not_a_bogus_zone(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    zone = CONDITIONS[condition_name].zone
    ns1, ns2 = lab.zones[zone].addresses
    assert report.verdict == "secure"
    found: dict[tuple, set] = {}
    for finding in report.findings:
        if finding.id in LAB_WIDE_FINDINGS | {"version_disclosure"}:
            continue
        assert finding.servers == [ns2], (finding.id, finding.servers)
        found.setdefault((finding.id, finding.severity), set()).add(finding.evidence.get("rrset"))
    expected = {
        (fid, severity): {None} if rrsets is None else {_absolute(rrset, zone) for rrset in rrsets}
        for fid, severity, rrsets in ONE_BAD_SERVER[condition_name]
    }
    assert found == expected


def _absolute(relative_rrset: str, zone: str) -> str:
    owner, rdtype = relative_rrset.split("/")
    return f"{zone if owner == '@' else f'{owner}.{zone}'}/{rdtype}"


@pytest.mark.parametrize(
    ("condition_name", "finding_id"), [("expired", "rrsig_expired"), ("notyet", "rrsig_not_yet_valid")]
)
def test_a_bad_signature_on_every_server_is_critical(real_lab, lab, condition_name, finding_id):
    report = run_condition(lab, 53, condition_name)
    addresses = sorted(lab.zones[CONDITIONS[condition_name].zone].addresses)
    assert report.verdict == "bogus"
    assert {(f.severity, tuple(sorted(f.servers))) for f in _findings(report, finding_id)} == {
        ("CRIT", tuple(addresses))
    }


def test_multi_signer_model_2_is_recognised_not_a_dnskey_difference(real_lab, lab):
    report = run_condition(lab, 53, "multi-signer")
    ns1, ns2 = lab.zones["multi-signer.test."].addresses
    assert report.verdict == "secure"
    ids = {f.id for f in report.findings}
    assert not ids & {"dnskey_rrset_differs", "ds_orphan", "multi_signer_consistency"}, sorted(ids)
    (detected,) = _findings(report, "multi_signer_detected")
    assert detected.severity == "INFO"
    assert [p.split(" (")[0] for p in detected.evidence["providers"]] == [ns1, ns2]


def test_multi_signer_provider_lacking_a_zsk_is_k5(real_lab, lab):
    report = run_condition(lab, 53, "multi-signer-broken")
    zone = "multi-signer-broken.test."
    ns1, ns2 = lab.zones[zone].addresses
    zsk_a = next(
        key["key_tag"]
        for chain_zone in report.chain
        if chain_zone["zone"] == zone
        for key in chain_zone["dnskeys"]
        if key["role"] == "ZSK" and key["servers"] == [ns1]
    )
    assert report.verdict == "secure"
    assert not _findings(report, "dnskey_rrset_differs")
    (broken,) = _findings(report, "multi_signer_consistency")
    assert (broken.severity, broken.evidence) == ("ERR", {"provider": [ns2], "key_tags": [zsk_a]})


def test_ns_name_that_is_a_cname_in_both_ns_sets(real_lab, lab):
    report = run_condition(lab, 53, "ns-cname")
    (finding,) = _findings(report, "ns_is_cname")
    assert (finding.severity, finding.evidence) == (
        "ERR",
        {"ns": "alias.ns-cname.test.", "target": "ns2.ns-cname.test."},
    )
    zone = next(z for z in report.chain if z["zone"] == "ns-cname.test.")
    assert "alias.ns-cname.test." in zone["delegated_ns"] and "alias.ns-cname.test." in zone["apex_ns"]


def test_a_parents_nsec3_iterations_are_upstream_not_the_childs(real_lab, lab):
    """Issue 13, item 6: the parent's RFC 9276 breach is shown as the parent's business and counts
    neither for the clean child's findings nor for its exit status."""
    report = run_condition(lab, 53, "upstream-nsec3")
    assert report.verdict == "secure"
    assert report.zone == "child.nsec3-iterations.test."
    assert not [f for f in report.findings if f.zone != "child.nsec3-iterations.test."]
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR", "WARN")]
    parent = {(f.id, f.severity) for f in report.upstream if f.zone == "nsec3-iterations.test."}
    assert ("nsec3_iterations_nonzero", "ERR") in parent
    assert ("nsec3_salt_nonempty", "WARN") in parent
    assert exit_status([report]) == EXIT_OK
    stored = report.to_dict()
    assert {f["id"] for f in stored["upstream"]} >= {"nsec3_iterations_nonzero", "nsec3_salt_nonempty"}
    assert "nsec3_iterations_nonzero" not in {f["id"] for f in stored["findings"]}
    text = render_report(report, "ja")
    assert "上位ゾーンの問題" in text and text.index("上位ゾーンの問題") < text.index("nsec3_iterations_nonzero")
