"""``python -m checker.lab``: build, and serve until SIGTERM."""

import signal
import subprocess
import sys

import dns.message
import dns.query
import dns.rcode

from tests import slots

NOW = "2026-06-01T12:00:00+00:00"


def test_build_writes_hints_anchors_and_zones(tmp_path, request):
    key_dir = request.config.cache.mkdir("lab-keys")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker.lab",
            "build",
            "--network",
            str(slots.lab_network()),
            "--workdir",
            str(tmp_path),
            "--now",
            NOW,
            "--key-dir",
            str(key_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "root hints:" in done.stdout and "expired.test." in done.stdout
    for name in [
        "root.hints",
        "trust-anchor.ds",
        "trust-anchor.dnskey",
        "trust-anchor-wrong.ds",
        "lab.json",
        "zones/root.zone",
        "zones/alg13.test.zone",
    ]:
        assert (tmp_path / name).stat().st_size > 0, name


def test_serve_answers_and_stops_on_sigterm(tmp_path, request):
    key_dir = request.config.cache.mkdir("lab-keys")
    port = slots.port_base() + 54
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker.lab",
            "serve",
            "--network",
            str(slots.lab_network()),
            "--port",
            str(port),
            "--workdir",
            str(tmp_path),
            "--now",
            NOW,
            "--key-dir",
            str(key_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in server.stdout:
            if line.startswith("serving"):
                break
        else:
            raise AssertionError(server.stderr.read())
        root = str(slots.lab_network().network_address + 1)
        reply = dns.query.udp(dns.message.make_query(".", "SOA"), root, port=port, timeout=3)
        assert reply.rcode() == dns.rcode.NOERROR and reply.answer
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0
