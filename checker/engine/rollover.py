"""Group K across two runs of one zone: key rollover timing (RFC 7583) judged from two successive reports.

Plain Python over stored reports (schema version 2). A rule fires only when the interval between the runs
proves the violation: whatever happened between them, the change came too soon. The intervals no check can
observe (Dprp, the propagation delay to every secondary; Dsgn, the signer's delay before a new key signs
everything) take the stated `Assumptions`, which the finding names; with the default of 0 s the proof rests
on the TTLs the zone published and the gap alone. When a key or DS change is seen and the gap is too long to
prove anything either way, the rule is "not judged at this check interval" (`Judgement.unjudged`).

  K1 zsk_retired_too_early  a ZSK that signed at the earlier run is gone at the later one:
                            violation proven when gap < Iret = Dsgn + Dprp + TTLsig
  K2 zsk_used_too_early     a ZSK absent at the earlier run signs at the later one:
                            violation proven when gap < Ipub = Dprp + TTLkey
  K3 ksk_ds_timing          the DS set moved to a KSK that was not published at the earlier run:
                            proven when gap < IpubC = DprpC + TTLkey; or the old KSK was removed together
                            with its DS: proven when gap < Iret = DprpP + TTLds
  K4 resign_lag             no signature was renewed between the runs and the earliest one expires before
                            a check one interval later could see a renewal outlive its TTL: remaining < gap + TTL
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Assumptions:
    propagation: int = 0  # Dprp (and DprpP, DprpC), seconds
    signing: int = 0  # Dsgn, seconds


@dataclass
class Judgement:
    findings: list[dict] = field(default_factory=list)  # report findings (id, zone, evidence) for the later run
    unjudged: list[dict] = field(default_factory=list)  # {id, zone, gap, required_wait}: the gap proves nothing


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _zone(report: dict) -> dict | None:
    return next((zone for zone in report.get("chain") or [] if zone.get("zone") == report.get("zone")), None)


def _parent(report: dict) -> dict | None:
    zone = _zone(report)
    if zone is None:
        return None
    return next((entry for entry in report.get("chain") or [] if entry.get("zone") == zone.get("parent")), None)


def _keys(zone: dict, role: str) -> dict[tuple, dict]:
    return {(k["key_tag"], k["algorithm"]): k for k in zone.get("dnskeys") or [] if k.get("role") == role}


def _signatures_by(zone: dict, key: tuple, exclude_dnskey: bool = True) -> list[dict]:
    return [
        sig
        for sig in zone.get("signatures") or []
        if (sig["key_tag"], sig["algorithm"]) == key
        and sig.get("status") == "valid"
        and not (exclude_dnskey and sig["rrset"].endswith("/DNSKEY"))
    ]


def _ttl_of(zone: dict | None, rrset: str) -> int | None:
    """The TTL of `rrset` (`owner/TYPE`) as its signatures in `zone`'s entry carry it (their original TTL)."""
    ttls = [
        sig["original_ttl"]
        for sig in (zone or {}).get("signatures") or []
        if sig["rrset"] == rrset and sig.get("original_ttl") is not None
    ]
    return max(ttls, default=None)


def _ds_keys(zone: dict) -> set[tuple]:
    return {(ds["key_tag"], ds["algorithm"]) for ds in zone.get("ds") or [] if ds.get("source", "parent") == "parent"}


