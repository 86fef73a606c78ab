"""The rows of group G that need more than one record: G4, G6, G7, G14, G15, G16, G18.

Read from the answers the walker collected for the checked zone: the NODATA answer to the
NSEC3PARAM query in an NSEC zone, the NXDOMAIN answer to the probe name, the parent's answer
proving that there is no DS, and the checked name's own answers.  NSEC3 hashes are computed only
for SHA-1 and at most `denial.MAX_NSEC3_ITERATIONS` iterations (docs/RELIABILITY.md, S2).
"""

from __future__ import annotations

import base64
import binascii

import dns.name
import dns.rcode
import dns.rdatatype

from . import denial
from .report import Finding
from .walker import Walk

NSEC, NSEC3, NSEC3PARAM, SOA, DS, NS, CNAME, RRSIG = (
    dns.rdatatype.NSEC,
    dns.rdatatype.NSEC3,
    dns.rdatatype.NSEC3PARAM,
    dns.rdatatype.SOA,
    dns.rdatatype.DS,
    dns.rdatatype.NS,
    dns.rdatatype.CNAME,
    dns.rdatatype.RRSIG,
)
NOERROR, NXDOMAIN = dns.rcode.NOERROR, dns.rcode.NXDOMAIN
SHA1_LENGTH = 20


def _hash_of(label: bytes) -> bytes | None:
    """The hash an NSEC3 owner label stands for, or None if it is not base32hex of 20 octets."""
    try:
        text = label.decode("ascii").upper()
        value = base64.b32hexdecode(text + "=" * (-len(text) % 8))
    except (UnicodeDecodeError, binascii.Error, ValueError):
        return None
    return value if len(value) == SHA1_LENGTH and len(text) == 32 else None


def _computable(rdata) -> bool:
    return rdata.algorithm == 1 and rdata.iterations <= denial.MAX_NSEC3_ITERATIONS


def _nsec3_hash(name: dns.name.Name, rdata) -> bytes:
    text = denial._nsec3_hash(name, rdata)
    return base64.b32hexdecode(text + "=" * (-len(text) % 8))


def _covers(owner: bytes, following: bytes, value: bytes) -> bool:
    if owner < following:
        return owner < value < following
    return value > owner or value < following


