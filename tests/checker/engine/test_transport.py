"""The transport: EDNS and DO, TCP on truncation, retries, de-duplication, budget, deadline, hostile bytes."""

import asyncio
import socket
import struct
import threading
import time

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest

from checker.engine.addresses import AddressGuard
from checker.engine.transport import (
    MAX_POSITIVE_TTL,
    AddressRate,
    Limits,
    SharedCache,
    Transport,
    query_wire,
    rate_from_environment,
)
from tests import slots

ADDRESS = str(slots.lab_network()[4000])
PORT = slots.port_base() + 61
NAME = dns.name.from_text("stub.test.")


class Stub:
    """A UDP and TCP server whose answers a test decides: handler(query, transport) -> bytes | None."""

    def __init__(self, handler):
        self.handler = handler
        self.received: list[tuple[str, dns.message.Message]] = []

    async def __aenter__(self):
        loop = asyncio.get_running_loop()
        stub = self

        class Datagram(asyncio.DatagramProtocol):
            def connection_made(self, transport):
                self.transport = transport

            def datagram_received(self, data, addr):
                query = dns.message.from_wire(data)
                stub.received.append(("udp", query))
                reply = stub.handler(query, "udp")
                if reply is not None:
                    self.transport.sendto(reply, addr)

        async def stream(reader, writer):
            (length,) = struct.unpack("!H", await reader.readexactly(2))
            query = dns.message.from_wire(await reader.readexactly(length))
            stub.received.append(("tcp", query))
            reply = stub.handler(query, "tcp")
            if reply is not None:
                writer.write(struct.pack("!H", len(reply)) + reply)
                await writer.drain()
            writer.close()

        self.udp, _ = await loop.create_datagram_endpoint(Datagram, local_addr=(ADDRESS, PORT))
        self.tcp = await asyncio.start_server(stream, ADDRESS, PORT)
        return self

    async def __aexit__(self, *exc):
        self.udp.close()
        self.tcp.close()
        await self.tcp.wait_closed()


def soa_answer(query, truncated=False):
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    if truncated:
        response.flags |= dns.flags.TC
    else:
        response.answer.append(dns.rrset.from_text(NAME, 300, "IN", "SOA", "ns. host. 1 2 3 4 5"))
    return response.to_wire()


def transport(**limits):
    return Transport(AddressGuard(allow_private=True), Limits(**limits), port=PORT, now=0)


def run(handler, body):
    async def main():
        async with Stub(handler) as stub:
            return stub, await body()

    return asyncio.run(main())


@pytest.mark.parametrize(
    ("name", "rdtype"),
    [(".", "NS"), ("stub.test.", "DNSKEY"), ("Www.Stub.TEST.", "DS"), ("x." * 126, "A"), ("stub.test.", "TYPE65534")],
)
def test_a_question_is_sent_as_dnspythons_query_would_be_without_rd(name, rdtype):
    qname, qtype = dns.name.from_text(name), dns.rdatatype.from_text(rdtype)
    query = dns.message.make_query(qname, qtype, use_edns=0, payload=1232, want_dnssec=True)
    query.flags &= ~dns.flags.RD
    query.id = 0
    assert query_wire(qname, qtype) == query.to_wire()


def test_query_has_edns_1232_do_and_no_rd():
    t = transport()
    stub, answer = run(lambda q, _: soa_answer(q), lambda: t.query(ADDRESS, NAME, dns.rdatatype.SOA))
    ((_, query),) = stub.received
    assert query.edns == 0 and query.payload == 1232 and query.ednsflags & dns.flags.DO
    assert not query.flags & dns.flags.RD
    assert answer.message.rcode() == dns.rcode.NOERROR and answer.size > 0
    entry = t.log_entries()[0]
    assert entry["server"] == ADDRESS and entry["transport"] == "udp" and entry["qtype"] == "SOA"
    assert entry["rcode"] == "NOERROR" and "AA" in entry["flags"]


def test_truncated_udp_answer_is_retried_over_tcp():
    t = transport()
    stub, answer = run(
        lambda q, kind: soa_answer(q, truncated=kind == "udp"), lambda: t.query(ADDRESS, NAME, dns.rdatatype.DNSKEY)
    )
    assert [kind for kind, _ in stub.received] == ["udp", "tcp"]
    assert answer.transport == "tcp" and answer.message.answer


