"""The report of one check, and its JSON form (schema in SCHEMA.md).

A finding stores its catalog id, evidence and, only where the catalog row
allows several, its severity; the sentences that explain it are rendered from
`checker.catalog` in Japanese and English when the report is shown, so that a
corrected text reaches reports stored before the correction.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import dns.exception
import dns.name

from checker import catalog

# Report.profile: "full" asks every server everything; "light" one server per zone (api.check).
PROFILES = ("full", "light")

SCHEMA_VERSION = 2
VERDICTS = ("secure", "insecure", "bogus", "indeterminate")
LANGUAGES = ("ja", "en")


@dataclass
class Finding:
    """One finding of a report: a catalogue id with where it was seen and its evidence."""

    id: str
    severity: str | None = None  # None: the catalog row's severity (pass one only where the row has several)
    zone: str | None = None
    server: str | None = None
    transport: str | None = None
    evidence: dict = field(default_factory=dict)
    servers: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.severity is None:
            self.severity = catalog.get(self.id).severity

    def merge_key(self) -> tuple:
        return (self.id, self.severity, self.zone, self.transport, repr(sorted(self.evidence.items())))

    def to_dict(self) -> dict:
        data = {"id": self.id}
        if _severity_varies(self.id):
            data["severity"] = self.severity
        data.update(
            zone=self.zone,
            server=self.server,
            servers=self.servers or ([self.server] if self.server else []),
            transport=self.transport,
            evidence=self.evidence,
        )
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """A finding of a stored report (either schema version)."""
        return cls(
            data["id"],
            data.get("severity"),
            zone=data.get("zone"),
            server=data.get("server"),
            transport=data.get("transport"),
            evidence=data.get("evidence") or {},
            servers=list(data.get("servers") or ()),
        )

    def texts(self, lang: str) -> dict:
        """Title, message, why and fix in `lang`, rendered from the catalog now."""
        return render(self.id, lang, display_evidence(self))


def _severity_varies(finding_id: str) -> bool:
    try:
        return len(catalog.get(finding_id).severities) > 1
    except KeyError:  # an id the catalog does not know yet keeps the severity it was given
        return True


DIGEST_NAMES = {
    0: "NULL",
    1: "SHA-1",
    2: "SHA-256",
    3: "GOST R 34.11-94",
    4: "SHA-384",
    5: "GOST R 34.11-2012",
    6: "SM3",
}
SECONDS_KEYS = (
    "remaining",
    "duration",
    "margin",
    "required_wait",
    "published_for",
    "elapsed",
    "previous_remaining",
    "gap",
)
NAME_KEYS = ("name", "qname")


def _algorithm_text(value):
    if isinstance(value, (list, tuple)):
        return [_algorithm_text(v) for v in value]
    if not isinstance(value, int):
        return value
    import dns.dnssec

    mnemonic = dns.dnssec.algorithm_to_text(value)
    return f"{value} ({mnemonic})" if mnemonic != str(value) else str(value)


def _digest_text(value):
    if isinstance(value, (list, tuple)):
        return [_digest_text(v) for v in value]
    if not isinstance(value, int):
        return value
    return f"{value} ({DIGEST_NAMES[value]})" if value in DIGEST_NAMES else str(value)


def _duration_text(seconds) -> str:
    if not isinstance(seconds, (int, float)):
        return seconds
    seconds = int(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h" if hours else f"{sign}{days} d"
    if hours:
        return f"{sign}{hours} h {minutes} min" if minutes else f"{sign}{hours} h"
    if minutes:
        return f"{sign}{minutes} min {seconds} s" if seconds else f"{sign}{minutes} min"
    return f"{sign}{seconds} s"


def _unicode_name(text: str) -> str:
    """例え.test. (xn--r8jz45g.test.): an IDN as its reader typed it, with the name the servers were asked."""
    try:
        shown = dns.name.from_text(text).to_unicode()
    except (dns.exception.DNSException, UnicodeError):
        return text
    return f"{shown} ({text})" if shown != text else text


def display_evidence(finding: Finding) -> dict:
    """Evidence shaped for the catalog's placeholders (mnemonics, durations, zone and servers)."""
    shown = dict(finding.evidence)
    shown.setdefault("zone", finding.zone)
    if finding.server:
        shown.setdefault("server", finding.server)
    shown.setdefault("servers", finding.servers or ([finding.server] if finding.server else None))
    if "algorithm" in shown:
        shown["algorithm"] = _algorithm_text(shown["algorithm"])
    if "digest_type" in shown:
        shown["digest_type"] = _digest_text(shown["digest_type"])
    for key in SECONDS_KEYS:
        if key in shown:
            shown[key] = _duration_text(shown[key])
    for key in NAME_KEYS:
        if isinstance(shown.get(key), str) and "xn--" in shown[key]:
            shown[key] = _unicode_name(shown[key])
    if "parent" not in shown and finding.zone and finding.zone != ".":
        zone = finding.zone.rstrip(".")
        shown["parent"] = zone.split(".", 1)[1] + "." if "." in zone else "."
    return shown


