"""One engine report, made compact: the columns of a batch's results."""

from functools import cache

from checker.catalog import SEVERITY_ORDER
from checker.engine.report import stored_severity


@cache
def _suffixes():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def operator_of(ns_names: list[str]) -> str:
    """The registrable domains (Public Suffix List) of the NS names, sorted, comma-separated."""
    domains = set()
    for name in ns_names:
        text = name.rstrip(".").lower()
        if text:
            domains.add(_suffixes().privatesuffix(text) or text)
    return ", ".join(sorted(domains))


def _algorithm_number(value) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        head = value.split(" ", 1)[0].split("(", 1)[0]
        return int(head) if head.isdigit() else None
    return None


def compact(report: dict) -> dict:
    """The fields of a BatchName from a report (checker.engine SCHEMA.md, version 2)."""
    findings = report.get("findings") or []
    severities = {stored_severity(finding) for finding in findings}
    worst = next((severity for severity in SEVERITY_ORDER if severity in severities), "")
    zone = next((entry for entry in report.get("chain") or [] if entry.get("zone") == report.get("zone")), None)
    algorithms, digest_types, denial, ns_names = set(), set(), None, []
    if zone is not None:
        algorithms = {_algorithm_number(key.get("algorithm")) for key in zone.get("dnskeys") or []} - {None}
        digest_types = {ds.get("digest_type") for ds in zone.get("ds") or [] if ds.get("source") == "parent"} - {None}
        denial = zone.get("denial")
        ns_names = zone.get("apex_ns") or zone.get("delegated_ns") or []
    return {
        "verdict": report.get("verdict") or "",
        "worst_severity": worst,
        "finding_ids": sorted({finding["id"] for finding in findings}),
        "algorithms": sorted(algorithms),
        "ds_digest_types": sorted(digest_types),
        "denial": denial,
        "ns_operator": operator_of(ns_names),
    }
