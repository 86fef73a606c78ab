"""Campaign benchmark (issue 17, section 4): a campaign over a lab of 10,000 zones served by Knot, on 2 workers.

    TEST_SLOT=4 .venv/bin/python bench/campaign_bench.py [--zones 10000] [--names 2000,10000] [--workers 2]

Builds (once, then kept under var/campaign-bench/) a lab of `--zones` delegated zones below the TLD `test.`:
half signed (NSEC or NSEC3), 30 % unsigned, 20 % bogus (a DS that matches no key, or signatures expired
three days ago), every signature relative to one fixed time.  Knot serves the root on 2 addresses, the TLD
on `--tld-addresses` (16) and the children on `--child-addresses` (64) of the test slot's /20
(tests/slots.py), each child zone on two of them, on port `slots.port_base() + 54`.  Then, for each size of
`--names` in turn, with two fresh Celery worker processes (`celery -A portal worker -c 1` on the batch
queue), it measures one campaign over the first that many zones (light profile, one check per name, nothing
reused) and prints, beside the targets: domains per second, each worker's peak RSS, the database's size per
1,000 domains, the reused and refused counts, and the highest number of queries any one server address
received in any one-second window (counted on `lo` by `address_rates.py`, outside every process it
measures), with the load average before and after.  Every verdict is compared with the one its zone was
built for.

Needs root (Knot binds loopback addresses without `ip addr add`, the counter reads `lo`), PostgreSQL and
Redis: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal_bench, emptied of batches and
campaigns at each run) and REDIS_URL (default redis://127.0.0.1:6379/<slot>), queues prefixed `bench-`.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dns.name  # noqa: E402
import dns.rdata  # noqa: E402
import dns.rdataclass  # noqa: E402
import dns.rdatatype  # noqa: E402

from bench.address_rates import AddressRates  # noqa: E402
from checker.lab import LabZone, ZoneSpec, build_zone_tree, keyset, serve_real  # noqa: E402
from checker.lab.zones import DAY  # noqa: E402
from tests import slots  # noqa: E402

NOW = int(datetime(2026, 6, 1, 12, tzinfo=UTC).timestamp())
BUDGET = 50  # CHECKER_QUERY_RATE_PER_ADDRESS's default: packets a second to one address
TARGET, MOONSHOT = 200, 500
MAX_TASKS_PER_CHILD = 20  # domains a second on 2 cores
STATE = ROOT / "var" / "campaign-bench"
# Zone i is of kind KINDS[i % 20]: (kind, the light profile's expected verdict).
KINDS = [("nsec", "secure")] * 6 + [("nsec3", "secure")] * 4 + [("unsigned", "insecure")] * 6
KINDS += [("ds-mismatch", "bogus")] * 2 + [("expired", "bogus")] * 2


def _address(network: ipaddress.IPv4Network, offset: int) -> str:
    return str(network.network_address + offset)


def _break_ds(ctx, ds_list):
    return [ds.replace(digest=bytes(b ^ 0xFF for b in ds.digest)) for ds in ds_list]


def zone_name(index: int) -> str:
    return f"c{index:05d}.test."


@dataclass
class BenchLab:
    network: ipaddress.IPv4Network
    zones: dict[str, LabZone]
    kinds: dict[str, str]  # zone name (no final dot) -> kind
    root_hints_file: Path
    trust_anchor_file: Path
    build_seconds: float
    built_now: bool

    def addresses(self, role: str) -> set[str]:
        depth = {"root": 1, "tld": 2, "children": 3}[role]
        return {a for n, z in self.zones.items() if len(dns.name.from_text(n)) == depth for a in z.addresses}


def build(zones: int, network, tld_addresses: int, child_addresses: int) -> BenchLab:
    """The lab, built into var/campaign-bench/ or read from there when a build of the same shape is kept."""
    network = ipaddress.ip_network(network)
    workdir = STATE / f"lab-{zones}-{tld_addresses}-{child_addresses}-{network.network_address}-{NOW}"
    manifest = workdir / "bench-lab.json"
    started = time.perf_counter()
    built_now = not manifest.exists()
    if built_now:
        root_ns = {"a.root-servers.test.": _address(network, 1), "b.root-servers.test.": _address(network, 2)}
        tld_ns = {f"ns{k}.nic.test.": _address(network, 16 + k) for k in range(tld_addresses)}
        nameservers = {".": root_ns, "test.": tld_ns}
        children = [_address(network, 256 + k) for k in range(child_addresses)]

        def tld_prepare(ctx):
            for name, address in root_ns.items():
                rdataset = ctx.zone.find_node(dns.name.from_text(name), create=True).find_rdataset(
                    dns.rdataclass.IN, dns.rdatatype.A, create=True
                )
                rdataset.add(dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.A, address), 3600)

        specs = [
            ZoneSpec(name=dns.name.root, keys=keyset(13), ttl=86400, soa_minimum=86400),
            ZoneSpec(name=dns.name.from_text("test."), prepare=tld_prepare),
        ]
        kinds = {}
        for index in range(zones):
            name = zone_name(index)
            kind = KINDS[index % len(KINDS)][0]
            kinds[name.rstrip(".")] = kind
            spec = {
                "nsec": {},
                "nsec3": {"denial": "nsec3"},
                "unsigned": {"keys": ()},
                "ds-mismatch": {"ds_hook": _break_ds},
                "expired": {"inception": -33 * DAY, "expiration": -3 * DAY},
            }[kind]
            specs.append(ZoneSpec(name=dns.name.from_text(name), **spec))
            # Two of the children's addresses, half the pool apart, so that every address serves as many zones.
            nameservers[name] = {
                f"ns1.{name}": children[index % child_addresses],
                f"ns2.{name}": children[(index + child_addresses // 2) % child_addresses],
            }
        tree = build_zone_tree(specs, nameservers, workdir, NOW, key_dir=STATE / "keys")
        hints = [f".\t3600000\tIN\tNS\t{ns}" for ns in root_ns]
        hints += [f"{ns}\t3600000\tIN\tA\t{address}" for ns, address in root_ns.items()]
        (workdir / "root.hints").write_text("\n".join(hints) + "\n")
        (workdir / "trust-anchor.ds").write_text("".join(f".\t86400\tIN\tDS\t{ds}\n" for ds in tree.ds["."]))
        manifest.write_text(
            json.dumps(
                {
                    "kinds": kinds,
                    "zones": {n: [str(z.file), z.nameservers, z.parent, z.signed] for n, z in tree.zones.items()},
                }
            )
        )
    data = json.loads(manifest.read_text())
    lab_zones = {n: LabZone(n, Path(f), ns, parent, signed) for n, (f, ns, parent, signed) in data["zones"].items()}
    return BenchLab(
        network,
        lab_zones,
        data["kinds"],
        workdir / "root.hints",
        workdir / "trust-anchor.ds",
        time.perf_counter() - started,
        built_now,
    )


# ---- the portal side: database, workers, the campaign --------------------------------------------------------

CAMPAIGN_TABLES = (
    "batches_batch",
    "batches_chunk",
    "batches_batchname",
    "campaigns_campaign",
    "campaigns_domainlist",
    "campaigns_domainlistentry",
)


def portal_environment() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("DEBUG", "0")  # Django keeps every query of a process in DEBUG
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
    os.environ.setdefault("REDIS_URL", f"redis://127.0.0.1:6379/{slots.redis_db()}")
    os.environ.setdefault("CELERY_QUEUE_PREFIX", "bench-")
    os.environ.setdefault("PORTAL_VAR_DIR", str(STATE / "var"))


def prepare_database() -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True, env=os.environ
    )
    import django

    django.setup()


def empty_campaign_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(CAMPAIGN_TABLES)} CASCADE")


def table_bytes() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relname = ANY(%s)",
            [list(CAMPAIGN_TABLES)],
        )
        return int(cursor.fetchone()[0] or 0)


def vacuum_full() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in CAMPAIGN_TABLES:
            cursor.execute(f"VACUUM FULL {table}")


def start_campaign(names: list[str]):
    """The campaign over the names (campaigns.runs.start: a light-profile batch, chunks of 50 on the batch queue)."""
    from campaigns import runs
    from campaigns.models import DomainList, DomainListEntry

    domain_list = DomainList.objects.create(name="campaign bench", slug=f"bench-{time.time_ns()}")
    DomainListEntry.objects.bulk_create(
        [DomainListEntry(domain_list=domain_list, domain=name) for name in names], batch_size=5000
    )
    return runs.start(domain_list).batch


def wait_done(batch, total: int, timeout: float, tick=lambda: None):
    """Until every chunk of the batch is finished."""
    from batches.models import BatchName, Chunk

    deadline = time.monotonic() + timeout
    last_print = time.monotonic()
    while time.monotonic() < deadline:
        if not Chunk.objects.filter(batch=batch, finished_at__isnull=True).exists():
            return type(batch).objects.get(pk=batch.pk)
        if time.monotonic() - last_print >= 10:
            done = BatchName.objects.filter(batch=batch, checked_at__isnull=False).count()
            print(f"  ... {done} of {total} names checked", flush=True)
            last_print = time.monotonic()
        tick()
        time.sleep(0.1)
    raise SystemExit(f"the campaign did not finish within {timeout:.0f} s")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds(pid: int) -> float:
    """CPU time of a process's children that ended and were waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """CPU seconds of the whole machine so far: busy (all but idle and I/O wait), and in all."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:8]]
    per_second = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - ticks[3] - ticks[4]) / per_second, sum(ticks) / per_second


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextlib.contextmanager
def workers(count: int, lab: BenchLab, port: int, profile: Path | None = None):
    """`count` Celery workers on the batch queue, one process checking in each (`-c 1`), stopped by PID."""
    from tests.celery_workers import WorkerProcess

    environment = {
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "CHECKER_ROOT_HINTS": str(lab.root_hints_file),
        "CHECKER_TRUST_ANCHOR": str(lab.trust_anchor_file),
        "CHECKER_PORT": str(port),
        "CHECKER_LAB_RANGE": str(lab.network),
        "CHECKER_NOW": str(NOW),
        # Without a budget the processes share (batches.budget), each keeps its own count: half the cap each.
        "CHECKER_QUERY_RATE_PER_ADDRESS": str(BUDGET),
        # A fresh checking process every 20 chunks (1,000 names): the engine's caches would otherwise hold
        # about 47 kB a name up to their bounds, tens of thousands of names away.
        "CELERY_WORKER_MAX_TASKS_PER_CHILD": str(MAX_TASKS_PER_CHILD),
    }
    if profile is not None:
        # bench/campaign_profile/sitecustomize.py: each pool process under cProfile, its statistics in `profile`.
        environment.update(PYTHONPATH=str(ROOT / "bench" / "campaign_profile"), CAMPAIGN_BENCH_PROFILE=str(profile))
    started = [WorkerProcess(["batch"], f"bench{index + 1}", extra_env=environment) for index in range(count)]
    try:
        for worker in started:
            worker.wait_ready(timeout=120)
        yield started
    finally:
        for worker in started:
            worker.stop()


