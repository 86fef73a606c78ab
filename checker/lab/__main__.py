"""Command line of the DNS lab.

python -m checker.lab build --network 127.77.0.0/20 --workdir var/lab [--now ISO8601]
python -m checker.lab serve --network 127.77.0.0/20 --port 10053 --workdir var/lab [--now ISO8601]

--delegations FILE: zones served elsewhere that lab zones delegate, with their DS (JSON, as
``checker.lab.save_delegations`` writes it; the resolver test's server writes its own). The file is
read at every build, so a delegation written after the lab started is served from the next signing on.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from datetime import UTC, datetime

from .build import build_lab, load_delegations
from .server import RESIGN_SECONDS, LabServer
from .zones import CONDITIONS


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _describe(lab, port: int | None) -> None:
    print(
        f"lab: {len(lab.zones)} zones on {lab.network}, built in {lab.build_seconds:.2f} s "
        f"({lab.keys_generated} keys generated), reference time "
        f"{datetime.fromtimestamp(lab.now, UTC).isoformat()}"
    )
    print(f"root hints:   {lab.root_hints_file}")
    for name, path in lab.trust_anchor_files.items():
        print(f"trust anchor ({name}): {path}")
    root = lab.zones["."].addresses[0]
    if port is not None:
        print(f"try: dig +dnssec +norec @{root} -p {port} alg13.test. DS")
        print(f"     dnscheck --root-hints {lab.root_hints_file} --trust-anchor {lab.trust_anchor_file} <name>")
    print("conditions (condition, name to check, expected verdict):")
    for condition in CONDITIONS.values():
        anchor = (
            ""
            if condition.trust_anchor == "default"
            else f"  [trust anchor: {lab.trust_anchor_files[condition.trust_anchor].name}]"
        )
        print(
            f"  {condition.name:22} {condition.check_name:28} {condition.expected_verdict:9} "
            f"{condition.description_en}{anchor}"
        )


async def _serve(lab, port: int, rebuild, delay: float = 0.0) -> None:
    server = LabServer(lab, port, rebuild=rebuild, delay=delay)
    await server.start()
    print(
        f"serving {len(server.addresses)} addresses on port {port} (UDP and TCP); SIGINT or SIGTERM stops", flush=True
    )
    if rebuild is not None:
        print(f"signing again every {RESIGN_SECONDS} s, so that every condition keeps its verdict", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checker.lab", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("build", "serve"):
        sub = commands.add_parser(command)
        sub.add_argument("--network", default="127.77.0.0/20")
        sub.add_argument("--workdir", default="var/lab")
        sub.add_argument("--now", help="reference time of the signatures (default: the clock)")
        sub.add_argument("--key-dir", help="cache of generated keys (default: WORKDIR/keys)")
        sub.add_argument("--delegations", help="JSON file of zones served elsewhere that the lab delegates")
        if command == "serve":
            sub.add_argument("--port", type=int, default=10053)
            sub.add_argument("--delay-ms", type=float, default=0.0, help="hold every answer back this long")
    args = parser.parse_args(argv)

    def build(now):
        return build_lab(
            args.network, args.workdir, now, key_dir=args.key_dir, delegations=load_delegations(args.delegations)
        )

    lab = build(_now(args.now))
    _describe(lab, getattr(args, "port", None))
    if args.command == "serve":
        # On the live clock the lab is signed again while it runs; with --now it stays as built.
        def rebuild():
            return build(datetime.now(UTC))

        try:
            asyncio.run(_serve(lab, args.port, rebuild if args.now is None else None, args.delay_ms / 1000))
        except OSError as error:
            print(f"cannot serve: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