def render(finding_id: str, lang: str, evidence: dict) -> dict:
    """The catalog's texts for a finding; the bare id while the catalog lacks it."""
    try:
        return catalog.render(finding_id, lang, evidence)
    except Exception:  # an id or field the catalog does not know yet
        return {"title": finding_id, "message": "", "why": "", "fix": ""}


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per fact: the same finding from several servers lists them all."""
    merged: dict[tuple, Finding] = {}
    for finding in findings:
        key = finding.merge_key()
        known = merged.get(key)
        if known is None:
            finding.servers = finding.servers or ([finding.server] if finding.server else [])
            merged[key] = finding
        elif finding.server and finding.server not in known.servers:
            known.servers.append(finding.server)
    return sorted(merged.values(), key=lambda f: (catalog.severity_rank(f.severity), f.zone or "", f.id))


@functools.lru_cache(maxsize=4096)
def iso(timestamp: int | float | None) -> str | None:
    if timestamp is None:
        return None
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Report:
    """Everything one check found; `to_dict()` is the versioned JSON form."""

    query: str
    name: str
    profile: str
    now: int
    verdict: str = "indeterminate"
    zone: str | None = None  # None when the walk stopped above the name's zone
    is_apex: bool | None = True  # None when the walk stopped above the name's zone
    name_exists: bool | None = None
    findings: list[Finding] = field(default_factory=list)
    upstream: list[Finding] = field(default_factory=list)  # ancestor zones' own problems
    chain: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    queries: list[dict] = field(default_factory=list)
    query_count: int = 0
    verifications: int = 0
    memo_hits: int = 0
    timings: dict = field(default_factory=dict)

    def severities(self) -> set[str]:
        return {finding.severity for finding in self.findings}

    @property
    def has_errors(self) -> bool:
        return bool(self.severities() & {"CRIT", "ERR"})

    def to_dict(self) -> dict:
        by_server: dict[str, list[dict]] = {}
        for entry in self.queries:
            by_server.setdefault(entry["server"], []).append(entry)
        return {
            "schema_version": SCHEMA_VERSION,
            "query": self.query,
            "name": self.name,
            "zone": self.zone,
            "is_apex": self.is_apex,
            "name_exists": self.name_exists,
            "profile": self.profile,
            "now": iso(self.now),
            "verdict": self.verdict,
            "findings": [finding.to_dict() for finding in self.findings],
            "upstream": [finding.to_dict() for finding in self.upstream],
            "chain": self.chain,
            "answers": self.answers,
            "servers": [{"server": server, "queries": entries} for server, entries in by_server.items()],
            "query_count": self.query_count,
            "verifications": self.verifications,
            "memo_hits": self.memo_hits,
            "timings": self.timings,
        }


def stored_severity(finding: dict) -> str:
    """The severity of a finding of a stored report: version 1 always has one, version 2 only
    where the catalog row has several."""
    return finding.get("severity") or catalog.get(finding["id"]).severity


def stored_texts(finding: dict, lang: str) -> dict:
    """The texts of a finding of a stored report, rendered from today's catalog so that a corrected
    text reaches old reports; a version-1 finding whose id the catalog no longer knows keeps the
    texts stored with it."""
    if finding["id"] not in catalog.ids() and finding.get("messages"):
        return finding["messages"].get(lang) or render(finding["id"], lang, {})
    return Finding.from_dict(finding).texts(lang)
