"""What a watched domain's runs say, and which of it is worth an alert: plain Python over stored reports.

`summary()` keeps of a report what the alerts compare (verdict, ERR/CRIT findings, the minimum
remaining signature validity and the largest TTL, the DNSKEY and DS sets); `problems()` judges one
run's summary against the baseline (the last run without a problem), `changes()` two successive runs.
"""

from dataclasses import dataclass
from datetime import datetime

from checker import catalog
from checker.engine.report import stored_severity

# How bad a determinate verdict is; `indeterminate` is counted apart (only so many in a row alert).
VERDICT_RANK = {"secure": 0, "insecure": 1, "bogus": 2}
INDETERMINATE = "indeterminate"
SEVERE = ("CRIT", "ERR")
K_ALERTS = ("CRIT", "ERR", "WARN")

# Condition codes, in the order an alert lists them.
VERDICT_WORSE = "verdict_worse"
NEW_SEVERE = "new_severe"
VALIDITY_LOW = "validity_low"
K_FINDING = "k_finding"
STILL_INDETERMINATE = "indeterminate"
KEYS_CHANGED = "keys_changed"
DS_CHANGED = "ds_changed"
PROBLEM_CODES = (VERDICT_WORSE, NEW_SEVERE, VALIDITY_LOW, K_FINDING, STILL_INDETERMINATE)
INFO_CODES = (KEYS_CHANGED, DS_CHANGED)


def _seconds(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def zone_entry(report: dict) -> dict | None:
    name = report.get("zone")
    return next((zone for zone in report.get("chain") or [] if zone.get("zone") == name), None)


def finding_key(finding: dict) -> str:
    return f"{finding['id']}@{finding.get('zone') or ''}"


def summary(report: dict) -> dict:
    """The facts of one report the alerts and the history compare (JSON-safe)."""
    zone = zone_entry(report) or {}
    now, earliest = _seconds(report.get("now")), _seconds(zone.get("earliest_expiration"))
    ttls = [sig["original_ttl"] for sig in zone.get("signatures") or [] if sig.get("original_ttl") is not None]
    findings = report.get("findings") or []
    return {
        "verdict": report.get("verdict", ""),
        # Group K findings alert as such, not twice.
        "severe": sorted({finding_key(f) for f in findings if stored_severity(f) in SEVERE and _group(f["id"]) != "K"}),
        # Group K's rollover timing faults (not K6's INFO, a multi-signer set-up seen).
        "k": sorted({finding_key(f) for f in findings if _group(f["id"]) == "K" and stored_severity(f) in K_ALERTS}),
        "min_validity": int((earliest - now).total_seconds()) if now and earliest else None,
        "max_ttl": max(ttls, default=None),
        "dnskeys": sorted(f"{key['role']} {key['key_tag']}/{key['algorithm']}" for key in zone.get("dnskeys") or []),
        "ds": sorted(
            f"{ds['key_tag']}/{ds['algorithm']}/{ds['digest_type']}"
            for ds in zone.get("ds") or []
            if ds.get("source", "parent") == "parent"
        ),
        # RFC 8901 multi-signer set-ups over time: K5 (providers' key sets disagree) or K6 (a set-up seen), else None.
        "multi_signer": _multi_signer({f["id"] for f in findings}),
        # ZSKs published without signing anything: one pre-published or not yet removed, a ZSK rollover under way
        # (a report without `signs`, older than the field, says nothing).
        "idle_zsks": sorted(
            f"ZSK {key['key_tag']}/{key['algorithm']}"
            for key in zone.get("dnskeys") or []
            if key.get("role") == "ZSK" and key.get("signs") == []
        ),
    }


def _multi_signer(ids: set[str]) -> str | None:
    if "multi_signer_consistency" in ids:
        return "inconsistent"
    return "consistent" if "multi_signer_detected" in ids else None


def mid_rollover(current: dict, changed: list) -> bool:
    """A rollover is under way: the DNSKEY or DS set just changed, or a ZSK is published without signing."""
    return bool(changed or current.get("idle_zsks"))


def _group(finding_id: str) -> str:
    try:
        return catalog.get(finding_id).group
    except KeyError:
        return ""


@dataclass(frozen=True)
class Condition:
    code: str
    detail: dict  # the facts the message names (finding keys, seconds, verdicts, sets)

    def to_dict(self) -> dict:
        return {"code": self.code, **self.detail}


def validity_floor(current: dict, threshold_seconds: int) -> int:
    """Below this many seconds of remaining validity a zone alerts: the threshold, or its largest TTL if longer
    (a resolver may keep a signature that long)."""
    return max(threshold_seconds, current.get("max_ttl") or 0)


def problems(baseline: dict | None, current: dict, *, threshold_seconds: int) -> list[Condition]:
    """The problems of `current` measured against `baseline` (None for a first run: only absolute ones)."""
    found = []
    before = (baseline or {}).get("verdict")
    if before in VERDICT_RANK and VERDICT_RANK.get(current["verdict"], -1) > VERDICT_RANK[before]:
        found.append(Condition(VERDICT_WORSE, {"before": before, "after": current["verdict"]}))
    if baseline is not None:
        new = sorted(set(current["severe"]) - set(baseline["severe"]))
        if new:
            found.append(Condition(NEW_SEVERE, {"findings": new}))
    remaining = current.get("min_validity")
    if remaining is not None and remaining < validity_floor(current, threshold_seconds):
        found.append(
            Condition(VALIDITY_LOW, {"remaining": remaining, "floor": validity_floor(current, threshold_seconds)})
        )
    new_k = sorted(set(current.get("k", [])) - set((baseline or {}).get("k", [])))
    if new_k:
        found.append(Condition(K_FINDING, {"findings": new_k}))
    return found


def delta(before, after) -> dict:
    """What one set gained and lost between two runs, sorted."""
    return {"added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after))}


def changes(previous: dict | None, current: dict) -> list[Condition]:
    """DNSKEY and DS set changes between two successive runs: a rollover started or finished."""
    if previous is None:
        return []
    found = []
    for code, field in ((KEYS_CHANGED, "dnskeys"), (DS_CHANGED, "ds")):
        changed = delta(previous[field], current[field])
        if changed["added"] or changed["removed"]:
            found.append(Condition(code, changed))
    return found
