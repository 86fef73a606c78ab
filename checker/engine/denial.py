"""Authenticated denial of existence: what the NSEC or NSEC3 records of one answer prove.

The one place of the engine that knows what an NSEC (RFC 4035 §5.4, RFC 6840 §4.1) or an NSEC3
(RFC 5155 §8) proves. Each `*_problems` function takes the NSEC/NSEC3 RRsets of one answer's
authority section (their signatures are checked elsewhere) and returns what is wrong with the
proof as short codes, [] when it holds:

  nxdomain      the name does not exist (§3.1.3.2 / §8.4): the name and the wildcard at its
                closest encloser are covered (G2, G3)
  nodata        the name exists without the type (§3.1.3.1 / §8.5), is an empty non-terminal,
                or is answered by a wildcard without the type (§3.1.3.4 / §8.7) (G4, G6)
  wildcard      a wildcard-expanded answer: the next closer name does not exist (§3.1.3.3 /
                §8.8) (G6)
  no DS         a delegation has no DS (RFC 4034 §5.2, RFC 6840 §4.4, RFC 5155 §8.6/§8.9) (G7)

Used on the answer to the walker's probe name (a name that sorts after every other name of the
zone, so its NXDOMAIN proof includes the last NSEC of the chain), the parent's DS answers, and
the checked name's own answers. NSEC3 hashes are computed only for SHA-1 and up to
`MAX_NSEC3_ITERATIONS` (docs/RELIABILITY.md, S2: more is reported, not computed); a proof whose
hashes may not be computed has no problems here.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

import dns.dnssec
import dns.name
import dns.rdatatype

MAX_NSEC3_ITERATIONS = 150
SHA1_LENGTH = 20
NSEC, NSEC3, SOA, NS, DS, CNAME, DNAME = (
    dns.rdatatype.NSEC,
    dns.rdatatype.NSEC3,
    dns.rdatatype.SOA,
    dns.rdatatype.NS,
    dns.rdatatype.DS,
    dns.rdatatype.CNAME,
    dns.rdatatype.DNAME,
)
OPT_OUT = 1


def bitmap_types(rdata) -> set[int]:
    """The types in an NSEC or NSEC3 type bitmap."""
    types = set()
    for window, bitmap in rdata.windows:
        for index, byte in enumerate(bitmap):
            for bit in range(8):
                if byte & (0x80 >> bit):
                    types.add(window * 256 + index * 8 + bit)
    return types


def nsec_covers(owner: dns.name.Name, next_name: dns.name.Name, name: dns.name.Name) -> bool:
    """Whether `name` falls strictly between an NSEC's owner and next name (canonical order)."""
    if owner < next_name:
        return owner < name < next_name
    return name > owner or name < next_name  # the last NSEC wraps round to the apex


def _nsec3_hash(name: dns.name.Name, param) -> str:
    """The base32hex NSEC3 hash of `name` with the parameters of an NSEC3 or NSEC3PARAM rdata
    (every hash of the engine is computed here: docs/RELIABILITY.md, S2)."""
    return dns.dnssec.nsec3_hash(name, param.salt, param.iterations, param.algorithm)


def nsec3_hash(name: dns.name.Name, param) -> bytes:
    """The NSEC3 hash of `name` as octets."""
    text = _nsec3_hash(name, param)
    return base64.b32hexdecode(text + "=" * (-len(text) % 8))


def hash_of(label: bytes) -> bytes | None:
    """The hash an NSEC3 owner label stands for, or None if it is not base32hex of 20 octets."""
    try:
        text = label.decode("ascii").upper()
        value = base64.b32hexdecode(text + "=" * (-len(text) % 8))
    except (UnicodeDecodeError, binascii.Error, ValueError):
        return None
    return value if len(value) == SHA1_LENGTH and len(text) == 32 else None


def nsec3_covers(owner: bytes, following: bytes, value: bytes) -> bool:
    """Whether a hash falls strictly between an NSEC3's owner hash and next hash (with wrap)."""
    if owner < following:
        return owner < value < following
    return value > owner or value < following


