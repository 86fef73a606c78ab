"""Hostile and unusual authoritative servers: small Python stubs of the project's own.

Real authoritative servers cannot misbehave on demand, so a `StubWorld` builds a private signed
root with one child zone per behaviour, each served on its own loopback addresses by the lab's
Python answering code (`server.ZoneData`), with a behaviour that may replace or bend the answer:

  silence            never answers
  garbage            answers with bytes that do not parse (the query id is kept)
  oversized          answers correctly, padded far beyond the requester's EDNS size
  from_elsewhere     answers correctly, but from another address than the one asked
  truncating         every UDP answer has TC set; TCP connections are refused (no listener)
  referring(name)    answers everything with a non-authoritative referral to `name`
  online_signing     signs every answer afresh (new ECDSA signatures each time)
  recursive, transfers, sloppy, dnskey_do_breaks, loses_large_dnskey, gets_one_wrong(fault)
                     what the behaviour probes of checker/engine/probes.py look for

Zones may also be mutated after signing (many keys sharing a tag, piles of signatures).  Plain
Python (dnspython + cryptography), no Django; one background thread runs every stub.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import struct
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import dns.dnssec
import dns.edns
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdataset
import dns.rdatatype
import dns.rrset
import dns.zone

from .keys import _generate_private, _lab_key
from .server import LabServer, ZoneData, run_in_background
from .signer import SigningKey, SigningPolicy, sign_zone

DAY = 86400
ROOT_NS = dns.name.from_text("a.root-servers.stub.")
Behaviour = Callable[["StubServer", dns.message.Message, str, str], "bytes | Redirected | None"]


@dataclass
class Redirected:
    """A reply to be sent from another address than the one that was asked."""

    wire: bytes
    source: str


@dataclass
class StubZone:
    name: dns.name.Name
    nameservers: dict[str, str]  # NS name (relative or absolute) -> address
    records: list[str] = field(default_factory=list)  # extra zone-file lines, relative to the origin
    behaviour: Behaviour | None = None
    tcp: bool = True
    signed: bool = True
    denial: str = "nsec"
    nsec3_iterations: int = 0
    mutate: Callable[[StubWorld, dns.zone.Zone], None] | None = None
    keys: dict = field(default_factory=dict)  # role -> LabKey, filled when built
    zone: dns.zone.Zone | None = None


def _key(zone: dns.name.Name, label: str, flags: int):
    return _lab_key(zone, label, 13, _generate_private(13, None), flags)


class StubWorld:
    """A private signed root and child zones served by stubs on `port` of loopback addresses."""

    def __init__(self, network: ipaddress.IPv4Network, port: int, now: int):
        self.network = network
        self.port = port
        self.now = int(now)
        self.next_address = int(network.network_address) + 1
        self.root_address = self.address()
        self.zones: dict[dns.name.Name, StubZone] = {}
        self.root_keys = {"ksk": _key(dns.name.root, "ksk", 257), "zsk": _key(dns.name.root, "zsk", 256)}
        self.root_zone: dns.zone.Zone | None = None
        self.spare: dict[str, str] = {}  # address asked -> address the reply comes from

    def address(self) -> str:
        address = str(ipaddress.IPv4Address(self.next_address))
        if ipaddress.IPv4Address(self.next_address) not in self.network:
            raise ValueError(f"{self.network} has no more addresses")
        self.next_address += 1
        return address

    def add(self, label: str, servers: int = 2, addresses: list[str] | None = None, **spec) -> StubZone:
        """A zone on `servers` new addresses, or on `addresses` that other zones' servers have too."""
        name = dns.name.from_text(label)
        addresses = addresses or [self.address() for _ in range(servers)]
        nameservers = {f"ns{i + 1}.{name}": address for i, address in enumerate(addresses)}
        zone = StubZone(name, nameservers, **spec)
        self.zones[name] = zone
        return zone

    # -- building ---------------------------------------------------------------------------

    def _policy(self, keys: dict, denial: str = "nsec", iterations: int = 0) -> SigningPolicy:
        return SigningPolicy(
            inception=self.now - DAY,
            expiration=self.now + 20 * DAY,
            denial=denial,
            nsec3_iterations=iterations,
            keys=[SigningKey(keys["ksk"], "ksk"), SigningKey(keys["zsk"], "zsk")],
        )

    def _zone(self, origin: dns.name.Name, lines: list[str]) -> dns.zone.Zone:
        text = "\n".join(["@ 3600 IN SOA ns1 hostmaster 1 14400 3600 1209600 3600"] + lines)
        return dns.zone.from_text(text, origin=origin, relativize=False, check_origin=False)

    def build(self) -> None:
        root_lines = [f"@ 3600 IN NS {ROOT_NS}", f"{ROOT_NS} 3600 IN A {self.root_address}"]
        for name, spec in self.zones.items():
            lines = []
            for ns, address in spec.nameservers.items():
                lines += [f"@ 3600 IN NS {ns}", f"{ns} 3600 IN A {address}"]
            root_lines += [f"{name} 3600 IN NS {ns}" for ns in spec.nameservers]
            root_lines += [f"{ns} 3600 IN A {address}" for ns, address in spec.nameservers.items()]
            if spec.signed:
                spec.keys = {"ksk": _key(name, "ksk", 257), "zsk": _key(name, "zsk", 256)}
                lines += [f"@ 3600 IN DNSKEY {k.dnskey.to_text()}" for k in spec.keys.values()]
                ds = dns.dnssec.make_ds(name, spec.keys["ksk"].dnskey, 2)
                root_lines.append(f"{name} 3600 IN DS {ds.to_text()}")
            zone = self._zone(name, lines + spec.records)
            if spec.signed:
                sign_zone(zone, self._policy(spec.keys, spec.denial, spec.nsec3_iterations))
            if spec.mutate is not None:
                spec.mutate(self, zone)
            spec.zone = zone
        root_lines += [f"@ 3600 IN DNSKEY {k.dnskey.to_text()}" for k in self.root_keys.values()]
        self.root_zone = self._zone(dns.name.root, root_lines)
        sign_zone(self.root_zone, self._policy(self.root_keys))

    # -- what the engine is given -----------------------------------------------------------

    def hints(self) -> list[tuple[dns.name.Name, list[str]]]:
        return [(ROOT_NS, [self.root_address])]

    def anchors(self) -> dict:
        return {dns.name.root: [dns.dnssec.make_ds(dns.name.root, self.root_keys["ksk"].dnskey, 2)]}

    def options(self, **kwargs):
        from checker.engine import Options

        return Options(
            root_hints=self.hints(), trust_anchors=self.anchors(), lab_range=self.network, port=self.port, **kwargs
        )

    @contextlib.contextmanager
    def serve(self) -> Iterator[StubServer]:
        if self.root_zone is None:
            self.build()
        with run_in_background(StubServer(self), "stub-servers") as server:
            yield server