# ---- one measurement -------------------------------------------------------------------------------------------


@dataclass
class Measurement:
    names: int
    seconds: float
    rss: list[tuple[float, float, int]]  # per worker: peak RSS of its checking processes and its main process, MB;
    # how many checking processes it had
    bytes_as_left: int
    bytes_compact: int
    reused: int
    refused: int
    errors: dict
    verdicts: dict  # verdict -> (measured, expected)
    highest: dict  # role -> (address, queries in its busiest second)
    cpu: dict  # "workers", "knot" -> CPU seconds during the campaign
    queries: int
    state: str  # the batch's state once its chunks are done
    load: tuple[float, float]

    @property
    def rate(self) -> float:
        return self.names / self.seconds


def measure(lab: BenchLab, knot: list, port: int, count: int, worker_count: int, profile=None) -> Measurement:
    from django.db.models import Count

    from batches.models import BatchName

    names = [zone_name(index).rstrip(".") for index in range(count)]
    empty_campaign_tables()
    load_before = os.getloadavg()[0]
    with workers(worker_count, lab, port, profile) as running:
        counter = AddressRates(lab.network, port)
        counter.start()
        mains = [worker.pid for worker in running]
        knot_pids = [instance.process.pid for instance in knot]
        peaks: dict[int, dict[int, float]] = {pid: {} for pid in mains}  # main -> checking process -> peak MB

        def watch() -> None:
            # Checking processes are replaced every MAX_TASKS_PER_CHILD chunks: each one's peak is read while
            # it lives (its CPU goes to its worker's main process's children's time once it is reaped).
            for main in mains:
                for pid in _children(main):
                    with contextlib.suppress(OSError, ValueError):
                        peaks[main][pid] = max(peaks[main].get(pid, 0.0), peak_rss_mb(pid))

        def cpu_now() -> dict[str, float]:
            return {
                "workers": sum(children_cpu_seconds(pid) + sum(map(cpu_seconds, _children(pid))) for pid in mains),
                "main": sum(map(cpu_seconds, mains)),
                "knot": sum(map(cpu_seconds, knot_pids)),
            }

        cpu_before = cpu_now()
        machine_before = machine_cpu()
        try:
            started = time.perf_counter()
            batch = start_campaign(names)
            batch = wait_done(batch, count, timeout=max(600, count), tick=watch)
            seconds = time.perf_counter() - started
        finally:
            rates = counter.stop()
        watch()
        cpu = {role: value - cpu_before[role] for role, value in cpu_now().items()}
        busy, total = (after - before for after, before in zip(machine_cpu(), machine_before, strict=True))
        cpu["machine"] = busy
        rss = [(max(peaks[main].values(), default=0.0), peak_rss_mb(main), len(peaks[main])) for main in mains]
    load_after = os.getloadavg()[0]
    rows = BatchName.objects.filter(batch=batch)
    checked = rows.filter(checked_at__gte=batch.created_at, error="").count()
    errors = dict(rows.exclude(error="").values_list("error").annotate(n=Count("id")))
    expected: dict[str, int] = {}
    for name in names:
        verdict = dict(KINDS)[lab.kinds[name]]
        expected[verdict] = expected.get(verdict, 0) + 1
    measured = dict(rows.exclude(verdict="").values_list("verdict").annotate(n=Count("id")))
    verdicts = {v: (measured.get(v, 0), expected.get(v, 0)) for v in sorted(set(measured) | set(expected))}
    as_left = table_bytes()
    vacuum_full()
    return Measurement(
        names=count,
        seconds=seconds,
        rss=rss,
        bytes_as_left=as_left,
        bytes_compact=table_bytes(),
        reused=batch.accepted - checked - sum(errors.values()),
        refused=batch.rejected + sum(errors.values()),
        errors=errors,
        verdicts=verdicts,
        highest={role: rates.top(lab.addresses(role)) for role in ("root", "tld", "children")},
        queries=sum(rates.counts.values()),
        cpu=cpu,
        state=batch.state,
        load=(load_before, load_after),
    )