def computable(rdata) -> bool:
    """Whether the engine computes hashes with these NSEC3 parameters (SHA-1, at most 150 iterations)."""
    return rdata.algorithm == 1 and rdata.iterations <= MAX_NSEC3_ITERATIONS


def _common_ancestor(a: dns.name.Name, b: dns.name.Name) -> dns.name.Name:
    common = 0
    for left, right in zip(reversed(a.labels), reversed(b.labels), strict=False):
        if left.lower() != right.lower():
            break
        common += 1
    return dns.name.Name(a.labels[len(a.labels) - common :])


def _ancestor(name: dns.name.Name, labels: int) -> dns.name.Name:
    """The ancestor of `name` with `labels` labels (the root label counted)."""
    return dns.name.Name(name.labels[len(name.labels) - labels :])


def _wildcard(encloser: dns.name.Name) -> dns.name.Name | None:
    """The wildcard at a closest encloser, or None where the name would be too long."""
    try:
        return dns.name.Name((b"*",) + encloser.labels)
    except dns.name.NameTooLong:
        return None


def _is_delegation(types: set[int]) -> bool:
    return NS in types and SOA not in types


def _type_problems(types: set[int], qtype: int) -> list[str]:
    """A NODATA proof's matching record must list neither the type nor CNAME (RFC 4035 §3.1.3.1)."""
    return ["type_in_bitmap"] if qtype in types or (CNAME in types and qtype != CNAME) else []


def _no_ds_bits(types: set[int]) -> list[str]:
    """What a parent's NSEC/NSEC3 at a delegation must not show (RFC 4034 §5.2, RFC 6840 §4.4)."""
    return [
        problem
        for problem, bad in (("soa_bit", SOA in types), ("ds_bit", DS in types), ("no_ns_bit", NS not in types))
        if bad
    ]


@dataclass
class Proof:
    """What a negative answer proves: its kind, what is wrong with it, and the records it used."""

    kind: str  # "nodata", "empty_non_terminal", "wildcard_nodata", "opt_out"
    problems: list[str] = field(default_factory=list)
    used: set = field(default_factory=set)  # owner names of the records the proof rests on


# -- NSEC ------------------------------------------------------------------------------------


class NsecSet:
    """The NSEC records of one answer."""

    def __init__(self, records: list, apex: dns.name.Name):
        self.apex = apex
        self.records = [(rrset.name, rrset[0]) for rrset in records if rrset.rdtype == NSEC and len(rrset)]

    def matching(self, name: dns.name.Name | None):
        return next((rdata for owner, rdata in self.records if owner == name), None)

    def covering(self, name: dns.name.Name | None):
        """(owner, rdata) of an NSEC proving that `name` does not exist, or None (RFC 4035 §5.4;
        RFC 6840 §4.1: an NSEC at a delegation or a DNAME proves nothing about names below it)."""
        if name is None:
            return None
        for owner, rdata in self.records:
            if owner == name:
                continue
            types = bitmap_types(rdata)
            if name.is_subdomain(owner) and (DNAME in types or _is_delegation(types)):
                continue
            following = rdata.next
            if owner == following:
                covered = name.is_subdomain(following) and name != following
            elif following < owner:  # the last NSEC: up to the end of the zone
                covered = owner < name and name.is_subdomain(following) and name != following
            else:
                covered = owner < name < following
            if covered:
                return owner, rdata
        return None

    @staticmethod
    def closest_encloser(name: dns.name.Name, owner: dns.name.Name, rdata) -> dns.name.Name:
        """The closest encloser an NSEC covering `name` implies: the longer common ancestor of the
        name with the NSEC's owner or its next name."""
        first, second = _common_ancestor(name, owner), _common_ancestor(name, rdata.next)
        return first if len(first) >= len(second) else second

    def empty_non_terminal(self, name: dns.name.Name):
        """The owner of an NSEC showing that `name` is an empty non-terminal (its next name is
        below `name`), or None."""
        for owner, rdata in self.records:
            if owner < name and rdata.next.is_subdomain(name) and rdata.next != name:
                return owner
        return None

    def last_next_problems(self) -> list[str]:
        return [
            "last_nsec_next_not_apex"
            for owner, rdata in self.records
            if not owner < rdata.next and rdata.next != self.apex
        ][:1]


