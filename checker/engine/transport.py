"""Sending queries to authoritative servers, within a budget and a deadline.

One `Transport` serves one check.  It sends iterative queries (RD clear) with
EDNS0 (1232-byte payload) and the DO bit over UDP, retries over TCP when an
answer is truncated, and records every exchange in a query log.  Identical
questions to the same server over the same transport are sent once per check.
Answers, positive and negative (RFC 2308), and the referrals ancestors give, may
also be kept in a `SharedCache` that outlives the check, each for the TTL of its
records (capped) measured against the check's reference time; only questions about
ancestor zones are answered from it.

Before any packet leaves, the address guard is asked; a refused address gets
an error answer and no packet.  Every packet then waits its turn under the
process-wide per-address rate cap (`CHECKER_QUERY_RATE_PER_ADDRESS` queries per
second to one server address, 50 by default), shared by all checks in the process.
A caller may give the Transport any other `rate`: an object with `async wait(server) -> ticket`,
the ticket a function called once the packet has left (`Layered` puts a budget shared by
several processes, such as the portal's per-address token bucket, in front of the process cap).
"""

from __future__ import annotations

import asyncio
import errno
import functools
import ipaddress
import os
import random
import socket
import struct
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype

from .addresses import AddressGuard
from .names import name_key, name_text

EDNS_PAYLOAD = 1232
NO_ROUTE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
MAX_TIMEOUT = 5.0
# Answer.error of a question the check's own limits withheld (never sent) ...
LIMIT_ERRORS = ("budget", "deadline")
# ... and of one the checker's side could not send at all: neither says anything about the server.
OWN_LIMITS = (*LIMIT_ERRORS, "no_route")
# Plain ints: masking with dnspython's flag enums (or with a message's flags, an enum) costs an
# enum construction each time, so both sides are made ints.
AA, TC, QR = int(dns.flags.AA), int(dns.flags.TC), int(dns.flags.QR)


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
    # A DS answer read from the referral that carried it (RFC 4035 §3.1.4.1): not asked, not
    # logged; its DS RRset or denial proof is in the authority section.
    in_referral: bool = False

    @property
    def ds_section(self) -> str:
        """The section that holds the DS RRset of a DS answer."""
        return "authority" if self.in_referral else "answer"

    @property
    def rcode(self) -> int | None:
        return message_rcode(self.message) if self.message is not None else None

    @property
    def authoritative(self) -> bool:
        return self.message is not None and bool(_facts(self.message)[3] & AA)

    def rrset(self, section: str, name: dns.name.Name, rdtype: int, covers: int = 0):
        """An RRset of the answer, or None.  Class IN only: a record of another class in an answer
        to an IN question is no data of the zone (B22 `foreign_class_data` reads the message)."""
        if self.message is None:
            return None
        return rrset_index(self.message).get((section, name_key(name), rdtype, covers))

    def log_entry(self) -> dict:
        message = self.message
        return {
            "server": self.server,
            "port": self.port,
            "transport": self.transport,
            "qname": _text("name", self.qname),
            "qtype": _text("type", self.qtype),
            "rcode": _text("rcode", message_rcode(message)) if message is not None else None,
            "flags": _text("flags", message.flags) if message is not None else None,
            "size": self.size,
            "time_ms": round(self.elapsed_ms, 3),
            "error": self.error,
            "source": self.source,
            "cached": self.cached,
        }


_FACTS: dict[int, tuple] = {}


def _facts(message: dns.message.Message) -> tuple:
    """(message, RRset index, rcode, flags as an int) of a message, worked out once per message:
    answers are shared (transport.PARSED) and never changed once received."""
    known = _FACTS.get(id(message))
    if known is not None and known[0] is message:
        return known
    index: dict[tuple, object] = {}
    for section in ("answer", "authority", "additional"):
        for rrset in getattr(message, section):
            if rrset.rdclass == dns.rdataclass.IN:
                index.setdefault((section, name_key(rrset.name), rrset.rdtype, rrset.covers), rrset)
    if len(_FACTS) >= 20_000:
        _FACTS.pop(next(iter(_FACTS)))
    # The message is kept with its facts, so that its id cannot be reused meanwhile.
    known = _FACTS[id(message)] = (message, index, message.rcode(), int(message.flags))
    return known


def rrset_index(message: dns.message.Message) -> dict:
    """The class-IN RRsets of a message by (section, name_key, rdtype, covers): the first of each,
    as a scan of the section would find it."""
    return _facts(message)[1]


