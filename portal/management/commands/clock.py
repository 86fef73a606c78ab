"""Show or move the portal's clock (portal.clock) for demos and tests: every process reads the same time."""

import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from checker.conf import is_production
from portal import clock

UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def duration(text: str) -> timedelta:
    match = re.fullmatch(r"(-?\d+)([dhms])", text.strip())
    if not match:
        raise CommandError(f"{text!r} is not a duration such as 15d, 12h, 30m or -1d.")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


class Command(BaseCommand):
    help = (
        "Show the portal's clock, or move it with --advance 15d (then beat's next tick re-checks what is due): "
        "certificate grace periods and the scheduler follow it. --reset returns to the real time."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--advance", type=duration, help="15d, 12h, 30m; backwards: --advance=-1d")
        group.add_argument("--reset", action="store_true")

    def handle(self, *args, **options):
        if (options["advance"] or options["reset"]) and is_production():
            raise CommandError("The clock is not moved under the production settings.")
        if options["reset"]:
            clock.reset()
        elif options["advance"]:
            clock.advance(options["advance"])
        self.stdout.write(f"portal clock: {clock.now():%Y-%m-%d %H:%M:%S} UTC (offset {clock.offset()})")
