"""A23's PTR names: about an address, not about the checked zone, so checks that share name servers ask
them once a process; a check of the reverse zone itself asks its own afresh."""

import asyncio
import ipaddress

import pytest

from checker.engine import Limits, check
from checker.engine.transport import SharedCache
from checker.engine.validator import Memo
from checker.lab.stubs import StubWorld
from tests import slots

from ..conftest import LAB_NOW

NOW = int(LAB_NOW.timestamp())
# The upper half of test_probes.py's quarter, on a port of its own.
NETWORK = ipaddress.ip_network(f"{slots.lab_network().network_address + 1536}/23")
PORT = slots.port_base() + 58
REVERSE_ZONE = ".".join(reversed(str(NETWORK.network_address).split(".")[:3])) + ".in-addr.arpa."


@pytest.fixture(scope="module")
def world():
    world = StubWorld(NETWORK, PORT, NOW)
    hosted = world.add("hosted-a.")
    world.add("hosted-b.", addresses=list(hosted.nameservers.values()))
    world.add(REVERSE_ZONE)
    with world.serve():
        yield world


def ptr_queries(world, names: list[str]) -> list[list[tuple[str, bool]]]:
    """For each name, checked in turn in one process (one cache): who gave each PTR answer (the root a
    referral, the reverse zone's servers the answer) and whether it was a kept one."""
    cache = SharedCache()
    seen = []
    for name in names:
        options = world.options(cache=cache, memo=Memo(), limits=Limits(timeout=1.0, retries=1, deadline=30.0))
        report = asyncio.run(check(name, options=options, now=NOW))
        seen.append(
            sorted(
                ("root" if entry["server"] == world.root_address else "reverse zone", entry["cached"])
                for entry in report.queries
                if entry["qtype"] == "PTR"
            )
        )
    return seen


def test_a_zone_on_the_same_servers_takes_the_ptr_answers_the_first_check_got(world):
    first, second = ptr_queries(world, ["hosted-a.", "hosted-b."])
    assert first == [("reverse zone", False)] * 2 + [("root", False)] * 2
    # The referral from the root is kept as well (logged as the NS question it answers).
    assert second == [("reverse zone", True)] * 2


def test_the_reverse_zone_itself_asks_its_own_ptr_names_afresh(world):
    first, second = ptr_queries(world, [REVERSE_ZONE, REVERSE_ZONE])
    assert first == second == [("reverse zone", False)] * 2