def test_identical_questions_are_sent_once():
    t = transport()

    async def many():
        return await asyncio.gather(*(t.query(ADDRESS, NAME, dns.rdatatype.SOA) for _ in range(10)))

    stub, answers = run(lambda q, _: soa_answer(q), many)
    assert len(stub.received) == 1 and t.sent == 1
    assert len({id(a) for a in answers}) == 1


def test_timeouts_are_retried_a_bounded_number_of_times():
    t = transport(timeout=0.1, retries=2)
    stub, answer = run(lambda q, _: None, lambda: t.query(ADDRESS, NAME, dns.rdatatype.SOA))
    assert answer.error == "timeout" and answer.message is None
    assert len(stub.received) == 3 and t.sent == 3


def test_query_budget_stops_sending():
    t = transport(max_queries=2)

    async def three():
        return [
            await t.query(ADDRESS, NAME, rdtype) for rdtype in (dns.rdatatype.SOA, dns.rdatatype.NS, dns.rdatatype.A)
        ]

    stub, answers = run(lambda q, _: soa_answer(q), three)
    assert len(stub.received) == 2 and t.budget_exhausted
    assert answers[2].error == "budget"


def test_deadline_stops_sending():
    t = transport(timeout=0.2, retries=5, deadline=0.3)
    stub, answer = run(lambda q, _: None, lambda: t.query(ADDRESS, NAME, dns.rdatatype.SOA))
    assert answer.error in ("timeout", "deadline")
    assert len(stub.received) <= 3 and t.deadline_passed


def test_a_rate_that_never_grants_a_turn_ends_at_the_deadline():
    class Never:
        async def wait(self, server):
            await asyncio.Event().wait()

    t = Transport(AddressGuard(allow_private=True), Limits(deadline=0.3), port=PORT, now=0, rate=Never())
    # Without the bound the query would wait for ever: wait_for makes that a failure, not a hang.
    stub, answer = run(
        lambda q, _: soa_answer(q), lambda: asyncio.wait_for(t.query(ADDRESS, NAME, dns.rdatatype.SOA), 30)
    )
    assert (answer.error, t.deadline_passed, len(stub.received)) == ("deadline", True, 0)


def test_hostile_bytes_are_a_malformed_answer_not_a_crash():
    replies = [b"", b"\x00", b"\xff" * 12, b"garbage" * 50]
    for reply in replies:
        t = transport(timeout=0.2, retries=0)

        def handler(query, _, reply=reply):
            return query.to_wire()[:2] + reply  # right id, rubbish after it

        _, answer = run(handler, lambda t=t: t.query(ADDRESS, NAME, dns.rdatatype.SOA))
        assert answer.error in ("malformed", "timeout") and answer.message is None


def test_answer_to_another_question_is_refused():
    t = transport(timeout=0.2, retries=0)

    def handler(query, _):
        other = dns.message.make_query("other.test.", dns.rdatatype.SOA)
        other.id = query.id
        return dns.message.make_response(other).to_wire()

    _, answer = run(handler, lambda: t.query(ADDRESS, NAME, dns.rdatatype.SOA))
    assert answer.error == "malformed"


def test_shared_cache_answers_within_ttl_only():
    cache = SharedCache()
    first = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=1000, shared_cache=cache)
    run(lambda q, _: soa_answer(q), lambda: first.query(ADDRESS, NAME, dns.rdatatype.SOA, shareable=True))
    within = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=1000 + 299, shared_cache=cache)
    stub, answer = run(
        lambda q, _: soa_answer(q), lambda: within.query(ADDRESS, NAME, dns.rdatatype.SOA, shareable=True)
    )
    assert answer.cached and not stub.received and within.sent == 0
    after = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=1000 + 300, shared_cache=cache)
    stub, answer = run(
        lambda q, _: soa_answer(q), lambda: after.query(ADDRESS, NAME, dns.rdatatype.SOA, shareable=True)
    )
    assert not answer.cached and len(stub.received) == 1