class StubServer(LabServer):
    """The lab server's answering code, with a behaviour per address."""

    def __init__(self, world: StubWorld):
        self.port = world.port
        self.world = world
        self.zones_by_address = {world.root_address: [ZoneData(world.root_zone)]}
        self.behaviours: dict[str, Behaviour] = {}
        self.without_tcp: set[str] = set()
        for spec in world.zones.values():
            data = ZoneData(spec.zone)
            for address in spec.nameservers.values():
                self.zones_by_address.setdefault(address, []).append(data)
                if spec.behaviour is not None:
                    self.behaviours[address] = spec.behaviour
                if not spec.tcp:
                    self.without_tcp.add(address)
        self.queries: Counter = Counter()
        self._transports = []
        self._servers = []
        self._senders: dict[str, socket.socket] = {}
        self._replies: dict[tuple, bytes] = {}  # LabServer.reply's

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        for address in self.zones_by_address:
            transport, _ = await loop.create_datagram_endpoint(
                lambda a=address: _StubUdp(self, a), local_addr=(address, self.port)
            )
            self._transports.append(transport)
            if address not in self.without_tcp:
                server = await asyncio.start_server(
                    lambda r, w, a=address: self._serve_tcp(r, w, a), address, self.port
                )
                self._servers.append(server)
        for source in self.world.spare.values():
            sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sender.bind((source, self.port))
            self._senders[source] = sender

    async def stop(self) -> None:
        await super().stop()
        for sender in self._senders.values():
            sender.close()
        self._senders.clear()

    def reply(self, wire: bytes, address: str, transport: str, client: str | None = None):
        behaviour = self.behaviours.get(address)
        if behaviour is None:
            # The same question to 500 servers of one zone is answered once (LabServer.reply).
            return super().reply(wire, address, transport)
        try:
            query = dns.message.from_wire(wire)
        except Exception:  # a query that does not parse is not the stub's business
            return None
        self.queries[(address, transport)] += 1
        return behaviour(self, query, address, transport)

    def normal(
        self, query: dns.message.Message, address: str, transport: str, max_size: int = 65535
    ) -> dns.message.Message:
        """The answer the lab's server would give, as a message."""
        response = dns.message.make_response(query, our_payload=1232)
        response.flags &= ~dns.flags.RA
        question = query.question[0]
        dnssec = bool(query.ednsflags & dns.flags.DO)
        if dnssec:
            response.ednsflags |= dns.flags.DO
        zone = self._zone_for(address, question.name, question.rdtype)
        if zone is None:
            response.set_rcode(dns.rcode.REFUSED)
        else:
            zone.answer(question.name, question.rdtype, dnssec, response)
        return response

    async def _serve_tcp(self, reader, writer, address: str) -> None:
        try:
            while True:
                header = await reader.readexactly(2)
                wire = await reader.readexactly(struct.unpack("!H", header)[0])
                reply = self.reply(wire, address, "tcp")
                if isinstance(reply, Redirected):
                    reply = reply.wire
                if reply is None:
                    break
                writer.write(struct.pack("!H", len(reply)) + reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


class _StubUdp(asyncio.DatagramProtocol):
    def __init__(self, server: StubServer, address: str):
        self.server = server
        self.address = address
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        reply = self.server.reply(data, self.address, "udp")
        if isinstance(reply, Redirected):
            self.server._senders[reply.source].sendto(reply.wire, addr)
        elif reply is not None:
            self.transport.sendto(reply, addr)


# ---- behaviours ------------------------------------------------------------------------------


def silence(server: StubServer, query, address, transport):
    return None


def garbage(server: StubServer, query, address, transport):
    # A header that promises a question and records the message does not hold.
    return struct.pack("!HHHHHH", query.id, 0x8400, 1, 3, 0, 0) + b"\x07garbage"


def oversized(server: StubServer, query, address, transport):
    response = server.normal(query, address, transport)
    padding = dns.rrset.from_text_list(
        query.question[0].name, 60, "IN", "TXT", ['"' + "x" * 250 + f'{i}"' for i in range(40)]
    )
    response.additional.append(padding)
    return response.to_wire(max_size=65535)


def from_elsewhere(server: StubServer, query, address, transport):
    wire = server.normal(query, address, transport).to_wire(max_size=65535)
    if transport == "tcp":
        return wire
    return Redirected(wire, server.world.spare[address])


def truncating(server: StubServer, query, address, transport):
    response = dns.message.make_response(query, our_payload=1232)
    response.flags |= dns.flags.TC | dns.flags.AA
    return response.to_wire()


def referring(target: str) -> Behaviour:
    name = dns.name.from_text(target)

    def behaviour(server: StubServer, query, address, transport):
        response = dns.message.make_response(query, our_payload=1232)
        response.flags &= ~(dns.flags.RA | dns.flags.AA)
        ns = ROOT_NS if name == dns.name.root else dns.name.from_text("ns1", name)
        response.authority.append(dns.rrset.from_text(name, 3600, "IN", "NS", ns.to_text()))
        return response.to_wire()

    return behaviour


def online_signing(server: StubServer, query, address, transport):
    """Every RRset of the answer signed now, with new signatures (ECDSA draws a fresh nonce)."""
    response = server.normal(query, address, transport)
    zone = server.zones_by_address[address][0]
    spec = server.world.zones[zone.origin]
    if query.ednsflags & dns.flags.DO:
        for section in (response.answer, response.authority):
            plain = [r for r in section if r.rdtype != dns.rdatatype.RRSIG]
            section.clear()
            for rrset in plain:
                section.append(rrset)
                role = (
                    "ksk" if rrset.rdtype in (dns.rdatatype.DNSKEY, dns.rdatatype.CDS, dns.rdatatype.CDNSKEY) else "zsk"
                )
                key = spec.keys[role]
                rrsig = dns.dnssec.sign(
                    rrset,
                    key.private,
                    zone.origin,
                    key.dnskey,
                    inception=server.world.now - DAY,
                    expiration=server.world.now + 20 * DAY,
                    policy=dns.dnssec.allow_all_policy,
                    deterministic=False,
                )
                section.append(dns.rrset.from_rdata_list(rrset.name, rrset.ttl, [rrsig]))
    limit = 65535 if transport == "tcp" else max(512, min(query.payload, 1232))
    try:
        return response.to_wire(max_size=limit)
    except dns.exception.TooBig:
        response.answer.clear()
        response.authority.clear()
        response.additional.clear()
        response.flags |= dns.flags.TC
        return response.to_wire()


# ---- zone mutations --------------------------------------------------------------------------


def colliding_key(template, seed: int):
    """A DNSKEY (not a valid curve point) with the key tag of `template`, like the KeyTrap keys:
    the last two key octets make the RFC 4034 Appendix B checksum come out right."""
    import random

    tag = dns.dnssec.key_id(template)
    body = random.Random(seed).randbytes(len(template.key) - 2)
    header = template.flags.to_bytes(2, "big") + bytes([template.protocol, template.algorithm])
    wire = header + body  # even length: the two octets added next are one 16-bit word
    base = sum((octet << 8) if index % 2 == 0 else octet for index, octet in enumerate(wire))
    for word in range(65536):
        total = base + word
        if (total + (total >> 16)) & 0xFFFF == tag:
            return template.replace(key=body + word.to_bytes(2, "big"))
    raise ValueError("no colliding key")


def keytrap(keys: int = 40, signatures: int = 40) -> Callable[[StubWorld, dns.zone.Zone], None]:
    """Many DNSKEYs sharing the KSK's key tag, and many RRSIGs over the SOA that name the ZSK and
    fail (CVE-2023-50387): a validator without caps would try every key with every signature."""

    def mutate(world: StubWorld, zone: dns.zone.Zone) -> None:
        spec = world.zones[zone.origin]
        ksk = spec.keys["ksk"]
        node = zone.find_node(zone.origin)
        dnskeys = node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.DNSKEY)
        for seed in range(keys):
            dnskeys.add(colliding_key(ksk.dnskey, seed))
        rrset = dns.rrset.from_rdata_list(zone.origin, dnskeys.ttl, list(dnskeys))
        rrsig = dns.dnssec.sign(
            rrset,
            ksk.private,
            zone.origin,
            ksk.dnskey,
            inception=world.now - DAY,
            expiration=world.now + 20 * DAY,
            policy=dns.dnssec.allow_all_policy,
        )
        node.replace_rdataset(dns.rdataset.from_rdata_list(dnskeys.ttl, [rrsig]))
        soa_sigs = node.find_rdataset(dns.rdataclass.IN, dns.rdatatype.RRSIG, dns.rdatatype.SOA)
        forged = soa_sigs[0]
        for index in range(signatures):
            soa_sigs.add(forged.replace(signature=index.to_bytes(2, "big") + forged.signature[2:]))

    return mutate


