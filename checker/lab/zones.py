"""The lab's zone definitions: one child zone of ``test.`` per condition, and the conditions.

Every condition names the zone (and the name to check) that shows it, a short description in
Japanese and English, the finding ids of docs/checker-catalog.md that a check of that name
must report, and the verdict a validating resolver reaches. ``expected_findings`` is a lower bound:
the engine must report each of them, and may report consequences (for example ``chain_bogus`` next
to a broken signature). ``expected_verdict`` is what a validating resolver concludes for the
checked name's own data (its SOA at a zone apex, its A record otherwise); faults in denial of
existence elsewhere in the zone leave that data secure and show as findings, while a proof the
name's data rests on (no DS at its delegation, its wildcard expansion) makes it bogus.
``expected_severities`` fixes the severity of findings where the condition states it. Knot and
the demo server serve every condition.
Findings caused by the lab itself rather than by the condition (loopback name-server addresses,
no IPv6 name servers, no reverse DNS) are listed in ``LAB_WIDE_FINDINGS``. The finding ids are
those of ``checker.catalog`` (the lab does not import it; its tests check every id).

Catalog rows without a zone here, and why:
  D14 ``ds_lookup_failed`` shows where one of the parent's servers is lame (``ds-lame-parent``:
  REFUSED, ``ZoneSpec.lame_second``); no usable DS answer from any parent server (its ERR form)
  needs parent servers that misbehave, so it is shown by focused engine unit tests
  (tests/checker/engine/test_chain_unit.py). E1 ``dnskey_query_failed`` shows
  where one of two servers serves the zone unsigned (``unsigned-one-server``: an empty DNSKEY
  answer); its other forms (no answer, bad RCODE, non-authoritative) need a misbehaving server.
  G11 ``nsec3_hash_alg_invalid``: Knot refuses a zone whose NSEC3PARAM names another hash
  algorithm and leaves NSEC3 records of another algorithm out of its answers, so the two labs
  could not show the same thing (tests/checker/engine/test_denial_checks.py shows it).
  Groups A, B, C and J: the rows a correct server can show have zones here, served by Knot and by
  the demo server alike: the delegation and its glue (A6, A8, A10-A15: ``ZoneSpec.ns_names``,
  ``parent_omits``, ``apex_omits``, ``glue_hook``), A18 (``ns-cname``), A24 (``nxdomain``), B16
  (``dnskey-large``), J4-J7; A7, A9, A17 and A23 show on every lab zone (``LAB_WIDE_FINDINGS``).
  Every row of group C (servers that disagree) and A3 (parent servers that disagree) has a zone
  whose second server, or its parent's, serves another copy (``second_server``); B4, B24 and B25
  show where a zone's ns2 serves its parent instead (``ns2_serves_parent``: the apex answered
  empty or NXDOMAIN, with the parent's SOA).
  The others need a server that misbehaves (A2 among them: a correct parent answers NXDOMAIN to
  the name's own queries too, which is A24), so they are shown by the hostile stub servers of
  ``stubs.py`` (tests/checker/engine/test_hostile_servers.py, test_probes.py) and by focused
  tests on in-memory walks (test_zone_checks.py, test_denial_checks.py). Every row of group I
  (CDS and CDNSKEY) has a zone (``cds-*``).

A zone's second name server may serve another copy of the zone (``ZoneSpec.second_server``):
the two providers of a multi-signer zone, a secondary whose signatures have expired or that
lags behind, two servers that disagree on the zone's data, keys or denial of existence; and a
parent's second server may hold another delegation (its ``prepare`` hook leaves the child's DS
or the whole delegation out). The test lab serves that copy from a Knot instance of its own, as
two real servers would.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.dnssec
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdataset
import dns.rdatatype
import dns.rrset
from dns.rdtypes.ANY.DNSKEY import DNSKEY
from dns.rdtypes.ANY.DS import DS
from dns.rdtypes.util import Bitmap

from .signer import add_rrsigs, make_rrsig, signs

DAY = 86400
TLD = dns.name.from_text("test.")

# Findings that every lab zone may show because of the lab's own addressing, not its condition.
LAB_WIDE_FINDINGS = frozenset(
    {
        "ns_address_not_global",  # A17: loopback addresses (labs switch it off)
        "ns_address_family_coverage",  # A7: the lab has no IPv6 name servers
        "ns_network_diversity",  # A9: one /20 of loopback
        "ns_reverse_dns",  # A23: no PTR records for lab addresses
    }
)


@dataclass(frozen=True)
class KeySpec:
    """A key of a zone. ``role``: "ksk", "zsk", "csk" or "none" (published or DS-referenced only).
    ``published``: in the zone's DNSKEY RRset. ``ds``: digest types of its DS at the parent."""

    label: str
    algorithm: int = 13
    flags: int = 256
    role: str = "zsk"
    bits: int | None = None
    protocol: int = 3
    published: bool = True
    ds: tuple[int, ...] = ()
    handmade: bool = False


def keyset(algorithm: int = 13, bits: int | None = None) -> tuple[KeySpec, ...]:
    return (KeySpec("ksk", algorithm, 257, "ksk", bits, ds=(2,)), KeySpec("zsk", algorithm, 256, "zsk", bits))


@dataclass
class ZoneContext:
    """What the hooks of a zone definition work on: the zone after (or before) signing."""

    origin: dns.name.Name
    zone: object  # dns.zone.Zone
    now: int
    keys: dict  # label -> LabKey
    inception: int
    expiration: int
    roles: dict  # key label -> signing role ("ksk", "zsk", "csk", "none")

    def name(self, relative: str) -> dns.name.Name:
        return dns.name.from_text(relative, self.origin)

    def rrset(self, relative: str, rdtype: int) -> dns.rrset.RRset:
        name = self.name(relative)
        rdataset = self.zone.find_rdataset(name, rdtype)
        return dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))

    def rrsigs(self, relative: str, covered: int):
        return self.zone.find_rdataset(self.name(relative), dns.rdatatype.RRSIG, covered)

    def replace_rrsigs(self, relative: str, covered: int, rdatas) -> None:
        node = self.zone.find_node(self.name(relative))
        ttl = node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, covered).ttl
        node.delete_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, covered)
        if rdatas:
            add_rrsigs(self.zone, self.rrset(relative, covered), list(rdatas), ttl)

    def sign(
        self,
        rrset: dns.rrset.RRset,
        key_label: str,
        signer: dns.name.Name | None = None,
        inception: int | None = None,
        expiration: int | None = None,
    ):
        return make_rrsig(
            rrset,
            self.keys[key_label],
            signer or self.origin,
            self.inception if inception is None else inception,
            self.expiration if expiration is None else expiration,
        )

    def resign(self, name: dns.name.Name, rdtype: int) -> None:
        """Replace the RRSIGs of an RRset by fresh ones from the keys whose role signs it."""
        rdataset = self.zone.find_rdataset(name, rdtype)
        rrset = dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))
        node = self.zone.find_node(name)
        node.delete_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, rdtype)
        add_rrsigs(
            self.zone, rrset, [self.sign(rrset, label) for label, role in self.roles.items() if signs(role, rdtype)]
        )

    def add_dnskey(self, rdata: DNSKEY, relative: str = "@") -> None:
        node = self.zone.find_node(self.name(relative), create=True)
        node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.DNSKEY, create=True).add(rdata, 3600)


DsHook = Callable[[ZoneContext, list], list]
Hook = Callable[[ZoneContext], None]


@dataclass
class ZoneSpec:
    name: dns.name.Name
    keys: tuple[KeySpec, ...] = field(default_factory=keyset)
    denial: str = "nsec"
    nsec3_iterations: int = 0
    nsec3_salt: bytes = b""
    nsec3_flags: int = 0
    ttl: int = 3600
    soa_minimum: int = 3600
    # Signature validity relative to the lab's reference time.
    inception: int = -3600
    expiration: int = 21 * DAY
    # "all": the window above applies to every RRSIG; "data": the DNSKEY RRset keeps the default.
    timing_scope: str = "all"
    prepare: Hook | None = None  # before signing
    mutate: Hook | None = None  # after signing
    ds_hook: DsHook | None = None  # rewrites the DS RRset published in the parent
    # Field overrides for the copy of the zone that its second name server serves (another
    # provider of a multi-signer set-up, a secondary with stale signatures or an older serial, a
    # parent's server with another delegation); None: the same copy.
    second_server: dict | None = None
    # A name listed instead of ns2 in the parent's and the zone's NS sets: relative, it is held in the
    # zone as a CNAME to ns2; absolute, it is another zone's name (that zone holds the CNAME).
    ns_alias: str | None = None
    # The zone's name servers, relative to it: each on an address of its own, or all on the first
    # one's (``shared_address``); the parent's delegation or the zone's apex NS set may leave some out.
    ns_names: tuple[str, ...] = ("ns1", "ns2")
    shared_address: bool = False
    parent_omits: tuple[str, ...] = ()
    apex_omits: tuple[str, ...] = ()
    # ns2's address answers, but serves no copy of the zone: REFUSED (a lame delegation).
    lame_second: bool = False
    # ns2 serves the zone's parent instead of the zone: a copy of the parent with these field
    # overrides (a server of the parent's operator listed for a child it was never given).
    ns2_serves_parent: dict | None = None
    # Addresses that serve the zone under no NS name (a name server's former address).
    spare_addresses: int = 0
    # Rewrites the glue the parent holds for the zone: (parent zone, the zone's name, its addresses:
    # those of ``ns_names`` in order, then the spare ones), before the parent is signed.
    glue_hook: Callable[[object, dns.name.Name, list[str]], None] | None = None

    @property
    def signed(self) -> bool:
        return any(k.role != "none" for k in self.keys)


@dataclass(frozen=True)
class Condition:
    name: str
    zone: str  # the zone that holds the condition
    check_name: str  # the name to give the checker
    description_ja: str
    description_en: str
    expected_findings: frozenset[str]
    expected_verdict: str  # "secure", "insecure" or "bogus": of the name's SOA (apex) or A
    trust_anchor: str = "default"  # key of Lab.trust_anchor_files
    # (finding id, severity) pairs the check must report exactly so (a lower bound, like the ids).
    expected_severities: frozenset[tuple[str, str]] = frozenset()


# ---- hooks -------------------------------------------------------------------------------------

DATA_TARGETS = (("@", dns.rdatatype.SOA), ("www", dns.rdatatype.A), ("www", dns.rdatatype.AAAA))


