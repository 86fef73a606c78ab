"""The checker's findings catalogue: ids, severities and bilingual texts.

Pure data plus a renderer; stdlib only (no Django), so the engine's command line
can import it cheaply. The data lives in findings.toml beside this file and is
parsed once, on first use.
"""

from __future__ import annotations

import marshal
import os
import string
import sys
import zlib
from dataclasses import dataclass
from functools import cache

__all__ = [
    "Finding",
    "Text",
    "SEVERITY_ORDER",
    "VERDICTS",
    "LANGUAGES",
    "get",
    "all_findings",
    "ids",
    "render",
    "severity_label",
    "severity_rank",
    "severity_description",
    "verdict_label",
    "verdict_description",
    "placeholder_names",
]

SEVERITY_ORDER = ("CRIT", "ERR", "WARN", "NOTE", "INFO")
VERDICTS = ("secure", "insecure", "bogus", "indeterminate")
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "en"
MISSING_VALUE = "?"

_CATALOG_PATH = os.path.join(os.path.dirname(__file__), "findings.toml")  # os.path: pathlib costs a start-up 1 ms


@dataclass(frozen=True, slots=True)
class Text:
    """One text in both languages."""

    ja: str
    en: str

    def in_language(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, slots=True)
class Finding:
    """One row of the catalogue: its id, severities and texts in both languages."""

    id: str
    number: str  # "D3"
    group: str  # "D"
    severity: str  # default severity, one of SEVERITY_ORDER
    severities: tuple[str, ...]  # every severity the row may take; default first
    severity_rule: Text | None  # how to choose among `severities` (None when only one)
    title: Text
    message: Text  # template with {placeholders}
    why: Text
    fix: Text  # may also use {placeholders}
    placeholders: tuple[str, ...]
    rfc: tuple[str, ...]
    dnsviz: str
    zonemaster: str
    new: bool  # no peer checker reports it
    observable: bool  # False: cannot be seen from outside in one check
    unobservable_reason: Text | None
    stateful: bool  # needs repeated checks over time (group K)
    stateful_reason: Text | None


def _text(table: dict | None) -> Text | None:
    if table is None:
        return None
    return Text(ja=table["ja"], en=table["en"])


def _finding(finding_id: str, row: dict) -> Finding:
    severity = row["severity"]
    return Finding(
        id=finding_id,
        number=row["number"],
        group=row["group"],
        severity=severity,
        severities=tuple(row.get("severities", (severity,))),
        severity_rule=_text(row.get("severity_rule")),
        title=_text(row["title"]),
        message=_text(row["message"]),
        why=_text(row["why"]),
        fix=_text(row["fix"]),
        placeholders=tuple(row.get("placeholders", ())),
        rfc=tuple(row.get("rfc", ())),
        dnsviz=row.get("dnsviz", ""),
        zonemaster=row.get("zonemaster", ""),
        new=row.get("new", False),
        observable=row.get("observable", True),
        unobservable_reason=_text(row.get("unobservable_reason")),
        stateful=row.get("stateful", False),
        stateful_reason=_text(row.get("stateful_reason")),
    )


@dataclass(frozen=True, slots=True)
class _Catalog:
    """The catalogue as loaded once a process."""

    rows: dict[str, bytes]  # the TOML rows in marshal form, in catalogue order
    severity_labels: dict[str, dict]
    verdict_labels: dict[str, dict]
    placeholder_names: dict[str, str]
    built: dict[str, Finding]  # each row made a Finding on first use: a run needs a few of them


_CACHE_FORMAT = "r2"  # changed when what the cache holds changes (r2: each row in marshal form)


def _cache_path(raw: bytes) -> str:
    key = f"{len(raw)}-{zlib.crc32(raw):08x}-{sys.implementation.cache_tag}-m{marshal.version}-{_CACHE_FORMAT}"
    return os.path.join(os.path.dirname(_CATALOG_PATH), "__pycache__", f"findings-{key}.marshal")


def _load_data(use_cache: bool = True) -> dict:
    """The parsed TOML, each finding's row in marshal form (`get` reads the few a run needs: loading
    all of them took 3 ms of a command line's check). Parsing takes about 30 ms, so the result is
    kept as a marshal file keyed by the TOML's size and CRC (0.3 ms to load); a missing, stale or
    unwritable cache only costs the parse."""
    with open(_CATALOG_PATH, "rb") as toml:
        raw = toml.read()
    if use_cache:
        cached = _cache_path(raw)
        try:
            with open(cached, "rb") as kept:
                return marshal.load(kept)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    import tomllib  # only needed when the cache misses: saves about 2 ms of imports

    data = tomllib.loads(raw.decode("utf-8"))
    data["findings"] = {finding_id: marshal.dumps(row) for finding_id, row in data["findings"].items()}
    if not use_cache:
        return data
    try:
        folder = os.path.dirname(cached)
        os.makedirs(folder, exist_ok=True)
        for stale in os.listdir(folder):
            if stale.startswith("findings-") and stale.endswith(".marshal"):
                try:
                    os.remove(os.path.join(folder, stale))
                except FileNotFoundError:  # another process removed it first
                    pass
        partial = f"{cached}.{os.getpid()}.tmp"
        with open(partial, "wb") as out:
            marshal.dump(data, out)
        os.replace(partial, cached)
    except OSError:
        pass
    return data


