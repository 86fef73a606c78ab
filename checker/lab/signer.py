"""Signing of a lab zone: RRSIGs per RRset and the NSEC or NSEC3 chain.

dnspython 2.9's ``dns.dnssec.sign_zone`` signs with NSEC only (NSEC3 raises NotImplementedError)
and gives no say over which key signs which RRset or with which validity window. The lab needs
both, so it signs RRset by RRset with ``dns.dnssec.sign`` and builds the denial chain itself.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import dns.dnssec
import dns.name
import dns.rdataclass
import dns.rdataset
import dns.rdatatype
import dns.rrset
import dns.zone
from dns.rdtypes.ANY.NSEC import NSEC
from dns.rdtypes.ANY.NSEC3 import NSEC3
from dns.rdtypes.ANY.NSEC3PARAM import NSEC3PARAM
from dns.rdtypes.ANY.RRSIG import RRSIG
from dns.rdtypes.util import Bitmap

from .keys import FAKE_SIGNATURE_LENGTH, LabKey

KEY_SIGNING_TYPES = {dns.rdatatype.DNSKEY, dns.rdatatype.CDS, dns.rdatatype.CDNSKEY}
DENIAL_TYPES = {dns.rdatatype.NSEC, dns.rdatatype.NSEC3}


@dataclass(frozen=True)
class SigningKey:
    """A key and the RRsets it signs: "ksk" (DNSKEY, CDS, CDNSKEY), "zsk" (the others), "csk"."""

    key: LabKey
    role: str


@dataclass
class SigningPolicy:
    inception: int
    expiration: int
    denial: str = "nsec"  # "nsec" or "nsec3"
    nsec3_iterations: int = 0
    nsec3_salt: bytes = b""
    nsec3_flags: int = 0
    # Validity window for the DNSKEY RRset's signatures when it differs from the rest.
    key_inception: int | None = None
    key_expiration: int | None = None
    keys: list[SigningKey] = field(default_factory=list)


def signs(role: str, rdtype: int) -> bool:
    if role == "csk":
        return True
    if role == "ksk":
        return rdtype in KEY_SIGNING_TYPES
    if role == "zsk":
        return rdtype not in KEY_SIGNING_TYPES
    return False


def make_rrsig(rrset: dns.rrset.RRset, key: LabKey, signer: dns.name.Name, inception: int, expiration: int) -> RRSIG:
    """An RRSIG over ``rrset``; for a hand-made key the signature is made-up bytes."""
    if key.private is not None:
        return dns.dnssec.sign(
            rrset,
            key.private,
            signer,
            key.dnskey,
            inception=inception,
            expiration=expiration,
            policy=dns.dnssec.allow_all_policy,
        )
    labels = len(rrset.name) - 1 - (1 if rrset.name.is_wild() else 0)
    return RRSIG(
        rrset.rdclass,
        dns.rdatatype.RRSIG,
        rrset.rdtype,
        key.dnskey.algorithm,
        labels,
        rrset.ttl,
        expiration,
        inception,
        key.tag,
        signer,
        _fake_signature(rrset, key),
    )


def _fake_signature(rrset: dns.rrset.RRset, key: LabKey) -> bytes:
    digest = hashlib.sha512(rrset.to_text().encode() + key.dnskey.to_text().encode()).digest()
    return digest[:FAKE_SIGNATURE_LENGTH]


def zone_cuts(zone: dns.zone.Zone) -> tuple[list[dns.name.Name], set[dns.name.Name]]:
    """Authoritative names in canonical order (delegation points included), and the cuts."""
    origin = zone.origin
    cuts = {
        name
        for name, node in zone.nodes.items()
        if name != origin and node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NS)
    }
    names = []
    for name in sorted(zone.nodes):
        ancestor = name
        while ancestor != origin and ancestor.parent() not in cuts:
            ancestor = ancestor.parent()
        if ancestor == origin:  # names below a zone cut (glue) are not authoritative data
            names.append(name)
    return names, cuts


def _rrsets_to_sign(zone: dns.zone.Zone, names, cuts) -> Iterable[dns.rrset.RRset]:
    for name in names:
        for rdataset in zone.nodes[name].rdatasets:
            if rdataset.rdtype == dns.rdatatype.RRSIG:
                continue
            if name in cuts and rdataset.rdtype != dns.rdatatype.DS:
                continue  # only the DS at a delegation point is the parent's to sign
            yield dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))


def add_rrsigs(zone: dns.zone.Zone, rrset: dns.rrset.RRset, rrsigs: list[RRSIG], ttl: int | None = None) -> None:
    node = zone.find_node(rrset.name, create=True)
    sigs = node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, rrset.rdtype, create=True)
    for rrsig in rrsigs:
        sigs.add(rrsig, rrset.ttl if ttl is None else ttl)


def sign_rrset(zone: dns.zone.Zone, rrset: dns.rrset.RRset, policy: SigningPolicy) -> None:
    if rrset.rdtype == dns.rdatatype.DNSKEY and policy.key_inception is not None:
        inception, expiration = policy.key_inception, policy.key_expiration
    else:
        inception, expiration = policy.inception, policy.expiration
    rrsigs = [
        make_rrsig(rrset, sk.key, zone.origin, inception, expiration)
        for sk in policy.keys
        if signs(sk.role, rrset.rdtype)
    ]
    if rrsigs:
        add_rrsigs(zone, rrset, rrsigs)


def denial_ttl(zone: dns.zone.Zone) -> int:
    soa = zone.find_rdataset(zone.origin, dns.rdatatype.SOA)
    return min(soa.ttl, soa[0].minimum)  # RFC 9077


def _types_at(zone: dns.zone.Zone, name: dns.name.Name, extra: set[int]) -> list[int]:
    node = zone.get_node(name)
    types = {rds.rdtype for rds in node.rdatasets} if node else set()
    return sorted(types | extra)


def _add_nsec_chain(zone: dns.zone.Zone, names: list[dns.name.Name]) -> list[dns.rrset.RRset]:
    ttl = denial_ttl(zone)
    added = []
    for index, name in enumerate(names):
        following = names[(index + 1) % len(names)]
        # RRSIG is always in the bitmap: the NSEC itself is signed, even at an insecure cut.
        types = _types_at(zone, name, {dns.rdatatype.NSEC, dns.rdatatype.RRSIG})
        rdata = NSEC(dns.rdataclass.IN, dns.rdatatype.NSEC, following, Bitmap.from_rdtypes(types).windows)
        rrset = dns.rrset.from_rdata(name, ttl, rdata)
        zone.find_node(name, create=True).replace_rdataset(dns.rdataset.from_rdata(ttl, rdata))
        added.append(rrset)
    return added


def nsec3_owner(name: dns.name.Name, origin: dns.name.Name, policy: SigningPolicy) -> dns.name.Name:
    label = dns.dnssec.nsec3_hash(name, policy.nsec3_salt, policy.nsec3_iterations, 1)
    return dns.name.Name([label.lower().encode()]).concatenate(origin)


def _add_nsec3_chain(
    zone: dns.zone.Zone, names: list[dns.name.Name], cuts, policy: SigningPolicy
) -> list[dns.rrset.RRset]:
    origin = zone.origin
    ttl = denial_ttl(zone)
    # Empty non-terminals get NSEC3 records of their own (RFC 5155 §7.1).
    hashed: dict[dns.name.Name, dns.name.Name] = {}
    for name in names:
        ancestor = name
        while ancestor != origin and ancestor not in hashed:
            hashed[ancestor] = nsec3_owner(ancestor, origin, policy)
            ancestor = ancestor.parent()
    hashed[origin] = nsec3_owner(origin, origin, policy)
    ordered = sorted(hashed.items(), key=lambda item: item[1])
    added = []
    for index, (name, owner) in enumerate(ordered):
        following = ordered[(index + 1) % len(ordered)][1]
        next_hash = base64.b32hexdecode(following.labels[0].upper())
        node = zone.get_node(name)
        if node is None or not node.rdatasets:
            types = []
        elif name in cuts:
            types = _types_at(zone, name, set())
            types = [t for t in types if t != dns.rdatatype.RRSIG]
            if dns.rdatatype.DS in types:
                types.append(dns.rdatatype.RRSIG)
        else:
            types = _types_at(zone, name, {dns.rdatatype.RRSIG})
        rdata = NSEC3(
            dns.rdataclass.IN,
            dns.rdatatype.NSEC3,
            1,
            policy.nsec3_flags,
            policy.nsec3_iterations,
            policy.nsec3_salt,
            next_hash,
            Bitmap.from_rdtypes(sorted(types)).windows,
        )
        zone.find_node(owner, create=True).replace_rdataset(dns.rdataset.from_rdata(ttl, rdata))
        added.append(dns.rrset.from_rdata(owner, ttl, rdata))
    return added


def sign_zone(
    zone: dns.zone.Zone, policy: SigningPolicy, rrset_hook: Callable[[dns.rrset.RRset], bool] | None = None
) -> None:
    """Add RRSIGs and the denial chain. ``rrset_hook`` may sign an RRset itself (returns True)."""
    if policy.denial == "nsec3":
        param = NSEC3PARAM(
            dns.rdataclass.IN, dns.rdatatype.NSEC3PARAM, 1, 0, policy.nsec3_iterations, policy.nsec3_salt
        )
        zone.find_node(zone.origin).replace_rdataset(dns.rdataset.from_rdata(0, param))
    names, cuts = zone_cuts(zone)
    for rrset in list(_rrsets_to_sign(zone, names, cuts)):
        if rrset_hook is None or not rrset_hook(rrset):
            sign_rrset(zone, rrset, policy)
    if policy.denial == "nsec3":
        chain = _add_nsec3_chain(zone, names, cuts, policy)
    else:
        chain = _add_nsec_chain(zone, names)
    for rrset in chain:
        sign_rrset(zone, rrset, policy)
