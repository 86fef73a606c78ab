"""The catalog rows of groups D, E, F and H, turned into findings.

The chain of trust (`chain.py`) decides the verdict; these functions explain
it.  Each takes what was observed (signature checks, DNSKEY and DS records)
and appends `Finding`s with the catalog id, a severity and the evidence.
"""

from __future__ import annotations

import base64
import struct

import dns.name
import dns.rdatatype

from . import policy
from .names import name_text
from .report import Finding, iso
from .validator import REVOKE_FLAG, SEP_FLAG, ZONE_FLAG, RRsetCheck, crypto_supports, key_tag

DEFINED_DNSKEY_FLAGS = ZONE_FLAG | REVOKE_FLAG | SEP_FLAG

# Expected public key and signature lengths in octets (catalog E4, F18).
KEY_LENGTHS = {12: 64, 13: 64, 14: 96, 15: 32, 16: 57}
SIGNATURE_LENGTHS = {12: 64, 13: 64, 14: 96, 15: 64, 16: 114}
RSA_ALGORITHMS = {1, 5, 7, 8, 10}
RSA_LIMITS = {1: (512, 4096), 5: (512, 4096), 7: (512, 4096), 8: (512, 4096), 10: (1024, 4096)}
RSA_RECOMMENDED_BITS = 2048
# Signature faults graded by what a validator can still use: CRIT when no signature over the
# RRset validates, on this server (here) or on any other (chain.grade_by_servers); ERR otherwise.
SERVER_GRADED = frozenset({"rrsig_invalid", "rrsig_expired", "rrsig_not_yet_valid"})
# A server whose DNSKEY RRset has no secure entry point: CRIT when no server's has one, ERR
# (naming the server) when another server's has (chain.grade_by_servers).
ENTRY_GRADED = frozenset(
    {"no_secure_entry_point", "trust_anchor_not_signing", "ds_orphan", "ds_key_not_signing_dnskey"}
)


def _text(name: dns.name.Name) -> str:
    return name_text(name)


def rsa_modulus_bits(key) -> int | None:
    """The RSA modulus length of a DNSKEY (RFC 3110 §2), or None if unreadable."""
    data = key.key
    if not data:
        return None
    if data[0] == 0:
        if len(data) < 3:
            return None
        exponent_length = struct.unpack("!H", data[1:3])[0]
        offset = 3
    else:
        exponent_length = data[0]
        offset = 1
    modulus = data[offset + exponent_length :]
    if not modulus:
        return None
    return int.from_bytes(modulus, "big").bit_length()


# The public key of these algorithms is a curve point, two coordinates of the key's size each (RFC 6605, RFC 5933).
POINT_ALGORITHMS = {12, 13, 14}


def key_bits(key) -> int | None:
    """The key's size as operators name it: RSA by modulus, P-256 256, P-384 384, Ed25519 256, Ed448 456."""
    if key.algorithm in RSA_ALGORITHMS:
        return rsa_modulus_bits(key)
    if int(key.algorithm) in POINT_ALGORITHMS:
        return len(key.key) * 4
    return len(key.key) * 8


def key_evidence(key) -> dict:
    return {"key_tag": key_tag(key), "algorithm": int(key.algorithm), "flags": key.flags}