def nsec_nxdomain_problems(records: list, qname: dns.name.Name, apex: dns.name.Name) -> list[str]:
    """What is wrong with an NSEC NXDOMAIN proof for `qname` (RFC 4035 §3.1.3.2, §5.4): codes
    `sname_not_covered`, `wildcard_not_covered`, `last_nsec_next_not_apex`."""
    nsecs = NsecSet(records, apex)
    problems = nsecs.last_next_problems()
    cover = nsecs.covering(qname)
    if cover is None:
        return problems + ["sname_not_covered"]
    encloser = nsecs.closest_encloser(qname, *cover)
    if not encloser.is_subdomain(apex):
        encloser = apex
    if nsecs.covering(_wildcard(encloser)) is None:
        problems.append("wildcard_not_covered")
    return problems


def _nsec_nodata(nsecs: NsecSet, qname: dns.name.Name, qtype: int) -> Proof:
    matching = nsecs.matching(qname)
    if matching is not None:
        return Proof("nodata", _type_problems(bitmap_types(matching), qtype), {qname})
    ent = nsecs.empty_non_terminal(qname)
    if ent is not None:
        return Proof("empty_non_terminal", [], {ent})
    cover = nsecs.covering(qname)
    if cover is not None:
        wildcard = _wildcard(nsecs.closest_encloser(qname, *cover))
        at_wildcard = nsecs.matching(wildcard)
        if at_wildcard is not None:  # RFC 4035 §3.1.3.4: a wildcard NODATA
            return Proof("wildcard_nodata", _type_problems(bitmap_types(at_wildcard), qtype), {cover[0], wildcard})
    return Proof("nodata", ["no_matching_nsec"])


def _nsec_wildcard(nsecs: NsecSet, qname: dns.name.Name, encloser: dns.name.Name) -> list[str]:
    """RFC 4035 §5.3.4: an NSEC proves that the name does not exist and that no name closer to it
    than the wildcard's parent does."""
    problems = []
    cover = nsecs.covering(qname)
    if cover is None:
        problems.append("sname_not_covered")
    elif nsecs.closest_encloser(qname, *cover) != encloser:
        problems.append("closer_name_exists")
    if nsecs.covering(_wildcard(encloser)) is not None:
        problems.append("wildcard_covered")
    return problems


# -- NSEC3 -----------------------------------------------------------------------------------


class Nsec3Set:
    """The NSEC3 records of one answer with the parameters of the first (RFC 5155 §8.2: records
    with other parameters are ignored)."""

    def __init__(self, records: list, apex: dns.name.Name):
        self.apex = apex
        self.param = None
        self.records: list[tuple[bytes, object]] = []
        for rrset in records:
            if rrset.rdtype != NSEC3 or not len(rrset) or len(rrset.name) <= len(apex):
                continue
            rdata = rrset[0]
            if self.param is None:
                self.param = rdata
            same = (rdata.algorithm, rdata.iterations, rdata.salt) == (
                self.param.algorithm,
                self.param.iterations,
                self.param.salt,
            )
            owner = hash_of(rrset.name.labels[0])
            if same and owner is not None and rrset.name.parent() == apex:
                self.records.append((owner, rdata))
        self.computable = self.param is not None and computable(self.param)
        self._hashes: dict[dns.name.Name, bytes] = {}

    def hash(self, name: dns.name.Name) -> bytes:
        if name not in self._hashes:
            self._hashes[name] = nsec3_hash(name, self.param)
        return self._hashes[name]

    def matching(self, name: dns.name.Name | None):
        if name is None:
            return None
        value = self.hash(name)
        return next((rdata for owner, rdata in self.records if owner == value), None)

    def covering(self, name: dns.name.Name | None):
        if name is None:
            return None
        value = self.hash(name)
        return next((rdata for owner, rdata in self.records if nsec3_covers(owner, rdata.next, value)), None)

    def closest_encloser(self, qname: dns.name.Name):
        """RFC 5155 §8.3: (closest encloser, next closer name, the NSEC3 covering the next closer
        name or None), or None when no ancestor of `qname` in the zone has a matching NSEC3 that
        may prove it (not a delegation, no DNAME)."""
        for labels in range(len(qname) - 1, len(self.apex) - 1, -1):
            encloser = _ancestor(qname, labels)
            matching = self.matching(encloser)
            if matching is None:
                continue
            types = bitmap_types(matching)
            if DNAME in types or (_is_delegation(types) and encloser != self.apex):
                return None
            next_closer = _ancestor(qname, labels + 1)
            return encloser, next_closer, self.covering(next_closer)
        return None


