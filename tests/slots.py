"""Isolation of parallel test processes.

Every pytest process (each xdist worker, and each concurrent developer run
distinguished by TEST_SLOT) gets a slot number from 1 to 15. From it follow:

- a /20 of the project's loopback /16 (127.77.0.0/16) for DNS lab servers;
  127.77.0.0/20 (slot 0) belongs to the demo lab and is never used by tests;
- a Redis database number (the slot itself);
- a block of 100 TCP/UDP ports for any redis-server or stub it starts;
- a prefix for Celery queue names.
"""

import ipaddress
import os

PROJECT_NET = ipaddress.ip_network("127.77.0.0/16")
DEMO_LAB_NET = ipaddress.ip_network("127.77.0.0/20")
MAX_SLOT = 15


def worker_index() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker[2:]) if worker.startswith("gw") else 0


def slot() -> int:
    value = 1 + 2 * int(os.environ.get("TEST_SLOT", "0")) + worker_index()
    if not 1 <= value <= MAX_SLOT:
        raise RuntimeError(f"test slot {value} is outside 1..{MAX_SLOT}; lower TEST_SLOT or -n")
    return value


def lab_network() -> ipaddress.IPv4Network:
    return list(PROJECT_NET.subnets(new_prefix=20))[slot()]


def port_base() -> int:
    return 20000 + 100 * slot()


def redis_db() -> int:
    return slot()


def queue_prefix() -> str:
    return f"t{slot()}-"