def _corrupt_signatures(ctx: ZoneContext) -> None:
    for relative, rdtype in DATA_TARGETS:
        broken = []
        for rrsig in ctx.rrsigs(relative, rdtype):
            signature = bytearray(rrsig.signature)
            signature[len(signature) // 2] ^= 0x55
            broken.append(rrsig.replace(signature=bytes(signature)))
        ctx.replace_rrsigs(relative, rdtype, broken)


def _drop_signatures(ctx: ZoneContext) -> None:
    # The SOA keeps its RRSIG: Knot serves a zone whose SOA is unsigned as an unsigned zone.
    for relative, rdtype in DATA_TARGETS[1:] + (("@", dns.rdatatype.NS), ("@", dns.rdatatype.TXT)):
        ctx.replace_rrsigs(relative, rdtype, [])


def _drop_dnskey_signatures(ctx: ZoneContext) -> None:
    ctx.replace_rrsigs("@", dns.rdatatype.DNSKEY, [])


def _sign_with_parent_as_signer(ctx: ZoneContext) -> None:
    for relative, rdtype in DATA_TARGETS:
        ctx.replace_rrsigs(relative, rdtype, [ctx.sign(ctx.rrset(relative, rdtype), "zsk", signer=ctx.origin.parent())])


def _labels_too_large(ctx: ZoneContext) -> None:
    for relative, rdtype in DATA_TARGETS:
        ctx.replace_rrsigs(relative, rdtype, [r.replace(labels=r.labels + 1) for r in ctx.rrsigs(relative, rdtype)])


def _original_ttl_below_ttl(ctx: ZoneContext) -> None:
    for relative, rdtype in DATA_TARGETS[1:]:
        served = ctx.rrset(relative, rdtype)
        signed_as = dns.rrset.from_rdata_list(served.name, 300, list(served))
        ctx.replace_rrsigs(relative, rdtype, [ctx.sign(signed_as, "zsk")])


def _rrset_ttl_below_rrsig_ttl(ctx: ZoneContext) -> None:
    # Knot serves an RRSIG with its Original TTL as TTL, so the RRset's TTL is the one lowered.
    for relative, rdtype in DATA_TARGETS[1:]:
        ctx.zone.find_rdataset(ctx.name(relative), rdtype).ttl = 300


def _truncate_signatures(ctx: ZoneContext) -> None:
    for relative, rdtype in DATA_TARGETS:
        ctx.replace_rrsigs(
            relative, rdtype, [r.replace(signature=r.signature[:60]) for r in ctx.rrsigs(relative, rdtype)]
        )


def filler(seed: str, length: int) -> bytes:
    """Made-up bytes that are the same in every build (keys, digests and signatures that only
    need the right length)."""
    stream = b""
    while len(stream) < length:
        stream += hashlib.sha256(f"{seed}/{len(stream)}".encode()).digest()
    return stream[:length]


def _dnskey(flags: int, protocol: int, algorithm: int, key: bytes) -> DNSKEY:
    return DNSKEY(dns.rdataclass.IN, dns.rdatatype.DNSKEY, flags, protocol, algorithm, key)


def _add_short_ecdsa_key(ctx: ZoneContext) -> None:
    ctx.add_dnskey(_dnskey(256, 3, 13, filler("short", 48)))  # P-256 keys are 64 octets


def _add_bad_field_keys(ctx: ZoneContext) -> None:
    ctx.add_dnskey(_dnskey(256, 2, 13, filler("protocol", 64)))  # protocol must be 3
    ctx.add_dnskey(_dnskey(256 | 0x4000, 3, 13, filler("flags", 64)))  # undefined flag bit 1


def _dnskey_below_apex(ctx: ZoneContext) -> None:
    ctx.add_dnskey(ctx.keys["www"].dnskey, "www")


def _sign_ns_with_key_below_apex(ctx: ZoneContext) -> None:
    # The apex NS, not the SOA: Unbound takes the signer name from an RRset's first RRSIG, and
    # Knot orders RRSIGs by key tag, so a validator's verdict on an RRset signed by both keys
    # would depend on the tags the keys happen to get. The NS RRset is not in the answer that
    # decides the verdict (the SOA), so the zone is secure for every key order.
    ns = ctx.rrset("@", dns.rdatatype.NS)
    rrsigs = list(ctx.rrsigs("@", dns.rdatatype.NS))
    rrsigs.append(ctx.sign(ns, "www", signer=ctx.name("www")))
    ctx.replace_rrsigs("@", dns.rdatatype.NS, rrsigs)


def _nsec_owners(ctx: ZoneContext) -> list[dns.name.Name]:
    return [name for name, node in ctx.zone.nodes.items() if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NSEC)]


def _replace_nsec(ctx: ZoneContext, name: dns.name.Name, rdata, ttl: int) -> None:
    """Replace the NSEC or NSEC3 record at ``name`` and sign it again."""
    ctx.zone.find_node(name).replace_rdataset(dns.rdataset.from_rdata(ttl, rdata))
    ctx.resign(name, rdata.rdtype)


def _lengthen_nsec_ttl(ctx: ZoneContext) -> None:
    for name in _nsec_owners(ctx):
        _replace_nsec(ctx, name, ctx.zone.find_rdataset(name, dns.rdatatype.NSEC)[0], DAY)


def _hide_aaaa_from_nsec(ctx: ZoneContext) -> None:
    name = ctx.name("www")
    nsec = ctx.zone.find_rdataset(name, dns.rdatatype.NSEC)
    types = [rds.rdtype for rds in ctx.zone.find_node(name).rdatasets if rds.rdtype != dns.rdatatype.AAAA]
    _replace_nsec(ctx, name, nsec[0].replace(windows=Bitmap.from_rdtypes(types).windows), nsec.ttl)


def _point_last_nsec_past_apex(ctx: ZoneContext) -> None:
    for name in _nsec_owners(ctx):
        nsec = ctx.zone.find_rdataset(name, dns.rdatatype.NSEC)
        if nsec[0].next == ctx.origin:
            _replace_nsec(ctx, name, nsec[0].replace(next=ctx.name("zzz")), nsec.ttl)


def _end_apex_nsec_before_wildcard(ctx: ZoneContext) -> None:
    """The apex NSEC ends at ``\\000.<zone>``, the first name after the apex: no NSEC covers the
    wildcard ``*.<zone>`` any more. (Ending it at the wildcard itself would say that the wildcard
    exists as an empty non-terminal, which Unbound reads as a wildcard NODATA.)"""
    nsec = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.NSEC)
    _replace_nsec(ctx, ctx.origin, nsec[0].replace(next=ctx.name("\\000")), nsec.ttl)


def _shorten_apex_nsec(ctx: ZoneContext) -> None:
    # The apex NSEC then ends at a.<zone>: names from there up to ns1 (mial.<zone>) are covered by
    # no NSEC, while the wildcard and the last NSEC (the engine's probe name) stay proven.
    nsec = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.NSEC)
    _replace_nsec(ctx, ctx.origin, nsec[0].replace(next=ctx.name("a")), nsec.ttl)


def _add_dname(ctx: ZoneContext) -> None:
    # old.<zone> renamed to alg13.test.: www.old.<zone> becomes www.alg13.test. (RFC 6672).
    node = ctx.zone.find_node(ctx.name("old"), create=True)
    rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.DNAME, "alg13.test.")
    node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.DNAME, create=True).add(rdata, 3600)


def _add_mx_to_alias(ctx: ZoneContext) -> None:
    # One mail exchange is an alias of www (RFC 2181 §10.3 forbids it), the other is www itself.
    for relative, rdtype, text in (
        ("@", "MX", f"10 mail.{ctx.origin}"),
        ("@", "MX", f"20 www.{ctx.origin}"),
        ("mail", "CNAME", f"www.{ctx.origin}"),
    ):
        rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(rdtype), text)
        ctx.zone.find_node(ctx.name(relative), create=True).find_rdataset(
            dns.rdataclass.IN, rdata.rdtype, create=True
        ).add(rdata, 3600)


def _add_wildcard(ctx: ZoneContext) -> None:
    # *.<zone> answers for every name that does not exist: A and TXT, nothing else.
    for rdtype, text in (("A", "192.0.2.80"), ("TXT", '"wildcard"')):
        rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(rdtype), text)
        ctx.zone.find_node(ctx.name("*"), create=True).find_rdataset(dns.rdataclass.IN, rdata.rdtype, create=True).add(
            rdata, 3600
        )


DELETE_CDS, DELETE_CDNSKEY = "0 0 0 00", "0 3 0 AA=="  # RFC 8078 §4


def _cds(
    cds: tuple[str, ...] = ("ksk",), cdnskey: tuple[str, ...] = ("ksk",), digest: int = 2, flags: int | None = None
) -> Hook:
    """A hook (before signing) that publishes CDS records (of ``digest``) and CDNSKEY records for
    the keys labelled in ``cds`` and ``cdnskey``; an entry that is not a key label is the record's
    own text (a delete signal). ``flags`` replaces the flags of the keys the CDNSKEY records copy."""

    def prepare(ctx: ZoneContext) -> None:
        node = ctx.zone.find_node(ctx.origin)
        for rdtype, entries in ((dns.rdatatype.CDS, cds), (dns.rdatatype.CDNSKEY, cdnskey)):
            for entry in entries:
                if entry not in ctx.keys:
                    text = entry
                elif rdtype == dns.rdatatype.CDS:
                    key = ctx.keys[entry].dnskey
                    text = dns.dnssec.make_ds(ctx.origin, key, digest, policy=dns.dnssec.allow_all_policy).to_text()
                else:
                    key = ctx.keys[entry].dnskey
                    text = (key if flags is None else key.replace(flags=flags)).to_text()
                rdata = dns.rdata.from_text(dns.rdataclass.IN, rdtype, text)
                node.find_rdataset(dns.rdataclass.IN, rdtype, create=True).add(rdata, 3600)

    return prepare


def _sign_cds_with(label: str | None) -> Hook:
    """A hook (after signing) that replaces the RRSIGs of the CDS and CDNSKEY RRsets by one of the
    key ``label``, or removes them (None)."""

    def mutate(ctx: ZoneContext) -> None:
        for rdtype in (dns.rdatatype.CDS, dns.rdatatype.CDNSKEY):
            rrsigs = [] if label is None else [ctx.sign(ctx.rrset("@", rdtype), label)]
            ctx.replace_rrsigs("@", rdtype, rrsigs)

    return mutate


def _soa(**fields) -> Hook:
    """A hook (before signing) that changes fields of the SOA record."""

    def prepare(ctx: ZoneContext) -> None:
        rdataset = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.SOA)
        changed = {k: dns.name.from_text(v, ctx.origin) if isinstance(v, str) else v for k, v in fields.items()}
        ctx.zone.find_node(ctx.origin).replace_rdataset(
            dns.rdataset.from_rdata(rdataset.ttl, rdataset[0].replace(**changed))
        )

    return prepare


def _drop_nsec_chain(ctx: ZoneContext) -> None:
    for name in _nsec_owners(ctx):
        node = ctx.zone.find_node(name)
        node.delete_rdataset(dns.rdataclass.IN, dns.rdatatype.NSEC)
        node.delete_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, dns.rdatatype.NSEC)


def _add_records(*lines: str) -> Hook:
    """A hook (before signing) that adds records, given as zone-file lines relative to the origin."""

    def prepare(ctx: ZoneContext) -> None:
        ttl = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.SOA).ttl
        for line in lines:
            relative, rdtype, text = line.split(None, 2)
            rdata = dns.rdata.from_text(dns.rdataclass.IN, rdtype, text, origin=ctx.origin)
            node = ctx.zone.find_node(ctx.name(relative), create=True)
            node.find_rdataset(dns.rdataclass.IN, rdata.rdtype, create=True).add(rdata, ttl)

    return prepare


def _bitmap_types(rdata) -> set[int]:
    return {
        window * 256 + index * 8 + bit
        for window, bitmap in rdata.windows
        for index, byte in enumerate(bitmap)
        for bit in range(8)
        if byte & (0x80 >> bit)
    }


def _hash_octets(name: dns.name.Name) -> bytes:
    """The hash an NSEC3 owner name stands for."""
    return base64.b32hexdecode(name.labels[0].upper())


def _nsec3_owner(ctx: ZoneContext, name: dns.name.Name) -> dns.name.Name:
    param = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.NSEC3PARAM)[0]
    label = dns.dnssec.nsec3_hash(name, param.salt, param.iterations, 1)
    return dns.name.Name([label.lower().encode()]).concatenate(ctx.origin)


def _nsec3_owners(ctx: ZoneContext) -> list[dns.name.Name]:
    return sorted(
        name for name, node in ctx.zone.nodes.items() if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NSEC3)
    )


