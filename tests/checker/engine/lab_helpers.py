"""Running the engine against the lab fixtures of tests/checker/conftest.py."""

from __future__ import annotations

import asyncio

import dns.name

from checker import catalog
from checker.engine import Options, check
from checker.engine.report import display_evidence
from checker.engine.transport import SharedCache
from checker.engine.validator import Memo
from checker.lab import CONDITIONS, LAB_WIDE_FINDINGS

# These two conditions change only the www A/AAAA RRsets, which a check of the apex never
# sees (a checker cannot guess names): the name checked for them is www.<zone>.
CHECKED_AT_WWW = {"original-ttl", "ttl-mismatch"}
GOOD_CONDITIONS = ["alg8", "alg13", "alg15", "alg16", "nsec3"]
# The NSEC at www is the broken one, and a check of the apex never sees it; a check of
# www.<zone> does (test_lab_python.test_denial_contradicting_data_at_a_checked_name).
NOT_YET = {
    "denial-contradicts": "G5: the NSEC at www is only seen when www itself is checked",
}


def condition_params(names=CONDITIONS):
    """The conditions as pytest parameters; one the engine does not get right yet is a strict xfail."""
    import pytest

    params = []
    for name in names:
        if name in NOT_YET:
            params.append(pytest.param(name, marks=pytest.mark.xfail(reason=NOT_YET[name], strict=True)))
        else:
            params.append(name)
    return params


# The rows of group G that say a proof is wrong: a condition that names none of them must raise
# none (a correct wildcard, wildcard NODATA or empty non-terminal proof is no finding).
PROOF_ROWS = frozenset(
    {
        "denial_records_missing",
        "nxdomain_proof_nsec_invalid",
        "nxdomain_proof_nsec3_invalid",
        "nodata_proof_invalid",
        "denial_contradicts_data",
        "wildcard_proof_invalid",
        "insecure_delegation_proof_invalid",
        "denial_unexpected_multiple",
        "nsec3_contradicting_records",
    }
)


def lab_options(lab, port: int, anchor: str = "default", **kwargs) -> Options:
    return Options.from_files(
        str(lab.root_hints_file),
        [str(lab.trust_anchor_files[anchor])],
        lab_range=lab.network,
        port=port,
        **kwargs,
    )


def check_name(condition_name: str) -> str:
    condition = CONDITIONS[condition_name]
    return f"www.{condition.zone}" if condition_name in CHECKED_AT_WWW else condition.check_name


def run_condition(lab, port: int, condition_name: str, *, fresh: bool = False, profile: str = "full"):
    condition = CONDITIONS[condition_name]
    extra = {"cache": None, "memo": Memo()} if fresh else {"cache": SharedCache()}
    options = lab_options(lab, port, condition.trust_anchor, **extra)
    return asyncio.run(check(check_name(condition_name), options=options, now=lab.now, profile=profile))


def assert_condition(report, condition_name: str) -> None:
    condition = CONDITIONS[condition_name]
    # A condition may sit in an ancestor (a trust anchor of the root): its findings are upstream.
    ids = {finding.id for finding in report.findings + report.upstream}
    zone = dns.name.from_text(report.zone)
    for finding in report.upstream:
        above = dns.name.from_text(finding.zone)
        assert zone != above and zone.is_subdomain(above), (condition_name, finding)
    missing = condition.expected_findings - ids
    assert not missing, f"{condition_name}: missing {sorted(missing)}; got {sorted(ids)}"
    assert report.verdict == condition.expected_verdict, (condition_name, report.verdict, sorted(ids))
    unexpected = (ids & PROOF_ROWS) - condition.expected_findings
    assert not unexpected, (condition_name, sorted(unexpected))
    for finding_id, severity in condition.expected_severities:
        reported = {finding.severity for finding in report.findings if finding.id == finding_id}
        assert reported == {severity}, (condition_name, finding_id, reported)
    known = catalog.ids()
    for finding in report.findings + report.upstream:
        if finding.id in known:
            row = catalog.get(finding.id)
            assert finding.severity in row.severities, (finding.id, finding.severity, row.severities)
            # The evidence fills every placeholder of the catalog's texts.
            shown = display_evidence(finding)
            empty = [name for name in row.placeholders if shown.get(name) in (None, "", [])]
            assert not empty, (finding.id, empty)


