"""Mutation testing of the checker engine's verdict code (issue 22, §2): mutmut over chain.py, denialchecks.py,
zonechecks.py and checks.py against the engine's fast tests (pyproject.toml, [tool.mutmut]).

    nice -n 10 .venv/bin/python bench/mutation.py [--files denialchecks.py checks.py] [--sample N [--start K]]
        [--seed S] [--memory-cap GB]
    .venv/bin/python bench/mutation.py --report [--sample N [--start K]]

Installs the pinned tools of bench/requirements.txt in var/bench-libs the first time (not in .venv:
the product does not need them).  Resumable: mutmut keeps each mutant's result in mutants/ (at the
project's root, ignored by git); a run, stopped at any point with Ctrl-C, goes on with the mutants
not yet checked.  `--sample N` checks N mutants of each file drawn at random (seeded), so that a
partial run estimates the whole file's kill rate rather than that of its fastest mutants (mutmut
runs those first); `--start K` leaves out the draw's first K, so that a fresh sample is disjoint from
those that tests were written for, and `--leave-out SEED:N` the first N of another seed's draw (a
fresh seed's sample, disjoint from the draw of the seed that tests were written for).  One process at
a time (`--max-children 1`): the machine is shared.

Each mutant runs only the tests that ran its function in mutmut's first, traced run of the whole
selection (mutants/mutmut-stats.json), under mutmut's time limits: SIGXCPU after (t + 1) x 15 s of
wall time and 2 (t + 1) x 15 s of CPU, t being those tests' time in the traced run (pyproject.toml's
timeout_multiplier); a mutant stopped so counts as killed ("timeout").  bench/mutation_guard.py caps
each test process's address space at `--memory-cap` GB (2 by default) above what it holds when its
tests start; a mutant that reaches the cap fails with MemoryError and counts as killed too ("memory").

Prints per file: mutants, checked, killed, survived, no tests, timeouts, mutants stopped by the memory
cap, the kill rate over the checked mutants less the known equivalent ones
(bench/mutation-equivalent.txt: one mutant name a line, then why it changes nothing a test could see)
with its 95 % Wilson interval, the surviving mutants' names, and the seconds a mutant took (mean of
those checked, from bench/mutation_guard.py's log: its pytest session, without mutmut's overhead)
and what checking all of the file's mutants would take at that.  With `--sample`, the report counts
only that part of the draw.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBS = ROOT / "var" / "bench-libs"
EQUIVALENT = ROOT / "bench" / "mutation-equivalent.txt"
SESSIONS = ROOT / "mutants" / "sessions.txt"  # bench/mutation_guard.py's log
FILES = ("chain.py", "denialchecks.py", "zonechecks.py", "checks.py")
KILLED, SURVIVED, NO_TESTS, NOT_CHECKED = (1, 3), (0,), (5, 33), (None,)
TIMEOUTS = (36, 24, -24, 152, 255)


def install() -> None:
    if not (LIBS / "mutmut").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--target",
                str(LIBS),
                "-r",
                "bench/requirements.txt",
            ],
            cwd=ROOT,
            check=True,
        )


def environment(memory_cap_gb: float) -> dict:
    path = os.pathsep.join([str(LIBS), str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return dict(
        os.environ,
        PYTHONPATH=path,
        PYTEST_PLUGINS="bench.mutation_guard",
        MUTATION_MEMORY_CAP=str(int(memory_cap_gb * 2**30)),
        MUTATION_LOG=str(SESSIONS),
        MUTATION_TEST_TIMES=str(ROOT / "mutants" / "mutmut-stats.json"),
    )


def mutmut(*args: str, memory_cap_gb: float) -> int:
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(command, cwd=ROOT, env=environment(memory_cap_gb)).returncode


def meta(name: str) -> dict:
    path = ROOT / "mutants" / "checker" / "engine" / f"{name}.meta"
    return json.loads(path.read_text()) if path.exists() else {}


def results(name: str) -> dict[str, int | None]:
    """mutant name -> mutmut's exit code (None: not checked yet) for checker/engine/<name>."""
    return meta(name).get("exit_code_by_key", {})


def equivalent() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    lines = (line.split("#")[0].split() for line in EQUIVALENT.read_text().splitlines())
    return {words[0] for words in lines if words}


def sessions() -> dict[str, tuple[float, bool]]:
    """mutant name -> (seconds its tests took, whether it reached the memory cap), its last run's."""
    lines = (line.split() for line in SESSIONS.read_text().splitlines()) if SESSIONS.exists() else ()
    return {name: (float(seconds), flag == "memory") for name, seconds, flag in lines}