def test_checks_at_once_wait_for_one_silent_ancestor_server_once():
    """Two checks ask a silent server the same question about an ancestor at once: the second
    takes the first one's timeout instead of waiting for its own (both attempts); the checked
    zone's own question (not shareable) is asked, and an answer waited for, each time."""
    cache = SharedCache()
    limits = {"timeout": 0.2, "retries": 1}
    first, second, own = (
        Transport(AddressGuard(allow_private=True), Limits(**limits), port=PORT, now=0, shared_cache=cache)
        for _ in range(3)
    )

    async def together():
        return await asyncio.gather(
            first.query(ADDRESS, NAME, dns.rdatatype.DNSKEY, shareable=True),
            second.query(ADDRESS, NAME, dns.rdatatype.DNSKEY, shareable=True),
            own.query(ADDRESS, NAME, dns.rdatatype.DNSKEY),
        )

    stub, answers = run(lambda q, _: None, together)
    assert [(a.error, a.cached) for a in answers] == [("timeout", False), ("timeout", True), ("timeout", False)]
    assert (first.sent, second.sent, own.sent) == (2, 0, 2) and len(stub.received) == 4
    # Only answers are kept: a later check asks again.
    later = Transport(AddressGuard(allow_private=True), Limits(**limits), port=PORT, now=0, shared_cache=cache)
    _, answer = run(
        lambda q, _: soa_answer(q), lambda: later.query(ADDRESS, NAME, dns.rdatatype.DNSKEY, shareable=True)
    )
    assert answer.message is not None and not answer.cached and later.sent == 1


def test_queries_in_flight_are_bounded(monkeypatch):
    state = {"now": 0, "most": 0}

    async def slow_send(server, port, packet, query_id, strangers, left):
        state["now"] += 1
        state["most"] = max(state["most"], state["now"])
        await asyncio.sleep(0.02)
        state["now"] -= 1
        query = dns.message.from_wire(packet)
        return soa_answer(query)

    monkeypatch.setattr(Transport, "_send_udp", staticmethod(slow_send))
    t = transport(concurrency=3)
    names = [dns.name.from_text(f"n{i}.stub.test.") for i in range(12)]

    async def many():
        return await asyncio.gather(*(t.query(ADDRESS, name, dns.rdatatype.SOA) for name in names))

    answers = asyncio.run(many())
    assert t.sent == 12 and state["most"] == 3
    assert all(a.message is not None for a in answers)


def negative_answer(query, rcode, soa_ttl=600, minimum=300, with_soa=True):
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    response.set_rcode(rcode)
    if with_soa:
        response.authority.append(dns.rrset.from_text(NAME, soa_ttl, "IN", "SOA", f"ns. host. 1 2 3 4 {minimum}"))
    return response.to_wire()


def kept_for(handler, qname, qtype) -> tuple[bool, bool]:
    """Whether an answer is kept 1 s before and at the TTL the test expects (asked at time 1000)."""
    cache = SharedCache()
    first = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=1000, shared_cache=cache)
    run(handler, lambda: first.query(ADDRESS, qname, qtype, shareable=True))
    results = []
    for later in (1000 + 299, 1000 + 300):
        t = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=later, shared_cache=cache)
        _, answer = run(handler, lambda t=t: t.query(ADDRESS, qname, qtype, shareable=True))
        results.append(answer.cached)
    return tuple(results)


def test_nxdomain_and_nodata_are_kept_for_the_soa_minimum():
    """RFC 2308 §5: a denial is kept for min(SOA TTL, SOA MINIMUM); here 300 s."""
    nxdomain = kept_for(lambda q, _: negative_answer(q, dns.rcode.NXDOMAIN), NAME, dns.rdatatype.A)
    nodata = kept_for(lambda q, _: negative_answer(q, dns.rcode.NOERROR), NAME, dns.rdatatype.AAAA)
    shorter_ttl = kept_for(
        lambda q, _: negative_answer(q, dns.rcode.NXDOMAIN, soa_ttl=300, minimum=3600), NAME, dns.rdatatype.A
    )
    assert nxdomain == nodata == shorter_ttl == (True, False)


