"""`manage.py dnscheck`: the engine's command line, with the same options."""

import sys

from django.core.management.base import BaseCommand

from checker.engine import cli
from checker.engine.api import run_coroutine


class Command(BaseCommand):
    help = "Check the DNSSEC of one or more domains (the options of python -m checker.engine)."

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        colour = self.stdout.isatty() and not options["json"]
        status = run_coroutine(cli.run(_Args(options), self.stdout, self.stderr, colour))
        if status:
            sys.exit(status)


class _Args:
    """argparse.Namespace-like view of the options Django parsed."""

    def __init__(self, options):
        self.__dict__.update(options)