def draw(name: str, seed: int, sample: int | None, start: int, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The mutants of checker/engine/<name> that a run checks: the seeded draw's (start+1)th to sample-th,
    once the mutants of the draws named in `leave_out` ("SEED:N", the first N of that seed's draw) are
    taken out of it."""
    chosen = sorted(results(name))
    if sample is None:
        return chosen
    left_out = {k for other in leave_out for k in draw(name, *map(int, other.split(":")), start=0)}
    random.Random(f"{seed}:{name}").shuffle(chosen)  # the same draw on every run, so that a stopped run resumes it
    return [k for k in chosen if k not in left_out][start:sample]


def generate(memory_cap_gb: float) -> None:
    """Mutants of every file (mutmut makes them at the start of any run: here, of one mutant)."""
    if all(results(name) for name in FILES):
        return
    mutmut("run", "--max-children", "1", "checker.engine.denialchecks.*__mutmut_1", memory_cap_gb=memory_cap_gb)


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    centre = (successes + z * z / 2) / (n + z * z)
    half = z * math.sqrt(successes * (n - successes) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def report(chosen: dict[str, list[str]]) -> None:
    known, timed = equivalent(), sessions()
    columns = ("mutants", "checked", "killed", "survived", "no tests", "timeout", "memory")
    print(f"{'file':16} " + " ".join(f"{c:>8}" for c in columns) + "  kill rate (95 %, Wilson)")
    for name, names in chosen.items():
        data = meta(name)
        codes = data.get("exit_code_by_key", {})
        checked = {k: codes[k] for k in names if codes.get(k) not in NOT_CHECKED}
        killed = [k for k, c in checked.items() if c in KILLED or c in TIMEOUTS]
        survived = [k for k, c in checked.items() if c in SURVIVED and k not in known]
        untested = [k for k, c in checked.items() if c in NO_TESTS]
        timeouts = [k for k, c in checked.items() if c in TIMEOUTS]
        memory = [k for k in killed if timed.get(k, (0, False))[1]]
        counted = len(killed) + len(survived) + len(untested)
        if counted:
            low, high = wilson(len(killed), counted)
            rate = f"{100 * len(killed) / counted:.1f} % ({100 * low:.0f} % to {100 * high:.0f} %)"
        else:
            rate = "-"
        part = "all" if len(checked) == len(codes) and codes else f"{len(checked)} of {len(codes)}"
        figures = (len(codes), len(checked), len(killed), len(survived), len(untested), len(timeouts), len(memory))
        print(f"{name:16} " + " ".join(f"{n:>8}" for n in figures) + f"  {rate} ({part})")
        for mutant in sorted(survived):
            print(f"    survived: {mutant}")
        for mutant in sorted(memory):
            print(f"    killed by the memory cap: {mutant}")
        durations = [timed[k][0] for k in checked if k in timed]
        if durations:
            mean = sum(durations) / len(durations)
            print(
                f"    {mean:.1f} s a mutant (mean of {len(durations)});"
                f" all {len(codes)} mutants at that: {mean * len(codes) / 3600:.1f} h"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", default=list(FILES), choices=FILES)
    parser.add_argument("--sample", type=int, help="check at most N mutants of each file, drawn at random")
    parser.add_argument("--start", type=int, default=0, help="leave out the draw's first K mutants")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--leave-out",
        nargs="+",
        default=[],
        metavar="SEED:N",
        help="leave out the first N mutants of another seed's draw (those tests were written for)",
    )
    parser.add_argument("--memory-cap", type=float, default=2.0, help="GB of address space a test process may add")
    parser.add_argument("--report", action="store_true", help="print the figures of the mutants checked so far")
    args = parser.parse_args()
    install()
    if not args.report:
        generate(args.memory_cap)
        known = equivalent()
        for name in args.files:
            codes = results(name)
            pending = [
                k
                for k in draw(name, args.seed, args.sample, args.start, tuple(args.leave_out))
                if codes[k] in NOT_CHECKED
            ]
            pending = [k for k in pending if k not in known]
            if pending:
                print(f"{name}: {len(pending)} mutants to check", flush=True)
                if mutmut("run", "--max-children", "1", *pending, memory_cap_gb=args.memory_cap) not in (0, 1):
                    break
    report({name: draw(name, args.seed, args.sample, args.start, tuple(args.leave_out)) for name in args.files})
    return 0


if __name__ == "__main__":
    sys.exit(main())
