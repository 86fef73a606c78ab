"""One engine report, made compact: the columns of a batch's results, and their download."""

import csv
import io
import json
from functools import cache

from django.http import StreamingHttpResponse

from checker.catalog import SEVERITY_ORDER
from checker.engine.report import stored_severity

from .models import BatchName


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


# The download: one row per name, in the order sent (the API and the members' page).
RESULT_COLUMNS = (
    "position",
    "domain",
    "verdict",
    "worst_severity",
    "finding_ids",
    "algorithms",
    "ds_digest_types",
    "denial",
    "nsec3_iterations",
    "nsec3_salt_length",
    "nsec3_opt_out",
    "ns_operator",
    "error",
    "checked_at",
)


def row(name) -> dict:
    """One BatchName as a row of the download."""
    denial = name.denial or {}
    nsec3 = denial.get("type") == "nsec3"
    salt = denial.get("salt") or ""
    return {
        "position": name.position,
        "domain": name.domain,
        "verdict": name.verdict,
        "worst_severity": name.worst_severity,
        "finding_ids": name.finding_ids,
        "algorithms": name.algorithms,
        "ds_digest_types": name.ds_digest_types,
        "denial": denial.get("type", ""),
        "nsec3_iterations": denial.get("iterations") if nsec3 else None,
        "nsec3_salt_length": (0 if salt in ("", "-") else len(salt) // 2) if nsec3 else None,
        "nsec3_opt_out": denial.get("opt_out") if nsec3 else None,  # None: not seen (a light check)
        "ns_operator": name.ns_operator,
        "error": name.error,
        "checked_at": name.checked_at.isoformat() if name.checked_at else None,
    }


def _cell(value) -> str:
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "" if value is None else str(value)


def csv_lines(names):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(RESULT_COLUMNS)
    for name in names:
        writer.writerow([_cell(value) for value in row(name).values()])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_lines(names):
    yield "["
    first = True
    for name in names:
        yield ("" if first else ",") + "\n" + json.dumps(row(name), ensure_ascii=False)
        first = False
    yield "\n]\n"


def download(batch_id: int, fmt: str, filename: str):
    """A batch's results, one row per name in submitted order, streamed as JSON (`fmt` "json") or CSV."""
    names = BatchName.objects.filter(batch_id=batch_id).order_by("position").iterator(chunk_size=2000)
    if fmt == "json":
        response = StreamingHttpResponse(json_lines(names), content_type="application/json")
    else:
        response = StreamingHttpResponse(csv_lines(names), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{"json" if fmt == "json" else "csv"}"'
    return response
