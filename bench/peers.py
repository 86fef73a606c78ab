"""Side by side with the peers on the Knot test lab, each a whole process: our command line,
zonemaster-cli, DNSViz (probe + grok) and delv.  Prints the medians and the ratios.

    .venv/bin/python bench/peers.py [--runs 5] [--network CIDR] [--baseline DIR]

Needs root (knotd and Unbound listen on port 53 of loopback addresses, since zonemaster-cli and
DNSViz cannot ask another port), knotd, unbound, delv (bind9-dnsutils), and the two peers:
`apt-get install -y --no-install-recommends zonemaster-cli dnsviz`.  The lab is signed for the
current time, since the peers read the clock.  `dnsviz grok` runs without the lab's trust anchor
(-t): Debian 12's dnsviz 0.9.4 then insists on pygraphviz.release, which its pygraphviz 1.7
lacks.  delv validates itself but needs a resolver to fetch for it: a local Unbound whose root
hints and trust anchor are the lab's (Unbound asks for the DNSSEC records only when it validates,
and answers test. and 127.in-addr.arpa. itself, RFC 6761, unless told otherwise).  --baseline DIR
runs another checkout's command line for the one zone in the same turns (an export of main, say:
its bytecode is compiled there too), for a before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.lab import CONDITIONS, build_lab, serve_real  # noqa: E402
from tests import slots  # noqa: E402

ONE_ZONE = "alg13.test"
BATCH = 25


def side_by_side(
    commands: dict[str, tuple[list[str], dict]], runs: int
) -> dict[str, tuple[list[float], list[float], str]]:
    """Wall-clock and CPU seconds (user + system, its child processes included) of each command as a
    whole process, `runs` times, and what its last run said last (so that a peer that failed at once
    is not mistaken for a fast one).  Each command runs once unmeasured first (its files then in the
    page cache, as for a tool in daily use), and then the commands take turns, so that the load of a
    shared machine falls on all of them."""
    times: dict[str, list[float]] = {tool: [] for tool in commands}
    cpu: dict[str, list[float]] = {tool: [] for tool in commands}
    said: dict[str, str] = {}
    for round_ in range(runs + 1):
        for tool, (argv, kwargs) in commands.items():
            cpu_started = _children_cpu()
            started = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
            if round_:
                times[tool].append(time.perf_counter() - started)
                cpu[tool].append(_children_cpu() - cpu_started)
            last = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
            said[tool] = f"exit {done.returncode}: {last[:70]}"
    return {tool: (times[tool], cpu[tool], said[tool]) for tool in commands}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def delv_anchors(ds_file: Path, out: Path) -> None:
    """The lab's root DS records as delv's trust-anchors clause."""
    lines = []
    for line in ds_file.read_text().splitlines():
        fields = line.split()
        if len(fields) >= 7 and fields[3] == "DS":
            tag, algorithm, digest_type, digest = fields[4], fields[5], fields[6], "".join(fields[7:])
            lines.append(f'  . static-ds {tag} {algorithm} {digest_type} "{digest}";')
    out.write_text("trust-anchors {\n" + "\n".join(lines) + "\n};\n")


def start_unbound(lab, address: str, workdir: Path) -> subprocess.Popen:
    config = workdir / "unbound.conf"
    config.write_text(
        f"""server:
  interface: {address}
  port: 53
  do-ip6: no
  do-not-query-localhost: no
  access-control: 127.0.0.0/8 allow
  local-zone: "test." nodefault
  local-zone: "127.in-addr.arpa." nodefault
  root-hints: "{lab.root_hints_file}"
  module-config: "validator iterator"
  trust-anchor-file: "{lab.trust_anchor_file}"
  username: ""
  chroot: ""
  directory: "{workdir}"
  pidfile: "{workdir}/unbound.pid"
  use-syslog: no
  logfile: ""