def message_rcode(message: dns.message.Message):
    return _facts(message)[2]


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


def query_wire(
    qname: dns.name.Name,
    qtype: int,
    *,
    rdclass: int = dns.rdataclass.IN,
    edns: int | None = 0,
    do: bool = True,
    payload: int = EDNS_PAYLOAD,
    ednsflags: int = 0,
    options: bytes = b"",
    rd: bool = False,
) -> bytes:
    """A query in wire form, id 0 (replaced when sent), as dnspython's make_query writes it
    (`options`: the EDNS options' wire form). Built by hand: making and rendering a Message took
    40 µs, most of a cold command line's CPU for its queries. By default the question every check
    asks: EDNS version 0, EDNS_PAYLOAD, DO set, recursion not desired."""
    header = struct.pack("!HHHHHH", 0, dns.flags.RD if rd else 0, 1, 0, 0, 0 if edns is None else 1)
    question = qname.to_wire() + struct.pack("!HH", qtype, rdclass)
    if edns is None:
        return header + question
    ttl = edns << 16 | (dns.flags.DO if do else 0) | ednsflags
    return header + question + b"\x00" + struct.pack("!HHIH", dns.rdatatype.OPT, payload, ttl, len(options)) + options


def _text(kind: str, value) -> str:
    if kind == "name":
        return name_text(value)
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


# Longest a kept answer is believed, whatever its TTLs say: a day for data (as Unbound's
# cache-max-ttl), three hours for a denial (RFC 2308 §5).
MAX_POSITIVE_TTL = 86400
MAX_NEGATIVE_TTL = 10800


def cache_ttl(message: dns.message.Message) -> int | None:
    """How long an answer may be kept (RFC 2308): a denial (NXDOMAIN, or NODATA: NOERROR with an
    empty answer and the zone's SOA) for the SOA's TTL or MINIMUM, whichever is lower; data or a
    referral for its lowest TTL.  None for what is not kept: other rcodes and a denial without SOA
    (RFC 2308 §5)."""
    rcode = message.rcode()
    if rcode not in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
        return None
    if rcode == dns.rcode.NXDOMAIN or not message.answer:
        soa = next((rrset for rrset in message.authority if rrset.rdtype == dns.rdatatype.SOA), None)
        if soa is not None:
            return min(soa.ttl, soa[0].minimum, MAX_NEGATIVE_TTL)
        if rcode == dns.rcode.NXDOMAIN or not message.authority:
            return None
    ttls = [rrset.ttl for section in (message.answer, message.authority) for rrset in section]
    return min(min(ttls), MAX_POSITIVE_TTL)


class SharedCache:
    """Answers kept across checks, each until its TTL runs out (reference time), and the zone cuts
    ancestors' referrals showed (`cuts`)."""

    def __init__(self, max_entries: int = 20000):
        self.max_entries = max_entries
        self._entries: dict[tuple, tuple[Answer, float]] = {}
        self._cuts: dict[tuple, set[dns.name.Name]] = {}  # (port, zone) -> cuts below it
        self._asking: dict[tuple, asyncio.Future] = {}  # (event loop, key) -> answer on its way

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
        ttl = cache_ttl(answer.message) if answer.message is not None else None
        if not ttl:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (answer, now + ttl)

    def referral(self, server: str, port: int, zone: dns.name.Name, target: dns.name.Name, now: float):
        """A kept referral of `server` (a server of `zone`) to the cut `target` lies below, or None.
        Never one to `target` itself: a check asks afresh about the name it checks."""
        cuts = self._cuts.get((port, zone))
        if not cuts:
            return None
        # The deepest kept cut above `target`: its proper ancestors, deepest first, looked up
        # (a TLD's cuts are every zone a batch checked below it).
        labels = target.labels
        for start in range(1, len(labels)):
            cut = dns.name.Name(labels[start:])
            if cut in cuts:
                return self.get(("referral", server, port, zone, cut), now)
        return None

    def put_referral(self, zone: dns.name.Name, cut: dns.name.Name, answer: Answer, now: float) -> None:
        self.put(("referral", answer.server, answer.port, zone, cut), answer, now)
        if len(self._cuts) < self.max_entries:
            self._cuts.setdefault((answer.port, zone), set()).add(cut)

    def in_flight(self, key: tuple) -> asyncio.Future | None:
        """The answer another check of this event loop is waiting for to the same question."""
        return self._asking.get((asyncio.get_running_loop(), key))

    def asking(self, key: tuple) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._asking.setdefault((asyncio.get_running_loop(), key), future)
        return future

    def answered(self, key: tuple, future: asyncio.Future, answer: Answer) -> None:
        waiting = (asyncio.get_running_loop(), key)
        if self._asking.get(waiting) is future:
            del self._asking[waiting]
        future.set_result(answer)

    def clear(self) -> None:
        self._entries.clear()
        self._cuts.clear()


