"""Which pages name a checker finding id.

The knowledge base and the failure library register a lookup here; the
checker's finding pages and results read `references()` without importing
either room, so each side works and is tested while the other is absent.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FindingReference:
    kind: str  # e.g. "guideline", "failure-report"
    title: str
    url: str


Lookup = Callable[[str, str], Iterable[FindingReference]]  # (finding id, language) -> references

_lookups: dict[str, Lookup] = {}


def register(name: str, lookup: Lookup) -> None:
    _lookups[name] = lookup


def unregister(name: str) -> None:
    _lookups.pop(name, None)


def references(finding_id: str, language: str) -> list[FindingReference]:
    found = []
    for lookup in _lookups.values():
        found.extend(lookup(finding_id, language))
    return found