"""
    )
    process = subprocess.Popen(["unbound", "-d", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        probe = subprocess.run(["delv", f"@{address}", "+noroot", "-4", "test.", "SOA"], capture_output=True)
        if probe.returncode == 0:
            return process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"unbound did not answer on {address}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--network", default=str(slots.lab_network()))
    parser.add_argument("--baseline", type=Path, help="another checkout whose command line runs in the same turns")
    args = parser.parse_args()
    missing = [tool for tool in ("knotd", "unbound", "delv", "zonemaster-cli", "dnsviz") if not shutil.which(tool)]
    if missing:
        raise SystemExit(f"missing: {', '.join(missing)} (see this file's docstring)")
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        lab = build_lab(args.network, workdir / "lab", time.time(), key_dir=workdir / "keys")
        names = [c.check_name for c in CONDITIONS.values() if c.trust_anchor == "default"][:BATCH]
        hints, ds_file = lab.root_hints_file, lab.trust_anchor_file
        # DNSViz takes the root's servers as name=address pairs (a bare address for "." is refused).
        root_servers = ",".join(
            f"{fields[0]}={fields[4]}"
            for fields in (line.split() for line in hints.read_text().splitlines())
            if len(fields) == 5 and fields[3] == "A"
        )
        resolver = str(lab.network[-2])
        delv_anchors(ds_file, workdir / "delv-anchors.conf")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        ours = [sys.executable, "-m", "checker.engine", "--json", "--root-hints", str(hints)]
        ours += ["--trust-anchor", str(ds_file), "--lab-range", str(lab.network)]
        probe_file = workdir / "probe.json"
        dnsviz = f"dnsviz probe -A -4 -x .:{root_servers} {ONE_ZONE} > {probe_file} && dnsviz grok < {probe_file}"
        delv = ["delv", f"@{resolver}", "-4", "-a", str(workdir / "delv-anchors.conf"), "+root=."]
        # As installed (pip compiles a package's modules): the engine's bytecode is written first,
        # whatever PYTHONDONTWRITEBYTECODE says.  Debian's DNSViz comes compiled too.
        for checkout in [ROOT] + ([args.baseline] if args.baseline else []):
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "checker")], check=True)
        baseline = {}
        if args.baseline:
            env_baseline = {**os.environ, "PYTHONPATH": str(args.baseline)}
            baseline = {"ours, baseline": ([*ours, ONE_ZONE], {"env": env_baseline, "cwd": args.baseline})}
        load_before = os.getloadavg()[0]
        with serve_real(lab, 53):
            unbound = start_unbound(lab, resolver, workdir)
            try:
                one = side_by_side(
                    {
                        "ours": ([*ours, ONE_ZONE], {"env": env, "cwd": ROOT}),
                        **baseline,
                        "zonemaster-cli": (["zonemaster-cli", "--hints", str(hints), "--no-ipv6", ONE_ZONE], {}),
                        "dnsviz probe+grok": (["sh", "-c", dnsviz], {}),
                    },
                    args.runs,
                )
                batch = side_by_side(
                    {
                        "ours": ([*ours, *names], {"env": env, "cwd": ROOT}),
                        "ours, light profile": ([*ours, "--profile", "light", *names], {"env": env, "cwd": ROOT}),
                        "delv": (["sh", "-c", "; ".join(" ".join([*delv, n]) for n in names)], {}),
                    },
                    args.runs,
                )
            finally:
                unbound.terminate()
                unbound.wait(timeout=10)
    print(f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores")
    print(f"one zone ({ONE_ZONE}), whole process, median (min-max) of {args.runs}, the tools in turn:")
    print_side_by_side(one)
    print(f"{len(names)} names, median (min-max) of {args.runs}: ours in one process, delv one process per name:")
    print_side_by_side(batch)


def print_side_by_side(results: dict[str, tuple[list[float], list[float], str]]) -> None:
    ours = statistics.median(results["ours"][0])
    for tool, (times, cpu, said) in results.items():
        median = statistics.median(times)
        ratio = "" if tool == "ours" else f"{median / ours:4.2f} x ours"
        spread = f"({min(times):.3f}-{max(times):.3f})"
        print(f"  {tool:<20} {median:5.3f} s {spread:<13}  CPU {statistics.median(cpu):5.3f} s  {ratio:<11}  [{said}]")


if __name__ == "__main__":
    main()
