"""A pytest plugin that bench/mutation.py loads into mutmut's test runs (PYTEST_PLUGINS): it caps each
test process's address space, so that a mutant that allocates without end (zonechecks.py's
`referral_size__mutmut_25` appends labels for ever) fails with MemoryError at the cap instead of
taking the shared machine's memory before mutmut's CPU-time limit stops it.

mutmut forks one process per mutant from its own, so the cap is set afresh in each (at the start of
its pytest session): MUTATION_MEMORY_CAP bytes of address space above what the process holds then.
A session whose peak address space came within a 16th of its cap writes its mutant's name to
MUTATION_MEMORY_LOG, so that the report can name the mutants killed by the cap rather than by a test.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

_cap: int | None = None


def _address_space(field: str) -> int:
    """VmSize or VmPeak of this process, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def pytest_sessionstart(session) -> None:
    global _cap
    cap = os.environ.get("MUTATION_MEMORY_CAP")
    if not cap:
        return
    _cap = _address_space("VmSize") + int(cap)
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (_cap if hard == resource.RLIM_INFINITY else min(_cap, hard), hard))


def pytest_sessionfinish(session, exitstatus) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    log = os.environ.get("MUTATION_MEMORY_LOG")
    if _cap is None or not log or "__mutmut_" not in mutant:
        return
    if _address_space("VmPeak") >= _cap - _cap // 16:
        with open(log, "a") as out:
            out.write(mutant + "\n")