def rrsig_findings(check: RRsetCheck, now: int, zone_algorithms: set[int], signed: bool, out: list[Finding]) -> None:
    """F1-F18 (and E2, E7, H5 where a signature shows them) for one RRset from one server."""
    zone = _text(check.zone)
    base = {"rrset": check.label}

    def add(fid: str, *, severity: str | None = None, **evidence) -> None:
        out.append(
            Finding(
                fid, severity, zone=zone, server=check.server, transport=check.transport, evidence={**base, **evidence}
            )
        )

    if not check.rrsigs:
        if signed:
            if check.rdtype == dns.rdatatype.DNSKEY:
                add("dnskey_unsigned_in_response")
            else:
                add("rrsig_missing")
        return
    secure = check.secure
    missing = sorted(zone_algorithms - {sig.algorithm for sig in check.signatures})
    if missing:
        add("rrsig_algorithm_missing", algorithm=missing)
    rrset_ttl = check.rdataset.ttl
    rrsig_ttl = check.rrsigs.ttl
    for sig in check.signatures:
        rrsig = sig.rrsig
        evidence = {
            "key_tag": sig.key_tag,
            "algorithm": sig.algorithm,
            "inception": iso(sig.inception),
            "expiration": iso(sig.expiration),
        }
        status = sig.status
        fatal = "CRIT" if not secure else "ERR"  # SERVER_GRADED: CRIT unless another signature validates
        if status == "expired":
            add("rrsig_expired", **evidence, severity=fatal)
        elif status == "not_yet_valid":
            add("rrsig_not_yet_valid", **evidence, severity=fatal)
        elif status == "window_malformed":
            add("rrsig_window_malformed", **evidence)
        elif status == "signer_not_zone":
            add("rrsig_signer_not_zone", signer=_text(rrsig.signer), **evidence)
            if rrsig.signer != check.zone and rrsig.signer.is_subdomain(check.zone):
                # Signed with a key published below the apex (RFC 4035 §5.3.1).
                add("dnskey_not_at_apex", owner=_text(rrsig.signer), **evidence)
        elif status == "labels_too_large":
            add("rrsig_labels_too_large", labels=rrsig.labels, owner_labels=len(check.owner) - 1, **evidence)
        elif status == "no_key" and check.keys_known:
            add("rrsig_key_absent", **evidence)
        elif status == "invalid":
            add("rrsig_invalid", **evidence, severity=fatal)
        elif status == "revoked_key":
            add("revoked_key_misuse", reason="revoked_key_signs", **evidence)
        expected = SIGNATURE_LENGTHS.get(sig.algorithm)
        if expected is not None and len(rrsig.signature) != expected:
            add("rrsig_bad_length", sig_length=len(rrsig.signature) * 8, expected_length=expected * 8, **evidence)
        if rrsig.original_ttl < rrset_ttl or rrsig.original_ttl < rrsig_ttl:
            add(
                "rrsig_original_ttl_exceeded",
                original_ttl=rrsig.original_ttl,
                ttl=rrset_ttl,
                rrsig_ttl=rrsig_ttl,
                **evidence,
            )
        if status in ("expired", "not_yet_valid", "window_malformed"):
            continue
        remaining = sig.expiration - now
        if 0 <= now - sig.inception < policy.CLOCK_SKEW:
            add("rrsig_inception_too_recent", margin=policy.CLOCK_SKEW, **evidence)
        if remaining < policy.CLOCK_SKEW:
            add("rrsig_expiration_imminent", remaining=remaining, margin=policy.CLOCK_SKEW, **evidence)
        if remaining < policy.REMAINING_SHORT:
            add("rrsig_remaining_short", remaining=remaining, **evidence)
        if remaining > policy.REMAINING_LONG:
            add("rrsig_remaining_long", remaining=remaining, **evidence)
        if sig.expiration - sig.inception > policy.VALIDITY_LONG:
            add("rrsig_validity_period_long", duration=sig.expiration - sig.inception, **evidence)
        cache_ttl = min(rrset_ttl, rrsig_ttl, rrsig.original_ttl)
        if now + cache_ttl > sig.expiration:
            add("rrsig_expires_within_ttl", ttl=cache_ttl, **evidence)
    if rrsig_ttl != rrset_ttl:
        add("rrsig_ttl_mismatch", ttl=rrset_ttl, rrsig_ttl=rrsig_ttl)


def budget_finding(verifier) -> Finding | None:
    """X1: the KeyTrap caps stopped some verifications (one finding per check, naming the RRsets)."""
    if not verifier.budget_events:
        return None
    return Finding(
        "validation_budget_exceeded",
        evidence={
            "failed_verifications": verifier.failed,
            "max_failed": verifier.max_failed,
            "max_per_rrset": verifier.max_per_rrset,
            "rrsets": sorted({e["rrset"] for e in verifier.budget_events}),
        },
    )


def dnskey_findings(zone: dns.name.Name, keys: list, dnskey_check: RRsetCheck | None, out: list[Finding]) -> None:
    """E4-E8 for the DNSKEY RRset of a zone (one server's copy)."""
    zone_text = _text(zone)
    server = dnskey_check.server if dnskey_check else None

    def add(fid: str, *, severity: str | None = None, **evidence) -> None:
        out.append(Finding(fid, severity, zone=zone_text, server=server, evidence=evidence))

    signing_keys = {
        id(sig.key): sig.key for sig in (dnskey_check.signatures if dnskey_check else []) if sig.key is not None
    }
    seen: dict[tuple[int, int], list] = {}
    for key in keys:
        evidence = key_evidence(key)
        seen.setdefault((evidence["key_tag"], key.algorithm), []).append(key)
        if not key.key:
            add("dnskey_bad_key_length", key_length=0, **evidence)
        elif key.algorithm in KEY_LENGTHS and len(key.key) != KEY_LENGTHS[key.algorithm]:
            add(
                "dnskey_bad_key_length",
                key_length=len(key.key) * 8,
                expected_length=KEY_LENGTHS[key.algorithm] * 8,
                **evidence,
            )
        if key.algorithm in RSA_LIMITS:
            bits = rsa_modulus_bits(key)
            low, high = RSA_LIMITS[key.algorithm]
            if bits is None or not low <= bits <= high:
                add("rsa_key_size", key_length=bits, minimum=low, maximum=high, **evidence, severity="ERR")
            elif bits < RSA_RECOMMENDED_BITS:
                add("rsa_key_size", key_length=bits, recommended=RSA_RECOMMENDED_BITS, **evidence, severity="WARN")
        if key.protocol != 3:
            add("dnskey_fields_invalid", reason="protocol", protocol=key.protocol, **evidence)
        if int(key.flags) & ~DEFINED_DNSKEY_FLAGS & 0xFFFF:
            add("dnskey_fields_invalid", reason="undefined_flags", protocol=key.protocol, **evidence)
        if int(key.flags) & REVOKE_FLAG and id(key) not in signing_keys:
            add("revoked_key_misuse", reason="revoked_not_self_signing", rrset=f"{zone_text}/DNSKEY", **evidence)
    if dnskey_check is not None:
        for sig in dnskey_check.signatures:
            # A key without the Zone flag cannot have verified, but its RRSIG still names it.
            for key in keys:
                if not int(key.flags) & ZONE_FLAG and key_tag(key) == sig.key_tag and key.algorithm == sig.algorithm:
                    add(
                        "dnskey_fields_invalid",
                        reason="signing_key_without_zone_flag",
                        protocol=key.protocol,
                        **key_evidence(key),
                    )
    for (tag, algorithm), same in seen.items():
        if len(same) > 1:
            add("keytag_collision", key_tag=tag, algorithm=algorithm, count=len(same))