def _same_address(source: str, server: str) -> bool:
    """Whether a reply's source address is the server's: the same text (the kernel writes an
    address as it was sent to), else the same address in another spelling (IPv6, a scope)."""
    if source == server:
        return True
    return ipaddress.ip_address(source.split("%")[0]) == ipaddress.ip_address(server)


def rate_from_environment() -> int:
    value = os.environ.get("CHECKER_QUERY_RATE_PER_ADDRESS") or "50"
    try:
        rate = int(value)
    except ValueError:
        rate = 0
    if rate < 1:
        raise ValueError(f"CHECKER_QUERY_RATE_PER_ADDRESS must be a positive whole number, not {value!r}")
    return rate


class AddressRate:
    """At most `per_second` packets to one server address in any one-second window, for every
    check of the process: a batch of checks must not hammer the root, a TLD or a member's server.
    A packet counts from the moment it has left (`wait` returns a ticket the sender calls then),
    so that packets queued behind each other cannot bunch up at the server."""

    def __init__(self, per_second: int):
        self.per_second = per_second
        self._sent: dict[str, deque] = {}
        self._leaving: dict[str, int] = {}  # packets allowed but not yet sent

    async def wait(self, server: str) -> Callable[[], None]:
        sent = self._sent.get(server)
        if sent is None:
            if len(self._sent) > 10_000:
                self._forget_idle()
            sent = self._sent[server] = deque()
        while True:
            now = time.monotonic()
            while sent and now - sent[0] >= 1.0:
                sent.popleft()
            leaving = self._leaving.get(server, 0)
            if len(sent) + leaving < self.per_second:
                self._leaving[server] = leaving + 1
                return self._ticket(server, sent)
            await asyncio.sleep(sent[0] + 1.0 - now if sent else 0.001)

    def _ticket(self, server: str, sent: deque) -> Callable[[], None]:
        done = False

        def left() -> None:
            nonlocal done
            if not done:
                done = True
                self._leaving[server] -= 1
                sent.append(time.monotonic())

        return left

    def _forget_idle(self) -> None:
        now = time.monotonic()
        for server, sent in list(self._sent.items()):
            if not self._leaving.get(server) and (not sent or now - sent[-1] >= 1.0):
                del self._sent[server]
                self._leaving.pop(server, None)


class Layered:
    """A rate shared beyond this process (`outer`: any object with `async wait(server)`, e.g. a budget
    that several worker hosts draw from), then the process cap (`inner`) as the inner limit.  The
    inner turn is taken first, so that a packet leaves as soon as the shared budget lets it."""

    def __init__(self, outer, inner=None):
        self.outer, self.inner = outer, inner or process_rate()

    async def wait(self, server: str) -> Callable[[], None]:
        inner = await self.inner.wait(server)
        try:
            outer = await self.outer.wait(server)
        except BaseException:
            inner()
            raise

        def left() -> None:
            outer()
            inner()

        return left


