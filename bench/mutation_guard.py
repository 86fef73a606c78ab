"""A pytest plugin that bench/mutation.py loads into mutmut's test runs (PYTEST_PLUGINS): it caps each
test process's address space, so that a mutant that allocates without end (zonechecks.py's
`_referral_size__mutmut_19` to `_21` append labels for ever) fails with MemoryError at the cap instead
of taking the shared machine's memory before mutmut's time limits stop it.

mutmut forks one process per mutant from its fork server, so the cap is set afresh in each (at the
start of its pytest session): MUTATION_MEMORY_CAP bytes of address space above what the process holds then.
Each mutant's session writes a line to MUTATION_LOG: the mutant's name, the session's wall seconds,
and "memory" if its peak address space came within a 16th of the cap, so that the report can time
the mutants (mutmut's own durations are 0 with its fork server) and name those the cap stopped.

It also runs a mutant's tests fastest first, by their times in mutmut's traced run
(MUTATION_TEST_TIMES, mutants/mutmut-stats.json), as mutmut's plain fork runner does and its fork
server does not: with `-x`, a killed mutant stops at the first test that fails, so it seldom waits
for the few tests that wait for timeouts.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

_cap: int | None = None
_started = 0.0


def _address_space(field: str) -> int:
    """VmSize or VmPeak of this process, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def pytest_sessionstart(session) -> None:
    global _cap, _started
    _started = time.monotonic()
    cap = os.environ.get("MUTATION_MEMORY_CAP")
    if not cap:
        return
    _cap = _address_space("VmSize") + int(cap)
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (_cap if hard == resource.RLIM_INFINITY else min(_cap, hard), hard))


def pytest_collection_modifyitems(session, config, items) -> None:
    times = os.environ.get("MUTATION_TEST_TIMES")
    if not times or "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", "") or not os.path.exists(times):
        return
    with open(times) as stats:
        duration = json.load(stats)["duration_by_test"]
    items.sort(key=lambda item: duration.get(item.nodeid, 0.0))


def pytest_sessionfinish(session, exitstatus) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    log = os.environ.get("MUTATION_LOG")
    if _cap is None or not log or "__mutmut_" not in mutant:
        return
    capped = _address_space("VmPeak") >= _cap - _cap // 16
    with open(log, "a") as out:
        out.write(f"{mutant} {time.monotonic() - _started:.2f} {'memory' if capped else '-'}\n")
