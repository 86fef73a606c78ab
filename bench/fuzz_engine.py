"""docs/RELIABILITY.md, S1, fuzzing at scale: answers mutated field by field through the engine's response handling.

    nice -n 10 .venv/bin/python bench/fuzz_engine.py [--examples 100000] [--seed 0] [--state FILE]
    .venv/bin/python bench/fuzz_engine.py --replay INDEX [--seed 0]

Seeds are the answers of the in-memory signed example. and of the DNS lab's server (built in a
temporary directory); input i of seed s is mutated with `random.Random(f"{s}:{i}")` by
tests/checker/engine/fuzz_mutations.py (CI runs the same mutator 5,000 times) and run through
tests/checker/engine/fuzz_harness.py's `feed`.  The run is resumable: the seeds and the figures so
far are kept in the state file (default var/fuzz-engine-<seed>.json) every 1,000 inputs, and a run
stopped at any point goes on from there when started again with the same seed.  `--replay` runs one
input again (from the same state file's seeds) and prints its outcome, its traceback if it raised,
and a profile.

Prints the inputs, the share that reached the engine (dnspython parsed it and the transport would
deliver it), the exceptions (must be 0), the CPU time per input that reached the engine (CPU, not
wall time: the machine is shared) and the inputs above 50 ms.  Exits 1 on an exception.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import json
import os
import pstats
import random
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.lab import build_lab  # noqa: E402
from tests import slots  # noqa: E402
from tests.checker.engine.fuzz_harness import QTYPES, feed, hierarchy_seeds, lab_seeds  # noqa: E402
from tests.checker.engine.fuzz_mutations import mutated  # noqa: E402

SAVE_EVERY = 1000
SLOW_MS = 50.0


def new_state(seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="fuzz-lab-") as workdir:
        lab = build_lab(slots.lab_network(), Path(workdir), datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
        seeds = hierarchy_seeds() + lab_seeds(lab)
    return {
        "seed": seed,
        "seeds": [base64.b64encode(s).decode() for s in seeds],
        "done": 0,
        "stages": {"engine": 0, "malformed": 0, "refused": 0},
        "exceptions": [],  # [index, repr, last lines of the traceback]
        "engine_ms": {},  # CPU time in 0.1 ms buckets -> inputs
        "slow": [],  # [index, ms] of inputs above SLOW_MS
        "slowest": [None, 0.0],
        "seconds": 0.0,
    }


def load(path: Path, seed: int) -> dict:
    if path.exists():
        state = json.loads(path.read_text())
        if state["seed"] == seed:
            return state
    return new_state(seed)


def save(path: Path, state: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(state))
    os.replace(partial, path)


def one_input(seeds: list[bytes], seed: int, index: int) -> tuple[bytes, int]:
    rng = random.Random(f"{seed}:{index}")
    raw = mutated(seeds, rng)
    return raw, rng.choice(QTYPES)


def percentile(buckets: dict, share: float) -> float:
    total = sum(buckets.values())
    seen = 0
    for bucket in sorted(buckets, key=int):
        seen += buckets[bucket]
        if seen >= share * total:
            return int(bucket) / 10
    return 0.0


def report(state: dict) -> None:
    done, stages = state["done"], state["stages"]
    buckets = state["engine_ms"]
    print(f"seed {state['seed']}, {len(state['seeds'])} seed answers (signed example. and the lab)")
    print(f"inputs                    {done}")
    print(
        f"reached the engine        {stages['engine']} ({100 * stages['engine'] / max(done, 1):.1f} %); "
        f"not parsed by dnspython {stages['malformed']}, not delivered by the transport {stages['refused']}"
    )
    print(f"uncaught exceptions       {len(state['exceptions'])}")
    index, slowest = state["slowest"]
    print(
        f"CPU ms per input that reached the engine  p50 {percentile(buckets, 0.5):.1f} / "
        f"p99 {percentile(buckets, 0.99):.1f} / max {slowest:.1f} (input {index})"
    )
    print(f"inputs above {SLOW_MS:.0f} ms        {len(state['slow'])} {[i for i, _ in state['slow'][:20]]}")
    print(f"wall time                 {state['seconds']:.0f} s ({done / max(state['seconds'], 1):.0f} inputs/s)")
    for index, error, lines in state["exceptions"][:10]:
        print(f"  input {index}: {error}\n{lines}")


def replay(state: dict, index: int) -> None:
    seeds = [base64.b64decode(s) for s in state["seeds"]]
    raw, qtype = one_input(seeds, state["seed"], index)
    profile = cProfile.Profile()
    try:
        stage, elapsed = profile.runcall(feed, raw, qtype)
        print(f"input {index}: {stage}, {elapsed:.1f} ms CPU (under the profiler)")
    except Exception:
        traceback.print_exc()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0, help="the run's seed: input i is Random(f'{seed}:{i}')")
    parser.add_argument("--state", type=Path, help="resumable state (default var/fuzz-engine-<seed>.json)")
    parser.add_argument("--replay", type=int, help="run this input again and profile it")
    args = parser.parse_args()
    path = args.state or ROOT / "var" / f"fuzz-engine-{args.seed}.json"
    state = load(path, args.seed)
    save(path, state)
    if args.replay is not None:
        replay(state, args.replay)
        return 0
    seeds = [base64.b64decode(s) for s in state["seeds"]]
    if state["done"]:
        print(f"resuming {path} at input {state['done']}", flush=True)
    started = time.monotonic() - state["seconds"]
    try:
        while state["done"] < args.examples:
            index = state["done"]
            raw, qtype = one_input(seeds, args.seed, index)
            try:
                stage, elapsed = feed(raw, qtype)
            except Exception as error:  # an uncaught exception of the engine: the figure that must be 0
                lines = "".join(traceback.format_exc().splitlines(keepends=True)[-6:])
                state["exceptions"].append([index, repr(error)[:300], lines])
                stage, elapsed = "exception", 0.0
            if stage in state["stages"]:
                state["stages"][stage] += 1
            if stage == "engine":
                bucket = str(int(elapsed * 10))
                state["engine_ms"][bucket] = state["engine_ms"].get(bucket, 0) + 1
                if elapsed > state["slowest"][1]:
                    state["slowest"] = [index, elapsed]
                if elapsed > SLOW_MS:
                    state["slow"].append([index, round(elapsed, 1)])
            state["done"] += 1
            if state["done"] % SAVE_EVERY == 0:
                state["seconds"] = time.monotonic() - started
                save(path, state)
                if state["done"] % (10 * SAVE_EVERY) == 0:
                    print(
                        f"... {state['done']} inputs, {state['stages']['engine']} reached the engine, "
                        f"{len(state['exceptions'])} exceptions",
                        flush=True,
                    )
    except KeyboardInterrupt:
        print(f"stopped; start the same command again to resume at input {state['done']}")
    state["seconds"] = time.monotonic() - started
    save(path, state)
    report(state)
    return 1 if state["exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