def _uses_nsec3(ctx: ZoneContext) -> bool:
    return ctx.zone.get_rdataset(ctx.origin, dns.rdatatype.NSEC3PARAM) is not None


def _delegation_bitmap(add: tuple[int, ...] = (), remove: tuple[int, ...] = ()) -> Hook:
    """A hook (after signing) that rewrites the type bitmap of the NSEC or NSEC3 record of the
    delegation ``sub.<zone>``, the parent's proof that the child has no DS."""

    def mutate(ctx: ZoneContext) -> None:
        owner = ctx.name("sub")
        rdtype = dns.rdatatype.NSEC
        if _uses_nsec3(ctx):
            owner, rdtype = _nsec3_owner(ctx, owner), dns.rdatatype.NSEC3
        rdataset = ctx.zone.find_rdataset(owner, rdtype)
        types = (_bitmap_types(rdataset[0]) | set(add)) - set(remove)
        windows = Bitmap.from_rdtypes(sorted(types)).windows
        _replace_nsec(ctx, owner, rdataset[0].replace(windows=windows), rdataset.ttl)

    return mutate


def _opt_out_delegation(ctx: ZoneContext) -> None:
    """Take the NSEC3 record of the unsigned delegation ``sub.<zone>`` out of the chain, as an
    opt-out signer does (RFC 5155 §6): the record before it then covers the delegation."""
    owner = _nsec3_owner(ctx, ctx.name("sub"))
    removed = ctx.zone.find_rdataset(owner, dns.rdatatype.NSEC3)[0]
    for name in _nsec3_owners(ctx):
        rdataset = ctx.zone.find_rdataset(name, dns.rdatatype.NSEC3)
        if rdataset[0].next == _hash_octets(owner):
            _replace_nsec(ctx, name, rdataset[0].replace(next=removed.next), rdataset.ttl)
    ctx.zone.delete_node(owner)


def _shrink_nsec3_spans(ctx: ZoneContext) -> None:
    """Every NSEC3 record's next hashed owner becomes its own hash plus one: the records still
    match the names of the zone, but cover no name that does not exist."""
    for name in _nsec3_owners(ctx):
        rdataset = ctx.zone.find_rdataset(name, dns.rdatatype.NSEC3)
        following = (int.from_bytes(_hash_octets(name), "big") + 1).to_bytes(20, "big")
        _replace_nsec(ctx, name, rdataset[0].replace(next=following), rdataset.ttl)


def _stop_short_of(relative: str) -> Hook:
    """A hook (after signing) that makes the NSEC or NSEC3 record covering a name that does not
    exist end at that name, so that it no longer covers it."""

    def mutate(ctx: ZoneContext) -> None:
        name = ctx.name(relative)
        if _uses_nsec3(ctx):
            target = _hash_octets(_nsec3_owner(ctx, name))
            owners = _nsec3_owners(ctx)
            before = [owner for owner in owners if _hash_octets(owner) < target]
            owner, rdtype, following = (before or owners)[-1], dns.rdatatype.NSEC3, target
        else:
            owner = max(owner for owner in _nsec_owners(ctx) if owner < name)
            rdtype, following = dns.rdatatype.NSEC, name
        rdataset = ctx.zone.find_rdataset(owner, rdtype)
        _replace_nsec(ctx, owner, rdataset[0].replace(next=following), rdataset.ttl)

    return mutate


def _break_ds_digest(ctx: ZoneContext, ds_list: list) -> list:
    return [ds.replace(digest=bytes(b ^ 0xFF for b in ds.digest)) for ds in ds_list]


def _add_gost_ds(ctx: ZoneContext, ds_list: list) -> list:
    # GOST R 34.11-94 is not in Python's hashlib: the digest bytes are made up.
    tag = ctx.keys["ksk"].tag
    return ds_list + [DS(dns.rdataclass.IN, dns.rdatatype.DS, tag, 13, 3, filler("gost", 32))]


def _add_unassigned_digest_ds(ctx: ZoneContext, ds_list: list) -> list:
    tag = ctx.keys["ksk"].tag
    return ds_list + [DS(dns.rdataclass.IN, dns.rdatatype.DS, tag, 13, 200, filler("digest200", 32))]


# ---- the conditions ----------------------------------------------------------------------------

ZONE_SPECS: dict[str, ZoneSpec] = {}
CONDITIONS: dict[str, Condition] = {}


def _zone(label: str, **spec) -> str:
    name = dns.name.from_text(label, TLD)
    ZONE_SPECS[name.to_text()] = ZoneSpec(name=name, **spec)
    return name.to_text()


def _condition(
    name: str,
    ja: str,
    en: str,
    findings: set[str] | frozenset | dict[str, str],
    verdict: str,
    zone: str | None = None,
    check_name: str | None = None,
    trust_anchor: str = "default",
    **spec,
) -> None:
    """A condition; ``findings`` as a dict also fixes the severity of each finding."""
    if zone is None:
        zone = _zone(name, **spec)
    severities = frozenset(findings.items()) if isinstance(findings, dict) else frozenset()
    CONDITIONS[name] = Condition(
        name,
        zone,
        check_name or zone,
        ja,
        en,
        frozenset(findings),
        verdict,
        trust_anchor,
        severities,
    )


def _ksk(algorithm=13, **kw) -> KeySpec:
    return KeySpec("ksk", algorithm, 257, "ksk", ds=kw.pop("ds", (2,)), **kw)


def _zsk(algorithm=13, **kw) -> KeySpec:
    return KeySpec("zsk", algorithm, 256, "zsk", **kw)


# Valid zones, one per algorithm that is fit for use today.
_condition(
    "alg8",
    "RSASHA256 (アルゴリズム8) で正しく署名されたゾーン",
    "Zone correctly signed with RSASHA256 (algorithm 8)",
    set(),
    "secure",
    keys=keyset(8, 2048),
)
_condition(
    "alg13",
    "ECDSAP256SHA256 (アルゴリズム13) で正しく署名されたゾーン",
    "Zone correctly signed with ECDSAP256SHA256 (algorithm 13)",
    set(),
    "secure",
)
_condition(
    "alg15",
    "Ed25519 (アルゴリズム15) で正しく署名されたゾーン",
    "Zone correctly signed with Ed25519 (algorithm 15)",
    set(),
    "secure",
    keys=keyset(15),
)
_condition(
    "alg16",
    "Ed448 (アルゴリズム16) で正しく署名されたゾーン",
    "Zone correctly signed with Ed448 (algorithm 16)",
    set(),
    "secure",
    keys=keyset(16),
)
_condition(
    "nsec3",
    "NSEC3 (1 0 0 -、反復0・ソルトなし) で正しく署名されたゾーン",
    "Zone correctly signed with NSEC3 (1 0 0 -: no extra iterations, no salt)",
    {"nsec3_without_need"},
    "secure",
    denial="nsec3",
)
_condition(
    "deep-chain",
    "2段の委任の先 (sub.alg13.test.) で正しく署名されたゾーン",
    "Correctly signed zone two delegations below the TLD (sub.alg13.test.)",
    set(),
    "secure",
    zone="sub.alg13.test.",
)
ZONE_SPECS["sub.alg13.test."] = ZoneSpec(name=dns.name.from_text("sub.alg13.test."))
_condition(
    "alg-rollover",
    "アルゴリズムロールオーバーの途中 (アルゴリズム8と13の鍵がそろって全データに署名、DSも両方)",
    "In the middle of an algorithm rollover (algorithm 8 and 13 keys both sign all data; a DS for each)",
    set(),
    "secure",
    keys=keyset(13) + (KeySpec("ksk8", 8, 257, "ksk", 2048, ds=(2,)), KeySpec("zsk8", 8, 256, "zsk", 2048)),
)
_condition(
    "non-apex",
    "ゾーン頂点ではない名前 (www.alg13.test. のAレコード)",
    "A name that is not a zone apex (the A record www.alg13.test.)",
    set(),
    "secure",
    zone="alg13.test.",
    check_name="www.alg13.test.",
)

# Insecure by design.
_condition(
    "unsigned",
    "署名されていないゾーン (親にDSなし)",
    "Unsigned zone (no DS at the parent)",
    {"zone_unsigned"},
    "insecure",
    keys=(),
)
_condition(
    "island",
    "署名されているが親にDSがないゾーン (セキュリティの孤島)",
    "Signed zone without a DS at the parent (island of security)",
    {"signed_without_ds"},
    "insecure",
    keys=(_ksk(ds=()), _zsk()),
)
_condition(
    "alg-unsupported-only",
    "プライベートアルゴリズム253の鍵だけで署名 (検証できないため insecure 扱い)",
    "Signed only with private algorithm 253 keys (not validatable, hence insecure)",
    {"dnskey_alg_invalid", "insecure_by_unsupported_algorithm", "alg_not_validatable_by_checker"},
    "insecure",
    keys=(KeySpec("ksk", 253, 257, "ksk", ds=(2,), handmade=True), KeySpec("zsk", 253, 256, "zsk", handmade=True)),
)

# Signature validity windows.
# Three days: validators tolerate clock skew (Unbound up to val-sig-skew-max, one day).
_condition(
    "expired",
    "署名の有効期限が切れている (全RRSIGが3日前に失効)",
    "Signatures expired (every RRSIG expired three days ago)",
    {"rrsig_expired": "CRIT", "chain_bogus": "CRIT"},
    "bogus",
    inception=-33 * DAY,
    expiration=-3 * DAY,
)
_condition(
    "expired-one-server",
    "2台のうち1台 (ns2) だけが期限切れの署名を返す (DNSKEYの署名は有効)",
    "Only one of two servers (ns2) serves expired signatures (its DNSKEY signature is valid)",
    {"rrsig_expired": "ERR"},
    "secure",
    second_server={"inception": -33 * DAY, "expiration": -3 * DAY, "timing_scope": "data"},
)
_condition(
    "notyet",
    "署名の有効期間がまだ始まっていない (開始が3日後)",
    "Signatures not yet valid (inception three days ahead)",
    {"rrsig_not_yet_valid": "CRIT", "chain_bogus": "CRIT"},
    "bogus",
    inception=3 * DAY,
    expiration=33 * DAY,
)
_condition(
    "expired-one-server-www",
    "ゾーン頂点ではない名前 (www) を確認: 2台のうち1台 (ns2) だけがそのAレコードに期限切れの署名を返す",
    "A name that is not a zone apex (www): only one of two servers (ns2) serves its A record with an expired signature",
    {"rrsig_expired": "ERR"},
    "secure",
    zone="expired-one-server.test.",
    check_name="www.expired-one-server.test.",
)
_condition(
    "notyet-one-server",
    "2台のうち1台 (ns2) だけが有効期間前の署名を返す (DNSKEYの署名は有効)",
    "Only one of two servers (ns2) serves signatures that are not yet valid (its DNSKEY signature is valid)",
    {"rrsig_not_yet_valid": "ERR"},
    "secure",
    second_server={"inception": 3 * DAY, "expiration": 33 * DAY, "timing_scope": "data"},
)
_condition(
    "stale-secondary",
    "2台のうち1台 (ns2) がゾーン転送の止まったセカンダリーで、DNSKEYを含む全署名の有効期限が切れている",
    "One of two servers (ns2) is a secondary that stopped transferring: every signature it serves has expired,"
    " its DNSKEY signature included",
    {"rrsig_expired": "ERR", "no_secure_entry_point": "ERR", "ds_key_not_signing_dnskey": "ERR"},
    "secure",
    second_server={"inception": -33 * DAY, "expiration": -3 * DAY, "timing_scope": "all"},
)
_condition(
    "notyet-secondary",
    "2台のうち1台 (ns2) だけが、DNSKEYを含む全署名を有効期間前の署名で返す",
    "Only one of two servers (ns2) serves signatures that are not yet valid, its DNSKEY signature included",
    {"rrsig_not_yet_valid": "ERR", "no_secure_entry_point": "ERR", "ds_key_not_signing_dnskey": "ERR"},
    "secure",
    second_server={"inception": 3 * DAY, "expiration": 33 * DAY, "timing_scope": "all"},
)
_condition(
    "inception-recent",
    "署名の開始時刻が60秒前 (時計のずれで失敗しうる)",
    "Signature inception 60 seconds ago (fails on resolvers whose clock is behind)",
    {"rrsig_inception_too_recent"},
    "secure",
    inception=-60,
)
_condition(
    "expiring-soon",
    "署名があと200秒で失効する",
    "Signatures expire in 200 seconds",
    {"rrsig_expiration_imminent", "rrsig_expires_within_ttl", "rrsig_remaining_short"},
    "secure",
    expiration=200,
)
_condition(
    "expires-within-ttl",
    "TTL (2日) が署名の残り有効期間 (1日) より長い",
    "TTL (2 days) longer than the remaining signature validity (1 day)",
    {"rrsig_expires_within_ttl"},
    "secure",
    ttl=2 * DAY,
    expiration=DAY,
)
_condition(
    "remaining-short",
    "署名の残り有効期間が6時間 (12時間未満)",
    "Remaining signature validity 6 hours (under 12 hours)",
    {"rrsig_remaining_short"},
    "secure",
    expiration=6 * 3600,
)
_condition(
    "remaining-long",
    "署名の残り有効期間が200日 (180日超)",
    "Remaining signature validity 200 days (over 180 days)",
    {"rrsig_remaining_long", "rrsig_validity_period_long"},
    "secure",
    expiration=200 * DAY,
)
_condition(
    "window-long",
    "署名の有効期間の長さが190日 (180日超、残りは40日)",
    "Signature validity period of 190 days (over 180 days; 40 days remain)",
    {"rrsig_validity_period_long"},
    "secure",
    inception=-150 * DAY,
    expiration=40 * DAY,
)
_condition(
    "window-malformed",
    "データの署名の開始時刻が有効期限より後",
    "Data signatures whose inception is after their expiration",
    {"rrsig_window_malformed"},
    "bogus",
    inception=10 * DAY,
    expiration=5 * DAY,
    timing_scope="data",
)

