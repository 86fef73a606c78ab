"""The socket guard of tests/checker refuses and counts packets outside 127.0.0.0/8."""

import asyncio
import socket

import pytest

OUTSIDE = [("192.0.2.53", 53), ("100.64.0.1", 53), ("169.254.169.254", 80)]


@pytest.mark.parametrize("destination", OUTSIDE)
def test_udp_and_tcp_outside_loopback_are_refused_and_counted(socket_guard, destination):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        with pytest.raises(PermissionError):
            udp.sendto(b"\0" * 12, destination)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        with pytest.raises(PermissionError):
            tcp.connect(destination)
    assert socket_guard.packets_to(destination[0]) == 2
    socket_guard.clear()  # the refusals were the point of this test


def test_ipv6_destinations_are_refused(socket_guard):
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as udp:
        with pytest.raises(PermissionError):
            udp.sendto(b"\0" * 12, ("::ffff:192.0.2.1", 53, 0, 0))
    assert len(socket_guard.blocked) == 1
    socket_guard.clear()


def test_asyncio_datagram_and_stream_connections_are_guarded(socket_guard):
    async def attempt():
        loop = asyncio.get_running_loop()
        with pytest.raises(PermissionError):
            await loop.create_datagram_endpoint(asyncio.DatagramProtocol, remote_addr=("192.0.2.7", 53))
        with pytest.raises(PermissionError):
            await asyncio.open_connection("192.0.2.7", 53)

    asyncio.run(attempt())
    assert socket_guard.packets_to("192.0.2.7") == 2
    socket_guard.clear()


def test_loopback_is_allowed_and_counted(socket_guard):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(b"\0" * 12, ("127.77.200.9", 9))
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as udp:
        udp.sendto(b"\0" * 12, ("::1", 9, 0, 0))
    assert socket_guard.packets_to("127.77.200.9") == 1
    assert socket_guard.packets_to("::1") == 1
    assert not socket_guard.blocked