def nsec3_nxdomain_problems(records: list, qname: dns.name.Name, apex: dns.name.Name) -> list[str]:
    """What is wrong with an NSEC3 NXDOMAIN proof for `qname` (RFC 5155 §8.4): codes
    `no_closest_encloser`, `next_closer_not_covered`, `wildcard_not_covered`."""
    nsec3s = Nsec3Set(records, apex)
    if not nsec3s.computable:
        return []  # reported by the parameter rows, never computed
    proof = nsec3s.closest_encloser(qname)
    if proof is None:
        return ["no_closest_encloser"]
    encloser, _next_closer, cover = proof
    problems = [] if cover is not None else ["next_closer_not_covered"]
    if nsec3s.covering(_wildcard(encloser)) is None:
        problems.append("wildcard_not_covered")
    return problems


def _nsec3_nodata(nsec3s: Nsec3Set, qname: dns.name.Name, qtype: int) -> Proof:
    matching = nsec3s.matching(qname)
    if matching is not None:  # an empty non-terminal has an NSEC3 of its own (RFC 5155 §7.1)
        return Proof("nodata", _type_problems(bitmap_types(matching), qtype))
    proof = nsec3s.closest_encloser(qname)
    if proof is not None:
        encloser, _next_closer, cover = proof
        at_wildcard = nsec3s.matching(_wildcard(encloser))
        if at_wildcard is not None:  # RFC 5155 §8.7: a wildcard NODATA
            problems = [] if cover is not None else ["next_closer_not_covered"]
            return Proof("wildcard_nodata", problems + _type_problems(bitmap_types(at_wildcard), qtype))
        if qtype == DS and cover is not None and cover.flags & OPT_OUT:
            return Proof("opt_out")  # RFC 5155 §8.6: an unsigned delegation in an opt-out span
    return Proof("nodata", ["no_matching_nsec3"])


def _nsec3_wildcard(nsec3s: Nsec3Set, qname: dns.name.Name, encloser: dns.name.Name) -> list[str]:
    """RFC 5155 §8.8: an NSEC3 covers the next closer name (the closest encloser is the wildcard's
    parent, which the RRSIG's label count gives)."""
    problems = []
    if nsec3s.covering(_ancestor(qname, len(encloser) + 1)) is None:
        problems.append("next_closer_not_covered")
    if nsec3s.covering(_wildcard(encloser)) is not None:
        problems.append("wildcard_covered")
    return problems


# -- by kind of answer -------------------------------------------------------------------------


def _denial_type(records: list) -> int | None:
    types = [rrset.rdtype for rrset in records if rrset.rdtype in (NSEC, NSEC3)]
    return types[0] if types else None


def nxdomain_problems(records: list, qname: dns.name.Name, apex: dns.name.Name) -> tuple[str, list[str]]:
    """(finding id, problems) of an NXDOMAIN proof: G2 for NSEC, G3 for NSEC3."""
    if _denial_type(records) == NSEC3:
        fid = "nxdomain_proof_nsec3_invalid"
        return fid, nsec3_nxdomain_problems(records, qname, apex)
    fid = "nxdomain_proof_nsec_invalid"
    return fid, nsec_nxdomain_problems(records, qname, apex)


