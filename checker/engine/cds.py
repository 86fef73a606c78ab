"""Group I: CDS and CDNSKEY (RFC 7344, RFC 8078), and C9 (they differ between servers).

The walker asks every server of the checked zone for its CDS and CDNSKEY RRsets.  Their
signatures are checked with the zone's keys by the chain validator (so F rows apply to them
too); the rules here are those DNSViz and Zonemaster apply, as digested in the catalog.
"""

from __future__ import annotations

from collections import Counter

import dns.dnssec
import dns.rcode
import dns.rdatatype

from .chain import ChainValidator, ZoneResult
from .report import Finding
from .validator import SEP_FLAG, ZONE_FLAG, ds_digest, key_tag, key_wire

CDS, CDNSKEY, RRSIG, DNSKEY = dns.rdatatype.CDS, dns.rdatatype.CDNSKEY, dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY
WEAK_DIGESTS = {1, 3}
WEAK_ALGORITHMS = {5, 7}


def _is_delete(rdata) -> bool:
    if rdata.rdtype == CDS:
        return rdata.key_tag == 0 and rdata.algorithm == 0 and rdata.digest_type == 0
    return rdata.algorithm == 0


def _valid_delete(rdata) -> bool:
    if rdata.rdtype == CDS:
        return _is_delete(rdata) and rdata.digest == b"\x00"
    return rdata.flags == 0 and rdata.protocol == 3 and rdata.algorithm == 0 and rdata.key == b"\x00"


