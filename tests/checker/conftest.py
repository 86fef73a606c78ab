"""Fixtures of the checker tests: the DNS lab, its two servers, and the socket guard.

- ``lab``: the lab built once per session on this process's /20 (``tests.slots.lab_network()``),
  with the fixed reference time ``LAB_NOW``; keys are cached in pytest's cache directory.
- ``python_lab``: the demo server on port ``tests.slots.port_base() + 53`` of every lab address.
- ``real_lab``: knotd on port 53 of every lab address (root needed; mark such tests ``lab``).
- ``socket_guard`` (autouse): every UDP or TCP packet to an address outside 127.0.0.0/8 (and
  ::1) is refused and makes the test fail; the guard counts packets and connections per
  destination, allowed or not, so a test can assert that nothing was sent to a given address.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.lab import build_lab, serve_python, serve_real
from tests import slots

# The lab's servers are the tests' own, on loopback, and the tests check one lab zone after another
# with nothing kept: the production cap of 50 queries per second to one address would only make
# them wait.  The cap itself is tested with its own AddressRate (test_transport.py).
os.environ.setdefault("CHECKER_QUERY_RATE_PER_ADDRESS", "100000")

LAB_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
LOOPBACK_V6 = ipaddress.ip_address("::1")
PYTHON_LAB_PORT_OFFSET = 53


def _canonical(host: str) -> str:
    try:
        return str(ipaddress.ip_address(host.split("%")[0]))
    except ValueError:
        return host


class SocketGuard:
    """Counts datagrams and connections by destination; refuses any outside 127.0.0.0/8 and ::1."""

    def __init__(self):
        self.sent: Counter = Counter()  # destination address -> packets and connections
        self.blocked: list[tuple[str, object]] = []  # (operation, destination)

    def allowed(self, destination) -> bool:
        host = destination[0] if isinstance(destination, tuple) else None
        if host is None:
            return True  # AF_UNIX and other non-IP destinations
        try:
            address = ipaddress.ip_address(host.split("%")[0])
        except ValueError:
            return host == "localhost"
        # ::1 is loopback too; a client library may try it first for "localhost".
        return address in LOOPBACK if address.version == 4 else address == LOOPBACK_V6

    def check(self, operation: str, sock, destination) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        if not self.allowed(destination):
            self.blocked.append((operation, destination))
            raise PermissionError(f"socket guard: {operation} to {destination!r} is outside loopback")
        self.sent[_canonical(destination[0])] += 1

    def packets_to(self, address: str) -> int:
        address = _canonical(address)
        return self.sent[address] + sum(1 for _, d in self.blocked if _canonical(d[0]) == address)

    def clear(self) -> None:
        self.sent.clear()
        self.blocked.clear()


_GUARD = SocketGuard()


def _install(monkeypatch) -> None:
    original_sendto = socket.socket.sendto
    original_sendmsg = socket.socket.sendmsg
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def sendto(self, data, *args):
        _GUARD.check("sendto", self, args[-1])
        return original_sendto(self, data, *args)

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
        if address is not None:
            _GUARD.check("sendmsg", self, address)
        return original_sendmsg(self, buffers, ancdata, flags, *([address] if address else []))

    def connect(self, address):
        _GUARD.check("connect", self, address)
        return original_connect(self, address)

    def connect_ex(self, address):
        _GUARD.check("connect", self, address)
        return original_connect_ex(self, address)

    # asyncio's transports and dnspython both go through these methods of socket.socket.
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket.socket, "sendmsg", sendmsg)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def socket_guard(monkeypatch):
    _GUARD.clear()
    _install(monkeypatch)
    yield _GUARD
    blocked = list(_GUARD.blocked)
    _GUARD.clear()
    if blocked:
        pytest.fail(f"packets to addresses outside 127.0.0.0/8 were attempted: {blocked}")


def lab_key_dir(config, workdir: Path) -> Path:
    """Where the lab's keys are kept: pytest's cache (a second session only signs), else the lab's own folder."""
    cache = getattr(config, "cache", None)
    return cache.mkdir("lab-keys") if cache is not None else workdir / "keys"


@pytest.fixture(scope="session")
def lab(tmp_path_factory, request):
    workdir = tmp_path_factory.mktemp("lab")
    return build_lab(slots.lab_network(), workdir, LAB_NOW, key_dir=lab_key_dir(request.config, workdir))


@pytest.fixture(scope="session")
def python_lab(lab):
    with serve_python(lab, slots.port_base() + PYTHON_LAB_PORT_OFFSET) as server:
        yield server


@pytest.fixture(scope="session")
def real_lab(lab):
    with serve_real(lab, 53) as instances:
        yield instances