# ---- behaviours for the probes of server behaviour (checker/engine/probes.py) ----------------


def recursive(server: StubServer, query, address, transport):
    """Offers recursion: RA set, and names outside its zones "resolved" (NXDOMAIN)."""
    response = server.normal(query, address, transport)
    response.flags |= dns.flags.RA
    if response.rcode() == dns.rcode.REFUSED and query.flags & dns.flags.RD:
        response.set_rcode(dns.rcode.NXDOMAIN)
    return response.to_wire(max_size=65535)


def transfers(server: StubServer, query, address, transport):
    """Hands out the zone by AXFR to anyone (the first message holds the SOA)."""
    if query.question[0].rdtype != dns.rdatatype.AXFR:
        return server.normal(query, address, transport).to_wire(max_size=65535)
    zone = server.zones_by_address[address][0]
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    response.answer.append(zone.soa)
    return response.to_wire(max_size=65535)


def sloppy(server: StubServer, query, address, transport):
    """Gets EDNS and the rest wrong: any EDNS version accepted, unknown options and flags echoed,
    OPT sent to queries without EDNS, the question's case lowered, a wrong client cookie, and the
    software version told to anyone."""
    question = query.question[0]
    if question.rdclass == dns.rdataclass.CH:
        response = dns.message.make_response(query)
        response.answer.append(dns.rrset.from_text(question.name, 0, "CH", "TXT", '"StubDNS 0.1-beta"'))
        return response.to_wire()
    plain = query.edns < 0
    if query.edns > 0:
        query.use_edns(0, query.ednsflags, query.payload, options=query.options)
    response = server.normal(query, address, transport)
    options = [o for o in query.options if o.otype != dns.edns.OptionType.COOKIE]
    if any(o.otype == dns.edns.OptionType.COOKIE for o in query.options):
        options.append(dns.edns.CookieOption(b"\x00" * 8, b"\x01" * 8))
    response.use_edns(0, query.ednsflags if not plain else 0, 1232, options=options)
    response.question = [dns.rrset.RRset(question.name.canonicalize(), question.rdclass, question.rdtype)]
    return response.to_wire(max_size=65535)


