"""The demo lab's authoritative DNS server: pure Python (dnspython + asyncio), UDP and TCP.

It serves the zone files of a built lab, each zone only on the addresses of that zone's own name
servers, so that a resolver can walk the lab from its root. It answers as an authoritative server
does: AA answers; referrals with glue and DS, or the NSEC/NSEC3 proof that there is no DS; NXDOMAIN
and NODATA with the SOA and the denial records; DNSSEC records only when the query sets DO (or asks
for a DNSSEC type); OPT in replies to EDNS queries (BADVERS for EDNS versions above 0); truncation
over UDP when the answer exceeds the requester's EDNS size (at most 1232, like Knot's default),
or 512 octets without EDNS. A name below a DNAME gets the signed DNAME and the CNAME synthesised
from it (RFC 6672), followed inside the zone as Knot does.
A name that does not exist below a wildcard gets the wildcard's data (or its NODATA) with the proof
that the name itself does not exist.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import dns.dnssec
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.zone

log = logging.getLogger(__name__)

OUR_PAYLOAD = 1232
# How often a lab served on the live clock is signed again: well inside the 300 s margin of the
# conditions set relative to the signing time (inception-recent, expiring-soon).
RESIGN_SECONDS = 60
MAX_KEPT_REPLIES = 10_000  # LabServer.reply's replies kept at once
DNSSEC_TYPES = {dns.rdatatype.RRSIG, dns.rdatatype.NSEC, dns.rdatatype.NSEC3}
ADDRESS_TYPES = (dns.rdatatype.A, dns.rdatatype.AAAA)
MAX_CHASE = 8  # aliases followed inside one zone for one answer


class ZoneData:
    """One zone, indexed for answering: cuts, existing names, NSEC and NSEC3 chains."""

    def __init__(self, zone: dns.zone.Zone):
        self.zone = zone
        self.origin = zone.origin
        self._rrsets: dict = {}
        self.cuts = {
            n
            for n, node in zone.nodes.items()
            if n != self.origin and node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NS)
        }
        self.dnames = {n for n, node in zone.nodes.items() if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.DNAME)}
        self.soa = self._rrset(self.origin, dns.rdatatype.SOA)
        nsec3param = self._rrset(self.origin, dns.rdatatype.NSEC3PARAM)
        self.nsec3param = nsec3param[0] if nsec3param else None
        self.existing: set[dns.name.Name] = set()
        self.nsec_owners: list[dns.name.Name] = []
        self.nsec3_owners: list[dns.name.Name] = []
        for name, node in zone.nodes.items():
            if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NSEC3):
                self.nsec3_owners.append(name)
                if all(rds.rdtype in (dns.rdatatype.NSEC3, dns.rdatatype.RRSIG) for rds in node.rdatasets):
                    continue  # a hashed owner name, not a name of the zone's data
            if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.NSEC):
                self.nsec_owners.append(name)
            ancestor = name
            while ancestor not in self.existing and ancestor.is_subdomain(self.origin):
                self.existing.add(ancestor)
                if ancestor == self.origin:
                    break
                ancestor = ancestor.parent()
        self.nsec_owners.sort()
        self.nsec3_owners.sort()
        self.signed = bool(self.nsec_owners or self.nsec3_owners)

    def _rrset(self, name: dns.name.Name, rdtype: int, covers: int = 0) -> dns.rrset.RRset | None:
        key = (name, rdtype, covers)
        if key not in self._rrsets:  # the zone never changes once served
            rdataset = self.zone.get_rdataset(name, rdtype, covers)
            self._rrsets[key] = (
                None if rdataset is None else dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))
            )
        return self._rrsets[key]

    def _with_sigs(self, name: dns.name.Name, rdtype: int, dnssec: bool) -> list[dns.rrset.RRset]:
        rrset = self._rrset(name, rdtype)
        if rrset is None:
            return []
        found = [rrset]
        if dnssec:
            sigs = self._rrset(name, dns.rdatatype.RRSIG, rdtype)
            if sigs is not None:
                found.append(sigs)
        return found

    def negative_soa(self, dnssec: bool) -> list[dns.rrset.RRset]:
        soa = dns.rrset.from_rdata_list(self.origin, min(self.soa.ttl, self.soa[0].minimum), list(self.soa))
        found = [soa]
        if dnssec:
            sigs = self._rrset(self.origin, dns.rdatatype.RRSIG, dns.rdatatype.SOA)
            if sigs is not None:
                found.append(sigs)
        return found

    # -- denial records --------------------------------------------------------------------------

    def _nsec_covering(self, name: dns.name.Name) -> dns.name.Name:
        index = bisect.bisect_right(self.nsec_owners, name) - 1
        return self.nsec_owners[index]

    def _nsec3_hashed(self, name: dns.name.Name) -> dns.name.Name:
        param = self.nsec3param
        # SHA-1 is the only NSEC3 hash algorithm (RFC 5155 §11).
        label = dns.dnssec.nsec3_hash(name, param.salt, param.iterations, 1)
        return dns.name.Name([label.lower().encode()]).concatenate(self.origin)

    def _nsec3_matching_or_covering(self, name: dns.name.Name) -> dns.name.Name:
        hashed = self._nsec3_hashed(name)
        index = bisect.bisect_right(self.nsec3_owners, hashed) - 1
        return self.nsec3_owners[index]  # index -1 wraps to the last NSEC3, which covers the start

    def denial(self, names: list[dns.name.Name], exact: bool) -> list[dns.rrset.RRset]:
        """NSEC/NSEC3 records matching (``exact``) or covering each of ``names``, with RRSIGs."""
        owners: list[dns.name.Name] = []
        for name in names:
            if self.nsec3param is not None and self.nsec3_owners:
                owner = self._nsec3_matching_or_covering(name)
                if exact and owner != self._nsec3_hashed(name) and name != self.origin:
                    # No NSEC3 of its own (a delegation skipped by opt-out): the closest encloser
                    # proof instead, as Knot gives it (RFC 5155 §7.2.4, §7.2.7).
                    encloser = name.parent()
                    while encloser != self.origin and self._nsec3_hashed(encloser) not in self.nsec3_owners:
                        encloser = encloser.parent()
                    closest = self._nsec3_matching_or_covering(encloser)
                    if closest not in owners:
                        owners.append(closest)
            elif self.nsec_owners:
                owner = name if exact and name in self.nsec_owners else self._nsec_covering(name)
            else:
                continue
            if owner not in owners:
                owners.append(owner)
        rdtype = dns.rdatatype.NSEC3 if self.nsec3param is not None else dns.rdatatype.NSEC
        found = []
        for owner in owners:
            found += self._with_sigs(owner, rdtype, True)
        return found

    def closest_encloser(self, qname: dns.name.Name) -> dns.name.Name:
        encloser = qname.parent()
        while encloser not in self.existing:
            encloser = encloser.parent()
        return encloser

    def nxdomain_proof(self, qname: dns.name.Name) -> list[dns.rrset.RRset]:
        encloser = self.closest_encloser(qname)
        wildcard = dns.name.from_text("*", encloser)
        if self.nsec3param is None:
            return self.denial([qname, wildcard], exact=False)
        next_closer = dns.name.Name(qname.labels[-(len(encloser) + 1) :])
        return self.denial([encloser, next_closer, wildcard], exact=True)

    def expand_wildcard(self, wildcard, qname, qtype: int, dnssec: bool, response: dns.message.Message) -> None:
        """RFC 4592 and RFC 4035 §3.1.3.3/§3.1.3.4: the wildcard's data under the asked name, with the
        proof that the name itself does not exist (and, for NODATA, that the wildcard lacks the type)."""
        dnssec_wanted = dnssec or qtype in DNSSEC_TYPES
        found = self._with_sigs(wildcard, qtype, dnssec_wanted)
        if not found and qtype != dns.rdatatype.CNAME:
            found = self._with_sigs(wildcard, dns.rdatatype.CNAME, dnssec_wanted)
        response.answer += [dns.rrset.from_rdata_list(qname, rrset.ttl, list(rrset)) for rrset in found]
        encloser = wildcard.parent()
        next_closer = dns.name.Name(qname.labels[-(len(encloser) + 1) :])
        if not found:
            response.authority += self.negative_soa(dnssec)
        if not (dnssec and self.signed):
            return
        if found:
            covering = [next_closer] if self.nsec3param is not None else [qname]
            response.authority += self.denial(covering, exact=False)
        elif self.nsec3param is not None:
            response.authority += self.denial([encloser, next_closer, wildcard], exact=True)
        else:
            response.authority += self.denial([qname], exact=False) + self.denial([wildcard], exact=True)

    # -- answering -------------------------------------------------------------------------------

    def answer(self, qname: dns.name.Name, qtype: int, dnssec: bool, response: dns.message.Message, chased: int = 0):
        dnssec_wanted = dnssec or qtype in DNSSEC_TYPES
        # A DNAME above the name rewrites it; a zone cut between the apex and the name makes this a referral.
        depth = len(self.origin)
        while depth < len(qname):
            owner = dns.name.Name(qname.labels[-depth:])
            if owner in self.dnames:
                return self.synthesise(owner, qname, qtype, dnssec, response, chased)
            depth += 1
            cut = dns.name.Name(qname.labels[-depth:])
            if cut in self.cuts and not (cut == qname and qtype == dns.rdatatype.DS):
                return self.referral(cut, dnssec, response)
        response.flags |= dns.flags.AA
        node = self.zone.get_node(qname) if qname in self.existing else None
        if node is None and qname not in self.existing:
            wildcard = dns.name.from_text("*", self.closest_encloser(qname))
            if wildcard in self.existing:
                return self.expand_wildcard(wildcard, qname, qtype, dnssec, response)
            response.set_rcode(dns.rcode.NXDOMAIN)
            response.authority += self.negative_soa(dnssec)
            if dnssec and self.signed:
                response.authority += self.nxdomain_proof(qname)
            return
        if node is not None:
            if qtype == dns.rdatatype.ANY:
                for rdataset in node.rdatasets:
                    if rdataset.rdtype == dns.rdatatype.RRSIG and not dnssec:
                        continue
                    response.answer.append(dns.rrset.from_rdata_list(qname, rdataset.ttl, list(rdataset)))
                return
            if qtype == dns.rdatatype.RRSIG:
                sigs = [r for r in node.rdatasets if r.rdtype == dns.rdatatype.RRSIG]
                for rdataset in sigs:
                    response.answer.append(dns.rrset.from_rdata_list(qname, rdataset.ttl, list(rdataset)))
                if sigs:
                    return
            else:
                found = self._with_sigs(qname, qtype, dnssec_wanted)
                if not found and qtype != dns.rdatatype.CNAME:
                    found = self._with_sigs(qname, dns.rdatatype.CNAME, dnssec_wanted)
                if found:
                    response.answer += found
                    if qtype == dns.rdatatype.NS:
                        self._add_addresses([r.target for r in found[0]], dnssec, response)
                    elif qtype == dns.rdatatype.MX and found[0].rdtype == dns.rdatatype.MX:
                        self._add_addresses([r.exchange for r in found[0]], dnssec, response)
                    return
        response.authority += self.negative_soa(dnssec)
        if dnssec and self.signed:
            response.authority += self.denial([qname], exact=True)

    def synthesise(self, owner, qname, qtype: int, dnssec: bool, response: dns.message.Message, chased: int):
        """RFC 6672 §3.2: the DNAME with its signatures, the CNAME it synthesises (unsigned, with the
        DNAME's TTL), and the answer for the new name when this zone holds it, as Knot gives them."""
        response.flags |= dns.flags.AA
        dname = self._rrset(owner, dns.rdatatype.DNAME)
        response.answer += self._with_sigs(owner, dns.rdatatype.DNAME, dnssec)
        try:
            target = qname.relativize(owner).concatenate(dname[0].target)
        except dns.name.NameTooLong:
            response.set_rcode(dns.rcode.YXDOMAIN)
            return
        cname = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.CNAME, target.to_text())
        response.answer.append(dns.rrset.from_rdata(qname, dname.ttl, cname))
        if target.is_subdomain(self.origin) and chased < MAX_CHASE:
            self.answer(target, qtype, dnssec, response, chased + 1)

    def referral(self, cut: dns.name.Name, dnssec: bool, response: dns.message.Message):
        ns = self._rrset(cut, dns.rdatatype.NS)
        response.authority.append(ns)
        if dnssec:
            ds = self._with_sigs(cut, dns.rdatatype.DS, True)
            if ds:
                response.authority += ds
            elif self.signed:
                response.authority += self.denial([cut], exact=True)
        self._add_addresses([r.target for r in ns], dnssec=False, response=response)

    def _add_addresses(self, hosts: list[dns.name.Name], dnssec: bool, response: dns.message.Message):
        """The zone's addresses of name servers or mail exchanges (an alias adds nothing, as with Knot)."""
        # Addresses first, then their signatures: what does not fit is dropped from the end.
        found = [
            rrset
            for host in hosts
            if host.is_subdomain(self.origin)
            for rdtype in ADDRESS_TYPES
            for rrset in self._with_sigs(host, rdtype, dnssec)
        ]
        response.additional += [r for r in found if r.rdtype != dns.rdatatype.RRSIG]
        response.additional += [r for r in found if r.rdtype == dns.rdatatype.RRSIG]


