"""The resolver test's settings, read from the environment (as checker.conf reads the checker's).

RESOLVER_TEST_ZONE is the parent of the test zones (resolvertest.zones): in production a registrable
domain of its own, outside the portal's HSTS scope. Unset in production, the test is not offered. In
lab mode (checker.conf.lab_mode: the demo and the tests) it defaults to `rt.test`, under the lab's TLD.
The settings of the test zones' DNS service (`manage.py serve_resolver_test`) follow it.
"""

import ipaddress
import os
from pathlib import Path

from django.conf import settings

from checker import conf as checker_conf
from checker.conf import int_setting

LAB_ZONE = "rt.test"


def zone() -> str | None:
    """The test zones' parent, lower case without the final dot; None where the test is not set up."""
    value = os.environ.get("RESOLVER_TEST_ZONE", "").strip().rstrip(".").lower()
    if value:
        return value
    if checker_conf.lab_mode().active:
        return LAB_ZONE
    return None


def _listed(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def server_addresses() -> list[str]:
    """The IPv4 addresses the test zones' server listens on and their NS records name (ns1, ns2, ...).

    RESOLVER_TEST_ADDRESSES (comma-separated); in lab mode, the last two addresses of the lab's range
    (CHECKER_LAB_RANGE), which the lab's own address plan never reaches.
    """
    listed = _listed("RESOLVER_TEST_ADDRESSES")
    if listed:
        return [str(ipaddress.IPv4Address(address)) for address in listed]
    mode = checker_conf.lab_mode()
    if mode.active and mode.lab_range:
        network = ipaddress.ip_network(mode.lab_range)
        return [str(network.broadcast_address - 2), str(network.broadcast_address - 1)]
    return []


def server_port() -> int:
    """RESOLVER_TEST_PORT; else the lab's port in lab mode (CHECKER_PORT), else 53."""
    value = os.environ.get("RESOLVER_TEST_PORT", "").strip()
    return int(value) if value else checker_conf.lab_mode().port


def web_addresses() -> list[str]:
    """The portal's web addresses (IPv4 and IPv6) that every test name resolves to: RESOLVER_TEST_WEB_ADDRESSES
    (comma-separated); 127.0.0.1 in lab mode, where the portal runs on loopback."""
    listed = _listed("RESOLVER_TEST_WEB_ADDRESSES")
    if listed:
        return [str(ipaddress.ip_address(address)) for address in listed]
    return ["127.0.0.1"] if checker_conf.lab_mode().active else []


def work_dir() -> Path:
    """Where the test zones' files are written: RESOLVER_TEST_DIR, by default var/resolvertest."""
    return Path(os.environ.get("RESOLVER_TEST_DIR") or Path(settings.VAR_DIR) / "resolvertest")


def key_dir() -> Path:
    """The zones' signing keys (private keys: keep this folder): RESOLVER_TEST_KEY_DIR, by default keys/ in
    work_dir(). The top zone's DS at its parent is made from the key kept here, so it must survive restarts."""
    return Path(os.environ.get("RESOLVER_TEST_KEY_DIR") or work_dir() / "keys")


def query_retention_hours() -> int:
    """Hours an ObservedQuery is kept (RESOLVER_TEST_QUERY_RETENTION_HOURS, 24): a run's result is summarised
    into TestRun.observations when it finishes, and the resolver's address may be a visitor's own."""
    return int(os.environ.get("RESOLVER_TEST_QUERY_RETENTION_HOURS") or 24)


def acme_zone() -> str | None:
    """RESOLVER_TEST_ACME_ZONE: where `_acme-challenge.<label>.<zone>` of each test zone points (a CNAME to
    `<label>.<acme zone>`), for the DNS-01 challenge of its wildcard certificate; None: no such alias."""
    value = os.environ.get("RESOLVER_TEST_ACME_ZONE", "").strip().rstrip(".").lower()
    return value or None


def runs_per_minute() -> int:
    """How many runs one client address may start in a minute."""
    return int_setting("RESOLVER_TEST_RUNS_PER_MINUTE", 10)


def reports_per_minute() -> int:
    """How many reports (accepted or refused) one client address may send in a minute."""
    return int_setting("RESOLVER_TEST_REPORTS_PER_MINUTE", 30)
