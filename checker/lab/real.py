"""The test lab: the lab's zone files served by Knot DNS (``knotd``) from Debian.

Knot serves pre-signed zone files as they are (``dnssec-signing: off``, ``semantic-checks: off``,
no journal, no zone-file sync) and binds loopback addresses without ``ip addr add``. Knot serves
every configured zone on every address it listens on, so one instance per zone depth (root, TLD,
children of the TLD, grandchildren) keeps a zone off its parent's servers: a resolver walking from
the root meets real referrals. Siblings share an instance, so a child zone's server also answers
for its sibling zones (the demo server does not); nothing in a walk from the root asks it that.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import dns.exception
import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdatatype

KNOTD = shutil.which("knotd") or "/usr/sbin/knotd"


class RealServerError(RuntimeError):
    pass


def _config(rundir: Path, listen: list[str], zones: dict[str, Path]) -> str:
    lines = [
        "server:",
        f'    rundir: "{rundir}"',
        f'    pidfile: "{rundir}/knot.pid"',
        "    udp-workers: 1",
        "    tcp-workers: 1",
        "    background-workers: 1",
        "    listen: [ " + ", ".join(listen) + " ]",
        "control:",
        f'    listen: "{rundir}/knot.sock"',
        "database:",
        f'    storage: "{rundir}/db"',
        "log:",
        f'  - target: "{rundir}/knot.log"',
        "    any: info",
        "template:",
        "  - id: default",
        f'    storage: "{rundir}"',
        "    semantic-checks: off",
        "    dnssec-signing: off",
        "    zonefile-sync: -1",
        "    zonefile-load: whole",
        "    journal-content: none",
    ]
    if zones:
        lines.append("zone:")
    for name, path in zones.items():
        lines += [f'  - domain: "{name}"', f'    file: "{path}"']
    return "\n".join(lines) + "\n"


def _answers_soa(zone: str | None, address: str, port: int) -> bool:
    """Whether ``address`` answers the SOA of ``zone``; of no zone (None): whether it answers REFUSED."""
    query = dns.message.make_query(zone or ".", dns.rdatatype.SOA)
    try:
        reply = dns.query.udp(query, address, port=port, timeout=0.2)
    except (dns.exception.Timeout, OSError):
        return False
    if zone is None:
        return reply.rcode() == dns.rcode.REFUSED
    return reply.rcode() == dns.rcode.NOERROR and bool(reply.answer)


class KnotInstance:
    def __init__(self, rundir: Path, port: int, zones: dict[str, Path], addresses: list[str]):
        self.rundir = rundir
        self.port = port
        self.zones = zones
        self.addresses = addresses
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.rundir.mkdir(parents=True, exist_ok=True)
        listen = [f"{address}@{self.port}" for address in self.addresses]
        config = self.rundir / "knot.conf"
        config.write_text(_config(self.rundir, listen, self.zones))
        self.process = subprocess.Popen(
            [KNOTD, "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.rundir / "knotd.stderr", "wb"),
            start_new_session=True,
        )

    @property
    def log(self) -> str:
        parts = [self.rundir / "knot.log", self.rundir / "knotd.stderr"]
        return "\n".join(p.read_text(errors="replace") for p in parts if p.exists())

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _wait_for(instances, zones: list[tuple[str | None, str]], port: int, timeout: float) -> None:
    """Until each (zone, address) answers its SOA (an address of a lame server, zone None: REFUSED)."""
    waiting = list(zones)
    deadline = time.monotonic() + timeout
    while waiting:
        for instance in instances:
            if instance.process.poll() is not None:
                raise RealServerError(f"knotd exited ({instance.process.returncode}):\n{instance.log}")
        waiting = [(name, address) for name, address in waiting if not _answers_soa(name, address, port)]
        if waiting and time.monotonic() > deadline:
            raise RealServerError(
                f"knotd did not serve {waiting[:5]} within {timeout} s:\n" + "\n".join(i.log for i in instances)
            )
        if waiting:
            time.sleep(0.05)


@contextlib.contextmanager
def serve_real(lab, port: int = 53, timeout: float = 15.0) -> Iterator[list[KnotInstance]]:
    """Serve ``lab`` with knotd on ``port`` (53 needs root) while in the block.

    A zone whose second name server serves another copy (two providers of a multi-signer zone, a
    stale secondary) has that copy served by an instance of its own, as two real servers would;
    the addresses of lame name servers are served by an instance without zones (REFUSED).
    """
    groups: dict[tuple[int, str], dict[str, Path]] = {}
    addresses: dict[tuple[int, str], list[str]] = {}
    for name, zone in lab.zones.items():
        depth = len(dns.name.from_text(name))
        for address in zone.addresses:
            group = (depth, "other" if address in zone.other_files else "")
            groups.setdefault(group, {})[name] = zone.file_for(address)
            addresses.setdefault(group, []).append(address)
    serving = {address for zone in lab.zones.values() for address in zone.addresses}
    for zone in lab.zones.values():
        for address in set(zone.lame_addresses) - serving:  # an instance without zones: REFUSED
            groups.setdefault((0, "lame"), {})
            addresses.setdefault((0, "lame"), []).append(address)
    rundir = Path(tempfile.mkdtemp(prefix="lab-knot-"))
    instances = [
        KnotInstance(rundir / f"depth{depth}{kind}", port, groups[(depth, kind)], addresses[(depth, kind)])
        for depth, kind in sorted(groups)
    ]
    waits = [(name, address) for name, zone in lab.zones.items() for address in zone.other_files]
    waits += [(None, address) for zone in lab.zones.values() for address in set(zone.lame_addresses) - serving]
    try:
        for instance in instances:
            instance.start()
        # First one zone per instance (a silent address costs a whole timeout), then all zones.
        _wait_for(instances, [(next(iter(i.zones)), i.addresses[0]) for i in instances if i.zones], port, timeout)
        _wait_for(instances, [(name, zone.addresses[0]) for name, zone in lab.zones.items()] + waits, port, timeout)
        yield instances
    finally:
        for instance in instances:
            instance.terminate()
        for instance in instances:
            instance.wait()
        if os.environ.get("LAB_KEEP_RUNDIR") is None:
            shutil.rmtree(rundir, ignore_errors=True)