# Chain of trust: DS and DNSKEY.
_condition(
    "ds-mismatch",
    "親のDSのダイジェストが子ゾーンの鍵署名鍵 (KSK) と一致しない",
    "The parent's DS digest does not match the child's KSK",
    {"ds_digest_mismatch", "no_secure_entry_point", "chain_bogus"},
    "bogus",
    ds_hook=_break_ds_digest,
)
_condition(
    "ds-orphan",
    "親に子のどの鍵にも対応しないDSが残っている (正しいDSもある)",
    "A stale DS at the parent matches no key of the child (a correct DS exists too)",
    {"ds_orphan"},
    "secure",
    keys=keyset() + (KeySpec("old-ksk", 13, 257, "none", published=False, ds=(2,)),),
)
_condition(
    "ds-orphan-only",
    "親のDSが子のどの鍵にも対応しない (正しいDSはない)",
    "The only DS at the parent matches no key of the child",
    {"ds_orphan", "no_secure_entry_point", "chain_bogus"},
    "bogus",
    keys=(_ksk(ds=()), _zsk(), KeySpec("old-ksk", 13, 257, "none", published=False, ds=(2,))),
)
_condition(
    "no-dnskey",
    "親にDSがあるが子ゾーンは署名されていない (DNSKEYなし)",
    "DS at the parent but the child zone is unsigned (no DNSKEY)",
    {"ds_but_unsigned", "chain_bogus"},
    "bogus",
    keys=(KeySpec("old-ksk", 13, 257, "none", published=False, ds=(2,)),),
)
_condition(
    "ds-key-not-signing",
    "DSが指す鍵の一つがDNSKEY RRsetに署名していない",
    "One key referenced by a DS does not sign the DNSKEY RRset",
    {"ds_key_not_signing_dnskey"},
    "secure",
    keys=keyset() + (KeySpec("ksk2", 13, 257, "none", ds=(2,)),),
)
_condition(
    "ds-alg-no-sep",
    "DSにアルゴリズム8があるが、その鍵がDNSKEY RRsetにない",
    "The DS RRset lists algorithm 8, but no algorithm-8 key signs the DNSKEY RRset",
    {"ds_algorithm_without_sep", "ds_orphan"},
    "secure",
    keys=keyset() + (KeySpec("old-ksk", 8, 257, "none", bits=2048, published=False, ds=(2,)),),
)
_condition(
    "ds-non-zone-key",
    "DSがZoneフラグのないDNSKEYを指している",
    "A DS points to a DNSKEY without the Zone flag",
    {"ds_to_non_zone_key"},
    "secure",
    keys=keyset() + (KeySpec("nonzone", 13, 1, "none", ds=(2,)),),
)
_condition(
    "ds-non-sep",
    "DSがSEPフラグのない鍵 (フラグ256の単一鍵) を指している",
    "The DS points to a key without the SEP flag (a single key with flags 256)",
    {"ds_to_non_sep_key"},
    "secure",
    keys=(KeySpec("csk", 13, 256, "csk", ds=(2,)),),
)
_condition(
    "ds-revoked",
    "DSが失効 (REVOKE) フラグ付きの鍵を指している",
    "A DS points to a key with the REVOKE flag",
    {"ds_to_revoked_key"},
    "secure",
    keys=keyset() + (KeySpec("revoked", 13, 257 | 0x80, "ksk", ds=(2,)),),
)
_condition(
    "ds-sha1-only",
    "DSのダイジェストがSHA-1 (タイプ1) だけ",
    "The only DS digest is SHA-1 (type 1)",
    {"ds_sha256_missing", "ds_digest_deprecated"},
    "secure",
    keys=(_ksk(ds=(1,)), _zsk()),
)
_condition(
    "ds-digest3",
    "GOST R 34.11-94 (タイプ3) のDSがある (SHA-256のDSもある)",
    "A GOST R 34.11-94 (type 3) DS next to the SHA-256 DS",
    {"ds_digest_deprecated", "alg_not_validatable_by_checker"},
    "secure",
    ds_hook=_add_gost_ds,
)
_condition(
    "ds-digest-unassigned",
    "未割り当てのダイジェストタイプ200のDSがある",
    "A DS with unassigned digest type 200",
    {"ds_digest_invalid"},
    "secure",
    ds_hook=_add_unassigned_digest_ds,
)

# The DNSKEY RRset.
_condition(
    "dnskey-unsigned",
    "DNSKEY RRsetにRRSIGがない",
    "The DNSKEY RRset has no RRSIG",
    {"dnskey_unsigned_in_response", "chain_bogus"},
    "bogus",
    mutate=_drop_dnskey_signatures,
)
_condition(
    "dnskey-not-apex",
    "ゾーン頂点以外 (www) に置いたDNSKEYで頂点のNSにも署名している",
    "A DNSKEY below the apex (at www) that also signs the apex NS RRset",
    {"dnskey_not_at_apex", "rrsig_signer_not_zone"},
    "secure",
    keys=keyset() + (KeySpec("www", 13, 256, "none", published=False),),
    prepare=_dnskey_below_apex,
    mutate=_sign_ns_with_key_below_apex,
)
_condition(
    "bad-key-length",
    "長さが正しくないECDSA P-256のDNSKEY (48オクテット) がある",
    "An ECDSA P-256 DNSKEY of the wrong length (48 octets)",
    {"dnskey_bad_key_length"},
    "secure",
    prepare=_add_short_ecdsa_key,
)
_condition(
    "rsa-1024",
    "1024ビットのRSA鍵 (推奨の2048ビット未満)",
    "1024-bit RSA keys (below the recommended 2048 bits)",
    {"rsa_key_size"},
    "secure",
    keys=keyset(8, 1024),
)
_condition(
    "dnskey-fields",
    "プロトコル値が3でないDNSKEYと、未定義フラグ付きのDNSKEYがある",
    "A DNSKEY whose protocol is not 3, and one with an undefined flag bit",
    {"dnskey_fields_invalid"},
    "secure",
    prepare=_add_bad_field_keys,
)
_condition(
    "revoked-misuse",
    "失効 (REVOKE) した鍵がDNSKEY以外のRRsetに署名している",
    "A revoked key signs RRsets other than DNSKEY",
    {"revoked_key_misuse"},
    "secure",
    keys=keyset() + (KeySpec("revoked", 13, 256 | 0x80, "zsk"),),
)
_condition(
    "keytag-collision",
    "同じアルゴリズムで鍵タグが同じDNSKEYが2つある",
    "Two DNSKEYs with the same algorithm and key tag",
    {"keytag_collision"},
    "secure",
    keys=(_ksk(), KeySpec("collide-a", role="zsk"), KeySpec("collide-b", role="zsk")),
)

# RRSIGs.
_condition(
    "bogus-sig",
    "SOAとwwwのRRSIGの署名値が壊れている",
    "The signatures of the SOA and www RRSIGs are corrupted",
    {"rrsig_invalid"},
    "bogus",
    mutate=_corrupt_signatures,
)
_condition(
    "missing-rrsig",
    "頂点のNSとTXT、wwwのA/AAAAにRRSIGがない",
    "The apex NS and TXT and the www A and AAAA RRsets have no RRSIG",
    {"rrsig_missing"},
    "bogus",
    zone=_zone("missing-rrsig", mutate=_drop_signatures),
    check_name="www.missing-rrsig.test.",
)
_condition(
    "alg-missing",
    "DNSKEYにアルゴリズム8の鍵があるのに、データはアルゴリズム13でしか署名されていない",
    "Algorithm-8 keys in the DNSKEY RRset, but data signed with algorithm 13 only",
    {"rrsig_algorithm_missing"},
    "secure",
    keys=keyset() + (KeySpec("ksk8", 8, 257, "ksk", 2048), KeySpec("zsk8", 8, 256, "none", 2048)),
)
_condition(
    "rrsig-key-absent",
    "DNSKEY RRsetにない鍵のRRSIGがある (正しい署名もある)",
    "RRSIGs by a key that is not in the DNSKEY RRset (valid ones exist too)",
    {"rrsig_key_absent"},
    "secure",
    keys=keyset() + (KeySpec("ghost", 13, 256, "zsk", published=False),),
)
_condition(
    "signer-mismatch",
    "RRSIGの署名者名が親ゾーン (test.) になっている",
    "RRSIG signer name is the parent zone (test.)",
    {"rrsig_signer_not_zone"},
    "bogus",
    mutate=_sign_with_parent_as_signer,
)
_condition(
    "labels-too-large",
    "RRSIGのラベル数がオーナー名のラベル数より大きい",
    "RRSIG labels field larger than the owner name's label count",
    {"rrsig_labels_too_large"},
    "bogus",
    mutate=_labels_too_large,
)
_condition(
    "original-ttl",
    "RRsetのTTL (3600) がRRSIGの元のTTL (300) を超えている",
    "RRset TTL (3600) above the RRSIG's original TTL (300)",
    {"rrsig_original_ttl_exceeded"},
    "secure",
    zone=_zone("original-ttl", mutate=_original_ttl_below_ttl),
    check_name="www.original-ttl.test.",
)
_condition(
    "ttl-mismatch",
    "wwwのRRSIGのTTL (3600) がRRsetのTTL (300) と異なる",
    "The www RRSIGs' TTL (3600) differs from the RRsets' TTL (300)",
    {"rrsig_ttl_mismatch"},
    "secure",
    zone=_zone("ttl-mismatch", mutate=_rrset_ttl_below_rrsig_ttl),
    check_name="www.ttl-mismatch.test.",
)
_condition(
    "rrsig-bad-length",
    "ECDSA P-256のRRSIGの署名長が60オクテット (正しくは64)",
    "ECDSA P-256 RRSIG signatures of 60 octets (64 expected)",
    {"rrsig_bad_length"},
    "bogus",
    mutate=_truncate_signatures,
)