# Issue 13, item 9: a name that does not exist. Every finding of the check beside the lab's own
# (LAB_WIDE_FINDINGS), with its severity: no not_delegated, and the proof of the name asked decides.
NONEXISTENT_NAMES = {
    "nxdomain": ("secure", {("name_not_found", "INFO")}),
    "nxdomain-nsec3": ("secure", {("name_not_found", "INFO"), ("nsec3_without_need", "INFO")}),
    "nxdomain-deep": ("secure", {("name_not_found", "INFO")}),
    "nxdomain-deep-nsec3": ("secure", {("name_not_found", "INFO"), ("nsec3_without_need", "INFO")}),
    "nxdomain-unsigned": ("insecure", {("name_not_found", "INFO"), ("zone_unsigned", "INFO")}),
    "nxdomain-proof-missing": (
        "bogus",
        {("name_not_found", "INFO"), ("denial_records_missing", "ERR"), ("chain_bogus", "CRIT")},
    ),
    "nxdomain-proof-bad": (
        "bogus",
        {("name_not_found", "INFO"), ("nxdomain_proof_nsec_invalid", "ERR"), ("chain_bogus", "CRIT")},
    ),
}


def exact_findings(report, server_findings: frozenset = frozenset()) -> set[tuple[str, str]]:
    """(id, severity) of every finding but the lab's own; `server_findings`: what the serving
    software shows on every zone (Knot tells its version)."""
    return {(f.id, f.severity) for f in report.findings if f.id not in LAB_WIDE_FINDINGS | server_findings}


def assert_nonexistent_name(report, condition_name: str, server_findings: frozenset = frozenset()) -> None:
    verdict, expected = NONEXISTENT_NAMES[condition_name]
    assert (report.name_exists, report.verdict) == (False, verdict)
    found = exact_findings(report, server_findings)
    assert found == expected, (condition_name, found ^ expected)
    assert report.to_dict()["name_exists"] is False


def assert_dname(report, server_findings: frozenset = frozenset()) -> None:
    """Issue 13, item 10: the signed DNAME and its unsigned synthesised CNAME validate; nothing else shows."""
    assert (report.verdict, report.name_exists, report.zone) == ("secure", True, "dname.test.")
    assert not exact_findings(report, server_findings)
    for entry in report.answers:
        if entry["qtype"] in ("A", "AAAA"):
            assert entry["secure"] is True
            assert entry["records"][:2] == [
                "old.dname.test. 3600 DNAME alg13.test.",
                "www.old.dname.test. 3600 CNAME www.alg13.test.",
            ]


# Conditions of the delegation, consistency, CDS/CDNSKEY and zone data rows (groups A, B, C, I, J;
# issue 22 §1): a check shows exactly the findings they name, with those severities, beside the lab's own.
EXACT_CONDITIONS = [
    "ns-one",
    "ns-shared-ip",
    "ns-parent-only",
    "ns-child-only",
    "glue-missing",
    "glue-ipv6-missing",
    "glue-mismatch",
    "glue-ipv6-extra",
    "ns-name-syntax",
    "dnskey-large",
    "cds-published",
    "cds-only",
    "cds-cdnskey-mismatch",
    "cds-rollover",
    "cds-zsk-signed",
    "cds-unknown-key",
    "cds-zsk",
    "cds-non-zone-key",
    "cds-unsigned",
    "cds-delete-mixed",
    "cds-delete",
    "cds-sha1",
    "soa-expire-short",
    "soa-refresh-short",
    "soa-mname-hidden",
    "soa-rname-syntax",
    # Two servers of the zone, or of its parent, that disagree, one of which is lame or
    # serves the parent instead (group C, A3, B4, B24, B25, D14, E1).
    "serial-differs",
    "soa-rname-differs",
    "ns-set-differs",
    "unsigned-one-server",
    "dnskey-differs-zsk",
    "dnskey-differs-ksk",
    "ds-differs-parent",
    "delegation-differs-parent",
    "denial-differs",
    "nsec3-params-differ",
    "cds-differs",
    "secondary-stale",
    "ds-lame-parent",
    "ns-serves-parent-nx",
    "ns-serves-parent-empty",
]


def assert_exact_condition(report, condition_name: str, server_findings: frozenset = frozenset()) -> None:
    condition = CONDITIONS[condition_name]
    assert report.verdict == condition.expected_verdict, (condition_name, report.verdict)
    found = exact_findings(report, server_findings)
    assert found == set(condition.expected_severities), (condition_name, found ^ set(condition.expected_severities))


# Names expanded from a wildcard: every finding beside the lab's own (secure, the name exists).
WILDCARD_NAMES = {"wildcard": set(), "wildcard-nsec3": {("nsec3_without_need", "INFO")}}


def assert_wildcard_name(report, condition_name: str, server_findings: frozenset = frozenset()) -> None:
    assert (report.verdict, report.name_exists) == ("secure", True)
    found = exact_findings(report, server_findings)
    assert found == WILDCARD_NAMES[condition_name], (condition_name, found)
