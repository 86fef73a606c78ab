"""Hostile answers never crash the engine (RELIABILITY.md S1): mutated wire-format answers are fed
into parsing, the walker's referral reading and the whole chain-of-trust evaluation."""
import dns.name
import dns.rdatatype
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine.transport import Answer, _Parsed
from checker.engine.walker import Walker, ZoneData, referral_cut

from .signed import Hierarchy

LAB = Hierarchy()
SERVER = Hierarchy.CHILD_SERVERS[0]
SEEDS = [answer.message.to_wire() for answer in LAB.child_data.apex[SERVER].values()]
SEEDS += [answer.message.to_wire() for answer in LAB.child_data.ds.values()]
QTYPES = [dns.rdatatype.DNSKEY, dns.rdatatype.SOA, dns.rdatatype.NS, dns.rdatatype.NSEC3PARAM]


@st.composite
def mutated(draw):
    wire = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "copy"]))
        position = draw(st.integers(0, max(0, len(wire) - 1)))
        if kind == "flip" and wire:
            wire[position] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del wire[position:position + draw(st.integers(1, 40))]
        elif kind == "insert":
            wire[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "copy" and wire:
            start = draw(st.integers(0, len(wire) - 1))
            wire[position:position] = wire[start:start + draw(st.integers(1, 64))]
    return bytes(wire)


def parse(raw: bytes):
    try:
        return _Parsed().get(raw)
    except Exception:  # the transport turns any parse failure into a "malformed" answer
        return None


@settings(max_examples=1500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated(), qtype=st.sampled_from(QTYPES))
def test_mutated_answers_never_raise(raw, qtype):
    message = parse(raw)
    if message is None:
        return
    lab = Hierarchy()
    name = dns.name.from_text("example.")
    answer = Answer(SERVER, 53, "udp", name, qtype, message=message, size=len(raw))
    lab.child_data.apex[SERVER][qtype] = answer
    ds_answer = Answer(Hierarchy.ROOT_SERVERS[0], 53, "udp", name, dns.rdatatype.DS, message=message)
    lab.child_data.ds[Hierarchy.ROOT_SERVERS[0]] = ds_answer
    lab.child_data.probe[SERVER] = Answer(SERVER, 53, "udp", lab.child_data.probe_name(), dns.rdatatype.A, message=message)
    lab.validate()
    referral_cut(answer, dns.name.root, name)
    Walker._read_referral(None, ZoneData(name), answer)