# Multi-signer (RFC 8901 model 2): ns1 is provider A, ns2 provider B; each signs with its own
# KSK and ZSK, publishes its own KSK and both ZSKs, and the parent has a DS for each KSK.
def _provider(own: str, other: str, other_zsk: bool = True) -> tuple[KeySpec, ...]:
    keys = (
        KeySpec(f"ksk-{own}", 13, 257, "ksk", ds=(2,)),
        KeySpec(f"zsk-{own}", 13, 256, "zsk"),
        KeySpec(f"ksk-{other}", 13, 257, "none", published=False, ds=(2,)),
    )
    return keys + ((KeySpec(f"zsk-{other}", 13, 256, "none"),) if other_zsk else ())


_condition(
    "multi-signer",
    "2つのDNS事業者がそれぞれの鍵署名鍵 (KSK) とゾーン署名鍵 (ZSK) で署名 (RFC 8901 モデル2、正しい構成)",
    "Two DNS providers each sign with their own KSK and ZSK (RFC 8901 model 2, correct)",
    {"multi_signer_detected": "INFO"},
    "secure",
    keys=_provider("a", "b"),
    second_server={"keys": _provider("b", "a")},
)
_condition(
    "multi-signer-broken",
    "RFC 8901 モデル2で、事業者B (ns2) のDNSKEY RRsetに事業者AのZSKがない",
    "RFC 8901 model 2 where provider B's DNSKEY RRset (ns2) lacks provider A's ZSK",
    {"multi_signer_detected": "INFO", "multi_signer_consistency": "ERR"},
    "secure",
    keys=_provider("a", "b"),
    second_server={"keys": _provider("b", "a", other_zsk=False)},
)

# Name servers.
_condition(
    "ns-cname",
    "NS名の1つ (alias) がCNAME (親と子のNSの両方に載っている)",
    "One NS name (alias) is a CNAME, listed in both the parent's and the zone's NS sets",
    {"ns_is_cname": "ERR"},
    "secure",
    ns_alias="alias",
)
_condition(
    "ns-cname-outside",
    "NS名の1つが別のゾーンのCNAME (mx-cname.test. の mail、親と子のNSの両方に載っている)",
    "One NS name is a CNAME in another zone (mail in mx-cname.test.), in both the parent's and the zone's NS sets",
    {"ns_is_cname": "ERR", "ns_name_unresolvable": "ERR"},
    "secure",
    # A name no zone has glue for: the alias is found only by resolving it.
    ns_alias="mail.mx-cname.test.",
)

# The delegation and its glue (A6, A8, A10-A15): what the parent lists against what the zone serves.
IPV6_NS = "2001:db8::53"  # outside the lab's range: the checker never sends it a query


# Glue hooks (ZoneSpec.glue_hook): they change the parent's glue for the zone's ns2.
def _drop_ns2_glue(parent, child: dns.name.Name, addresses: list[str]) -> None:
    parent.delete_node(dns.name.from_text("ns2", child))


def _move_ns2_glue(parent, child: dns.name.Name, addresses: list[str]) -> None:
    # The glue still gives ns2's former address (the spare one, which serves the zone too).
    ns2 = parent.find_node(dns.name.from_text("ns2", child))
    ns2.replace_rdataset(dns.rdataset.from_text("IN", "A", 3600, addresses[-1]))


def _add_ns2_ipv6_glue(parent, child: dns.name.Name, addresses: list[str]) -> None:
    ns2 = parent.find_node(dns.name.from_text("ns2", child))
    ns2.replace_rdataset(dns.rdataset.from_text("IN", "AAAA", 3600, IPV6_NS))


_condition(
    "ns-one",
    "名前サーバーが1つ (ns1) だけ: 親の委任にもゾーン頂点の NS にも1つ",
    "A single name server (ns1), in the parent's delegation and in the zone's apex NS set",
    {"too_few_nameservers": "ERR"},
    "secure",
    ns_names=("ns1",),
)
_condition(
    "ns-shared-ip",
    "2つの NS 名 (ns1 と ns2) が同じ IP アドレスを指している",
    "Two NS names (ns1 and ns2) have the same IP address",
    {"ns_shared_ip": "ERR"},
    "secure",
    shared_address=True,
)
_condition(
    "ns-parent-only",
    "親の委任にある NS 名 (ns3) がゾーン頂点の NS にない (ns3 はゾーンを返す)",
    "An NS name in the parent's delegation (ns3) is missing from the zone's apex NS set (ns3 serves the zone)",
    {"ns_parent_not_in_child": "ERR"},
    "secure",
    ns_names=("ns1", "ns2", "ns3"),
    apex_omits=("ns3",),
)
_condition(
    "ns-child-only",
    "ゾーン頂点の NS 名 (ns3) が親の委任にない",
    "An NS name of the zone's apex NS set (ns3) is missing from the parent's delegation",
    {"ns_child_not_in_parent": "NOTE"},
    "secure",
    ns_names=("ns1", "ns2", "ns3"),
    parent_omits=("ns3",),
)
_condition(
    "glue-missing",
    "ゾーン内の NS 名 (ns2) のグルーが親にない",
    "No glue at the parent for an NS name inside the zone (ns2)",
    {"glue_required_missing": "ERR"},
    "secure",
    glue_hook=_drop_ns2_glue,
)
_condition(
    "glue-ipv6-missing",
    "ns2 には権威ある AAAA があるが、親に AAAA のグルーがない",
    "ns2 has an authoritative AAAA record but no AAAA glue at the parent",
    {"glue_family_missing": "WARN"},
    "secure",
    prepare=_add_records(f"ns2 AAAA {IPV6_NS}"),
)
_condition(
    "glue-mismatch",
    "親のグルーにある ns2 のアドレスが、ゾーンの ns2 の A レコードと異なる (どちらのアドレスもゾーンを返す)",
    "The parent's glue for ns2 differs from the zone's A record of ns2 (both addresses serve the zone)",
    {"glue_mismatch": "ERR"},
    "secure",
    spare_addresses=1,
    glue_hook=_move_ns2_glue,
)
_condition(
    "glue-ipv6-extra",
    "親に ns2 の AAAA のグルーがあるが、ゾーンの ns2 には AAAA レコードがない",
    "AAAA glue for ns2 at the parent, but the zone has no AAAA record for ns2",
    {"glue_extra": "WARN"},
    "secure",
    glue_hook=_add_ns2_ipv6_glue,
)
_condition(
    "ns-name-syntax",
    "NS 名の1つ (ns_2) がホスト名に使えない文字 (_) を含む",
    "One NS name (ns_2) holds a character not allowed in host names (_)",
    {"name_syntax": "ERR"},
    "secure",
    ns_names=("ns1", "ns_2"),
)

# The DNSKEY RRset (with its RRSIG) no longer fits in 1232 octets: answered over TCP.
_condition(
    "dnskey-large",
    "DNSKEY の応答が1232オクテットを超える (2048ビットの RSA 鍵4つ)",
    "The DNSKEY answer exceeds 1232 octets (four 2048-bit RSA keys)",
    {"large_dnssec_response": "NOTE"},
    "secure",
    keys=keyset(8, 2048) + (KeySpec("standby1", 8, 256, "none", 2048), KeySpec("standby2", 8, 256, "none", 2048)),
)

# Algorithms.
_condition(
    "sha1-alg5",
    "RSASHA1 (アルゴリズム5) で署名 (作成はRFC 9905で禁止)",
    "Signed with RSASHA1 (algorithm 5; creation forbidden by RFC 9905)",
    {"dnskey_alg_sha1"},
    "secure",
    keys=keyset(5, 2048),
)
_condition(
    "nsec3-alg7",
    "RSASHA1-NSEC3-SHA1 (アルゴリズム7) とNSEC3で署名",
    "Signed with RSASHA1-NSEC3-SHA1 (algorithm 7) and NSEC3",
    {"dnskey_alg_sha1", "nsec3_without_need"},
    "secure",
    keys=keyset(7, 2048),
    denial="nsec3",
)
_condition(
    "rsasha512",
    "RSASHA512 (アルゴリズム10、非推奨) で署名",
    "Signed with RSASHA512 (algorithm 10, not recommended)",
    {"dnskey_alg_not_recommended"},
    "secure",
    keys=keyset(10, 2048),
)
_condition(
    "alg-must-not",
    "RSAMD5 (アルゴリズム1、使用禁止) でも署名している",
    "Also signed with RSAMD5 (algorithm 1, must not be used)",
    {"dnskey_alg_must_not"},
    "secure",
    keys=keyset() + (KeySpec("md5", 1, 257, "csk", 2048),),
)
_condition(
    "alg-unknown",
    "プライベートアルゴリズム253のDNSKEYがある (ゾーンはアルゴリズム13でも署名済み)",
    "A DNSKEY of private algorithm 253 (the zone is also signed with 13)",
    {"dnskey_alg_invalid"},
    "secure",
    keys=keyset() + (KeySpec("private", 253, 256, "none", handmade=True),),
)

# NSEC3 parameters (group G basics).
_condition(
    "nsec3-iterations",
    "NSEC3の追加反復回数10、ソルトあり (RFC 9276違反)",
    "NSEC3 with 10 extra iterations and a salt (against RFC 9276)",
    {"nsec3_iterations_nonzero", "nsec3_salt_nonempty", "nsec3_without_need"},
    "secure",
    denial="nsec3",
    nsec3_iterations=10,
    nsec3_salt=bytes.fromhex("aabbccdd"),
)
# The child is clean; only its parent breaks RFC 9276: that is the parent's business (issue 13, item 6).
_condition(
    "upstream-nsec3",
    "親ゾーン (nsec3-iterations.test.) のNSEC3の追加反復回数が10、子ゾーンは正しく署名されている",
    "The parent (nsec3-iterations.test.) uses 10 extra NSEC3 iterations; the child is correctly signed",
    set(),
    "secure",
    zone="child.nsec3-iterations.test.",
)
ZONE_SPECS["child.nsec3-iterations.test."] = ZoneSpec(name=dns.name.from_text("child.nsec3-iterations.test."))