def algorithm_findings(
    zone: dns.name.Name, algorithms: dict[int, set[str]], tags: dict[int, set[int]], out: list[Finding]
) -> None:
    """H1-H5 for every algorithm seen in a zone's DNSKEY, RRSIG or DS records (`tags`: their key tags)."""
    for algorithm in sorted(algorithms):
        where = sorted(algorithms[algorithm])
        problem = policy.algorithm_problem(algorithm)
        evidence = {"algorithm": algorithm, "rrtypes": where, "key_tag": sorted(tags.get(algorithm, ()))}
        if problem is not None:
            fid, severity = problem
            out.append(Finding(fid, severity, zone=_text(zone), evidence=evidence))
        if not crypto_supports(algorithm):
            out.append(
                Finding(
                    "alg_not_validatable_by_checker",
                    zone=_text(zone),
                    evidence={"algorithm": algorithm, "digest_type": "-"},
                )
            )


def digest_support_findings(zone: dns.name.Name, ds_set: list, out: list[Finding]) -> None:
    """H5 for assigned DS digest types the checker cannot compute (GOST, SM3)."""
    for digest_type in sorted({ds.digest_type for ds in ds_set}):
        if digest_type in policy.ASSIGNED_DIGESTS and digest_type not in policy.VERDICT_DIGESTS:
            out.append(
                Finding(
                    "alg_not_validatable_by_checker",
                    zone=_text(zone),
                    evidence={"algorithm": "-", "digest_type": digest_type},
                )
            )


def denial_parameter_findings(
    zone: dns.name.Name, denial: dict | None, opt_out: bool | None, out: list[Finding]
) -> None:
    """The NSEC3 parameter rows of group G that one NSEC3PARAM/NSEC3 record shows (G8-G13, G19);
    the opt-out rows only when `opt_out` is known (not None)."""
    if not denial or denial.get("type") != "nsec3":
        return
    zone_text = _text(zone)
    params = {
        "hash_algorithm": denial["algorithm"],
        "nsec3_flags": denial["flags"],
        "iterations": denial["iterations"],
        "salt": denial["salt"],
    }

    def add(fid: str, *, severity: str | None = None, **evidence) -> None:
        out.append(Finding(fid, severity, zone=zone_text, evidence={**params, **evidence}))

    iterations = denial["iterations"]
    if iterations > 0:
        add("nsec3_iterations_nonzero")
    if iterations > policy.NSEC3_RESOLVER_LIMIT:
        add("nsec3_iterations_over_resolver_limit", limit=policy.NSEC3_RESOLVER_LIMIT)
    if denial["salt"]:
        add("nsec3_salt_nonempty")
    if denial["algorithm"] != 1:
        add("nsec3_hash_alg_invalid")
    if denial.get("source") == "NSEC3PARAM" and denial["flags"] != 0 or denial["flags"] & 0xFE:
        add("nsec3_flags_invalid")
    if opt_out and len(zone) > 2:
        add("nsec3_optout_small_zone")
    if opt_out is False:
        add("nsec3_without_need")


def key_summary(key) -> dict:
    flags = key.flags
    return {
        "key_tag": key_tag(key),
        "algorithm": int(key.algorithm),
        "flags": flags,
        "role": "KSK" if flags & SEP_FLAG else "ZSK",
        "revoked": bool(flags & REVOKE_FLAG),
        "key_bits": key_bits(key),
        "key": base64.b64encode(key.key).decode()[:24] + "…" if key.key else "",
    }
