"""Queue a list of domains as bulk checks on the batch queue: `manage.py checker_batch names.txt` (or - for stdin)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from checker.engine.names import InputError
from checker.forms import normalise_domain
from checker.runs import submit_batch


class Command(BaseCommand):
    help = "Queue bulk checks of the names in a file (one a line) on the batch queue."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file of names, one a line; - reads standard input")

    def handle(self, *args, **options):
        try:
            source = sys.stdin if options["file"] == "-" else open(options["file"], encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error}") from None
        with source:
            names, refused = [], []
            for line in source:
                text = line.strip()
                if not text or text.startswith("#"):
                    continue
                try:
                    names.append(normalise_domain(text))
                except InputError as error:
                    refused.append(f"{text}: {error.code}")
        runs = submit_batch(names)
        for line in refused:
            self.stderr.write(f"refused {line}")
        self.stdout.write(f"{len(runs)} checks queued on the batch queue, {len(refused)} names refused")
