"""The Python lab server keeps each reply by the query's bytes but its ID (LabServer.reply): the same question
asked again, or of another server of the same zones, is answered alike under its own ID, without mixing zones."""

import dns.message
import dns.rdatatype

from checker.lab.server import LabServer

PORT = 53  # nothing is sent: the replies are asked of the server object


def _query(name: str, rdtype: str, ident: int) -> bytes:
    query = dns.message.make_query(name, rdtype, want_dnssec=True)
    query.id = ident
    return query.to_wire()


def _zone_address(lab, name: str) -> str:
    return next(zone.addresses[0] for zone_name, zone in lab.zones.items() if zone_name.rstrip(".") == name)


def test_a_question_asked_again_gets_the_same_reply_under_its_own_id(lab):
    server = LabServer(lab, PORT)
    address = _zone_address(lab, "alg13.test")
    first = server.reply(_query("alg13.test.", "DNSKEY", 1), address, "udp")
    again = server.reply(_query("alg13.test.", "DNSKEY", 2), address, "udp")
    assert (first[:2], again[:2], again[2:] == first[2:]) == (b"\x00\x01", b"\x00\x02", True)
    message = dns.message.from_wire(again)
    assert (message.id, [rrset.rdtype for rrset in message.answer]) == (2, [dns.rdatatype.DNSKEY, dns.rdatatype.RRSIG])
    assert (server.queries[(address, "udp")], len(server._replies)) == (2, 1)
    other = server.reply(_query("alg8.test.", "DNSKEY", 3), _zone_address(lab, "alg8.test"), "udp")
    assert dns.message.from_wire(other).answer[0].name.to_text() == "alg8.test."
    assert len(server._replies) == 2


def test_serving_anew_forgets_the_replies(lab):
    server = LabServer(lab, PORT)
    server.reply(_query("alg13.test.", "SOA", 1), _zone_address(lab, "alg13.test"), "udp")
    assert len(server._replies) == 1
    server.load(lab)  # as when the lab is signed again
    assert server._replies == {}


def test_with_a_per_query_callback_every_query_is_seen(lab):
    seen = []
    server = LabServer(lab, PORT, on_query=seen.append)
    address = _zone_address(lab, "alg13.test")
    for ident in (1, 2):
        server.reply(_query("alg13.test.", "SOA", ident), address, "udp")
    assert ([received.qname.to_text() for received in seen], server._replies) == (["alg13.test.", "alg13.test."], {})