def gets_one_wrong(fault: str) -> Behaviour:
    """Correct but for one thing the behaviour probes look for: `option` (unknown EDNS options
    echoed), `option-formerr` (FORMERR for a query with an unknown option), `flag` (unknown EDNS
    flags echoed), `case` (the question's case lowered) or `cookie` (a client cookie not the one sent)."""

    def behaviour(server: StubServer, query, address, transport):
        question = query.question[0]
        unknown = [o for o in query.options if o.otype != dns.edns.OptionType.COOKIE]
        if query.edns > 0 or (fault == "option-formerr" and unknown):
            response = dns.message.make_response(query)
            response.use_edns(0, 0, 1232)
            response.set_rcode(dns.rcode.BADVERS if query.edns > 0 else dns.rcode.FORMERR)
            return response.to_wire()
        response = server.normal(query, address, transport)
        if query.edns >= 0:
            options = unknown if fault == "option" else []
            if fault == "cookie" and len(unknown) < len(query.options):
                options.append(dns.edns.CookieOption(b"\x00" * 8, b"\x01" * 8))
            flags = response.ednsflags | (query.ednsflags if fault == "flag" else 0)
            response.use_edns(0, flags, 1232, options=options)
        if fault == "case":
            response.question = [dns.rrset.RRset(question.name.canonicalize(), question.rdclass, question.rdtype)]
        return response.to_wire(max_size=65535)

    return behaviour


def dnskey_do_breaks(server: StubServer, query, address, transport):
    """FORMERR for a DNSKEY query with the DO bit (a DNSSEC downgrade); fine otherwise."""
    if query.question[0].rdtype == dns.rdatatype.DNSKEY and query.ednsflags & dns.flags.DO:
        response = dns.message.make_response(query)
        response.set_rcode(dns.rcode.FORMERR)
        return response.to_wire()
    return server.normal(query, address, transport).to_wire(max_size=65535)


def loses_large_dnskey(server: StubServer, query, address, transport):
    """The DNSKEY answer is lost over UDP unless the query offers only 512 octets (as if its
    fragments were dropped on the path); with 512 it comes truncated, as it should."""
    response = server.normal(query, address, transport)
    if transport == "tcp" or query.question[0].rdtype != dns.rdatatype.DNSKEY:
        return response.to_wire(max_size=65535)
    if query.payload > 512:
        return None
    try:
        return response.to_wire(max_size=512)
    except dns.exception.TooBig:
        truncated = dns.message.make_response(query)
        truncated.flags |= dns.flags.TC | dns.flags.AA
        return truncated.to_wire()