@dataclass(frozen=True)
class ReceivedQuery:
    """What the server saw of one well-formed query: what a per-query callback (``LabServer(on_query=...)``) gets."""

    received_at: float  # POSIX seconds
    server_address: str  # the lab address it was sent to
    client_address: str | None  # who sent it (None when the caller of ``handle`` did not say)
    transport: str  # "udp" or "tcp"
    qname: dns.name.Name
    qtype: int
    do_bit: bool
    edns_size: int | None  # the requester's UDP payload size; None: the query had no EDNS


class LabServer:
    """Serves a built lab on ``port`` of every lab address, in the running asyncio loop.

    With ``rebuild`` (a function that builds the lab again for the present time), the zones are signed
    again every ``resign_seconds``: conditions set relative to the signing time (an inception 60 s ago,
    an expiry in 200 s) then keep their verdict for as long as the server runs.
    ``lab`` is a built ``Lab``, or any zone set with its ``zones`` and ``load_zone`` (``build_zone_tree``).
    ``on_query``, when given, is called in the loop's thread with a ``ReceivedQuery`` for every query
    before it is answered; it must return quickly (the resolver test's recorder only buffers it), and
    an exception it raises is logged, never let to stop the answer.
    ``delay`` (seconds) holds every answer back that long, without holding up other queries: a lab
    with the latency of distant servers, for the engine's concurrency benchmark.
    """

    # Defaults for subclasses that build their zones themselves (the stub servers): nothing to sign again.
    _rebuild = None
    _resigning: asyncio.Task | None = None
    resigned = 0
    on_query: Callable[[ReceivedQuery], None] | None = None
    delay = 0.0

    def __init__(
        self,
        lab,
        port: int,
        rebuild=None,
        resign_seconds: float = RESIGN_SECONDS,
        on_query: Callable[[ReceivedQuery], None] | None = None,
        delay: float = 0.0,
    ):
        self.port = port
        self.on_query = on_query
        self.delay = delay
        self.load(lab)
        self.queries: Counter = Counter()  # (address, "udp"/"tcp") -> count
        self.resigned = 0
        self._rebuild = rebuild
        self._resign_seconds = resign_seconds
        self._resigning: asyncio.Task | None = None
        self._transports: list = []
        self._servers: list = []

    def load(self, lab) -> None:
        """Serve ``lab`` from now on (the same names on the same addresses, signed anew)."""
        zones_by_address: dict[str, list[ZoneData]] = {}
        for name, lab_zone in lab.zones.items():
            copies = {path: ZoneData(lab.load_zone(name, address)) for address, path in lab_zone.other_files.items()}
            data = ZoneData(lab.load_zone(name))
            for address in lab_zone.addresses:
                zones_by_address.setdefault(address, []).append(copies.get(lab_zone.file_for(address), data))
            for address in lab_zone.lame_addresses:  # answers REFUSED
                zones_by_address.setdefault(address, [])
        if getattr(self, "zones_by_address", None) and zones_by_address.keys() != self.zones_by_address.keys():
            raise ValueError("a rebuilt lab must keep its addresses")
        # One assignment each, in the loop's thread: a query sees the old zones or the new ones, never a mix.
        self.lab, self.zones_by_address, self._replies = lab, zones_by_address, {}

    async def _resign_forever(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self._resign_seconds)
            try:
                lab = await loop.run_in_executor(None, self._rebuild)
            except Exception:  # keep serving the last good signatures; say why once per failure
                log.exception("re-signing the lab failed; still serving the previous signatures")
                continue
            self.load(lab)
            self.resigned += 1

    @property
    def addresses(self) -> list[str]:
        return list(self.zones_by_address)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        for address in self.zones_by_address:
            transport, _ = await loop.create_datagram_endpoint(
                lambda a=address: _UdpProtocol(self, a), local_addr=(address, self.port)
            )
            self._transports.append(transport)
            server = await asyncio.start_server(lambda r, w, a=address: self._serve_tcp(r, w, a), address, self.port)
            self._servers.append(server)
        if self._rebuild is not None:
            self._resigning = asyncio.create_task(self._resign_forever())

    async def stop(self) -> None:
        if self._resigning is not None:
            self._resigning.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._resigning
            self._resigning = None
        for transport in self._transports:
            transport.close()
        for server in self._servers:
            server.close()
        for server in self._servers:
            await server.wait_closed()
        self._transports.clear()
        self._servers.clear()

    def reply(self, wire: bytes, address: str, transport: str, client: str | None = None) -> bytes | None:
        """`handle`, with each reply kept by the query's bytes but its ID and the zones the address serves: the
        same question to another server of the same zones, or asked again, costs a dictionary look-up instead
        of a parse and a render (milliseconds for a large reply), so that the lab, which shares the machine
        with the checker it serves, holds it up less. Not with `on_query`, which sees every query parsed."""
        if self.on_query is not None or len(wire) < 12:
            return self.handle(wire, address, transport, client)
        key = (tuple(map(id, self.zones_by_address.get(address, ()))), transport, wire[2:])
        replies = self._replies
        kept = replies.get(key)
        if kept is not None:
            self.queries[(address, transport)] += 1
            return wire[:2] + kept
        reply = self.handle(wire, address, transport, client)
        if reply is not None and reply[:2] == wire[:2] and len(replies) < MAX_KEPT_REPLIES:
            replies[key] = reply[2:]
        return reply

    def handle(self, wire: bytes, address: str, transport: str, client: str | None = None) -> bytes | None:
        """The reply to one query received on ``address`` (from ``client``), or None to drop it."""
        self.queries[(address, transport)] += 1
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            return _formerr(wire)
        if query.flags & dns.flags.QR:
            return None  # never answer a response
        response = dns.message.make_response(query, our_payload=OUR_PAYLOAD)
        response.flags &= ~dns.flags.RA
        if query.opcode() != dns.opcode.QUERY:
            response.set_rcode(dns.rcode.NOTIMP)
            return response.to_wire()
        if query.edns > 0:
            response.use_edns(0, 0, OUR_PAYLOAD)
            response.set_rcode(dns.rcode.BADVERS)
            return response.to_wire()
        if len(query.question) != 1:
            response.set_rcode(dns.rcode.FORMERR)
            return response.to_wire()
        question = query.question[0]
        dnssec = bool(query.ednsflags & dns.flags.DO)
        if self.on_query is not None:
            self._report(query, address, transport, client)
        if dnssec:
            response.ednsflags |= dns.flags.DO
        zone = self._zone_for(address, question.name, question.rdtype)
        if zone is None or question.rdclass != dns.rdataclass.IN:
            response.set_rcode(dns.rcode.REFUSED)
        else:
            zone.answer(question.name, question.rdtype, dnssec, response)
        if transport == "tcp":
            return response.to_wire(max_size=65535)
        limit = min(max(512, query.payload), OUR_PAYLOAD) if query.edns >= 0 else 512
        referral = not response.flags & dns.flags.AA and bool(response.authority)
        try:
            return response.to_wire(max_size=limit)
        except dns.exception.TooBig:
            pass
        # Additional data may be left out without TC, but not a referral's glue (RFC 9471): keep
        # as much of it as fits (a binary search: a zone may list hundreds of name servers).
        if response.additional and not referral:
            additional = list(response.additional)
            fits, low, high = None, 0, len(additional) - 1
            response.additional = []
            try:
                fits = response.to_wire(max_size=limit)
            except dns.exception.TooBig:
                high = -1  # not even the answer fits: truncate
            while low <= high:
                middle = (low + high) // 2
                response.additional = additional[:middle]
                try:
                    fits = response.to_wire(max_size=limit)
                    low = middle + 1
                except dns.exception.TooBig:
                    high = middle - 1
            if fits is not None:
                return fits
        truncated = dns.message.make_response(query, our_payload=OUR_PAYLOAD)
        truncated.flags = response.flags | dns.flags.TC
        truncated.ednsflags = response.ednsflags
        truncated.set_rcode(response.rcode())
        return truncated.to_wire()

    def _report(self, query: dns.message.Message, address: str, transport: str, client: str | None) -> None:
        question = query.question[0]
        received = ReceivedQuery(
            received_at=time.time(),
            server_address=address,
            client_address=client,
            transport=transport,
            qname=question.name,
            qtype=question.rdtype,
            do_bit=bool(query.ednsflags & dns.flags.DO),
            edns_size=int(query.payload) if query.edns >= 0 else None,
        )
        try:
            self.on_query(received)
        except Exception:  # the answer matters more than its record
            log.exception("the per-query callback failed on a query to %s", address)

    def _zone_for(self, address: str, qname: dns.name.Name, qtype: int) -> ZoneData | None:
        candidates = [z for z in self.zones_by_address.get(address, ()) if qname.is_subdomain(z.origin)]
        if not candidates:
            return None
        candidates.sort(key=lambda z: len(z.origin), reverse=True)
        # The DS of a zone is the parent's data: prefer the parent when this address serves both.
        if qtype == dns.rdatatype.DS and candidates[0].origin == qname and len(candidates) > 1:
            return candidates[1]
        return candidates[0]

    async def _serve_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, address: str) -> None:
        peer = writer.get_extra_info("peername")
        client = peer[0] if peer else None
        try:
            while True:
                header = await reader.readexactly(2)
                wire = await reader.readexactly(struct.unpack("!H", header)[0])
                try:
                    reply = self.reply(wire, address, "tcp", client)
                except Exception:  # one bad query must not stop the lab
                    log.exception("lab server failed on a TCP query to %s", address)
                    break
                if reply is None:
                    break
                if self.delay:
                    await asyncio.sleep(self.delay)
                writer.write(struct.pack("!H", len(reply)) + reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def _formerr(wire: bytes) -> bytes | None:
    if len(wire) < 12:
        return None
    ident, flags = struct.unpack("!HH", wire[:4])
    if flags & dns.flags.QR:
        return None
    reply_flags = dns.flags.QR | (flags & dns.flags.RD) | dns.rcode.FORMERR
    return struct.pack("!HHHHHH", ident, reply_flags, 0, 0, 0, 0)


class _UdpProtocol(asyncio.DatagramProtocol):
    def __init__(self, server: LabServer, address: str):
        self.server = server
        self.address = address
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        try:
            reply = self.server.reply(data, self.address, "udp", addr[0])
        except Exception:  # one bad query must not stop the lab
            log.exception("lab server failed on a query to %s", self.address)
            return
        if reply is None:
            return
        if self.server.delay:
            asyncio.get_running_loop().call_later(self.server.delay, self.transport.sendto, reply, addr)
        else:
            self.transport.sendto(reply, addr)


@contextlib.contextmanager
def serve_python(lab, port: int) -> Iterator[LabServer]:
    """Run the demo server for ``lab`` on ``port`` in a background thread while in the block."""
    with run_in_background(LabServer(lab, port), "lab-server") as server:
        yield server


@contextlib.contextmanager
def run_in_background(server, thread_name: str):
    """Start ``server`` (with async ``start``/``stop``) on a loop of its own thread while in the block."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(server.start())
        except BaseException as error:  # reported to the caller below
            failure.append(error)
            started.set()
            return
        started.set()
        loop.run_forever()
        loop.run_until_complete(server.stop())
        loop.close()

    thread = threading.Thread(target=run, name=thread_name, daemon=True)
    thread.start()
    started.wait()
    if failure:
        loop.close()
        raise failure[0]
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
