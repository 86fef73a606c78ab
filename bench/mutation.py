"""Mutation testing of the checker engine's verdict code (issue 22, §2): mutmut over chain.py, denialchecks.py,
zonechecks.py and checks.py against the engine's fast tests (pyproject.toml, [tool.mutmut]).

    nice -n 10 .venv/bin/python bench/mutation.py [--files denialchecks.py checks.py] [--sample N] [--seed S]
    .venv/bin/python bench/mutation.py --report

Installs the pinned tools of bench/requirements.txt in var/bench-libs the first time (not in .venv:
the product does not need them).  Resumable: mutmut keeps each mutant's result in mutants/ (at the
project's root, ignored by git); a run, stopped at any point with Ctrl-C, goes on with the mutants
not yet checked.  `--sample N` checks N mutants of each file drawn at random (seeded), so that a
partial run estimates the whole file's kill rate rather than that of its fastest mutants (mutmut
runs those first).  One process at a time (`--max-children 1`): the machine is shared.

Prints per file: mutants, checked, killed, survived, no tests, timeouts, the kill rate over the
checked mutants less the known equivalent ones (bench/mutation-equivalent.txt: one mutant name a
line, then why it changes nothing a test could see), and the surviving mutants' names.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBS = ROOT / "var" / "bench-libs"
EQUIVALENT = ROOT / "bench" / "mutation-equivalent.txt"
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


def environment() -> dict:
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(LIBS), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    )


def mutmut(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=ROOT, env=environment()).returncode


def results(name: str) -> dict[str, int | None]:
    """mutant name -> mutmut's exit code (None: not checked yet) for checker/engine/<name>."""
    meta = ROOT / "mutants" / "checker" / "engine" / f"{name}.meta"
    if not meta.exists():
        return {}
    return json.loads(meta.read_text())["exit_code_by_key"]


def equivalent() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    lines = (line.split("#")[0].split() for line in EQUIVALENT.read_text().splitlines())
    return {words[0] for words in lines if words}


def generate() -> None:
    """Mutants of every file (mutmut makes them at the start of any run: here, of one mutant)."""
    if all(results(name) for name in FILES):
        return
    mutmut("run", "--max-children", "1", "checker.engine.denialchecks.*__mutmut_1")


def report() -> None:
    known = equivalent()
    columns = ("mutants", "checked", "killed", "survived", "no tests", "timeout")
    print(f"{'file':18} " + " ".join(f"{c:>8}" for c in columns) + "  kill rate")
    for name in FILES:
        codes = results(name)
        checked = {k: c for k, c in codes.items() if c not in NOT_CHECKED}
        killed = [k for k, c in checked.items() if c in KILLED or c in TIMEOUTS]
        survived = [k for k, c in checked.items() if c in SURVIVED and k not in known]
        untested = [k for k, c in checked.items() if c in NO_TESTS]
        timeouts = [k for k, c in checked.items() if c in TIMEOUTS]
        counted = len(killed) + len(survived) + len(untested)
        rate = f"{100 * len(killed) / counted:.1f} %" if counted else "-"
        full = "in full" if len(checked) == len(codes) and codes else f"partly ({len(checked)} of {len(codes)})"
        print(
            f"{name:18} "
            + " ".join(f"{n:>8}" for n in (len(codes), len(checked), len(killed), len(survived), len(untested)))
            + f" {len(timeouts):>8}  {rate} ({full})"
        )
        for mutant in sorted(survived):
            print(f"    survived: {mutant}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", default=list(FILES), choices=FILES)
    parser.add_argument("--sample", type=int, help="check at most N mutants of each file, drawn at random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", action="store_true", help="print the figures of the mutants checked so far")
    args = parser.parse_args()
    install()
    if not args.report:
        generate()
        known = equivalent()
        for name in args.files:
            codes = results(name)
            chosen = sorted(codes)
            if args.sample is not None:  # the same draw on every run, so that a stopped run resumes it
                random.Random(f"{args.seed}:{name}").shuffle(chosen)
                chosen = chosen[: args.sample]
            pending = [k for k in chosen if codes[k] in NOT_CHECKED and k not in known]
            if pending:
                print(f"{name}: {len(pending)} mutants to check", flush=True)
                if mutmut("run", "--max-children", "1", *pending) not in (0, 1):
                    break
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
