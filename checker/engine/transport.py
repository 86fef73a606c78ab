"""Sending queries to authoritative servers, within a budget and a deadline.

One `Transport` serves one check.  It sends iterative queries (RD clear) with
EDNS0 (1232-byte payload) and the DO bit over UDP, retries over TCP when an
answer is truncated, and records every exchange in a query log.  Identical
questions to the same server over the same transport are sent once per check.
Answers to questions about ancestor zones may also be kept in a `SharedCache`
that outlives the check, each for the TTL of its records measured against the
check's reference time.

Before any packet leaves, the address guard is asked; a refused address gets
an error answer and no packet.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import random
import socket
import struct
import time
from collections import OrderedDict
from dataclasses import dataclass

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype

from .addresses import AddressGuard

EDNS_PAYLOAD = 1232
NO_ROUTE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
MAX_TIMEOUT = 5.0
# Answer.error of a question the check's own limits withheld (never sent) ...
LIMIT_ERRORS = ("budget", "deadline")
# ... and of one the checker's side could not send at all: neither says anything about the server.
OWN_LIMITS = (*LIMIT_ERRORS, "no_route")


@dataclass
class Limits:
    """Bounds of one check (docs/RELIABILITY.md, R6)."""

    timeout: float = 2.0  # per query attempt, seconds (capped at 5)
    retries: int = 1  # further UDP attempts after a timeout
    max_queries: int = 1000  # packets per check; every address of every ancestor zone is asked
    deadline: float = 60.0  # wall-clock seconds per check
    concurrency: int = 32  # queries in flight at once (a zone may list hundreds of servers)


@dataclass
class Answer:
    """The outcome of one question to one server."""

    server: str
    port: int
    transport: str  # "udp" or "tcp"
    qname: dns.name.Name
    qtype: int
    message: dns.message.Message | None = None
    error: str | None = None  # timeout, network, no_route, malformed, not_global, budget, deadline, wrong_source
    size: int = 0
    source: str | None = None  # where a reply from another address than `server` came from
    elapsed_ms: float = 0.0
    cached: bool = False

    @property
    def rcode(self) -> int | None:
        return self.message.rcode() if self.message is not None else None

    @property
    def authoritative(self) -> bool:
        return self.message is not None and bool(self.message.flags & dns.flags.AA)

    def rrset(self, section: str, name: dns.name.Name, rdtype: int, covers: int = 0):
        """An RRset of the answer, or None."""
        if self.message is None:
            return None
        for rrset in getattr(self.message, section):
            if rrset.name == name and rrset.rdtype == rdtype and rrset.covers == covers:
                return rrset
        return None

    def log_entry(self) -> dict:
        message = self.message
        return {
            "server": self.server,
            "port": self.port,
            "transport": self.transport,
            "qname": _text("name", self.qname),
            "qtype": _text("type", self.qtype),
            "rcode": _text("rcode", message.rcode()) if message is not None else None,
            "flags": _text("flags", message.flags) if message is not None else None,
            "size": self.size,
            "time_ms": round(self.elapsed_ms, 3),
            "error": self.error,
            "source": self.source,
            "cached": self.cached,
        }


class _Parsed:
    """Answers parsed once per process: servers of one zone send the same bytes (NOTES: from_wire
    dominates the CPU time of a check).  Keyed by the wire form without its message id."""

    def __init__(self, max_entries: int = 4096):
        self.max_entries = max_entries
        self._messages: OrderedDict[bytes, dns.message.Message] = OrderedDict()

    def get(self, raw: bytes) -> dns.message.Message:
        key = raw[2:]
        message = self._messages.get(key)
        if message is None:
            message = dns.message.from_wire(raw)
            self._messages[key] = message
            if len(self._messages) > self.max_entries:
                self._messages.popitem(last=False)
        return message


PARSED = _Parsed()
_QUERY_WIRES: dict[tuple, bytes] = {}
_TEXT_CACHE: dict[tuple, str] = {}


def _text(kind: str, value) -> str:
    key = (kind, value)
    text = _TEXT_CACHE.get(key)
    if text is None:
        if kind == "flags":
            text = dns.flags.to_text(value)
        elif kind == "rcode":
            text = dns.rcode.to_text(value)
        elif kind == "type":
            text = dns.rdatatype.to_text(value)
        else:
            text = value.to_text()
        if len(_TEXT_CACHE) < 100_000:
            _TEXT_CACHE[key] = text
    return text


def _min_ttl(message: dns.message.Message) -> int:
    ttls = [rrset.ttl for section in (message.answer, message.authority) for rrset in section]
    return min(ttls) if ttls else 0


class SharedCache:
    """Answers kept across checks, each until its TTL runs out (reference time)."""

    def __init__(self, max_entries: int = 20000):
        self.max_entries = max_entries
        self._entries: dict[tuple, tuple[Answer, float]] = {}

    def get(self, key: tuple, now: float) -> Answer | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        answer, expires = entry
        if now >= expires:
            del self._entries[key]
            return None
        return answer

    def put(self, key: tuple, answer: Answer, now: float) -> None:
        if answer.message is None or answer.message.rcode() != dns.rcode.NOERROR:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (answer, now + _min_ttl(answer.message))

    def clear(self) -> None:
        self._entries.clear()


class Transport:
    """Queries for one check: log, de-duplication, budget, deadline, guard."""

    def __init__(
        self,
        guard: AddressGuard,
        limits: Limits,
        *,
        port: int = 53,
        now: float,
        shared_cache: SharedCache | None = None,
    ):
        self.guard = guard
        self.limits = limits
        self.port = port
        self.now = now
        self.shared_cache = shared_cache
        self.log: list[Answer] = []
        self.sent = 0
        self.budget_exhausted = False
        self.deadline_passed = False
        self._pending: dict[tuple, asyncio.Future] = {}
        self._in_flight: asyncio.Semaphore | None = None
        self._started = time.monotonic()

    @property
    def timeout(self) -> float:
        return min(self.limits.timeout, MAX_TIMEOUT)

    async def query(
        self, server: str, qname: dns.name.Name, qtype: int, *, tcp: bool = False, shareable: bool = False
    ) -> Answer:
        """Ask `server`; a truncated UDP answer is retried over TCP."""
        answer = await self._once(server, qname, qtype, tcp, shareable)
        if not tcp and answer.message is not None and answer.message.flags & dns.flags.TC:
            return await self._once(server, qname, qtype, True, shareable)
        return answer

    async def _once(self, server, qname, qtype, tcp, shareable) -> Answer:
        key = (server, self.port, tcp, qname, qtype)
        future = self._pending.get(key)
        if future is None:
            future = asyncio.ensure_future(self._exchange(key, shareable))
            self._pending[key] = future
        return await asyncio.shield(future)

    async def _exchange(self, key, shareable) -> Answer:
        server, port, tcp, qname, qtype = key
        answer = Answer(server, port, "tcp" if tcp else "udp", qname, qtype)
        if self.shared_cache is not None and shareable:
            cached = self.shared_cache.get(key, self.now)
            if cached is not None:
                answer.message, answer.size, answer.cached = cached.message, cached.size, True
                self.log.append(answer)
                return answer
        refusal = self.guard.refusal(server)
        if refusal is not None:
            answer.error = "not_global"
            self.log.append(answer)
            return answer
        await self._attempts(
            answer, self._query_wire(qname, qtype), tcp, lambda m: self._same_question(m, qname, qtype)
        )
        self.log.append(answer)
        if self.shared_cache is not None and shareable:
            self.shared_cache.put(key, answer, self.now)
        return answer

    async def probe(self, server: str, message: dns.message.Message, *, tcp: bool = False) -> Answer:
        """A one-off query built by the caller (probes of a server's behaviour): within the same
        budget, deadline, address guard and log, but neither de-duplicated nor cached."""
        question = message.question[0]
        answer = Answer(server, self.port, "tcp" if tcp else "udp", question.name, question.rdtype)
        refusal = self.guard.refusal(server)
        if refusal is not None:
            answer.error = "not_global"
        else:
            await self._attempts(
                answer,
                message.to_wire(),
                tcp,
                lambda m: (
                    len(m.question) == 1
                    and m.question[0].name == question.name
                    and m.question[0].rdtype == question.rdtype
                ),
            )
        self.log.append(answer)
        return answer

    async def _attempts(self, answer: Answer, wire: bytes, tcp: bool, same_question) -> None:
        """Send `wire` (its id replaced) to the answer's server: retries, budget, deadline."""
        server, port = answer.server, answer.port
        attempts = 1 if tcp else 1 + max(0, self.limits.retries)
        for _ in range(attempts):
            remaining = self.limits.deadline - (time.monotonic() - self._started)
            if remaining <= 0:
                self.deadline_passed = True
                answer.error = "deadline"
                break
            if self.sent >= self.limits.max_queries:
                self.budget_exhausted = True
                answer.error = "budget"
                break
            self.sent += 1
            query_id = random.getrandbits(16)
            packet = struct.pack("!H", query_id) + wire[2:]
            if self._in_flight is None:
                self._in_flight = asyncio.Semaphore(max(1, self.limits.concurrency))
            start = time.perf_counter()
            strangers: list[str] = []
            try:
                async with self._in_flight:
                    raw = await asyncio.wait_for(
                        self._send_tcp(server, port, packet)
                        if tcp
                        else self._send_udp(server, port, packet, query_id, strangers),
                        min(self.timeout, remaining),
                    )
            except TimeoutError:
                answer.error = "timeout"
                if strangers:
                    # The reply came, but from another address: resolvers drop it (RFC 5452 §9.1).
                    answer.error, answer.source = "wrong_source", strangers[0]
                    break
                continue
            except OSError as error:
                # No route from here (an IPv4-only host asking an IPv6 server) is the checker's
                # vantage point, not the server's fault.
                answer.error = "no_route" if error.errno in NO_ROUTE_ERRNOS else "network"
                break
            except (EOFError, asyncio.IncompleteReadError):
                answer.error = "network"
                break
            finally:
                answer.elapsed_ms = (time.perf_counter() - start) * 1000
            answer.size = len(raw)
            try:
                message = PARSED.get(raw)
            except Exception:  # hostile input: dnspython raises more than DNSException
                answer.error = "malformed"
                break
            if raw[:2] != packet[:2] or not message.flags & dns.flags.QR or not same_question(message):
                answer.error = "malformed"
                break
            answer.message, answer.error = message, None
            break

    @staticmethod
    def _same_question(message, qname, qtype) -> bool:
        return len(message.question) == 1 and message.question[0].name == qname and message.question[0].rdtype == qtype

    def _query_wire(self, qname, qtype) -> bytes:
        wire = _QUERY_WIRES.get((qname, qtype))
        if wire is None:
            query = dns.message.make_query(qname, qtype, use_edns=0, payload=EDNS_PAYLOAD, want_dnssec=True)
            query.flags &= ~dns.flags.RD
            wire = query.to_wire()
            if len(_QUERY_WIRES) < 100_000:
                _QUERY_WIRES[(qname, qtype)] = wire
        return wire

    @staticmethod
    async def _send_udp(server: str, port: int, packet: bytes, query_id: int, strangers: list[str]) -> bytes:
        """Send and wait for the reply; the socket is not connected, so that a reply from another
        address is seen (and noted in `strangers`) rather than silently dropped by the kernel."""
        loop = asyncio.get_running_loop()
        family = socket.AF_INET6 if ":" in server else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        expected = ipaddress.ip_address(server)
        try:
            sock.setblocking(False)
            await loop.sock_sendto(sock, packet, (server, port))
            while True:
                data, source = await loop.sock_recvfrom(sock, 65535)
                # A stray datagram with another id is ignored, as resolvers do.
                if len(data) < 2 or struct.unpack("!H", data[:2])[0] != query_id:
                    continue
                if ipaddress.ip_address(source[0].split("%")[0]) != expected or source[1] != port:
                    strangers.append(source[0])
                    continue
                return data
        finally:
            sock.close()

    @staticmethod
    async def _send_tcp(server: str, port: int, packet: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(server, port)
        try:
            writer.write(struct.pack("!H", len(packet)) + packet)
            await writer.drain()
            (length,) = struct.unpack("!H", await reader.readexactly(2))
            return await reader.readexactly(length)
        finally:
            writer.close()

    def log_entries(self) -> list[dict]:
        return [answer.log_entry() for answer in self.log]
