"""`python -m checker.engine DOMAIN...`: check names from the command line.

Exit status, in this order: 2 for bad usage or when no report was produced;
1 when any report has an ERR or CRIT finding of its own (the parent zones'
problems, `upstream`, do not count); 3 when any report is indeterminate
(an unreachable root or TLD among them); 0 otherwise.  With --json every report (or refused name) is
one JSON line; without it a readable diagnosis in --lang (ja by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import ipaddress
import json
import os
import sys
import time
from typing import TYPE_CHECKING

from .names import InputError, normalize
from .report import PROFILES, SCHEMA_VERSION, Report

if TYPE_CHECKING:
    from .api import Options

# The engine proper (api: the walker, the validator, dnspython's DNSSEC and asyncio) is imported
# when a check runs, not for --help or a usage error: a cold start pays only for what it uses.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INDETERMINATE = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit status is 2 as well; keep it explicit
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(prog: str = "python -m checker.engine") -> argparse.ArgumentParser:
    # argparse makes a formatter for each option only to check its metavar, and its formatter asks
    # shutil (which imports bz2 and lzma: about 2 ms of a run) for the terminal's width, which that
    # check does not read: options are added with a fixed width, a usage or help text gets the real one.
    parser = _Parser(
        prog=prog,
        description="DNSSEC check of one or more domain names.",
        formatter_class=functools.partial(argparse.HelpFormatter, width=80),
    )
    add_arguments(parser)
    parser.formatter_class = argparse.HelpFormatter
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options, shared with `manage.py dnscheck`."""
    parser.add_argument("domains", nargs="+", metavar="DOMAIN", help="names, URLs or e-mail addresses to check")
    parser.add_argument("--root-hints", metavar="FILE", help="root hints in zone-file format (default: the real root)")
    parser.add_argument(
        "--trust-anchor",
        metavar="FILE",
        action="append",
        default=[],
        help="DS or DNSKEY records in presentation format; repeatable (default: the root KSKs)",
    )
    parser.add_argument("--allow-private", action="store_true", help="allow loopback and private addresses (labs)")
    parser.add_argument(
        "--lab-range", metavar="CIDR", help="send packets only into this range (implies --allow-private)"
    )
    parser.add_argument("--port", type=int, default=53, help="send every query to this port (labs only)")
    parser.add_argument("--now", metavar="ISO8601", help="reference time for signature validity (default: now)")
    parser.add_argument("--json", action="store_true", help="one JSON report per line")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    parser.add_argument("--profile", choices=PROFILES, default="full")
    parser.add_argument("--timeout", type=float, help="seconds per query attempt (at most 5)")
    parser.add_argument("--max-queries", type=int, help="packets per check")
    parser.add_argument("--deadline", type=float, help="seconds per check")


def parse_now(text: str | None) -> int:
    if text is None:
        return int(time.time())
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def options_from_args(args) -> Options:
    from .api import Options

    lab_range = ipaddress.ip_network(args.lab_range, strict=False) if args.lab_range else None
    options = Options.from_files(
        args.root_hints, args.trust_anchor, allow_private=args.allow_private, lab_range=lab_range, port=args.port
    )
    if args.timeout is not None:
        options.limits.timeout = args.timeout
    if args.max_queries is not None:
        options.limits.max_queries = args.max_queries
    if args.deadline is not None:
        options.limits.deadline = args.deadline
    return options


def exit_status(reports: list[Report]) -> int:
    if not reports:
        return EXIT_USAGE
    if any(report.has_errors for report in reports):
        return EXIT_PROBLEMS
    if any(report.verdict == "indeterminate" for report in reports):
        return EXIT_INDETERMINATE
    return EXIT_OK


async def run(args, out, err, colour: bool) -> int:
    import asyncio

    from .anchors import ConfigError
    from .api import check
    from .text import render_input_error, render_report

    try:
        options = options_from_args(args)
        now = parse_now(args.now)
    except (ConfigError, ValueError) as error:
        err.write(f"error: {error}\n")
        return EXIT_USAGE
    if not 1 <= args.port <= 65535:
        err.write(f"error: --port {args.port} is not a port\n")
        return EXIT_USAGE
    names = []
    for text in args.domains:
        try:
            names.append((text, normalize(text)))
        except InputError as error:
            if args.json:
                out.write(
                    json.dumps(
                        {
                            "schema_version": SCHEMA_VERSION,
                            "query": text,
                            "error": {"code": error.code, "detail": error.detail},
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            err.write(render_input_error(text, error, args.lang) + "\n")
    reports: list[Report] = []
    tasks = [asyncio.ensure_future(check(name, options=options, now=now, profile=args.profile)) for _, name in names]
    for (text, _), task in zip(names, tasks, strict=True):
        try:
            report = await task
        except Exception as error:  # a bug must not cost the other names their reports
            err.write(f"error: {text}: the check failed ({type(error).__name__}: {error})\n")
            continue
        report.query = text
        reports.append(report)
        if args.json:
            out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(render_report(report, args.lang, colour) + "\n")
        out.flush()
    return exit_status(reports)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not args.json
    from .api import run_coroutine

    return run_coroutine(run(args, sys.stdout, sys.stderr, colour))