def judge(earlier: dict, later: dict, assumptions: Assumptions = Assumptions()) -> Judgement:
    """Group K findings of `later`, judged against `earlier` (two runs of the same zone, in time order)."""
    out = Judgement()
    before, after = _zone(earlier), _zone(later)
    t0, t1 = _time(earlier.get("now")), _time(later.get("now"))
    if before is None or after is None or t0 is None or t1 is None or before["zone"] != after["zone"] or t1 <= t0:
        return out
    zone = after["zone"]
    gap = int((t1 - t0).total_seconds())
    common = {"earlier_check": earlier["now"], "later_check": later["now"], "gap": gap, **_assumed(assumptions)}

    def decide(finding_id, required, evidence):
        if gap < required:
            out.findings.append(
                {"id": finding_id, "zone": zone, "evidence": {**evidence, **common, "required_wait": required}}
            )
        else:
            out.unjudged.append({"id": finding_id, "zone": zone, "gap": gap, "required_wait": required})

    key_ttl = _ttl_of(before, f"{zone}/DNSKEY") or _ttl_of(after, f"{zone}/DNSKEY") or 0
    # K1: a ZSK that signed data at the earlier run is gone.
    zsk_before, zsk_after = _keys(before, "ZSK"), _keys(after, "ZSK")
    for key in sorted(set(zsk_before) - set(zsk_after)):
        used = _signatures_by(before, key)
        if not used:
            continue  # never seen signing: its signatures cannot be cached
        ttl_sig = max(sig.get("original_ttl") or 0 for sig in used)
        decide(
            "zsk_retired_too_early",
            assumptions.signing + assumptions.propagation + ttl_sig,
            {"key_tag": key[0], "algorithm": key[1], "last_used": earlier["now"], "ttl": ttl_sig},
        )
    # K2: a ZSK unpublished at the earlier run signs data at the later one.
    for key in sorted(set(zsk_after) - set(zsk_before)):
        if not _signatures_by(after, key):
            continue  # published ahead of use: a correct pre-publication so far
        decide(
            "zsk_used_too_early",
            assumptions.propagation + key_ttl,
            {"key_tag": key[0], "algorithm": key[1], "published_for": gap, "ttl": key_ttl},
        )
    # K3: the DS set moved.
    ds_before, ds_after = _ds_keys(before), _ds_keys(after)
    if ds_before != ds_after:
        ksk_before, ksk_after = set(_keys(before, "KSK")), set(_keys(after, "KSK"))
        new_ds = ds_after - ds_before
        removed_ds = ds_before - ds_after
        unpublished = sorted(key for key in new_ds if key not in ksk_before)
        if unpublished and removed_ds:
            # DS changed to a KSK that resolvers holding the earlier DNSKEY set do not know.
            decide(
                "ksk_ds_timing",
                assumptions.propagation + key_ttl,
                {
                    "key_tag": unpublished[0][0],
                    "algorithm": unpublished[0][1],
                    "elapsed": gap,
                    "ttl": key_ttl,
                    "case": "ds_before_key",
                },
            )
        gone_with_ds = sorted(key for key in removed_ds if key in ksk_before and key not in ksk_after)
        if gone_with_ds:
            # The old KSK left together with its DS: resolvers holding the old DS find no key.
            ds_ttl = _ttl_of(_parent(earlier), f"{zone}/DS") or 0
            decide(
                "ksk_ds_timing",
                assumptions.propagation + ds_ttl,
                {
                    "key_tag": gone_with_ds[0][0],
                    "algorithm": gone_with_ds[0][1],
                    "elapsed": gap,
                    "ttl": ds_ttl,
                    "case": "key_before_ds",
                },
            )
    # K4: nothing was re-signed, and the earliest signature runs out before the next check could see a fix.
    signed_before = {_signature_key(sig) for sig in before.get("signatures") or [] if sig.get("status") == "valid"}
    signed_after = {_signature_key(sig) for sig in after.get("signatures") or [] if sig.get("status") == "valid"}
    expires = _time(after.get("earliest_expiration"))
    if signed_after and signed_after <= signed_before and expires is not None:
        remaining = int((expires - t1).total_seconds())
        previous = int((expires - t0).total_seconds())
        ttl = max((sig.get("original_ttl") or 0 for sig in after.get("signatures") or []), default=0)
        if remaining < gap + ttl:
            out.findings.append(
                {
                    "id": "resign_lag",
                    "zone": zone,
                    "evidence": {"previous_remaining": previous, "remaining": remaining, "ttl": ttl, **common},
                }
            )
    return out


def _signature_key(sig: dict) -> tuple:
    return (sig["rrset"], sig["key_tag"], sig["algorithm"], sig["inception"], sig["expiration"])


def _assumed(assumptions: Assumptions) -> dict:
    return {"assumed_propagation": assumptions.propagation, "assumed_signing": assumptions.signing}