_condition(
    "nsec3-iterations-high",
    "NSEC3の追加反復回数200 (多くのリゾルバーの上限150を超える)",
    "NSEC3 with 200 extra iterations (above the common resolver limit of 150)",
    {"nsec3_iterations_nonzero", "nsec3_iterations_over_resolver_limit"},
    "secure",
    denial="nsec3",
    nsec3_iterations=200,
)
_condition(
    "nsec3-optout",
    "小さなゾーンでNSEC3のオプトアウトを使っている",
    "NSEC3 opt-out in a small zone",
    {"nsec3_optout_small_zone"},
    "secure",
    denial="nsec3",
    nsec3_flags=1,
)
_condition(
    "nsec3-flags",
    "NSEC3に未割り当てのフラグビット (0x02) が立っている",
    "Unassigned flag bit (0x02) set in the NSEC3 records",
    {"nsec3_flags_invalid"},
    "secure",
    denial="nsec3",
    nsec3_flags=2,
)
_condition(
    "nsec-ttl",
    "NSECのTTL (86400) がSOAのTTLと最小TTLの小さい方 (3600) と異なる",
    "NSEC TTL (86400) differs from the lesser of the SOA TTL and minimum (3600)",
    {"nsec_ttl_wrong"},
    "secure",
    mutate=_lengthen_nsec_ttl,
)
_condition(
    "denial-contradicts",
    "wwwのNSECがAAAAはないと言うが、AAAAレコードは存在する",
    "The NSEC at www denies an AAAA record that exists",
    {"denial_contradicts_data"},
    "secure",
    mutate=_hide_aaaa_from_nsec,
)
_condition(
    "nsec-last-next",
    "最後のNSECの次の名前がゾーン頂点ではない",
    "The last NSEC's next name is not the zone apex",
    {"nxdomain_proof_nsec_invalid"},
    "secure",
    mutate=_point_last_nsec_past_apex,
)
_condition(
    "nsec-missing",
    "署名済みゾーンの否定応答にNSEC/NSEC3がない",
    "Negative answers of a signed zone carry no NSEC or NSEC3",
    {"denial_records_missing"},
    "secure",
    mutate=_drop_nsec_chain,
)

# What the denial proofs prove (G2, G3, G4, G6, G7). A broken proof is served as it is by Knot and
# by the demo server (both take the NSEC or NSEC3 record that precedes the name); a resolver
# rejects it, so the name's data is bogus.
NXDOMAIN_FINDING = {"nxdomain_proof_nsec3_invalid": "ERR"}
_condition(
    "nsec3-nxdomain",
    "NSEC3のどのレコードも存在しない名前を覆っていない (NXDOMAINの証明が成り立たない)",
    "No NSEC3 record covers a name that does not exist (NXDOMAIN proofs do not hold)",
    NXDOMAIN_FINDING,
    "secure",
    denial="nsec3",
    mutate=_shrink_nsec3_spans,
)
_condition(
    "nxdomain-nsec3-uncovered",
    "存在しない名前のNXDOMAINで、NSEC3がその名前もワイルドカードも覆っていない",
    "The NXDOMAIN for a name that does not exist: no NSEC3 covers the name or the wildcard",
    NXDOMAIN_FINDING,
    "bogus",
    zone="nsec3-nxdomain.test.",
    check_name="nope.nsec3-nxdomain.test.",
)
_condition(
    "nxdomain-nsec-uncovered",
    "存在しない名前のNXDOMAINで、最後のNSECがその名前を覆っていない",
    "The NXDOMAIN for a name that does not exist: the last NSEC stops before the name",
    {"nxdomain_proof_nsec_invalid": "ERR"},
    "bogus",
    zone="nsec-last-next.test.",
    check_name="zzzz.nsec-last-next.test.",
)

_condition(
    "nsec-wildcard-uncovered",
    "ゾーン頂点のNSECがワイルドカード (*) の手前で終わり、どのNSECもワイルドカードを覆っていない",
    "The apex NSEC ends before the wildcard (*), so no NSEC covers the wildcard",
    {"nxdomain_proof_nsec_invalid": "ERR"},
    "secure",
    mutate=_end_apex_nsec_before_wildcard,
)
_condition(
    "nxdomain-nsec-wildcard-uncovered",
    "存在しない名前のNXDOMAINで、NSECは名前を覆うがワイルドカードを覆っていない",
    "The NXDOMAIN for a name that does not exist: an NSEC covers the name but none the wildcard",
    {"nxdomain_proof_nsec_invalid": "ERR"},
    "bogus",
    zone="nsec-wildcard-uncovered.test.",
    check_name="x.nsec-wildcard-uncovered.test.",
)


def _delegation(name: str, child_keys: tuple[KeySpec, ...] = (), **spec) -> str:
    """A zone ``<name>.test.`` that delegates ``sub.<name>.test.``; returns the child's name."""
    parent = dns.name.from_text(_zone(name, **spec))
    child = dns.name.from_text("sub", parent)
    ZONE_SPECS[child.to_text()] = ZoneSpec(name=child, keys=child_keys)
    return child.to_text()


NO_DS_FINDING = {"insecure_delegation_proof_invalid": "ERR"}
for _suffix, _denial in (("", "nsec"), ("-nsec3", "nsec3")):
    _kind = _denial.upper()
    _condition(
        f"nods-ds-bit{_suffix}",
        f"DSがないことを示す親の{_kind}で、委任点のタイプビットマップにDSが立っている",
        f"The parent's {_kind} proving that there is no DS has the DS bit set at the delegation",
        NO_DS_FINDING,
        "bogus",
        zone=_delegation(f"nods-ds-bit{_suffix}", denial=_denial, mutate=_delegation_bitmap(add=(dns.rdatatype.DS,))),
    )
    _condition(
        f"nods-soa-bit{_suffix}",
        f"DSがないことを示す親の{_kind}で、委任点のタイプビットマップにSOAがありNSがない",
        f"The parent's {_kind} proving that there is no DS has SOA and no NS at the delegation",
        NO_DS_FINDING,
        "bogus",
        zone=_delegation(
            f"nods-soa-bit{_suffix}",
            denial=_denial,
            mutate=_delegation_bitmap(add=(dns.rdatatype.SOA,), remove=(dns.rdatatype.NS,)),
        ),
    )
_condition(
    "nods-optout",
    "NSEC3のオプトアウトで署名されていない委任をとばしている (DSがないことの正しい証明)",
    "An unsigned delegation skipped by NSEC3 opt-out (a correct proof that there is no DS)",
    set(),
    "insecure",
    zone=_delegation("nods-optout", denial="nsec3", nsec3_flags=1, mutate=_opt_out_delegation),
)
_condition(
    "nods-optout-unset",
    "NSEC3の連鎖が委任をとばしているが、それを覆うNSEC3にオプトアウトフラグがない",
    "The NSEC3 chain skips an unsigned delegation, but the NSEC3 covering it lacks the opt-out flag",
    NO_DS_FINDING,
    "bogus",
    zone=_delegation("nods-optout-unset", denial="nsec3", mutate=_opt_out_delegation),
)

# Wildcards (RFC 4035 §5.3.4, RFC 5155 §8.7, §8.8) and an empty non-terminal (e), served by Knot
# and by the demo server alike.
WILDCARD_RECORDS = (
    'w TXT "a name with a wildcard below it"',
    "*.w A 192.0.2.80",
    "*.w AAAA 2001:db8::80",
    't TXT "a name with a TXT-only wildcard below it"',
    '*.t TXT "wildcard"',
    'a.e TXT "below the empty non-terminal e"',
)
# The DNSKEY NODATA at x.w lacks the same proof: G4 with NSEC (nothing covers the name), G6 with
# NSEC3 (a wildcard NODATA without the next closer name).
WILDCARD_NO_PROOF_FINDINGS = {
    "nsec": {"wildcard_proof_invalid": "ERR", "nodata_proof_invalid": "ERR"},
    "nsec3": {"wildcard_proof_invalid": "ERR"},
}
for _suffix, _denial in (("", "nsec"), ("-nsec3", "nsec3")):
    _kind = _denial.upper()
    _wild_zone = _zone(f"wildcard{_suffix}", denial=_denial, prepare=_add_records(*WILDCARD_RECORDS))
    _condition(
        f"wildcard{_suffix}",
        f"ワイルドカード (*.w) から展開された答えと、名前がないことの正しい{_kind}の証明",
        f"An answer expanded from a wildcard (*.w) with a correct {_kind} proof that the name does not exist",
        set(),
        "secure",
        zone=_wild_zone,
        check_name=f"x.w.{_wild_zone}",
    )
    _condition(
        f"wildcard-nodata{_suffix}",
        f"TXTだけのワイルドカード (*.t) にかかる名前のAレコード: ワイルドカードのNODATAの正しい{_kind}の証明",
        f"The A record of a name under a TXT-only wildcard (*.t): a correct {_kind} wildcard NODATA proof",
        set(),
        "secure",
        zone=_wild_zone,
        check_name=f"x.t.{_wild_zone}",
    )
    _condition(
        f"empty-non-terminal{_suffix}",
        f"空の非終端 (e、その下にa.eだけがある) のAレコード: NODATAの正しい{_kind}の証明",
        f"The A record of an empty non-terminal (e, with only a.e below it): a correct {_kind} NODATA proof",
        set(),
        "secure",
        zone=_wild_zone,
        check_name=f"e.{_wild_zone}",
    )
    _condition(
        f"wildcard-no-proof{_suffix}",
        f"ワイルドカードから展開された答えに、名前がないことを示す{_kind}がない (その{_kind}が名前の手前で終わる)",
        f"An answer expanded from a wildcard without an {_kind} proving that the name does not exist "
        f"(the {_kind} stops short of the name)",
        WILDCARD_NO_PROOF_FINDINGS[_denial],
        "bogus",
        check_name=f"x.w.wildcard-no-proof{_suffix}.test.",
        denial=_denial,
        prepare=_add_records(*WILDCARD_RECORDS),
        mutate=_stop_short_of("x.w"),
    )


# DNAME (RFC 6672): the answer holds the signed DNAME and the CNAME synthesised from it, unsigned by design.
_condition(
    "dname",
    "DNAME (old.dname.test. → alg13.test.) の下の名前 www.old.dname.test.: 署名された DNAME と、署名のない合成 CNAME",
    "www.old.dname.test., below a DNAME (old.dname.test. → alg13.test.): signed DNAME, unsigned synthesised CNAME",
    set(),
    "secure",
    zone=_zone("dname", prepare=_add_dname),
    check_name="www.old.dname.test.",
)

# Wildcards (RFC 4592): the answer is expanded from *.<zone> and proves that the name itself does not exist.
_condition(
    "wildcard",
    "ワイルドカード (*.wildcard.test.、NSEC) から合成された名前 anything.wildcard.test.",
    "A name expanded from a wildcard (*.wildcard.test., NSEC): anything.wildcard.test.",
    set(),
    "secure",
    zone=_zone("wildcard", prepare=_add_wildcard),
    check_name="anything.wildcard.test.",
)
_condition(
    "wildcard-nsec3",
    "ワイルドカード (*.wildcard-nsec3.test.、NSEC3) から合成された名前 anything.wildcard-nsec3.test.",
    "A name expanded from a wildcard (*.wildcard-nsec3.test., NSEC3): anything.wildcard-nsec3.test.",
    {"nsec3_without_need": "INFO"},
    "secure",
    zone=_zone("wildcard-nsec3", denial="nsec3", prepare=_add_wildcard),
    check_name="anything.wildcard-nsec3.test.",
)

# CDS and CDNSKEY (group I), answered at the apex and signed by the KSK.
_condition(
    "cds-published",
    "現在の DS と同じ鍵署名鍵 (KSK) を指す CDS と CDNSKEY を公開している",
    "CDS and CDNSKEY published for the KSK that the current DS already names",
    set(),
    "secure",
    prepare=_cds(),
)

