"""Queries each DNS server address received, counted on the loopback interface (Linux, root).

    counter = AddressRates("127.77.144.0/20", 20954)   # a process of its own reads lo
    counter.start() ... counter.stop() -> Rates(highest per address, counts per address)

A packet socket on `lo` with a kernel filter (classic BPF: IPv4, destination in the network, UDP or TCP
to the port) sees each query as the server's kernel received it, with the kernel's receive time
(SO_TIMESTAMPNS): nothing in the engine, the workers or the servers is changed or slowed to count.
UDP datagrams and TCP connection openings (SYN) count, one each, as the engine's per-address cap
counts packets.  For every address the highest number of queries in any one-second window (sliding,
not aligned to whole seconds) is kept as the packets come, so memory does not grow with the run.
"""

from __future__ import annotations

import ctypes
import ipaddress
import multiprocessing
import socket
import struct
from collections import Counter, deque
from dataclasses import dataclass, field

ETH_P_IP = 0x0800
SO_ATTACH_FILTER = 26
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
PACKET_HOST = 0  # on lo every packet is also seen leaving (PACKET_OUTGOING): only the arrival counts
SNAP = 64  # bytes of each packet handed over: the IP and transport headers


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


def _program(network: ipaddress.IPv4Network, port: int) -> list[tuple[int, int, int, int]]:
    """dst in network, protocol UDP or TCP, destination port: accept SNAP bytes, else nothing (offsets from the
    IP header: a SOCK_DGRAM packet socket hands the filter the packet without its link-layer header)."""
    mask, net = int(network.netmask), int(network.network_address)
    return [
        (0x20, 0, 0, 16),  # 0: ld [16]          destination address
        (0x54, 0, 0, mask),  # 1: and #mask
        (0x15, 0, 7, net),  # 2: jeq #net, 3, 10
        (0x30, 0, 0, 9),  # 3: ldb [9]          protocol
        (0x15, 1, 0, 17),  # 4: jeq #UDP, 6, 5
        (0x15, 0, 4, 6),  # 5: jeq #TCP, 6, 10
        (0xB1, 0, 0, 0),  # 6: ldxb 4*([0]&0xf)  IP header length
        (0x48, 0, 0, 2),  # 7: ldh [x+2]         destination port
        (0x15, 0, 1, port),  # 8: jeq #port, 9, 10
        (0x06, 0, 0, SNAP),  # 9: ret #SNAP
        (0x06, 0, 0, 0),  # 10: ret #0
    ]


def open_socket(network: ipaddress.IPv4Network, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, 0)  # protocol 0: nothing arrives until bound
    instructions = _program(network, port)
    program = (_Instruction * len(instructions))(*instructions)
    fprog = struct.pack("HL", len(instructions), ctypes.addressof(program))
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * 1024 * 1024)
    sock.bind(("lo", ETH_P_IP))
    sock.settimeout(0.2)
    return sock


@dataclass
class Rates:
    highest: dict[str, int] = field(default_factory=dict)  # address -> most queries in any 1-s window
    counts: Counter = field(default_factory=Counter)  # address -> queries
    first: float = 0.0  # kernel time of the first and the last query counted
    last: float = 0.0

    def top(self, addresses=None) -> tuple[str | None, int]:
        """The address with the highest one-second count among `addresses` (all by default), and that count."""
        pool = [a for a in self.highest if addresses is None or a in addresses]
        if not pool:
            return None, 0
        address = max(pool, key=lambda a: self.highest[a])
        return address, self.highest[address]


def _count(network: ipaddress.IPv4Network, port: int, ready, stop, results) -> None:
    sock = open_socket(network, port)
    windows: dict[str, deque] = {}
    rates = Rates()
    ready.set()
    while not stop.is_set():
        try:
            data, ancillary, _flags, address = sock.recvmsg(SNAP, socket.CMSG_SPACE(16))
        except TimeoutError:
            continue
        if address[2] != PACKET_HOST or len(data) < 20:
            continue
        header = (data[0] & 0x0F) * 4
        if data[9] == 6 and (len(data) < header + 14 or data[header + 13] & 0x12 != 0x02):
            continue  # a TCP segment other than a connection's opening SYN
        moment = next(
            (
                seconds + nanoseconds / 1e9
                for level, kind, value in ancillary
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS
                for seconds, nanoseconds in [struct.unpack("qq", value[:16])]
            ),
            0.0,
        )
        server = socket.inet_ntoa(data[16:20])
        window = windows.get(server)
        if window is None:
            window = windows[server] = deque()
        window.append(moment)
        while moment - window[0] >= 1.0:
            window.popleft()
        rates.counts[server] += 1
        if len(window) > rates.highest.get(server, 0):
            rates.highest[server] = len(window)
        rates.first = rates.first or moment
        rates.last = moment
    sock.close()
    results.put(rates)


class AddressRates:
    """Counts, in a process of its own, the queries every address of `network` receives on `port`."""

    def __init__(self, network, port: int):
        context = multiprocessing.get_context("fork")
        self._ready, self._stop, self._results = context.Event(), context.Event(), context.Queue()
        self._process = context.Process(
            target=_count,
            args=(ipaddress.ip_network(network), port, self._ready, self._stop, self._results),
            daemon=True,
        )

    def start(self) -> None:
        self._process.start()
        if not self._ready.wait(10):
            raise RuntimeError("the query counter did not start (it needs root to read lo)")

    def stop(self) -> Rates:
        self._stop.set()
        rates = self._results.get(timeout=30)
        self._process.join(10)
        return rates