def cds_findings(zone: ZoneResult, validator: ChainValidator) -> list[Finding]:
    name = zone.name
    text = name.to_text()
    found: list[Finding] = []

    def add(fid: str, server: str | None = None, *, severity: str | None = None, **evidence) -> None:
        found.append(Finding(fid, severity, zone=text, server=server, evidence=evidence))

    served: dict[int, dict[str, object]] = {CDS: {}, CDNSKEY: {}}
    checks: dict[int, list] = {CDS: [], CDNSKEY: []}
    for server, extra in zone.data.extra.items():
        for rdtype in (CDS, CDNSKEY):
            answer = extra.get(rdtype)
            if (
                answer is None
                or answer.message is None
                or not answer.authoritative
                or answer.rcode != dns.rcode.NOERROR
            ):
                continue
            rrset = answer.rrset("answer", name, rdtype)
            served[rdtype][server] = rrset
            if rrset is not None:
                rrsigs = answer.rrset("answer", name, RRSIG, rdtype)
                checks[rdtype].append(validator._check(zone, name, rrset, rrsigs, server, answer.transport))
    for rdtype in (CDS, CDNSKEY):
        sets = {
            s: frozenset(r.to_text() for r in rrset) if rrset is not None else frozenset()
            for s, rrset in served[rdtype].items()
        }
        if len(set(sets.values())) > 1:
            # The servers that differ from what most serve; with no majority (one server against one), all of
            # them, not whichever the hash order put last.
            counts = Counter(sets.values())
            most = max(counts.values())
            leaders = [value for value, count in counts.items() if count == most]
            common = leaders[0] if len(leaders) == 1 else None
            add(
                "cds_cdnskey_inconsistent_servers",
                rrtype=dns.rdatatype.to_text(rdtype),
                servers=sorted(s for s, v in sets.items() if v != common),
            )
    first = {rdtype: next((r for r in served[rdtype].values() if r is not None), None) for rdtype in (CDS, CDNSKEY)}
    cds, cdnskey = first[CDS], first[CDNSKEY]
    if cds is None and cdnskey is None:
        return found
    if (cds is None) != (cdnskey is None):
        add(
            "cds_cdnskey_only_one",
            present="CDS" if cds is not None else "CDNSKEY",
            missing="CDNSKEY" if cds is not None else "CDS",
        )
    keys = [k for server_keys in zone.dnskeys.values() for k in server_keys]
    dnskey_signers = {
        key_wire(sig.key)
        for c in zone.rrsets
        if c.rdtype == DNSKEY and c.owner == name
        for sig in c.signatures
        if sig.status == "valid" and sig.key is not None
    }
    for rdtype, rrset in ((CDS, cds), (CDNSKEY, cdnskey)):
        if rrset is None:
            continue
        label = dns.rdatatype.to_text(rdtype)
        deletes = [r for r in rrset if _is_delete(r)]
        if deletes:
            if len(rrset) > 1 or not all(_valid_delete(r) for r in deletes):
                add("cds_delete_malformed", rrtype=label)
            else:
                add("cds_delete_requested")
            continue
        # The keys each record designates.
        designated = []
        for rdata in rrset:
            if rdtype == CDS:
                matches = [
                    k
                    for k in keys
                    if key_tag(k) == rdata.key_tag
                    and k.algorithm == rdata.algorithm
                    and ds_digest(name, k, rdata.digest_type) == rdata.digest
                ]
                if rdata.digest_type in WEAK_DIGESTS or rdata.digest_type == 0:
                    add(
                        "cds_weak_algorithms",
                        rrtype=label,
                        digest_type=rdata.digest_type,
                        algorithm=rdata.algorithm,
                    )
            else:
                matches = [k for k in keys if key_wire(k) == rdata.to_digestable()]
                if not matches:
                    if not rdata.flags & ZONE_FLAG or not rdata.flags & SEP_FLAG:
                        _flag_finding(add, label, rdata)
            if rdata.algorithm in WEAK_ALGORITHMS:
                add("cds_weak_algorithms", rrtype=label, digest_type="-", algorithm=rdata.algorithm)
            for key in matches:
                if not key.flags & ZONE_FLAG or not key.flags & SEP_FLAG:
                    _flag_finding(add, label, key)
            designated += matches
        if not any(key_wire(k) in dnskey_signers for k in designated):
            add("cds_would_break_chain", rrtype=label)
        rrset_checks = checks[rdtype]
        signers = {
            key_wire(sig.key)
            for c in rrset_checks
            for sig in c.signatures
            if sig.status == "valid" and sig.key is not None
        }
        if not rrset_checks or not all(c.secure for c in rrset_checks):
            add("cds_signature_problem", rrtype=label)
        elif zone.entry_keys and not signers & zone.entry_keys:
            add("cds_not_signed_by_ds_key", rrtype=label)
        if rrset_checks and designated and not signers & {key_wire(k) for k in designated}:
            add("cds_not_self_signed", rrtype=label)
    if cds is not None and cdnskey is not None and not any(_is_delete(r) for r in list(cds) + list(cdnskey)):
        from_cdnskey = set()
        for rdata in cdnskey:
            for digest_type in {r.digest_type for r in cds}:
                digest = ds_digest(name, rdata, digest_type)
                if digest is not None:
                    from_cdnskey.add((key_tag(rdata), rdata.algorithm, digest_type, digest))
        from_cds = {(r.key_tag, r.algorithm, r.digest_type, r.digest) for r in cds}
        if from_cds != from_cdnskey:
            add(
                "cds_cdnskey_mismatch",
                cds_keys=sorted({f"{t}/{a}" for t, a, _, _ in from_cds}),
                cdnskey_keys=sorted({f"{key_tag(r)}/{r.algorithm}" for r in cdnskey}),
            )
    if cds is not None and not any(_is_delete(r) for r in cds) and zone.ds_records:
        current = {(d.key_tag, d.algorithm, d.digest_type, d.digest) for d in zone.ds_records}
        if {(r.key_tag, r.algorithm, r.digest_type, r.digest) for r in cds} != current:
            add("cds_differs_from_ds")
    return found


def _flag_finding(add, label: str, key) -> None:
    if not key.flags & ZONE_FLAG:
        add("cds_key_flags", rrtype=label, key_tag=key_tag(key), flags=key.flags, missing_flag="Zone", severity="ERR")
    elif not key.flags & SEP_FLAG:
        add("cds_key_flags", rrtype=label, key_tag=key_tag(key), flags=key.flags, missing_flag="SEP", severity="NOTE")