# What the CDS and CDNSKEY records ask the parent for (I1-I11), each on a zone of its own.
_SECOND_KSK = keyset() + (KeySpec("ksk2", 13, 257, "ksk"),)  # signs the DNSKEY RRset; no DS yet
_condition(
    "cds-only",
    "CDS だけを公開し、CDNSKEY がない",
    "A CDS published without a CDNSKEY",
    {"cds_cdnskey_only_one": "NOTE"},
    "secure",
    prepare=_cds(cdnskey=()),
)
_condition(
    "cds-cdnskey-mismatch",
    "CDS は鍵署名鍵 (KSK) を、CDNSKEY はもう一つの KSK (ksk2) を指している",
    "The CDS names the KSK, the CDNSKEY another KSK (ksk2)",
    {"cds_cdnskey_mismatch": "ERR"},
    "secure",
    keys=_SECOND_KSK,
    prepare=_cds(cdnskey=("ksk2",)),
)
_condition(
    "cds-rollover",
    "CDS と CDNSKEY が現在の KSK と、親に DS がまだない新しい KSK (ksk2) を指す (DS の更新待ち)",
    "CDS and CDNSKEY name the current KSK and a new one (ksk2) without a DS yet (a DS update pending)",
    {"cds_differs_from_ds": "INFO"},
    "secure",
    keys=_SECOND_KSK,
    prepare=_cds(cds=("ksk", "ksk2"), cdnskey=("ksk", "ksk2")),
)
_condition(
    "cds-zsk-signed",
    "CDS と CDNSKEY に、DS が指す KSK ではなくゾーン署名鍵 (ZSK) だけが署名している",
    "The CDS and CDNSKEY are signed by the ZSK only, not by the KSK that the DS names",
    {"cds_not_signed_by_ds_key": "ERR", "cds_not_self_signed": "NOTE"},
    "secure",
    prepare=_cds(),
    mutate=_sign_cds_with("zsk"),
)
_condition(
    "cds-unknown-key",
    "CDS と CDNSKEY がゾーンにない鍵を指している (受け入れると信頼の連鎖が切れる)",
    "CDS and CDNSKEY name a key the zone does not have (accepting them would break the chain)",
    {"cds_would_break_chain": "ERR", "cds_differs_from_ds": "INFO"},
    "secure",
    keys=keyset() + (KeySpec("stranger", 13, 257, "none", published=False),),
    prepare=_cds(cds=("stranger",), cdnskey=("stranger",)),
)
_condition(
    "cds-zsk",
    "CDS と CDNSKEY がゾーン署名鍵 (ZSK、SEP フラグなし) を指し、その鍵は CDS に署名していない",
    "CDS and CDNSKEY name the ZSK (no SEP flag), which does not sign them",
    {
        "cds_key_flags": "NOTE",
        "cds_not_self_signed": "NOTE",
        "cds_would_break_chain": "ERR",
        "cds_differs_from_ds": "INFO",
    },
    "secure",
    prepare=_cds(cds=("zsk",), cdnskey=("zsk",)),
)
_condition(
    "cds-non-zone-key",
    "CDNSKEY が Zone フラグのない鍵 (フラグ 1) を指している (CDS はない)",
    "The CDNSKEY names a key without the Zone flag (flags 1); there is no CDS",
    {"cds_key_flags": "ERR", "cds_cdnskey_only_one": "NOTE", "cds_would_break_chain": "ERR"},
    "secure",
    prepare=_cds(cds=(), flags=1),
)
_condition(
    "cds-unsigned",
    "CDS と CDNSKEY に RRSIG がない",
    "The CDS and CDNSKEY have no RRSIG",
    {"cds_signature_problem": "ERR", "cds_not_self_signed": "NOTE"},
    "secure",
    prepare=_cds(),
    mutate=_sign_cds_with(None),
)
_condition(
    "cds-delete-mixed",
    "削除の合図の CDS (0 0 0 00) が、KSK を指す CDS と並んでいる",
    "A delete CDS (0 0 0 00) next to a CDS that names the KSK",
    {"cds_delete_malformed": "ERR"},
    "secure",
    prepare=_cds(cds=(DELETE_CDS, "ksk")),
)
_condition(
    "cds-delete",
    "正しい削除の合図 (CDS 0 0 0 00、CDNSKEY 0 3 0 AA==): 親に DS の削除を求めている",
    "A valid delete signal (CDS 0 0 0 00, CDNSKEY 0 3 0 AA==): the parent is asked to remove the DS",
    {"cds_delete_requested": "INFO"},
    "secure",
    prepare=_cds(cds=(DELETE_CDS,), cdnskey=(DELETE_CDNSKEY,)),
)
_condition(
    "cds-sha1",
    "CDS のダイジェストが SHA-1 (タイプ1) (親の DS は SHA-256)",
    "The CDS digest is SHA-1 (type 1); the parent's DS is SHA-256",
    {"cds_weak_algorithms": "WARN", "cds_differs_from_ds": "INFO"},
    "secure",
    prepare=_cds(digest=1),
)

# SOA fields and host names (J4, J5, J7).
_condition(
    "soa-expire-short",
    "SOA の expire (3日) が1週間より短い",
    "SOA expire (3 days) shorter than a week",
    {"soa_timers": "WARN"},
    "secure",
    prepare=_soa(expire=3 * DAY),
)
_condition(
    "soa-refresh-short",
    "SOA の refresh (30分) と retry (10分) が推奨より短い",
    "SOA refresh (30 minutes) and retry (10 minutes) shorter than recommended",
    {"soa_timers": "NOTE"},
    "secure",
    prepare=_soa(refresh=1800, retry=600),
)
_condition(
    "soa-mname-hidden",
    "SOA の MNAME (hidden-primary) がゾーンの NS にない",
    "The SOA MNAME (hidden-primary) is not among the zone's NS names",
    {"soa_mname": "NOTE"},
    "secure",
    prepare=_soa(mname="hidden-primary"),
)
_condition(
    "soa-rname-syntax",
    "SOA の RNAME のドメイン部 (mail_admin.test.) がホスト名として使えない文字 (_) を含む",
    "The domain part of the SOA RNAME (mail_admin.test.) holds a character not allowed in host names (_)",
    {"name_syntax": "WARN"},
    "secure",
    prepare=_soa(rname="hostmaster.mail_admin.test."),
)

# Zone data (group J) that only a lookup of the records' targets shows.
_condition(
    "mx-cname",
    "MX の交換ホストの一つ (mail) が CNAME になっている (もう一つは www)",
    "One MX exchange (mail) is a CNAME (the other is www)",
    {"mail_records": "ERR"},
    "secure",
    prepare=_add_mx_to_alias,
)

# A name that does not exist (例え = xn--r8jz45g, mial a typo of mail): its zone answers NXDOMAIN.
_condition(
    "nxdomain",
    "署名済みゾーン (test.、NSEC) にない名前 (例え.test.): 不在証明は正しい",
    "A name that does not exist under a signed zone (例え.test. under test., NSEC): a valid proof",
    {"name_not_found": "INFO"},
    "secure",
    zone="test.",
    check_name="xn--r8jz45g.test.",
)
_condition(
    "nxdomain-nsec3",
    "NSEC3 で署名したゾーンにない名前 (例え.nsec3.test.): 不在証明は正しい",
    "A name that does not exist under an NSEC3 zone (例え.nsec3.test.): a valid proof",
    {"name_not_found": "INFO", "nsec3_without_need": "INFO"},
    "secure",
    zone="nsec3.test.",
    check_name="xn--r8jz45g.nsec3.test.",
)
_condition(
    "nxdomain-deep",
    "存在する名前 (www) のさらに2段下にある、ない名前 (a.b.www.alg13.test.): 最も近い存在する祖先は www",
    "A missing name two labels below an existing one (a.b.www.alg13.test.): the closest encloser is www",
    {"name_not_found": "INFO"},
    "secure",
    zone="alg13.test.",
    check_name="a.b.www.alg13.test.",
)
_condition(
    "nxdomain-deep-nsec3",
    "NSEC3 のゾーンで、存在する名前 (www) の2段下にある、ない名前 (a.b.www.nsec3.test.)",
    "A missing name two labels below an existing one in an NSEC3 zone (a.b.www.nsec3.test.)",
    {"name_not_found": "INFO", "nsec3_without_need": "INFO"},
    "secure",
    zone="nsec3.test.",
    check_name="a.b.www.nsec3.test.",
)
_condition(
    "nxdomain-unsigned",
    "署名されていないゾーンにない名前 (例え.unsigned.test.)",
    "A name that does not exist under an unsigned zone (例え.unsigned.test.)",
    {"name_not_found": "INFO", "zone_unsigned": "INFO"},
    "insecure",
    zone="unsigned.test.",
    check_name="xn--r8jz45g.unsigned.test.",
)
_condition(
    "nxdomain-proof-missing",
    "署名済みゾーンが、ない名前 (例え.nsec-missing.test.) に NSEC なしで NXDOMAIN を返す",
    "A signed zone answers NXDOMAIN for a missing name (例え.nsec-missing.test.) without any NSEC",
    {"denial_records_missing": "ERR", "name_not_found": "INFO", "chain_bogus": "CRIT"},
    "bogus",
    zone="nsec-missing.test.",
    check_name="xn--r8jz45g.nsec-missing.test.",
)
_condition(
    "nxdomain-proof-bad",
    "ない名前 (mial) の NXDOMAIN の NSEC がその名前を覆っていない (頂点の NSEC の次の名前が a)",
    "The NSEC of the NXDOMAIN for a missing name (mial) does not cover it (the apex NSEC's next name is a)",
    {"nxdomain_proof_nsec_invalid": "ERR", "name_not_found": "INFO", "chain_bogus": "CRIT"},
    "bogus",
    zone=_zone("nxdomain-proof-bad", mutate=_shorten_apex_nsec),
    check_name="mial.nxdomain-proof-bad.test.",
)

# Trust anchors (the zone is fine; the anchor given to the checker is not).
_condition(
    "trust-anchor-wrong",
    "ルートの鍵署名鍵 (KSK) と一致しないトラストアンカー (DS) を使う",
    "A trust anchor (DS) that matches no root KSK",
    {"trust_anchor_not_signing", "trust_anchor_unusable", "chain_bogus"},
    "bogus",
    zone="alg13.test.",
    trust_anchor="wrong-ds",
)
_condition(
    "trust-anchor-revoked",
    "REVOKEフラグ付きのルート鍵をトラストアンカーに使う",
    "A root key with the REVOKE flag as trust anchor",
    {"trust_anchor_unusable", "trust_anchor_not_signing", "chain_bogus"},
    "bogus",
    zone="alg13.test.",
    trust_anchor="revoked-dnskey",
)


# Servers of one zone that disagree (group C): ns1 serves the zone as defined, ns2 the copy its
# ``second_server`` fields make, from a Knot instance of its own, as two real servers would.
def _serial_behind(ctx: ZoneContext) -> None:
    """A hook (before signing): the SOA serial one behind the lab's, as a secondary that has not
    transferred the zone's last change."""
    rdataset = ctx.zone.find_rdataset(ctx.origin, dns.rdatatype.SOA)
    soa = rdataset[0]
    ctx.zone.find_node(ctx.origin).replace_rdataset(
        dns.rdataset.from_rdata(rdataset.ttl, soa.replace(serial=soa.serial - 1))
    )


def _drop_at_child(label: str, everything: bool) -> Hook:
    """A hook (before signing) for a parent: its DS for the child ``label``, or (``everything``) the
    whole delegation with its glue, left out."""

    def prepare(ctx: ZoneContext) -> None:
        child = ctx.name(label)
        if not everything:
            ctx.zone.find_node(child).delete_rdataset(dns.rdataclass.IN, dns.rdatatype.DS)
            return
        for name in [n for n in ctx.zone.nodes if n.is_subdomain(child)]:
            del ctx.zone.nodes[name]

    return prepare


