"""The transport: EDNS and DO, TCP on truncation, retries, de-duplication, budget, deadline, hostile bytes."""

import asyncio
import struct

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset

from checker.engine.addresses import AddressGuard
from checker.engine.transport import Limits, SharedCache, Transport
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


def test_queries_in_flight_are_bounded(monkeypatch):
    state = {"now": 0, "most": 0}

    async def slow_send(server, port, packet, query_id, strangers):
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
