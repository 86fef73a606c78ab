"""Engine benchmark: build the lab, serve it with the Python server, print figures.

    .venv/bin/python bench/engine_bench.py [--rounds 3] [--network CIDR] [--port N]

The lab is served by the project's Python server in a separate process (`python -m checker.lab
serve`), so that the server's CPU time is not counted against the engine.  Prints the in-process
time per checked zone (cold, and with ancestor zones cached as in a batch),
the queries per zone (split by the zone whose server was asked: the root, the TLD, other ancestors,
the checked zone, and other zones such as a glueless name server's), the signature verifications
per zone, the peak RSS, the throughput of concurrent checks, and the cold start-up time of the
command line; and, for issue 14's goal 4, the light profile against servers 20 ms away on a TLD of 16
addresses (the campaign benchmark's lab, built once under var/campaign-bench/, its first 500 zones).
The lab is built on this process's test slot
(TEST_SLOT, tests/slots.py) unless --network is given.  For comparison, a tuned prototype took
about 12 ms per zone, a straightforward one about 35 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dns.zone  # noqa: E402

from checker.engine import Options, check  # noqa: E402
from checker.engine.transport import SharedCache  # noqa: E402
from checker.engine.validator import Memo  # noqa: E402
from checker.lab import CONDITIONS, build_lab  # noqa: E402
from tests import slots  # noqa: E402

NOW = int(datetime(2026, 6, 1, 12, tzinfo=UTC).timestamp())
LATENCY_MS = 20


def options(lab, port, **kwargs) -> Options:
    return Options.from_files(
        str(lab.root_hints_file), [str(lab.trust_anchor_file)], lab_range=lab.network, port=port, **kwargs
    )


def names() -> list[str]:
    return [c.check_name for c in CONDITIONS.values() if c.trust_anchor == "default"]


SPLIT = ("root", "TLD", "other ancestors", "checked zone", "other")


REVERSE_TREES = ("in-addr.arpa.", "ip6.arpa.")


def query_split(report) -> dict[str, int]:
    """Queries sent (not answered from the shared cache) by the zone whose server was asked.  The
    PTR names of the checked zone's servers (A23) are questions to the reverse zones, "other",
    even where the lab's root server is the one that answers them."""
    role = {}
    for index, zone in enumerate(report.chain):
        kind = "checked zone" if index == len(report.chain) - 1 else SPLIT[min(index, 2)]
        for server in zone["servers"]:
            role[server["address"]] = kind
    counts = dict.fromkeys(SPLIT, 0)
    for entry in report.queries:
        if not entry["cached"] and entry["error"] not in ("not_global", "budget", "deadline"):
            reverse = entry["qname"].lower().endswith(REVERSE_TREES)
            counts["other" if reverse else role.get(entry["server"], "other")] += 1
    return counts


def per_ancestor(reports) -> float:
    asked = statistics.mean(sum(query_split(r)[kind] for kind in ("root", "TLD", "other ancestors")) for r in reports)
    return asked / statistics.mean(max(1, len(r.chain) - 1) for r in reports)


def split_text(reports) -> str:
    totals = {kind: statistics.mean(query_split(r)[kind] for r in reports) for kind in SPLIT}
    text = ", ".join(f"{kind} {value:.1f}" for kind, value in totals.items())
    text += f"; {per_ancestor(reports):.2f} per ancestor zone"
    # A parent zone the batch meets for the first time is asked its apex once (every address).
    known = [r for r in reports if all(zone["cached"] for zone in r.chain[:-1])]
    if 0 < len(known) < len(reports):
        text += f" ({per_ancestor(known):.2f} in the {len(known)} checks whose ancestors the batch had met)"
    return text


async def sequential(lab, port, zone_names, cache, memo, profile="full"):
    times, queries, verifications, reports = [], [], [], []
    for name in zone_names:
        opts = options(lab, port, cache=cache, memo=memo)
        started = time.perf_counter()
        cpu_started = time.process_time()
        report = await check(name, options=opts, now=NOW, profile=profile)
        times.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000))
        queries.append(report.query_count)
        verifications.append(report.verifications)
        reports.append(report)
    return times, queries, verifications, reports


