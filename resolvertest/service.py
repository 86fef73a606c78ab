"""The test zones' authoritative DNS service: checker.lab's server over the test zones, with a recorder.

`manage.py serve_resolver_test` runs it in a process of its own (README, "Resolver test"); the tests
run it on a thread (checker.lab.run_in_background).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from checker.lab import LabServer, save_delegations

from .dnszones import build_test_zones
from .recording import QueryRecorder

# Signatures are valid for 21 days from an hour before signing (as the lab's); signing again every
# hour keeps them fresh, and keeps the SOA serial (the hour) moving with them.
RESIGN_SECONDS = 3600


class ZoneService:
    """Serves the test zones under ``zone`` on ``port`` of ``addresses``, answering for names that resolve to
    ``web_addresses``, and hands every query for a token's name to a QueryRecorder that sends with ``send``.
    ``acme_zone`` and ``issuing``: resolvertest.dnszones.build_test_zones."""

    def __init__(
        self,
        zone: str,
        addresses: list[str],
        port: int,
        web_addresses: list[str],
        workdir: Path | str,
        key_dir: Path | str,
        send: Callable[[list[dict]], None],
        delegation_file: Path | str | None = None,
        acme_zone: str | None = None,
        issuing: bool = False,
    ):
        def build():
            return build_test_zones(
                zone, addresses, web_addresses, workdir, time.time(), key_dir, acme_zone=acme_zone, issuing=issuing
            )

        self.tree = build()
        if delegation_file is not None:
            # The lab's `test.` zone delegates the test zones with this (python -m checker.lab --delegations).
            save_delegations(delegation_file, [self.tree.delegation()])
        self.recorder = QueryRecorder(zone, send)
        self.server = LabServer(
            self.tree, port, rebuild=build, resign_seconds=RESIGN_SECONDS, on_query=self.recorder.on_query
        )

    @property
    def addresses(self) -> list[str]:
        return self.server.addresses

    async def start(self) -> None:
        self.recorder.start()
        try:
            await self.server.start()
        except BaseException:
            await self.server.stop()
            self.recorder.stop()
            raise

    async def stop(self) -> None:
        await self.server.stop()
        await asyncio.get_running_loop().run_in_executor(None, self.recorder.stop)


def delegation_records(tree) -> list[str]:
    """The records the test zones' parent must hold, in zone-file format: NS, glue and DS."""
    delegation = tree.delegation()
    lines = [f"{delegation.name}\t3600\tIN\tNS\t{ns}" for ns in delegation.nameservers]
    lines += [f"{ns}\t3600\tIN\tA\t{address}" for ns, address in delegation.nameservers.items()]
    lines += [f"{delegation.name}\t3600\tIN\tDS\t{ds}" for ds in delegation.ds]
    return lines