def report(lab: BenchLab, args, results: list[Measurement]) -> None:
    def row(label, values, target):
        print((f"{label:<52}" + "".join(f"{v:>14}" for v in values) + f"   {target}").rstrip())

    print()
    row("figure", [f"{m.names:,} names" for m in results], "target")
    row("domains per second", [f"{m.rate:.0f}" for m in results], f">= {TARGET} (moonshot {MOONSHOT})")
    row("  wall time, s", [f"{m.seconds:.1f}" for m in results], "")
    for index in range(args.workers):
        row(
            f"peak RSS, worker {index + 1} (checking processes), MB",
            [f"{m.rss[index][0]:.0f}" for m in results],
            "the same for every size",
        )
    row(
        "CPU per domain, ms: checking processes",
        [f"{m.cpu['workers'] * 1000 / m.names:.2f}" for m in results],
        "",
    )
    row(
        "  workers' main processes / Knot",
        [f"{m.cpu['main'] * 1000 / m.names:.2f}/{m.cpu['knot'] * 1000 / m.names:.2f}" for m in results],
        "",
    )
    row(
        "  domains a second 2 idle cores would give",
        [f"{2000 / (1000 * sum(m.cpu[k] for k in ('workers', 'main', 'knot')) / m.names):.0f}" for m in results],
        "(CPU-bound estimate, PostgreSQL and Redis left out)",
    )
    row(
        "the bench's share of the busy CPU",
        [f"{100 * sum(m.cpu[k] for k in ('workers', 'main', 'knot')) / m.cpu['machine']:.0f} %" for m in results],
        "(other agents share the 2 cores)",
    )
    row("  checking processes per worker", ["/".join(str(r[2]) for r in m.rss) for m in results], "")
    row("peak RSS, workers' main processes, MB", ["/".join(f"{r[1]:.0f}" for r in m.rss) for m in results], "")
    row(
        "database per 1,000 domains, kB, as left",
        [f"{m.bytes_as_left / m.names:.0f}" for m in results],
        "(batch and campaign tables)",
    )
    row("  the same after VACUUM FULL, kB", [f"{m.bytes_compact / m.names:.0f}" for m in results], "")
    row("reused", [str(m.reused) for m in results], "0")
    row("refused (or failed)", [str(m.refused) for m in results], "0")
    for role, label in (("root", "root"), ("tld", "TLD"), ("children", "children's servers")):
        addresses = len(lab.addresses(role))
        row(
            f"highest q/s at one address: {label} ({addresses})",
            [str(m.highest[role][1]) for m in results],
            f"<= {BUDGET}",
        )
    row("queries per domain (all servers)", [f"{m.queries / m.names:.2f}" for m in results], "")
    for verdict in sorted({v for m in results for v in m.verdicts}):
        row(
            f"verdict {verdict} (measured/expected)",
            [f"{m.verdicts.get(verdict, (0, 0))[0]}/{m.verdicts.get(verdict, (0, 0))[1]}" for m in results],
            "equal",
        )
    row("load average (1 min) before/after", [f"{m.load[0]:.1f}/{m.load[1]:.1f}" for m in results], "2 cores")
    for m in results:
        if m.state != "done":
            print(f"the {m.names:,}-name campaign's batch stayed {m.state!r} once its chunks were done")
        if m.errors:
            print(f"errors in the {m.names:,}-name campaign: {m.errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=10_000)
    parser.add_argument("--names", default="2000,10000", help="campaign sizes, comma-separated (first N zones)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tld-addresses", type=int, default=16)
    parser.add_argument("--child-addresses", type=int, default=64)
    parser.add_argument("--network", default=str(slots.lab_network()))
    parser.add_argument("--port", type=int, default=slots.port_base() + 54)
    parser.add_argument("--profile", type=Path, help="a folder for each checking process's cProfile statistics")
    args = parser.parse_args()
    sizes = [int(size) for size in args.names.split(",")]
    if max(sizes) > args.zones:
        parser.error("--names may not exceed --zones")
    portal_environment()
    lab = build(args.zones, args.network, args.tld_addresses, args.child_addresses)
    print(
        f"lab: {len(lab.zones) - 2:,} zones below test. on {lab.network} port {args.port}, "
        f"{'built' if lab.built_now else 'read'} in {lab.build_seconds:.1f} s; root on 2 addresses, "
        f"TLD on {len(lab.addresses('tld'))}, children on {len(lab.addresses('children'))}"
    )
    prepare_database()
    print(
        f"{args.workers} workers (celery -A portal worker -c 1 on the batch queue, a fresh checking process every "
        f"{MAX_TASKS_PER_CHILD} chunks), light profile, "
        f"{BUDGET} queries a second per address, shared by the processes (batches.budget); load average "
        f"{os.getloadavg()[0]:.2f}, {os.cpu_count()} cores",
        flush=True,
    )
    started = time.perf_counter()
    with serve_real(lab, args.port, timeout=300) as knot:
        print(f"knot: serving in {time.perf_counter() - started:.1f} s", flush=True)
        results = []
        for size in sizes:
            results.append(measure(lab, knot, args.port, size, args.workers, args.profile))
            print(f"  {size:,} names: {results[-1].rate:.0f} domains a second", flush=True)
    report(lab, args, results)
    if args.profile is not None:
        show_profile(args.profile)


def show_profile(folder: Path, top: int = 25) -> None:
    """Where the checking processes spent their wall time: the sampled stacks (bench/campaign_profile/)."""
    from collections import Counter

    samples: Counter = Counter()
    for path in folder.glob("*.json"):
        for stack, count in json.loads(path.read_text()):
            samples[tuple(stack)] += count
    total = sum(samples.values())
    if not total:
        return
    own, inclusive = Counter(), Counter()
    for stack, count in samples.items():
        own[stack[-1]] += count
        for frame in set(stack):
            inclusive[frame] += count
    print(f"\nsampled stacks of the checking processes, every 2 ms of wall time ({total} samples):")
    for title, counts in (("inclusive", inclusive), ("own", own)):
        print(f"  {title}:")
        for frame, count in counts.most_common(top):
            print(f"    {count * 100 / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()