_condition(
    "serial-differs",
    "2台のうち1台 (ns2) のSOAシリアルが1つ古い (データと鍵は同じ)",
    "One of two servers (ns2) serves an SOA serial one behind (the same data and keys)",
    {"soa_serial_mismatch": "WARN"},
    "secure",
    second_server={"prepare": _serial_behind},
)
_condition(
    "soa-rname-differs",
    "2台のうち1台 (ns2) のSOAのRNAMEが異なる (シリアルは同じ)",
    "One of two servers (ns2) serves another SOA RNAME (the same serial)",
    {"soa_fields_mismatch": "NOTE"},
    "secure",
    second_server={"prepare": _soa(rname="dns-admin")},
)
_condition(
    "ns-set-differs",
    "2台のうち1台 (ns2) のゾーン頂点のNSにns1がない",
    "One of two servers (ns2) leaves ns1 out of the zone's apex NS set",
    {"ns_rrset_mismatch": "NOTE"},
    "secure",
    second_server={"apex_omits": ("ns1",)},
)
_condition(
    "unsigned-one-server",
    "2台のうち1台 (ns2) が署名のないゾーンを返す (親にはDSがある)",
    "One of two servers (ns2) serves the zone unsigned (the parent has a DS)",
    # ns2's answers lack what a signed zone needs: an empty DNSKEY answer (E1), no RRSIGs, no
    # denial records.
    {
        "signed_state_inconsistent": "ERR",
        "dnskey_query_failed": "ERR",
        "rrsig_missing": "ERR",
        "denial_records_missing": "ERR",
    },
    "secure",
    second_server={"keys": ()},
)
_condition(
    "dnskey-differs-zsk",
    "署名に使っていない予備のゾーン署名鍵 (ZSK) を ns1 だけが DNSKEY RRset に載せている",
    "Only ns1 publishes a standby ZSK (signing nothing) in its DNSKEY RRset",
    {"dnskey_rrset_differs": "ERR"},
    "secure",
    keys=keyset() + (KeySpec("zsk2", 13, 256, "none"),),
    second_server={"keys": keyset()},
)
_condition(
    "dnskey-differs-ksk",
    "DSのない予備の鍵署名鍵 (KSK) を ns1 だけが DNSKEY RRset に載せている",
    "Only ns1 publishes a standby KSK (no DS, signing nothing) in its DNSKEY RRset",
    {"dnskey_rrset_differs": "WARN"},
    "secure",
    keys=keyset() + (KeySpec("ksk2", 13, 257, "none"),),
    second_server={"keys": keyset()},
)
_condition(
    "ds-differs-parent",
    "親ゾーン (ds-split.test.) の2台のうち1台 (ns2) だけが sub.ds-split.test. のDSを返さない",
    "Only one of the parent's two servers (ns2 of ds-split.test.) serves no DS for sub.ds-split.test.",
    {"ds_rrset_differs_parent": "ERR"},
    "secure",
    zone=_delegation("ds-split", keyset(), second_server={"prepare": _drop_at_child("sub", everything=False)}),
)
_condition(
    "delegation-differs-parent",
    "親ゾーン (delegation-split.test.) の2台のうち1台 (ns2) が sub.delegation-split.test. を委任していない (NXDOMAIN)",
    "One of the parent's two servers (ns2 of delegation-split.test.) has no delegation for"
    " sub.delegation-split.test. (NXDOMAIN)",
    {"delegation_inconsistent_parent_servers": "ERR", "ds_rrset_differs_parent": "ERR"},
    "secure",
    zone=_delegation("delegation-split", keyset(), second_server={"prepare": _drop_at_child("sub", everything=True)}),
)
_condition(
    "denial-differs",
    "ns1 は NSEC、ns2 は NSEC3 で署名したゾーンを返す",
    "ns1 serves the zone signed with NSEC, ns2 with NSEC3",
    {"denial_type_inconsistent": "ERR"},
    "secure",
    second_server={"denial": "nsec3"},
)
_condition(
    "nsec3-params-differ",
    "2台のNSEC3パラメーターが異なる (ns1 はソルトなし、ns2 はソルト ABCD)",
    "The two servers' NSEC3 parameters differ (ns1 without salt, ns2 with salt ABCD)",
    {"nsec3_params_inconsistent": "ERR", "nsec3_without_need": "INFO"},
    "secure",
    denial="nsec3",
    second_server={"nsec3_salt": bytes.fromhex("abcd")},
)
_condition(
    "cds-differs",
    "ns1 だけが CDS と CDNSKEY を公開している",
    "Only ns1 publishes CDS and CDNSKEY",
    {"cds_cdnskey_inconsistent_servers": "ERR"},
    "secure",
    prepare=_cds(),
    second_server={"prepare": None},
)
_condition(
    "secondary-stale",
    "ns2 がゾーン署名鍵 (ZSK) の更新前のゾーンを返す (古いシリアル、古いZSKとその署名)",
    "ns2 serves the zone from before its ZSK rollover (older serial, the old ZSK and its signatures)",
    {"soa_serial_mismatch": "WARN", "secondary_stale": "ERR", "dnskey_rrset_differs": "ERR"},
    "secure",
    second_server={"keys": (keyset()[0], KeySpec("zsk-old", 13, 256, "zsk")), "prepare": _serial_behind},
)

_condition(
    "ds-lame-parent",
    "親ゾーン (lame-parent.test.) の2台のうち1台 (ns2) がそのゾーンを持たず REFUSED を返す (lame delegation)",
    "One of the parent's two servers (ns2 of lame-parent.test.) does not serve it and answers REFUSED"
    " (a lame delegation)",
    {"ds_lookup_failed": "WARN", "delegation_inconsistent_parent_servers": "ERR"},
    "secure",
    zone=_delegation("lame-parent", keyset(), lame_second=True),
)


def _child(label: str, **spec) -> str:
    """The zone ``sub.<label>.test.``, a child of ``<label>.test.``; returns its name."""
    _zone(label)
    child = dns.name.from_text(f"sub.{label}.test.")
    ZONE_SPECS[child.to_text()] = ZoneSpec(name=child, **spec)
    return child.to_text()


def _plain_node(label: str) -> Hook:
    """A hook (before signing) for a parent: its child ``label`` not delegated, only a TXT record."""

    def prepare(ctx: ZoneContext) -> None:
        _drop_at_child(label, everything=True)(ctx)
        _add_records(f'{label} TXT "not delegated here"')(ctx)

    return prepare


_condition(
    "ns-serves-parent-nx",
    "ns2 がこのゾーンではなく、委任のない親ゾーン (ns-parent-nx.test.) を返す (このゾーンの名前は NXDOMAIN)",
    "ns2 serves the parent (ns-parent-nx.test.) without the delegation instead of the zone (NXDOMAIN for its name)",
    # Its answers for the zone's apex are the parent's: NXDOMAIN (B25) with the parent's SOA (B24),
    # its denial signed by the parent; the empty DNSKEY answer is E1.
    {
        "nxdomain_inconsistency": "ERR",
        "negative_answer_soa": "ERR",
        "dnskey_query_failed": "ERR",
        "rrsig_signer_not_zone": "ERR",
    },
    "secure",
    zone=_child("ns-parent-nx", ns2_serves_parent={"prepare": _drop_at_child("sub", everything=True)}),
)
_condition(
    "ns-serves-parent-empty",
    "ns2 がこのゾーンではなく、委任がなくTXTだけがある親ゾーン (ns-parent-empty.test.) を返す",
    "ns2 serves the parent (ns-parent-empty.test.), where the zone's name holds only a TXT record, instead of the zone",
    # Empty NOERROR for the zone's SOA and NS (B4) with the parent's SOA (B24).
    {
        "wrong_or_empty_answer": "ERR",
        "negative_answer_soa": "ERR",
        "dnskey_query_failed": "ERR",
        "rrsig_signer_not_zone": "ERR",
        "signed_state_inconsistent": "ERR",
    },
    "secure",
    zone=_child("ns-parent-empty", ns2_serves_parent={"prepare": _plain_node("sub")}),
)

# Catalog rows each condition is built for (the lab's test checks that every id exists).
CATALOG_ROWS = {
    "J6": "mx-cname",
    "A24": "nxdomain",
    "D1": "expired",
    "D2": "no-dnskey",
    "D3": "ds-mismatch",
    "D4": "ds-orphan",
    "D5": "ds-mismatch",
    "D6": "ds-key-not-signing",
    "D7": "ds-alg-no-sep",
    "D8": "ds-non-zone-key",
    "D9": "ds-non-sep",
    "D10": "ds-revoked",
    "D11": "ds-sha1-only",
    "D12": "ds-digest3",
    "D13": "ds-digest-unassigned",
    "D15": "island",
    "D16": "unsigned",
    "D17": "alg-unsupported-only",
    "D18": "trust-anchor-wrong",
    "D19": "trust-anchor-revoked",
    "E2": "dnskey-unsigned",
    "E3": "dnskey-not-apex",
    "E4": "bad-key-length",
    "E5": "rsa-1024",
    "E6": "dnskey-fields",
    "E7": "revoked-misuse",
    "E8": "keytag-collision",
    "A18": "ns-cname",
    "F1": "missing-rrsig",
    "F2": "alg-missing",
    "F3": "bogus-sig",
    "F4": "rrsig-key-absent",
    "F5": "expired",
    "F6": "notyet",
    "F7": "inception-recent",
    "F8": "expiring-soon",
    "F9": "expires-within-ttl",
    "F10": "remaining-short",
    "F11": "remaining-long",
    "F12": "window-long",
    "F13": "window-malformed",
    "F14": "signer-mismatch",
    "F15": "labels-too-large",
    "F16": "original-ttl",
    "F17": "ttl-mismatch",
    "F18": "rrsig-bad-length",
    "G1": "nsec-missing",
    "G2": "nsec-last-next",
    "G3": "nsec3-nxdomain",
    "G6": "wildcard-no-proof",
    "G7": "nods-ds-bit",
    "G5": "denial-contradicts",
    "G8": "nsec3-iterations",
    "G9": "nsec3-iterations-high",
    "G10": "nsec3-iterations",
    "G12": "nsec3-flags",
    "G13": "nsec3-optout",
    "G17": "nsec-ttl",
    "G19": "nsec3",
    "H1": "alg-must-not",
    "H2": "sha1-alg5",
    "H3": "rsasha512",
    "H4": "alg-unknown",
    "H5": "alg-unsupported-only",
    "I1": "cds-only",
    "I2": "cds-cdnskey-mismatch",
    "I3": "cds-rollover",
    "I4": "cds-zsk-signed",
    "I5": "cds-unknown-key",
    "I6": "cds-non-zone-key",
    "I7": "cds-zsk",
    "I8": "cds-unsigned",
    "I9": "cds-delete-mixed",
    "I10": "cds-delete",
    "I11": "cds-sha1",
    "J4": "soa-expire-short",
    "J5": "soa-mname-hidden",
    "J7": "soa-rname-syntax",
    "C1": "serial-differs",
    "C2": "soa-rname-differs",
    "C3": "ns-set-differs",
    "C4": "unsigned-one-server",
    "C5": "dnskey-differs-zsk",
    "C6": "ds-differs-parent",
    "C7": "denial-differs",
    "C8": "nsec3-params-differ",
    "C9": "cds-differs",
    "C10": "secondary-stale",
    "A3": "delegation-differs-parent",
    "E1": "unsigned-one-server",
    "D14": "ds-lame-parent",
    "B4": "ns-serves-parent-empty",
    "B24": "ns-serves-parent-nx",
    "B25": "ns-serves-parent-nx",
    "K5": "multi-signer-broken",
    "K6": "multi-signer",
}
# Rows deliberately without a lab zone (see the module docstring).
ROWS_WITHOUT_ZONE = {
    "G11": "Knot refuses a zone whose NSEC3PARAM has another hash algorithm and "
    "omits such NSEC3 records from answers: a stub or unit test fits",
}