class DenialChecks:
    def __init__(self, walk: Walk, signed: bool):
        self.walk = walk
        self.zone = walk.zone
        self.name = walk.zone.name
        self.signed = signed
        self.findings: list[Finding] = []

    def add(
        self, fid: str, severity: str, server: str | None = None, transport: str | None = None, zone=None, **evidence
    ):
        self.findings.append(
            Finding(
                fid, severity, zone=(zone or self.name).to_text(), server=server, transport=transport, evidence=evidence
            )
        )

    def run(self) -> list[Finding]:
        if not self.signed:
            return self.findings
        self.nsec3_records()
        self.nsec3param()
        self.apex_nodata()
        self.insecure_delegation()
        self.target_answers()
        return self.findings

    def _nsec3_sets(self):
        """(server, transport, NSEC3 RRsets) for every negative answer of the zone's servers."""
        for server, answer in self.zone.probe.items():
            if answer.message is not None and answer.authoritative:
                yield server, answer, [r for r in answer.message.authority if r.rdtype == NSEC3]

    def nsec3_records(self) -> None:
        """G14 (malformed owner or next hash) and G18 (one NSEC3 covers another's owner)."""
        for server, answer, records in self._nsec3_sets():
            hashes = []
            for rrset in records:
                owner_hash = _hash_of(rrset.name.labels[0]) if len(rrset.name) > len(self.name) else None
                if (
                    owner_hash is None
                    or rrset.name.parent() != self.name
                    or any(r.algorithm == 1 and len(r.next) != SHA1_LENGTH for r in rrset)
                ):
                    self.add("nsec3_malformed", "ERR", server, answer.transport, owner=rrset.name.to_text())
                    continue
                hashes += [(owner_hash, r.next) for r in rrset]
            contradicting = any(
                _covers(owner, following, other) for owner, following in hashes for other, _ in hashes if other != owner
            )
            if contradicting:
                self.add("nsec3_contradicting_records", "ERR", server, answer.transport)

    def nsec3param(self) -> None:
        """G15: NSEC3PARAM missing in an NSEC3 zone, present in an NSEC zone, or not one record."""
        for server, answers in self.zone.apex.items():
            answer = answers.get(NSEC3PARAM)
            probe = self.zone.probe.get(server)
            if answer is None or answer.message is None or not answer.authoritative:
                continue
            param = answer.rrset("answer", self.name, NSEC3PARAM)
            types = (
                {r.rdtype for r in probe.message.authority}
                if probe is not None and probe.message is not None
                else set()
            )
            if param is not None and len(param) > 1:
                self.add("nsec3param_invalid", "ERR", server, answer.transport, reason="multiple")
            elif param is not None and param[0].flags != 0:
                self.add("nsec3param_invalid", "ERR", server, answer.transport, reason="flags")
            elif param is not None and NSEC in types and NSEC3 not in types:
                self.add("nsec3param_invalid", "ERR", server, answer.transport, reason="nsec_zone")
            elif param is None and answer.rcode == NOERROR and NSEC3 in types:
                self.add("nsec3param_invalid", "ERR", server, answer.transport, reason="missing")

    def _nodata(self, server, answer, qname: dns.name.Name, qtype: int) -> None:
        """G4 and G16 for one NODATA answer."""
        nsecs = [r for r in answer.message.authority if r.rdtype == NSEC]
        nsec3s = [r for r in answer.message.authority if r.rdtype == NSEC3]
        evidence = {"qname": qname.to_text(), "qtype": dns.rdatatype.to_text(qtype)}
        if nsecs:
            if len(nsecs) > 1 and not qname.is_wild():
                self.add("denial_unexpected_multiple", "ERR", server, answer.transport, count=len(nsecs))
            matching = [r for r in nsecs if r.name == qname]
            if not matching:
                self.add(
                    "nodata_proof_invalid", "ERR", server, answer.transport, problem="no_matching_nsec", **evidence
                )
            elif {qtype, CNAME} & denial.bitmap_types(matching[0][0]):
                self.add("nodata_proof_invalid", "ERR", server, answer.transport, problem="type_in_bitmap", **evidence)
        elif nsec3s:
            first = nsec3s[0][0]
            if not _computable(first):
                return
            target = _nsec3_hash(qname, first)
            matching = [r for r in nsec3s if _hash_of(r.name.labels[0]) == target]
            if not matching:
                self.add(
                    "nodata_proof_invalid", "ERR", server, answer.transport, problem="no_matching_nsec3", **evidence
                )
            elif {qtype, CNAME} & denial.bitmap_types(matching[0][0]):
                self.add("nodata_proof_invalid", "ERR", server, answer.transport, problem="type_in_bitmap", **evidence)

    def apex_nodata(self) -> None:
        for server, answers in self.zone.apex.items():
            answer = answers.get(NSEC3PARAM)
            if answer is None or answer.message is None or not answer.authoritative:
                continue
            if (
                answer.rcode == NOERROR
                and not answer.message.answer
                and any(r.rdtype in (NSEC, NSEC3) for r in answer.message.authority)
            ):
                self._nodata(server, answer, self.name, NSEC3PARAM)

    def insecure_delegation(self) -> None:
        """G7: the parent's proof that the zone has no DS."""
        parent = self.zone.parent
        if parent is None:
            return
        name = self.name
        for server, answer in self.zone.ds.items():
            message = answer.message
            if message is None or not answer.authoritative or message.rcode() != NOERROR or message.answer:
                continue
            nsecs = [r for r in message.authority if r.rdtype == NSEC and r.name == name]
            nsec3s = [r for r in message.authority if r.rdtype == NSEC3]
            problems = []
            if nsecs:
                types = denial.bitmap_types(nsecs[0][0])
                problems = [
                    p
                    for p, bad in (("soa_bit", SOA in types), ("ds_bit", DS in types), ("no_ns_bit", NS not in types))
                    if bad
                ]
            elif nsec3s and _computable(nsec3s[0][0]):
                target = _nsec3_hash(name, nsec3s[0][0])
                matching = [r for r in nsec3s if _hash_of(r.name.labels[0]) == target]
                if matching:
                    types = denial.bitmap_types(matching[0][0])
                    problems = [
                        p
                        for p, bad in (
                            ("soa_bit", SOA in types),
                            ("ds_bit", DS in types),
                            ("no_ns_bit", NS not in types),
                        )
                        if bad
                    ]
                else:
                    hashes = [(_hash_of(r.name.labels[0]), rd) for r in nsec3s for rd in r]
                    covering = [rd for owner, rd in hashes if owner is not None and _covers(owner, rd.next, target)]
                    if not covering:
                        problems = ["no_closest_encloser"]
                    elif not any(rd.flags & 1 for rd in covering):
                        problems = ["opt_out_flag_not_set"]
            if problems:
                self.add(
                    "insecure_delegation_proof_invalid",
                    "ERR",
                    server,
                    answer.transport,
                    parent=parent.name.to_text(),
                    problems=problems,
                )

    def target_answers(self) -> None:
        """G4 for the checked name's NODATA answers; G6 for its wildcard-expanded answers."""
        walk = self.walk
        for server, answers in walk.target_answers.items():
            for qtype, answer in answers.items():
                message = answer.message
                if message is None or not answer.authoritative or message.rcode() != NOERROR:
                    continue
                if not message.answer:
                    if any(r.rdtype in (NSEC, NSEC3) for r in message.authority):
                        self._nodata(server, answer, walk.target, qtype)
                    continue
                for rrsigs in (r for r in message.answer if r.rdtype == RRSIG and r.name == walk.target):
                    owner_labels = len(walk.target) - 1
                    if not any(sig.labels < owner_labels for sig in rrsigs):
                        continue
                    # Expanded from a wildcard: the answer must prove that the name itself does not exist.
                    nsecs = [r for r in message.authority if r.rdtype == NSEC]
                    if not any(denial.nsec_covers(r.name, r[0].next, walk.target) for r in nsecs) and not any(
                        r.rdtype == NSEC3 for r in message.authority
                    ):
                        self.add("wildcard_proof_invalid", "ERR", server, answer.transport, qname=walk.target.to_text())
                    break


def denial_findings(walk: Walk, signed: bool) -> list[Finding]:
    return DenialChecks(walk, signed).run()
