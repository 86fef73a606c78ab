"""docs/RELIABILITY.md, S1, fuzzing at scale: mutated wire-format answers through the engine's response handling.

    .venv/bin/python bench/fuzz_engine.py [--examples 100000] [--seed N]

Builds the DNS lab in a temporary directory, captures its server's answers as seeds, and runs
the Hypothesis harness of tests/checker/engine/fuzz_harness.py (the one CI runs 5,000 times) for
`--examples` inputs.  Prints the number of inputs, how many parsed, the slowest input and the
exceptions (the figure to reach: 0 uncaught exceptions, no input above 50 ms).  Exits 1 on an
exception.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from checker.lab import build_lab  # noqa: E402
from tests import slots  # noqa: E402
from tests.checker.engine.fuzz_harness import QTYPES, feed, lab_seeds, mutated  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (the run is reproducible)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuzz-lab-") as workdir:
        lab = build_lab(slots.lab_network(), Path(workdir), datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
        seeds = lab_seeds(lab)
    figures = {"inputs": 0, "parsed": 0, "times": []}

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        raw = data.draw(mutated(seeds))
        qtype = data.draw(st.sampled_from(QTYPES))
        elapsed = feed(raw, qtype)
        figures["inputs"] += 1
        if figures["inputs"] % 10_000 == 0:
            print(f"... {figures['inputs']} inputs, {figures['parsed']} parsed, 0 exceptions so far", flush=True)
        if elapsed is not None:
            figures["parsed"] += 1
            figures["times"].append(elapsed)

    started = time.monotonic()
    failure = None
    try:
        seed(args.seed)(run)()
    except Exception as error:  # an uncaught exception of the engine: the figure that must be 0
        failure = error
    print(f"seeds (lab answers)      {len(seeds)}")
    print(f"inputs                   {figures['inputs']}")
    print(f"parsed by dnspython      {figures['parsed']}")
    times = sorted(figures["times"]) or [0.0]
    print(
        f"engine time per parsed input p50/p99/max   {times[len(times) // 2]:.1f} / "
        f"{times[int(len(times) * 0.99)]:.1f} / {times[-1]:.1f} ms"
    )
    print(f"parsed inputs above 50 ms  {sum(1 for t in times if t > 50)}")
    print(f"wall time                {time.monotonic() - started:.0f} s")
    print(f"uncaught exceptions      {0 if failure is None else 1}")
    if failure is not None:
        print(f"first failure: {failure!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