@cache
def _catalog() -> _Catalog:
    data = _load_data()
    return _Catalog(
        rows=data["findings"],
        severity_labels=data["labels"]["severity"],
        verdict_labels=data["labels"]["verdict"],
        placeholder_names=data.get("placeholders", {}),
        built={},
    )


def get(finding_id: str) -> Finding:
    catalog = _catalog()
    finding = catalog.built.get(finding_id)
    if finding is None:
        try:
            row = catalog.rows[finding_id]
        except KeyError:
            raise KeyError(f"unknown finding id {finding_id!r} (not in checker/catalog/findings.toml)") from None
        finding = catalog.built[finding_id] = _finding(finding_id, marshal.loads(row))
    return finding


def all_findings() -> list[Finding]:
    return [get(finding_id) for finding_id in _catalog().rows]


def ids() -> frozenset[str]:
    return frozenset(_catalog().rows)


def placeholder_names() -> dict[str, str]:
    """Every placeholder the templates use, with what the engine must put in it."""
    return dict(_catalog().placeholder_names)


def _plain(value) -> str:
    if value is None:
        return MISSING_VALUE
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ", ".join(_plain(item) for item in items) or MISSING_VALUE
    return str(value)


class _EvidenceFormatter(string.Formatter):
    """str.format that never raises on evidence: unknown names become "?"."""

    def get_value(self, key, args, kwargs):
        value = kwargs.get(key) if isinstance(key, str) else None
        return MISSING_VALUE if value is None else value

    def get_field(self, field_name, args, kwargs):
        # Templates use bare names only; attribute or index access would let
        # evidence reach into objects, so it is rendered as missing.
        if not field_name.isidentifier():
            return MISSING_VALUE, field_name
        return self.get_value(field_name, args, kwargs), field_name

    def format_field(self, value, format_spec):
        return _plain(value)

    def convert_field(self, value, conversion):
        return value


_FORMATTER = _EvidenceFormatter()


def _fill(template: str, evidence: dict) -> str:
    try:
        pieces = list(_FORMATTER.parse(template))
        out = []
        for index, (literal, field_name, _, _) in enumerate(pieces):
            out.append(literal)
            if field_name is None:
                continue
            value = _FORMATTER.format_field(_FORMATTER.get_field(field_name, (), evidence)[0], "")
            following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
            if value.endswith(".") and following.startswith("."):
                # An absolute name ("example.jp.") ending a sentence: one full stop, not "..".
                value = value[:-1]
            out.append(value)
        return "".join(out)
    except (ValueError, IndexError):  # a malformed template must not break a report
        return template


def render(finding_id: str, lang: str, evidence: dict | None = None) -> dict[str, str]:
    """Title, message, why and fix of one finding in `lang` ("ja" or "en"; else "en")."""
    finding = get(finding_id)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    evidence = evidence or {}
    return {
        "title": finding.title.in_language(lang),
        "message": _fill(finding.message.in_language(lang), evidence),
        "why": _fill(finding.why.in_language(lang), evidence),
        "fix": _fill(finding.fix.in_language(lang), evidence),
    }


def _label(table: dict[str, dict], key: str, lang: str, field: str | None = None) -> str:
    entry = table.get(key)
    if entry is None:
        return key
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return (entry[field] if field else entry)[lang]


def severity_label(sev: str, lang: str) -> str:
    return _label(_catalog().severity_labels, sev, lang)


def severity_rank(sev: str) -> int:
    """Position in SEVERITY_ORDER (worst first); an unknown value sorts last."""
    return SEVERITY_ORDER.index(sev) if sev in SEVERITY_ORDER else len(SEVERITY_ORDER)


def severity_description(sev: str, lang: str) -> str:
    return _label(_catalog().severity_labels, sev, lang, "description")


def verdict_label(verdict: str, lang: str) -> str:
    return _label(_catalog().verdict_labels, verdict, lang)


def verdict_description(verdict: str, lang: str) -> str:
    return _label(_catalog().verdict_labels, verdict, lang, "description")