async def concurrent(lab, port, zone_names, concurrency, profile="full"):
    cache = SharedCache()
    opts = options(lab, port, cache=cache)
    semaphore = asyncio.Semaphore(concurrency)

    async def one(name):
        async with semaphore:
            return await check(name, options=opts, now=NOW, profile=profile)

    started = time.perf_counter()
    await asyncio.gather(*(one(name) for name in zone_names))
    return (time.perf_counter() - started) * 1000 / len(zone_names)


def cli_startup(lab, port, runs: int) -> list[float]:
    command = [
        sys.executable,
        "-m",
        "checker.engine",
        "alg13.test",
        "--json",
        "--root-hints",
        str(lab.root_hints_file),
        "--trust-anchor",
        str(lab.trust_anchor_file),
        "--lab-range",
        str(lab.network),
        "--port",
        str(port),
        "--now",
        datetime.fromtimestamp(NOW, UTC).isoformat(),
    ]
    bare = [sys.executable, "-m", "checker.engine", "--help"]
    results = []
    for argv in (command, bare):
        times, cpu_times = [], []
        for _ in range(runs):
            started = time.perf_counter()
            cpu_started = _children_cpu()
            subprocess.run(
                argv, cwd=ROOT, capture_output=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)}
            )
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((_children_cpu() - cpu_started) * 1000)
        results.append((statistics.median(times), statistics.median(cpu_times)))
    return results


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--network", default=str(slots.lab_network()))
    parser.add_argument("--port", type=int, default=slots.port_base() + 53)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        lab = build_lab(args.network, workdir, NOW, key_dir=Path(workdir) / "keys")
        print(f"lab: {len(lab.zones)} zones on {lab.network}, built in {time.perf_counter() - started:.2f} s")
        args.workdir = workdir
        with lab_server_process(lab, args.port, workdir, NOW):
            run_all(lab, args)


@contextlib.contextmanager
def lab_server_process(lab, port: int, workdir: str, now: int, delay_ms: float = 0.0):
    """The Python lab server in a process of its own (so that its CPU is not the benchmark's), until the block ends;
    with `delay_ms`, every answer held back that long (the latency of distant servers)."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker.lab",
            "serve",
            "--network",
            str(lab.network),
            "--port",
            str(port),
            "--workdir",
            workdir,
            "--now",
            datetime.fromtimestamp(now, UTC).isoformat(),
            "--delay-ms",
            str(delay_ms),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for line in server.stdout:
            if line.startswith("serving"):
                break
        else:
            raise SystemExit("the lab server did not start")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


WIDE_TLD_ZONES = 500  # children of bench/campaign_bench.py's lab served for the wide-TLD latency line


@dataclass
class _ZonesServed:
    """Some zones of a built lab, as LabServer serves a lab: its `zones` and `load_zone`."""

    zones: dict

    def load_zone(self, name: str, address: str | None = None):
        zone = self.zones[name]
        path = zone.file if address is None else zone.file_for(address)
        return dns.zone.from_file(str(path), origin=name, relativize=False, check_origin=False)


def _serve_forever(served, port: int, delay: float, ready) -> None:
    from checker.lab.server import LabServer

    async def serve():
        server = LabServer(served, port, delay=delay)
        await server.start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(serve())


def wide_tld_latency(port: int, network: str) -> tuple[float, float]:
    """Goal 4 where the per-address cap does not bind at two TLD addresses: bench/campaign_bench.py's lab (a TLD
    on 16 addresses, children on 64; built once under var/campaign-bench/), its first WIDE_TLD_ZONES children
    served by the Python lab server in a process of its own with every answer held back LATENCY_MS; the light
    profile's ms a zone one at a time (100 names) and 50 at a time (all of them)."""
    import multiprocessing

    from bench import campaign_bench

    lab = campaign_bench.build(10_000, network, 16, 64)
    children = [campaign_bench.zone_name(index) for index in range(WIDE_TLD_ZONES)]
    served = _ZonesServed(
        {name: zone for name, zone in lab.zones.items() if name in {".", "test."} or name in children}
    )
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    server = context.Process(target=_serve_forever, args=(served, port, LATENCY_MS / 1000, ready), daemon=True)
    server.start()
    try:
        if not ready.wait(300):
            raise SystemExit("the wide-TLD lab server did not start")
        names = [name.rstrip(".") for name in children]
        one = asyncio.run(concurrent(lab, port, names[:100], 1, "light"))
        fifty = asyncio.run(concurrent(lab, port, names, 50, "light"))
    finally:
        server.terminate()
        server.join(10)
    return one, fifty