def test_a_denial_without_soa_and_an_error_are_not_kept():
    assert kept_for(lambda q, _: negative_answer(q, dns.rcode.NXDOMAIN, with_soa=False), NAME, dns.rdatatype.A) == (
        False,
        False,
    )
    assert kept_for(lambda q, _: negative_answer(q, dns.rcode.SERVFAIL, with_soa=False), NAME, dns.rdatatype.A) == (
        False,
        False,
    )


def test_kept_answers_are_believed_a_day_at_most():
    def long_ttl(query, _):
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        response.answer.append(dns.rrset.from_text(NAME, 30 * 86400, "IN", "SOA", "ns. host. 1 2 3 4 5"))
        return response.to_wire()

    cache = SharedCache()
    first = Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=0, shared_cache=cache)
    run(long_ttl, lambda: first.query(ADDRESS, NAME, dns.rdatatype.SOA, shareable=True))
    assert cache.get((ADDRESS, PORT, False, NAME, dns.rdatatype.SOA), MAX_POSITIVE_TTL - 1) is not None
    assert cache.get((ADDRESS, PORT, False, NAME, dns.rdatatype.SOA), MAX_POSITIVE_TTL) is None


SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux; Python does not name it everywhere


class TimestampingStub(threading.Thread):
    """A UDP server that notes when the kernel received each query (SO_TIMESTAMPNS), so that the
    rate it sees does not depend on when the test's event loop got round to reading."""

    def __init__(self):
        super().__init__(daemon=True)
        self.arrivals: list[float] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.sock.bind((ADDRESS, PORT))
        self.sock.settimeout(0.1)
        self.running = True

    def run(self):
        while self.running:
            try:
                data, ancillary, _, source = self.sock.recvmsg(65535, 1024)
            except TimeoutError:
                continue
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, nanoseconds = struct.unpack("qq", value[:16])
                    self.arrivals.append(seconds + nanoseconds / 1e9)
            self.sock.sendto(soa_answer(dns.message.from_wire(data)), source)

    def stop(self):
        self.running = False
        self.join()
        self.sock.close()


def test_the_rate_cap_holds_for_every_check_of_the_process():
    """Two checks at once, 25 distinct questions each, one server address, a cap of 20 per second:
    in no one-second window does the server receive more than 20."""
    rate = AddressRate(20)
    checks = [Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=0, rate=rate) for _ in range(2)]
    names = [dns.name.from_text(f"q{i}.stub.test.") for i in range(25)]

    async def both():
        return await asyncio.gather(*(t.query(ADDRESS, n, dns.rdatatype.SOA) for t in checks for n in names))

    stub = TimestampingStub()
    stub.start()
    # The kernel turns receive timestamps on a moment after the first socket asks (a deferred
    # static key); until then it stamps a datagram when it is read, not when it arrived.
    time.sleep(0.2)
    try:
        answers = asyncio.run(both())
    finally:
        stub.stop()
    arrivals = stub.arrivals
    assert len(arrivals) == 50 and all(a.message is not None for a in answers)
    busiest = max(sum(1 for t in arrivals if start <= t < start + 1.0) for start in arrivals)
    assert busiest == 20


def test_the_rate_cap_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHECKER_QUERY_RATE_PER_ADDRESS", "7")
    assert rate_from_environment() == 7
    monkeypatch.delenv("CHECKER_QUERY_RATE_PER_ADDRESS")
    assert rate_from_environment() == 50
    for wrong in ("0", "fast"):
        monkeypatch.setenv("CHECKER_QUERY_RATE_PER_ADDRESS", wrong)
        with pytest.raises(ValueError, match="CHECKER_QUERY_RATE_PER_ADDRESS"):
            rate_from_environment()


def test_checks_running_at_once_ask_a_shareable_question_once():
    cache = SharedCache()
    checks = [
        Transport(AddressGuard(allow_private=True), Limits(), port=PORT, now=0, shared_cache=cache) for _ in range(5)
    ]

    async def together():
        return await asyncio.gather(*(t.query(ADDRESS, NAME, dns.rdatatype.SOA, shareable=True) for t in checks))

    stub, answers = run(lambda q, _: soa_answer(q), together)
    assert len(stub.received) == 1
    assert sorted(a.cached for a in answers) == [False, True, True, True, True]
    assert [t.sent for t in checks].count(1) == 1 and sum(t.sent for t in checks) == 1
