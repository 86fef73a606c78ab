"""What checker.lab offers the resolver test without Django: zones it delegates to a server of their own, a
tree of zones built apart from the lab, and a per-query callback of its server."""

import asyncio
import logging
from datetime import UTC, datetime

import dns.flags
import dns.message
import dns.name
import dns.rdatatype
import pytest

from checker.lab import (
    Delegation,
    LabServer,
    ReceivedQuery,
    ZoneSpec,
    build_lab,
    build_zone_tree,
    load_delegations,
    save_delegations,
)
from tests import slots
from tests.checker.conftest import lab_key_dir

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
NETWORK = slots.lab_network()
OUTSIDE = {"ns1.away.test.": str(NETWORK.broadcast_address - 1)}


@pytest.fixture(scope="module")
def tree(tmp_path_factory, request):
    workdir = tmp_path_factory.mktemp("tree")
    specs = [ZoneSpec(name=dns.name.from_text("away.test.")), ZoneSpec(name=dns.name.from_text("in.away.test."))]
    servers = {"away.test.": OUTSIDE, "in.away.test.": {"ns1.in.away.test.": OUTSIDE["ns1.away.test."]}}
    return build_zone_tree(specs, servers, workdir, NOW, key_dir=lab_key_dir(request.config, workdir))


def test_a_tree_is_signed_and_its_parent_delegates_its_child_with_glue_and_ds(tree):
    assert list(tree.zones) == ["away.test.", "in.away.test."]
    assert (tree.top, tree.zones["in.away.test."].parent, tree.servers["in.away.test."]) == (
        "away.test.",
        "away.test.",
        (OUTSIDE["ns1.away.test."],),
    )
    parent = tree.load_zone("away.test.")
    child = dns.name.from_text("in.away.test.")
    assert [r.to_text() for r in parent.get_rdataset(child, dns.rdatatype.NS)] == ["ns1.in.away.test."]
    assert [r.to_text() for r in parent.get_rdataset(child, dns.rdatatype.DS)] == tree.ds["in.away.test."]
    assert parent.get_rdataset(child, dns.rdatatype.RRSIG, dns.rdatatype.DS) is not None
    assert tree.delegation() == Delegation("away.test.", OUTSIDE, tuple(tree.ds["away.test."]))


def test_the_lab_delegates_a_zone_served_elsewhere_with_its_ds(tree, tmp_path, request):
    lab = build_lab(
        NETWORK, tmp_path, NOW, key_dir=lab_key_dir(request.config, tmp_path), delegations=[tree.delegation()]
    )
    tld = lab.load_zone("test.")
    away = dns.name.from_text("away.test.")
    assert [r.to_text() for r in tld.get_rdataset(away, dns.rdatatype.NS)] == ["ns1.away.test."]
    assert [r.to_text() for r in tld.get_rdataset("ns1.away.test.", dns.rdatatype.A)] == [OUTSIDE["ns1.away.test."]]
    assert [r.to_text() for r in tld.get_rdataset(away, dns.rdatatype.DS)] == tree.ds["away.test."]
    assert "away.test." not in lab.zones and lab.delegations == (tree.delegation(),)


def test_a_delegation_on_a_lab_address_is_refused(tmp_path, request):
    taken = Delegation("away.test.", {"ns1.away.test.": str(NETWORK.network_address + 1)})
    with pytest.raises(ValueError, match="collides"):
        build_lab(NETWORK, tmp_path, NOW, key_dir=lab_key_dir(request.config, tmp_path), delegations=[taken])


def test_delegations_are_kept_as_json_and_none_before_the_file_exists(tmp_path, tree):
    path = tmp_path / "lab" / "delegations.json"
    assert load_delegations(path) == ()
    save_delegations(path, [tree.delegation()])
    assert load_delegations(path) == (tree.delegation(),)


def _query(name, rdtype="A", **options):
    return dns.message.make_query(name, rdtype, **options).to_wire()


def test_the_server_calls_back_for_every_query_it_answers(tree):
    seen = []
    server = LabServer(tree, 53, on_query=seen.append)
    address = OUTSIDE["ns1.away.test."]
    server.handle(_query("x.in.away.test.", want_dnssec=True, payload=1232), address, "udp", "127.0.0.9")
    server.handle(_query("in.away.test.", "DNSKEY", use_edns=False), address, "tcp", "127.0.0.10")
    server.handle(b"\x00\x01garbage", address, "udp", "127.0.0.11")  # not a query: no record
    assert [(q.server_address, q.client_address, q.transport, q.qname.to_text(), q.qtype) for q in seen] == [
        (address, "127.0.0.9", "udp", "x.in.away.test.", dns.rdatatype.A),
        (address, "127.0.0.10", "tcp", "in.away.test.", dns.rdatatype.DNSKEY),
    ]
    assert [(q.do_bit, q.edns_size, type(q.edns_size)) for q in seen] == [(True, 1232, int), (False, None, type(None))]
    assert all(isinstance(q, ReceivedQuery) and q.received_at > 0 for q in seen)


def test_a_failing_callback_never_stops_the_answer(tree, caplog):
    def broken(query):
        raise RuntimeError("the recorder is broken")

    server = LabServer(tree, 53, on_query=broken)
    with caplog.at_level(logging.ERROR, logger="checker.lab.server"):
        wire = server.handle(_query("in.away.test.", "SOA"), OUTSIDE["ns1.away.test."], "udp", "127.0.0.9")
    reply = dns.message.from_wire(wire)
    assert (reply.rcode(), bool(reply.flags & dns.flags.AA), reply.answer[0].rdtype) == (0, True, dns.rdatatype.SOA)
    assert [r.getMessage() for r in caplog.records] == [
        f"the per-query callback failed on a query to {OUTSIDE['ns1.away.test.']}"
    ]


def test_a_delayed_server_holds_each_udp_answer_back_without_holding_up_the_next_query(tree):
    from checker.lab.server import _UdpProtocol

    class Transport:
        sent: list = []

        def sendto(self, data, addr):
            self.sent.append(addr)

    async def scenario():
        server = LabServer(tree, 53, delay=0.05)
        protocol = _UdpProtocol(server, OUTSIDE["ns1.away.test."])
        protocol.connection_made(Transport())
        protocol.datagram_received(_query("in.away.test.", "SOA"), ("127.0.0.9", 5353))
        protocol.datagram_received(_query("in.away.test.", "NS"), ("127.0.0.10", 5353))
        held = list(Transport.sent)
        await asyncio.sleep(0.1)  # the loop runs the answers' timers (due at 0.05 s) before this one's
        return held, list(Transport.sent)

    assert asyncio.run(scenario()) == ([], [("127.0.0.9", 5353), ("127.0.0.10", 5353)])
