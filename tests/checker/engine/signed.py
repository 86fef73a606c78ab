"""In-memory signed zones and server answers, for focused tests of the chain of trust.

`Hierarchy` builds a signed root (the trust anchor) with one signed child, and turns them into the
`ZoneData` the walker would have collected, so a test can break one thing and run the validator.
"""

from __future__ import annotations

import hashlib

import dns.dnssec
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from cryptography.hazmat.primitives.asymmetric import ec

from checker.engine.chain import ChainValidator
from checker.engine.transport import Answer
from checker.engine.validator import Memo, Verifier
from checker.engine.walker import ZoneData

NOW = 1_800_000_000
DAY = 86400
_KEYS: dict[str, object] = {}
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def private_key(label: str):
    """ECDSA P-256 keys, derived from their label: the same in every process (an answer kept by
    bench/fuzz_engine.py validates when the run resumes in another one)."""
    if label not in _KEYS:
        scalar = int.from_bytes(hashlib.sha256(label.encode()).digest()) % (P256_ORDER - 1) + 1
        _KEYS[label] = ec.derive_private_key(scalar, ec.SECP256R1())
    return _KEYS[label]


class Zone:
    def __init__(self, name: str, label: str | None = None, ttl: int = 3600):
        self.name = dns.name.from_text(name)
        label = label or name
        self.ttl = ttl
        self.ksk_private = private_key(label + "/ksk")
        self.zsk_private = private_key(label + "/zsk")
        self.ksk = dns.dnssec.make_dnskey(self.ksk_private.public_key(), 13, flags=257)
        self.zsk = dns.dnssec.make_dnskey(self.zsk_private.public_key(), 13, flags=256)
        self.extra_keys: list = []
        self.inception = NOW - DAY
        self.expiration = NOW + 20 * DAY

    def rrset(self, rdtype: str, *texts: str, owner: dns.name.Name | None = None, ttl: int | None = None):
        return dns.rrset.from_text(owner or self.name, ttl or self.ttl, "IN", rdtype, *texts)

    def dnskey_rrset(self):
        return dns.rrset.from_rdata_list(self.name, self.ttl, [self.ksk, self.zsk, *self.extra_keys])

    def soa(self):
        ns = dns.name.from_text("ns1", self.name)
        mbox = dns.name.from_text("hostmaster", self.name)
        return self.rrset("SOA", f"{ns} {mbox} 1 14400 3600 1209600 3600")

    def sign(self, rrset, key: str = "zsk", **overrides):
        private = self.ksk_private if key == "ksk" else self.zsk_private
        dnskey = self.ksk if key == "ksk" else self.zsk
        rrsig = dns.dnssec.sign(
            rrset,
            private,
            self.name,
            dnskey,
            inception=overrides.pop("inception", self.inception),
            expiration=overrides.pop("expiration", self.expiration),
            policy=dns.dnssec.allow_all_policy,
        )
        if overrides:
            rrsig = rrsig.replace(**overrides)
        return dns.rrset.from_rdata_list(rrset.name, rrset.ttl, [rrsig])

    def ds(self, digest_type: int = 2):
        return dns.dnssec.make_ds(self.name, self.ksk, digest_type, policy=dns.dnssec.allow_all_policy)


def answer(
    server: str,
    qname,
    qtype: int,
    answer_rrsets=(),
    authority=(),
    *,
    rcode=dns.rcode.NOERROR,
    aa: bool = True,
    error: str | None = None,
    transport: str = "udp",
) -> Answer:
    qname = dns.name.from_text(qname) if isinstance(qname, str) else qname
    result = Answer(server, 53, transport, qname, qtype)
    if error is not None:
        result.error = error
        return result
    query = dns.message.make_query(qname, qtype, want_dnssec=True)
    message = dns.message.make_response(query)
    message.set_rcode(rcode)
    if aa:
        message.flags |= dns.flags.AA
    for rrset in answer_rrsets:
        if rrset is not None:
            message.answer.append(rrset)
    for rrset in authority:
        message.authority.append(rrset)
    result.message = message
    return result


def signed_pair(zone: Zone, rrset, key: str = "zsk", **overrides):
    return [rrset, zone.sign(rrset, key, **overrides)]


def apex_answers(zone: Zone, server: str, *, dnskey=None, soa=None) -> dict[int, Answer]:
    """A correct server's answers to the walker's apex queries (DNSKEY, SOA, NS, NSEC3PARAM)."""
    dnskeys = zone.dnskey_rrset()
    ns = zone.rrset("NS", dns.name.from_text("ns1", zone.name).to_text())
    nsec = zone.rrset("NSEC", f"{zone.name} NS SOA RRSIG NSEC DNSKEY", ttl=3600)
    return {
        dns.rdatatype.DNSKEY: dnskey
        or answer(server, zone.name, dns.rdatatype.DNSKEY, [dnskeys, zone.sign(dnskeys, "ksk")]),
        dns.rdatatype.SOA: soa or answer(server, zone.name, dns.rdatatype.SOA, signed_pair(zone, zone.soa())),
        dns.rdatatype.NS: answer(server, zone.name, dns.rdatatype.NS, signed_pair(zone, ns)),
        dns.rdatatype.NSEC3PARAM: answer(
            server, zone.name, dns.rdatatype.NSEC3PARAM, [], [zone.soa(), zone.sign(zone.soa()), nsec, zone.sign(nsec)]
        ),
    }


class Hierarchy:
    """A signed root (trust anchor: its KSK's DS) and one signed child, example., on two servers each."""

    ROOT_SERVERS = ("192.0.2.1", "192.0.2.2")
    CHILD_SERVERS = ("192.0.2.11", "192.0.2.12")

    def __init__(self):
        self.root = Zone(".", "root")
        self.child = Zone("example.", "example")
        self.root_data = ZoneData(self.root.name)
        for server in self.ROOT_SERVERS:
            self.root_data.servers[server] = {dns.name.from_text("a.root-servers.test.")}
            self.root_data.apex[server] = apex_answers(self.root, server)
        self.child_data = ZoneData(self.child.name, parent=self.root_data)
        self.set_ds([self.child.ds()])
        for server in self.CHILD_SERVERS:
            self.child_data.servers[server] = {dns.name.from_text("ns1.example.")}
            self.child_data.apex[server] = apex_answers(self.child, server)
        self.anchors = {dns.name.root: [self.root.ds()]}

    def set_ds(self, ds_records, sign: bool = True) -> None:
        rrset = dns.rrset.from_rdata_list(self.child.name, 3600, ds_records)
        records = [rrset, self.root.sign(rrset)] if sign else [rrset]
        self.child_data.ds = {s: answer(s, self.child.name, dns.rdatatype.DS, records) for s in self.ROOT_SERVERS}

    def validate(self, memo: Memo | None = None, **verifier_options):
        verifier = Verifier(memo or Memo(), **verifier_options)
        validator = ChainValidator(self.anchors, NOW, verifier)
        root = validator.evaluate_zone(self.root_data, None)
        child = validator.evaluate_zone(self.child_data, root)
        validator.grade_by_servers()  # as checker.engine.api.check does once every zone is checked
        return root, child, validator.findings, verifier


def ids(findings, zone: str | None = None) -> dict[str, set[str]]:
    """finding id -> severities, optionally for one zone."""
    result: dict[str, set[str]] = {}
    for finding in findings:
        if zone is None or finding.zone == zone:
            result.setdefault(finding.id, set()).add(finding.severity)
    return result