def nodata_proof(records: list, qname: dns.name.Name, qtype: int, apex: dns.name.Name) -> Proof:
    """What a NODATA answer's NSEC or NSEC3 records prove for `qname`/`qtype` (RFC 4035
    §3.1.3.1, §3.1.3.4; RFC 5155 §8.5–§8.7): a `nodata` or `wildcard_nodata` proof with its
    problems (`type_in_bitmap`, `no_matching_nsec`, `no_matching_nsec3`,
    `next_closer_not_covered`), an `empty_non_terminal`, or `opt_out` (DS only)."""
    if _denial_type(records) == NSEC3:
        nsec3s = Nsec3Set(records, apex)
        if not nsec3s.computable:
            return Proof("nodata")
        return _nsec3_nodata(nsec3s, qname, qtype)
    return _nsec_nodata(NsecSet(records, apex), qname, qtype)


def wildcard_problems(records: list, qname: dns.name.Name, rrsig_labels: int, apex: dns.name.Name) -> list[str]:
    """What is wrong with the proof that comes with an answer expanded from a wildcard (an RRSIG
    whose label count is below the owner's, RFC 4035 §5.3.4, RFC 5155 §8.8): codes
    `no_denial_records`, `sname_not_covered`, `closer_name_exists`, `next_closer_not_covered`,
    `wildcard_covered`."""
    encloser = _ancestor(qname, rrsig_labels + 1)
    kind = _denial_type(records)
    if kind is None:
        return ["no_denial_records"]
    if kind == NSEC3:
        nsec3s = Nsec3Set(records, apex)
        return _nsec3_wildcard(nsec3s, qname, encloser) if nsec3s.computable else []
    return _nsec_wildcard(NsecSet(records, apex), qname, encloser)


def no_ds_problems(records: list, child: dns.name.Name, apex: dns.name.Name) -> list[str]:
    """What is wrong with a parent's NODATA proof that the delegation `child` has no DS: codes
    `soa_bit`, `ds_bit`, `no_ns_bit` (the record at the delegation), `no_matching_nsec`,
    `no_closest_encloser`, `next_closer_not_covered`, `opt_out_flag_not_set`."""
    if _denial_type(records) == NSEC3:
        nsec3s = Nsec3Set(records, apex)
        if not nsec3s.computable:
            return []
        matching = nsec3s.matching(child)
        if matching is not None:
            return _no_ds_bits(bitmap_types(matching))
        proof = nsec3s.closest_encloser(child)  # RFC 5155 §8.6: opt-out
        if proof is None:
            return ["no_closest_encloser"]
        if proof[2] is None:
            return ["next_closer_not_covered"]
        return [] if proof[2].flags & OPT_OUT else ["opt_out_flag_not_set"]
    matching = NsecSet(records, apex).matching(child)
    if matching is None:
        return ["no_matching_nsec"]
    return _no_ds_bits(bitmap_types(matching))


def nodata_findings(records: list, qname: dns.name.Name, qtype: int, apex: dns.name.Name) -> list[tuple[str, dict]]:
    """The findings of a NODATA answer's proof as (id, evidence): G4 for a NODATA proof,
    G6 for a wildcard NODATA proof, G16 for NSEC records the proof does not need."""
    proof = nodata_proof(records, qname, qtype, apex)
    evidence = {"qname": qname.to_text(), "qtype": dns.rdatatype.to_text(qtype)}
    found = []
    if proof.problems:
        fid = "nodata_proof_invalid"
        if proof.kind == "wildcard_nodata":
            fid = "wildcard_proof_invalid"
        found.append((fid, {**evidence, "problems": proof.problems}))
    nsecs = {rrset.name for rrset in records if rrset.rdtype == NSEC}
    if len(nsecs) > max(1, len(proof.used)):
        fid = "denial_unexpected_multiple"
        found.append((fid, {**evidence, "count": len(nsecs)}))
    return found
