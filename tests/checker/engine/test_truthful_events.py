"""What the engine tells the page: a server's progress event says whether it answered, and key sizes are the
sizes operators name (P-256 is 256 bit, not the 512 bits of its public point)."""

import asyncio
import ipaddress

import dns.dnssec
import dns.rdataclass
import dns.rdtypes.ANY.DNSKEY
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

from checker.engine import Limits, check
from checker.engine.checks import key_bits
from checker.engine.transport import SharedCache
from checker.engine.validator import Memo
from checker.lab.stubs import StubWorld, silence
from tests import slots

from ..conftest import LAB_NOW

NOW = int(LAB_NOW.timestamp())
# The top /23 of this process's /20, apart from the lab's addresses and test_hostile_servers' stubs.
NETWORK = ipaddress.ip_network(f"{slots.lab_network().network_address + 3584}/23")
PORT = slots.port_base() + 54


@pytest.mark.parametrize(
    "algorithm, private, bits",
    [
        (dns.dnssec.Algorithm.ECDSAP256SHA256, lambda: ec.generate_private_key(ec.SECP256R1()), 256),
        (dns.dnssec.Algorithm.ECDSAP384SHA384, lambda: ec.generate_private_key(ec.SECP384R1()), 384),
        (dns.dnssec.Algorithm.ED25519, ed25519.Ed25519PrivateKey.generate, 256),
        (dns.dnssec.Algorithm.ED448, ed448.Ed448PrivateKey.generate, 456),
        (dns.dnssec.Algorithm.RSASHA256, lambda: rsa.generate_private_key(65537, 2048), 2048),
        (dns.dnssec.Algorithm.RSASHA256, lambda: rsa.generate_private_key(65537, 1024), 1024),
    ],
    ids=["P-256", "P-384", "Ed25519", "Ed448", "RSA-2048", "RSA-1024"],
)
def test_key_sizes_are_the_ones_operators_name(algorithm, private, bits):
    key = dns.dnssec.make_dnskey(private().public_key(), algorithm, flags=257)
    assert isinstance(key, dns.rdtypes.ANY.DNSKEY.DNSKEY) and key.rdclass == dns.rdataclass.IN
    assert key_bits(key) == bits


def test_a_silent_server_is_reported_as_not_answering():
    world = StubWorld(NETWORK, PORT, NOW)
    world.add("good.")
    world.add("silent.", behaviour=silence)
    events = []
    options = world.options(cache=SharedCache(), memo=Memo(), limits=Limits(timeout=0.5, retries=0, deadline=20.0))
    with world.serve():
        asyncio.run(check("silent.", options=options, now=NOW, on_event=events.append))
    servers = [e for e in events if e["event"] == "server"]
    silent = [e for e in servers if e["zone"] == "silent."]
    assert silent, "the silent zone's servers were asked"
    for event in silent:
        # Five questions over UDP time out; the one over TCP finds no listener.
        assert (event["queries"], event["answered"], event["errors"]) == (6, 0, {"timeout": 5, "network": 1})
    root = [e for e in servers if e["zone"] == "."]
    assert root and all(e["answered"] == e["queries"] and e["errors"] == {} for e in root), root