def run_all(lab, args) -> None:
    zone_names = names()
    cold_times, cold_queries, cold_verifications, cold_reports = [], [], [], []
    for name in zone_names[:10]:
        t, q, v, r = asyncio.run(sequential(lab, args.port, [name], None, Memo()))
        cold_times += t
        cold_queries += q
        cold_verifications += v
        cold_reports += r
    print(
        f"cold check (nothing cached, 3-zone chain): median {statistics.median(t for t, _ in cold_times):.1f} ms "
        f"({statistics.median(c for _, c in cold_times):.1f} ms CPU), "
        f"{statistics.median(cold_queries):.0f} queries, {statistics.median(cold_verifications):.0f} verifications"
    )
    print(f"  queries per zone, cold: {split_text(cold_reports)}")
    per_zone, queries, verifications, reports = [], [], [], []
    for _ in range(args.rounds):
        times, q, v, r = asyncio.run(sequential(lab, args.port, zone_names, SharedCache(), Memo()))
        per_zone += times[1:]
        queries += q[1:]
        verifications += v[1:]
        reports += r[1:]
    print(
        f"batch, ancestors cached ({len(zone_names)} zones x {args.rounds} rounds): "
        f"median {statistics.median(t for t, _ in per_zone):.1f} ms/zone "
        f"({statistics.median(c for _, c in per_zone):.1f} ms CPU, the figure to compare with NOTES), "
        f"{statistics.median(queries):.0f} queries/zone, {statistics.mean(verifications):.1f} verifications/zone"
    )
    print(f"  queries per zone, warm: {split_text(reports)}")
    light_times, light_queries, _, light_reports = asyncio.run(
        sequential(lab, args.port, zone_names, SharedCache(), Memo(), "light")
    )
    print(
        f"light profile, ancestors cached: median {statistics.median(t for t, _ in light_times[1:]):.1f} ms/zone "
        f"({statistics.median(c for _, c in light_times[1:]):.1f} ms CPU), "
        f"{statistics.median(light_queries[1:]):.0f} queries/zone"
    )
    print(f"  queries per zone, light: {split_text(light_reports[1:])}")
    for concurrency in (1, 10, 50):
        ms = asyncio.run(concurrent(lab, args.port, zone_names * args.rounds, concurrency))
        print(f"concurrent checks ({concurrency} at a time): {ms:.1f} ms/zone wall time")
    # Issue 14, goal 4: against servers 20 ms away, 50 checks at a time should give ten times the throughput.
    # The full profile asks each of the TLD's addresses once a check, the light one address by checksum.
    with lab_server_process(lab, args.port + 1, args.workdir, NOW, delay_ms=LATENCY_MS):
        per_zone = {
            (profile, concurrency): asyncio.run(concurrent(lab, args.port + 1, zone_names, concurrency, profile))
            for profile in ("full", "light")
            for concurrency in (1, 50)
        }
    for profile in ("full", "light"):
        one, fifty = per_zone[profile, 1], per_zone[profile, 50]
        print(
            f"with {LATENCY_MS} ms latency, {profile} profile: 1 at a time {one:.1f} ms/zone, "
            f"50 at a time {fifty:.1f} ms/zone: {one / fifty:.1f} x the throughput (goal: 10 x)"
        )
    one, fifty = wide_tld_latency(args.port + 2, args.network)
    print(
        f"with {LATENCY_MS} ms latency, light profile, a TLD of 16 addresses ({WIDE_TLD_ZONES} zones of "
        f"campaign_bench's lab): 1 at a time {one:.1f} ms/zone, 50 at a time {fifty:.1f} ms/zone: "
        f"{one / fifty:.1f} x the throughput (goal: 10 x)"
    )
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    (cli, cli_cpu), (bare, bare_cpu) = cli_startup(lab, args.port, 5)
    print(
        f"command line, cold process: {cli:.0f} ms ({cli_cpu:.0f} ms CPU) for one check, "
        f"{bare:.0f} ms ({bare_cpu:.0f} ms CPU) for --help (start-up only)"
    )


if __name__ == "__main__":
    main()
