"""The special-purpose address guard (docs/RELIABILITY.md, S3): refused addresses get no packet."""

import asyncio
import ipaddress

import dns.name
import dns.rdatatype
import pytest

from checker.engine.addresses import SPECIAL_IPV4, SPECIAL_IPV6, AddressGuard, special_purpose
from checker.engine.transport import Limits, Transport
from checker.engine.walker import Walker


def _inside(prefix: str) -> list[str]:
    """The first, a middle and the last address of a prefix."""
    network = ipaddress.ip_network(prefix)
    size = network.num_addresses
    picks = {network[0], network[size // 2], network[-1]}
    return [str(address) for address in sorted(picks)]


SPECIAL_ADDRESSES = sorted({a for prefix, _ in SPECIAL_IPV4 + SPECIAL_IPV6 for a in _inside(prefix)})
EXTRA_SPECIAL = [
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",
    "100.127.255.254",  # shared address space (is_private misses it)
    "::ffff:8.8.8.8",
    "::ffff:127.0.0.1",  # IPv4-mapped, even of a global address
    "64:ff9b::808:808",
    "64:ff9b:1::1",  # NAT64
    "2002:c000:0201::1",
    "2002:7f00:0001::1",
    "2002:0a00:0001::1",  # 6to4 of 192.0.2.1, 127.0.0.1, 10.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "::",
    "::1",
    "::127.0.0.1",
    "fe80::1",
    "fd00::53",
    "ff02::1",
    "3fff::1",
    "5f00::1",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.251",
    "240.0.0.1",
]
GLOBAL_ADDRESSES = ["8.8.8.8", "198.41.0.4", "2001:503:ba3e::2:30", "2002:0808:0808::1", "2400:cb00::1"]


@pytest.mark.parametrize("address", SPECIAL_ADDRESSES + EXTRA_SPECIAL)
def test_special_addresses_are_refused(address):
    assert special_purpose(ipaddress.ip_address(address)) is not None
    assert AddressGuard().refusal(address) is not None


@pytest.mark.parametrize("address", GLOBAL_ADDRESSES)
def test_global_addresses_pass(address):
    assert AddressGuard().refusal(address) is None


def test_lab_mode_allows_loopback_and_private_but_not_documentation():
    guard = AddressGuard(allow_private=True)
    for address in ("127.0.0.1", "127.77.3.4", "10.1.2.3", "192.168.1.1", "::1", "fd00::1"):
        assert guard.refusal(address) is None
    for address in ("192.0.2.1", "169.254.169.254", "224.0.0.1", "0.0.0.0"):
        assert guard.refusal(address) is not None


def test_lab_range_narrows_everything_to_the_range():
    guard = AddressGuard(allow_private=True, lab_range=ipaddress.ip_network("127.77.204.0/22"))
    assert guard.refusal("127.77.205.9") is None
    assert guard.refusal("127.0.0.1") == "outside-lab-range"
    assert guard.refusal("8.8.8.8") == "outside-lab-range"


def test_refused_addresses_send_no_packet(socket_guard):
    """A root hints file full of special addresses: every query refused, 0 packets, one finding each."""
    addresses = SPECIAL_ADDRESSES + EXTRA_SPECIAL
    hints = [(dns.name.from_text(f"ns{i}.hints.test."), [address]) for i, address in enumerate(addresses)]
    guard = AddressGuard()
    transport = Transport(guard, Limits(timeout=0.2, max_queries=10), now=0)

    async def walk():
        return await Walker(transport, guard, hints).walk(dns.name.from_text("example.jp."))

    result = asyncio.run(walk())
    assert transport.sent == 0
    assert sum(socket_guard.sent.values()) == 0 and not socket_guard.blocked
    refused = [f for f in result.findings if f.id == "ns_address_not_global"]
    assert {f.evidence["address"] for f in refused} == set(addresses)
    assert all(f.severity == "ERR" for f in refused)
    assert not result.complete


def test_transport_refuses_even_when_asked_directly(socket_guard):
    transport = Transport(AddressGuard(), Limits(), now=0)
    answer = asyncio.run(transport.query("10.0.0.53", dns.name.from_text("example.jp."), dns.rdatatype.SOA))
    assert answer.error == "not_global" and answer.message is None
    assert transport.sent == 0 and sum(socket_guard.sent.values()) == 0