@functools.cache
def process_rate() -> AddressRate:
    """The cap every check of this process shares, read from the environment at the first check."""
    return AddressRate(rate_from_environment())


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
        rate=None,  # AddressRate, Layered, or any object with `async wait(server) -> ticket`
    ):
        self.guard = guard
        self.limits = limits
        self.port = port
        self.now = now
        self.shared_cache = shared_cache
        self.rate = rate or process_rate()
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
        if not tcp and answer.message is not None and int(answer.message.flags) & TC:
            return await self._once(server, qname, qtype, True, shareable)
        return answer

    async def _once(self, server, qname, qtype, tcp, shareable) -> Answer:
        # A question asked afresh (not shareable) is never answered by a kept answer's twin.
        pending = (server, tcp, name_key(qname), qtype, shareable)
        future = self._pending.get(pending)
        if future is not None:
            return await asyncio.shield(future)
        # The first asker runs the exchange itself (a task per query cost a third of a query's
        # CPU); later askers of the same question wait for its outcome.  Nothing in a check
        # cancels one query alone: a cancelled asker is the whole check being cancelled, and the
        # others waiting are cancelled with it.
        future = self._pending[pending] = asyncio.get_running_loop().create_future()
        try:
            answer = await self._exchange((server, self.port, tcp, qname, qtype), shareable)
        except BaseException:
            del self._pending[pending]
            future.cancel()
            raise
        future.set_result(answer)
        return answer

    def kept_referral(self, server: str, zone: dns.name.Name, target: dns.name.Name) -> Answer | None:
        """The referral toward `target` that `server` of the ancestor `zone` gave an earlier check
        (the shared cache), logged as this check's cached answer; None when none is kept."""
        if self.shared_cache is None:
            return None
        kept = self.shared_cache.referral(server, self.port, zone, target, self.now)
        if kept is None:
            return None
        answer = Answer(server, self.port, "udp", target, dns.rdatatype.NS, kept.message, size=kept.size, cached=True)
        self.log.append(answer)
        return answer

    def forget(self, answers: list[Answer]) -> None:
        """Take kept answers the walk set aside (it asked afresh) out of the log."""
        unused = {id(answer) for answer in answers if answer.cached}
        self.log = [answer for answer in self.log if id(answer) not in unused]

    def keep_referral(self, zone: dns.name.Name, cut: dns.name.Name, answer: Answer) -> None:
        if self.shared_cache is not None and not answer.cached:
            self.shared_cache.put_referral(zone, cut, answer, self.now)

    async def _exchange(self, key, shareable) -> Answer:
        server, port, tcp, qname, qtype = key
        answer = Answer(server, port, "tcp" if tcp else "udp", qname, qtype)
        cache = self.shared_cache if shareable else None
        if cache is not None:
            kept = cache.get(key, self.now)
            if kept is None:
                # Checks running at once (a batch just started) ask an ancestor's question once.
                other = cache.in_flight(key)
                kept = await asyncio.shield(other) if other is not None else None
            # An ancestor's server that has just left the same question unanswered (both attempts)
            # for a check running at once is not waited for again: only answers are kept after.
            if kept is not None and (kept.message is not None or kept.error == "timeout"):
                answer.message, answer.size, answer.error, answer.cached = kept.message, kept.size, kept.error, True
                self.log.append(answer)
                return answer
        refusal = self.guard.refusal(server)
        if refusal is not None:
            answer.error = "not_global"
            self.log.append(answer)
            return answer
        # A question asked afresh (about the checked zone) is answered by no kept answer, but its
        # answer is kept, and waited for, for the checks that ask the same about an ancestor.
        shared = self.shared_cache
        asking = shared.asking(key) if shared is not None else None
        try:
            await self._attempts(
                answer, self._query_wire(qname, qtype), tcp, lambda m: self._same_question(m, qname, qtype)
            )
        finally:
            if asking is not None:
                shared.answered(key, asking, answer)
        self.log.append(answer)
        if shared is not None:
            shared.put(key, answer, self.now)
        return answer

    async def probe(self, server: str, qname: dns.name.Name, qtype: int, wire: bytes, *, tcp: bool = False) -> Answer:
        """A one-off query built by the caller (probes of a server's behaviour, `wire` as query_wire
        writes it): within the same budget, deadline, address guard and log, but neither
        de-duplicated nor cached."""
        answer = Answer(server, self.port, "tcp" if tcp else "udp", qname, qtype)
        refusal = self.guard.refusal(server)
        if refusal is not None:
            answer.error = "not_global"
        else:
            await self._attempts(answer, wire, tcp, lambda m: self._same_question(m, qname, qtype))
        self.log.append(answer)
        return answer

    async def _attempts(self, answer: Answer, wire: bytes, tcp: bool, same_question) -> None:
        """Send `wire` (its id replaced) to the answer's server: retries, budget, deadline."""
        server, port = answer.server, answer.port
        attempts = 1 if tcp else 1 + max(0, self.limits.retries)
        for _ in range(attempts):
            if self._seconds_left() <= 0:
                self.deadline_passed = True
                answer.error = "deadline"
                break
            if self.sent >= self.limits.max_queries:
                self.budget_exhausted = True
                answer.error = "budget"
                break
            try:
                # A budget shared with other processes may hold a turn back for long: never past the deadline.
                async with asyncio.timeout(self._seconds_left()):
                    left = await self.rate.wait(server)
            except TimeoutError:
                self.deadline_passed = True
                answer.error = "deadline"
                break
            remaining = self._seconds_left()
            if remaining <= 0:
                left()
                self.deadline_passed = True
                answer.error = "deadline"
                break
            self.sent += 1
            query_id = random.getrandbits(16)
            packet = struct.pack("!H", query_id) + wire[2:]
            if self._in_flight is None:
                self._in_flight = asyncio.Semaphore(max(1, self.limits.concurrency))
            start = time.perf_counter()
            strangers: list[str] = []
            try:
                # asyncio.timeout, not wait_for: no task of its own for each packet.
                async with self._in_flight, asyncio.timeout(min(self.timeout, remaining)):
                    raw = await (
                        self._send_tcp(server, port, packet, left)
                        if tcp
                        else self._send_udp(server, port, packet, query_id, strangers, left)
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
                left()  # a packet that never left still frees its turn
                answer.elapsed_ms = (time.perf_counter() - start) * 1000
            answer.size = len(raw)
            try:
                message = PARSED.get(raw)
            except Exception:  # hostile input: dnspython raises more than DNSException
                answer.error = "malformed"
                break
            if raw[:2] != packet[:2] or not int(message.flags) & QR or not same_question(message):
                answer.error = "malformed"
                break
            answer.message, answer.error = message, None
            break

    def _seconds_left(self) -> float:
        """Seconds left before the check's deadline (negative once it has passed)."""
        return self.limits.deadline - (time.monotonic() - self._started)

    @staticmethod
    def _same_question(message, qname, qtype) -> bool:
        if len(message.question) != 1 or message.question[0].rdtype != qtype:
            return False
        # The same labels are the same name; else compare as DNS does (case aside).
        asked = message.question[0].name
        return asked.labels == qname.labels or asked == qname

    @staticmethod
    def _query_wire(qname, qtype) -> bytes:
        wire = _QUERY_WIRES.get((name_key(qname), qtype))
        if wire is None:
            wire = query_wire(qname, qtype)
            if len(_QUERY_WIRES) < 100_000:
                _QUERY_WIRES[(name_key(qname), qtype)] = wire
        return wire

    @staticmethod
    async def _send_udp(
        server: str, port: int, packet: bytes, query_id: int, strangers: list[str], left: Callable[[], None]
    ) -> bytes:
        """Send and wait for the reply; the socket is not connected, so that a reply from another
        address is seen (and noted in `strangers`) rather than silently dropped by the kernel.
        A socket of its own for each packet, so that each has its own random source port
        (RFC 5452 §9.2): a shared cache keeps what ancestors answer.  The reply is read by a
        callback of the event loop rather than `loop.sock_recvfrom`, which first tries a read
        that cannot succeed yet and wraps each wait in more calls: it was most of a query's CPU."""
        loop = asyncio.get_running_loop()
        family = socket.AF_INET6 if ":" in server else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            sock.setblocking(False)
            try:
                sock.sendto(packet, (server, port))
            except (BlockingIOError, InterruptedError):
                await loop.sock_sendto(sock, packet, (server, port))
            left()
            expected_id = struct.pack("!H", query_id)
            reply = loop.create_future()

            def readable() -> None:
                while not reply.done():
                    try:
                        data, source = sock.recvfrom(65535)
                    except (BlockingIOError, InterruptedError):
                        return
                    except OSError as error:
                        reply.set_exception(error)
                        return
                    # A stray datagram with another id is ignored, as resolvers do.
                    if data[:2] != expected_id:
                        continue
                    if source[1] != port or not _same_address(source[0], server):
                        strangers.append(source[0])
                        continue
                    reply.set_result(data)

            fd = sock.fileno()
            loop.add_reader(fd, readable)
            try:
                return await reply
            finally:
                loop.remove_reader(fd)
        finally:
            sock.close()

    @staticmethod
    async def _send_tcp(server: str, port: int, packet: bytes, left: Callable[[], None]) -> bytes:
        reader, writer = await asyncio.open_connection(server, port)
        try:
            writer.write(struct.pack("!H", len(packet)) + packet)
            await writer.drain()
            left()
            (length,) = struct.unpack("!H", await reader.readexactly(2))
            return await reader.readexactly(length)
        finally:
            writer.close()

    def log_entries(self) -> list[dict]:
        return [answer.log_entry() for answer in self.log]
