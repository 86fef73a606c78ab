"""The DNSKEY and DS sets of a watched domain across its runs: when each key and DS record was first and last
seen, when a key signed, its signatures' inception and expiration and the TTLs (plain Python over stored
reports, in time order). The history page draws and lists them; group K (checker.engine.rollover) reads the
same report fields run against run.
"""

from dataclasses import dataclass, field
from datetime import datetime

from watch.conditions import zone_entry

DNSKEY, DS = "DNSKEY", "DS"
ABSENT, PRESENT, SIGNING = 0, 1, 2  # a key (or DS record) in one run


@dataclass
class Sighting:
    """One key (`role tag/algorithm`) or DS record (`tag/algorithm/digest type`) over the runs."""

    kind: str  # DNSKEY or DS
    label: str
    first: datetime
    last: datetime
    present: list[bool] = field(default_factory=list)  # per run, in time order
    signing: list[bool] = field(default_factory=list)  # per run: the key made valid signatures (DNSKEY only)
    inception: str | None = None  # of its valid signatures in the last run it signed in: the earliest
    expiration: str | None = None  # and the latest expiration
    ttl: int | None = None  # the DNSKEY (or DS) RRset's TTL last seen (a run's signatures carry it)

    def states(self) -> list[int]:
        """Per run: SIGNING, PRESENT or ABSENT."""
        return [
            SIGNING if signing else PRESENT if present else ABSENT
            for present, signing in zip(self.present, self.signing, strict=True)
        ]


def _ttl(entry: dict | None, rrset: str) -> int | None:
    """The RRset's TTL as its signatures carry it (the signer's original TTL)."""
    ttls = [
        sig["original_ttl"]
        for sig in (entry or {}).get("signatures") or []
        if sig["rrset"] == rrset and sig.get("original_ttl") is not None
    ]
    return max(ttls, default=None)


def _parent(report: dict, entry: dict) -> dict | None:
    return next((zone for zone in report.get("chain") or [] if zone.get("zone") == entry.get("parent")), None)


def sightings(runs: list[tuple[datetime, dict]]) -> list[Sighting]:
    """Every key and DS record seen in `runs` ((the run's time, its report), in time order): keys first (KSKs
    before ZSKs), then DS records, each in the order first seen."""
    found: dict[tuple[str, str], Sighting] = {}
    for index, (moment, report) in enumerate(runs):
        entry = zone_entry(report)
        if entry is None:
            continue
        zone = entry["zone"]
        valid = [sig for sig in entry.get("signatures") or [] if sig.get("status") == "valid"]
        for key in entry.get("dnskeys") or []:
            tag = (key["key_tag"], key["algorithm"])
            own = [sig for sig in valid if (sig["key_tag"], sig["algorithm"]) == tag]
            sighting = _seen(found, DNSKEY, f"{key['role']} {tag[0]}/{tag[1]}", moment, len(runs), index)
            sighting.signing[index] = bool(own)
            if own:
                sighting.inception = min(sig["inception"] for sig in own)
                sighting.expiration = max(sig["expiration"] for sig in own)
            sighting.ttl = _ttl(entry, f"{zone}/DNSKEY") or sighting.ttl
        ds_ttl = _ttl(_parent(report, entry), f"{zone}/DS")
        for record in entry.get("ds") or []:
            if record.get("source", "parent") != "parent":
                continue
            label = f"{record['key_tag']}/{record['algorithm']}/{record['digest_type']}"
            sighting = _seen(found, DS, label, moment, len(runs), index)
            sighting.ttl = ds_ttl or sighting.ttl
    return sorted(found.values(), key=lambda s: (s.kind != DNSKEY, not s.label.startswith("KSK")))


def _seen(found, kind, label, moment, count, index) -> Sighting:
    sighting = found.get((kind, label))
    if sighting is None:
        sighting = found[(kind, label)] = Sighting(kind, label, moment, moment, [False] * count, [False] * count)
    sighting.last = moment
    sighting.present[index] = True
    return sighting
