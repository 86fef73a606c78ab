"""Serve the resolver test's zones (README, "Resolver test"): `manage.py serve_resolver_test`.

Settings from the environment (resolvertest.conf): RESOLVER_TEST_ZONE, RESOLVER_TEST_ADDRESSES,
RESOLVER_TEST_PORT, RESOLVER_TEST_WEB_ADDRESSES, RESOLVER_TEST_DIR, RESOLVER_TEST_KEY_DIR,
RESOLVER_TEST_ACME_ZONE; in lab mode each has a default on the lab.
"""

import asyncio
import signal

from django.core.management.base import BaseCommand, CommandError

from resolvertest import conf
from resolvertest.recording import send_batch
from resolvertest.service import ZoneService, delegation_records


class Command(BaseCommand):
    help = "Serve the resolver test's zones over UDP and TCP, recording every query for a token's name."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delegation-file",
            help="also write the delegation (NS, glue, DS) as JSON there, for python -m checker.lab --delegations",
        )
        parser.add_argument(
            "--issuing",
            action="store_true",
            help="serve bogus-ds with its true DS, for the minutes it takes to obtain its wildcard certificate",
        )
        parser.add_argument(
            "--print-delegation",
            action="store_true",
            help="print the records the parent zone must hold (NS, glue, DS) and exit",
        )

    def handle(self, *args, **options):
        zone, addresses, web = conf.zone(), conf.server_addresses(), conf.web_addresses()
        if zone is None:
            raise CommandError("RESOLVER_TEST_ZONE is not set: there are no test zones to serve.")
        if not addresses:
            raise CommandError("RESOLVER_TEST_ADDRESSES is not set: the addresses to serve the test zones on.")
        if not web:
            raise CommandError(
                "RESOLVER_TEST_WEB_ADDRESSES is not set: the portal's addresses the test names resolve to."
            )
        service = ZoneService(
            zone,
            addresses,
            conf.server_port(),
            web,
            conf.work_dir(),
            conf.key_dir(),
            send=send_batch,
            delegation_file=options["delegation_file"],
            acme_zone=conf.acme_zone(),
            issuing=options["issuing"],
        )
        if options["print_delegation"]:
            self.stdout.write("\n".join(delegation_records(service.tree)))
            return
        try:
            asyncio.run(self._serve(service))
        except OSError as error:
            raise CommandError(f"cannot serve the test zones: {error}") from None

    async def _serve(self, service):
        await service.start()
        self.stdout.write(
            f"serving {len(service.tree.zones)} test zones under {conf.zone()} on "
            f"{', '.join(service.addresses)} port {conf.server_port()} (UDP and TCP); SIGINT or SIGTERM stops",
        )
        self.stdout.flush()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        await service.stop()
