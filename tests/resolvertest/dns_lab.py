"""The test lab with the resolver test's zones, and a real Unbound from Debian that resolves through it.

- ``rt_lab``: the test zones' service (resolvertest.service.ZoneService, on a thread) on port 53 of two
  addresses of this process's own /22, and the lab (every zone, signed at the present time) delegating
  rt.test. from its test. zone with the service's DS, served on port 53 of the same /22 by knotd (the
  test lab) and by the demo lab's Python server: tests that use it run with each.
- ``unbound(validating)``: an Unbound daemon on port 53 of a lab address, asking the lab from one
  outgoing address (RESOLVER_SOURCE, so the recorded resolver address is known), with the lab's root
  hints and, when validating, its trust anchor; stopped by PID.

The /22 is the fourth of the process's /20 (tests/slots.py); the engine's probe tests use the same
addresses with module-scoped servers, and so do these fixtures.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import signal
import subprocess
import time
from pathlib import Path

import dns.exception
import dns.flags
import dns.message
import dns.query
import dns.rdatatype
import pytest

from checker.lab import build_lab, run_in_background, serve_python, serve_real
from resolvertest.recording import send_batch
from resolvertest.service import ZoneService
from tests import slots
from tests.checker.conftest import lab_key_dir

NETWORK = ipaddress.ip_network(f"{slots.lab_network().network_address + 1024}/22")
SERVICE_ADDRESSES = [str(NETWORK.broadcast_address - 2), str(NETWORK.broadcast_address - 1)]
RESOLVER_ADDRESS = str(NETWORK.broadcast_address - 4)  # where Unbound listens
RESOLVER_SOURCE = str(NETWORK.broadcast_address - 5)  # where its queries to the lab come from
ZONE = "rt.test"
WEB_ADDRESS = "127.0.0.1"
UNBOUND = shutil.which("unbound") or "/usr/sbin/unbound"


@pytest.fixture(scope="module", params=["knot", "python"])
def rt_lab(tmp_path_factory, request):
    workdir = tmp_path_factory.mktemp("rt-lab")
    key_dir = lab_key_dir(request.config, workdir)
    service = ZoneService(ZONE, SERVICE_ADDRESSES, 53, [WEB_ADDRESS], workdir / "rt", key_dir / "rt", send=send_batch)
    lab = build_lab(NETWORK, workdir / "lab", time.time(), key_dir=key_dir, delegations=[service.tree.delegation()])
    served = serve_real(lab, 53) if request.param == "knot" else serve_python(lab, 53)
    with served, run_in_background(service, "rt-dns"):
        yield lab, service


def _config(rundir: Path, lab, validating: bool) -> str:
    lines = [
        "server:",
        f"    interface: {RESOLVER_ADDRESS}",
        "    port: 53",
        f"    outgoing-interface: {RESOLVER_SOURCE}",
        "    do-ip6: no",
        "    do-not-query-localhost: no",
        "    access-control: 127.0.0.0/8 allow",
        f"    root-hints: {lab.root_hints_file}",
        # Unbound answers the special-use name test. (RFC 6761) itself unless told not to.
        '    local-zone: "test." transparent',
        "    qname-minimisation: no",
        "    num-threads: 1",
        "    so-reuseport: no",
        '    username: ""',
        '    chroot: ""',
        f'    directory: "{rundir}"',
        f'    pidfile: "{rundir}/unbound.pid"',
        "    use-syslog: no",
        f'    logfile: "{rundir}/unbound.log"',
        "    val-log-level: 2",
        "remote-control:",
        "    control-enable: no",
    ]
    if validating:
        lines.insert(3, f'    trust-anchor-file: "{lab.trust_anchor_file}"')
        lines.insert(3, '    module-config: "validator iterator"')
    else:
        lines.insert(3, '    module-config: "iterator"')
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def run_unbound(rundir: Path, lab, validating: bool):
    rundir.mkdir(parents=True, exist_ok=True)
    config = rundir / "unbound.conf"
    config.write_text(_config(rundir, lab, validating))
    process = subprocess.Popen(
        [UNBOUND, "-d", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=open(rundir / "unbound.stderr", "wb"),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 15
        probe = dns.message.make_query(".", dns.rdatatype.SOA)
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"unbound exited ({process.returncode}): {(rundir / 'unbound.stderr').read_text()}")
            try:
                dns.query.udp(probe, RESOLVER_ADDRESS, timeout=0.5)
                break
            except (dns.exception.Timeout, OSError):
                if time.monotonic() > deadline:
                    raise
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def resolve(name: str, rdtype: str = "A") -> dns.message.Message:
    """Ask the Unbound daemon as a stub does, asking for the AD bit (RFC 6840 §5.7)."""
    query = dns.message.make_query(name, rdtype, flags=dns.flags.RD | dns.flags.AD)
    return dns.query.udp(query, RESOLVER_ADDRESS, timeout=10)
