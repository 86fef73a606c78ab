"""Authenticated denial of existence: the parts of group G that one answer shows.

Used on the answer to the walker's probe name (a name that sorts after every other name of the
zone, so its NXDOMAIN proof includes the last NSEC of the chain) and on negative answers at the
apex and at a checked name.  NSEC3 hashes are computed only up to `MAX_NSEC3_ITERATIONS`
(docs/RELIABILITY.md, S2: more is reported, not computed).
"""

from __future__ import annotations

import base64

import dns.dnssec
import dns.name
import dns.rdatatype

MAX_NSEC3_ITERATIONS = 150


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
    """Whether an NSEC (owner -> next) proves that `name` does not exist (canonical order)."""
    if owner < next_name:
        return owner < name < next_name
    return name > owner or name < next_name  # the last NSEC wraps round to the apex


def nsec_nxdomain_problems(records: list, qname: dns.name.Name, apex: dns.name.Name) -> list[str]:
    """What is wrong with an NSEC NXDOMAIN proof for `qname` (RFC 4035 §3.1.3.2)."""
    nsecs = [(rrset.name, rdata.next) for rrset in records if rrset.rdtype == dns.rdatatype.NSEC for rdata in rrset]
    problems = []
    for owner, next_name in nsecs:
        if not owner < next_name and next_name != apex:
            problems.append("last_nsec_next_not_apex")
    if not any(nsec_covers(owner, next_name, qname) for owner, next_name in nsecs):
        problems.append("sname_not_covered")
    wildcard = dns.name.from_text("*", apex)
    if not any(nsec_covers(owner, next_name, wildcard) for owner, next_name in nsecs):
        problems.append("wildcard_not_covered")
    return problems


def _nsec3_hash(name: dns.name.Name, param) -> str:
    return dns.dnssec.nsec3_hash(name, param.salt, param.iterations, param.algorithm)


def nsec3_nxdomain_problems(records: list, qname: dns.name.Name, apex: dns.name.Name) -> list[str]:
    """What is wrong with an NSEC3 NXDOMAIN proof for a child of the apex (RFC 5155 §8.4)."""
    nsec3s = [
        (rrset.name.labels[0].decode("latin-1").upper(), rdata)
        for rrset in records
        if rrset.rdtype == dns.rdatatype.NSEC3
        for rdata in rrset
    ]
    if not nsec3s:
        return []
    param = nsec3s[0][1]
    if param.iterations > MAX_NSEC3_ITERATIONS or param.algorithm != 1:
        return []  # reported by the parameter rows, never computed

    def covered(hashed: str) -> bool:
        for owner, rdata in nsec3s:
            following = base64.b32hexencode(rdata.next).decode().rstrip("=")
            if owner < following and owner < hashed < following:
                return True
            if following <= owner and (hashed > owner or hashed < following):
                return True
        return False

    problems = []
    if not any(owner == _nsec3_hash(apex, param) for owner, _ in nsec3s):
        problems.append("no_closest_encloser")
    if not covered(_nsec3_hash(qname, param)):
        problems.append("next_closer_not_covered")
    if not covered(_nsec3_hash(dns.name.from_text("*", apex), param)):
        problems.append("wildcard_not_covered")
    return problems
