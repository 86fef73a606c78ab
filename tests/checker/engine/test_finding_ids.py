"""Every finding id the engine can report is a catalog id (ids are public API)."""

import re
from pathlib import Path

from checker import catalog
from checker.engine import policy, probes

ENGINE = Path(__file__).resolve().parents[3] / "checker" / "engine"
ID_PATTERN = re.compile(r'(?:Finding\(|_add\(|add\(|fid = )\s*"([a-z0-9_]+)"')


def engine_ids() -> set[str]:
    found = set()
    for path in ENGINE.glob("*.py"):
        found |= set(ID_PATTERN.findall(path.read_text()))
    # The probes asked together are judged by one function and reported by their row's id.
    found |= set(probes.PROBE_ROWS.values())
    for algorithm in range(256):
        problem = policy.algorithm_problem(algorithm)
        if problem:
            found.add(problem[0])
    for digest_type in range(256):
        problem = policy.digest_problem(digest_type)
        if problem:
            found.add(problem[0])
    return found


def test_engine_ids_are_catalog_ids():
    ids = engine_ids()
    assert len(ids) > 50
    unknown = ids - catalog.ids()
    assert not unknown, sorted(unknown)


def test_every_d_e_f_h_row_is_reported_by_the_engine():
    rows = {f.id for f in catalog.all_findings() if f.group in "DEFH"}
    assert not rows - engine_ids(), sorted(rows - engine_ids())


def test_every_a_b_c_g_i_j_row_is_reported_by_the_engine():
    """Issue 5: every row of groups A, B, C, G, I and J, except rows the catalog marks as not
    observable from outside a zone (with the reason)."""
    rows = {f.id for f in catalog.all_findings() if f.group in "ABCGIJ" and f.observable}
    assert not rows - engine_ids(), sorted(rows - engine_ids())
    unobservable = {f.number for f in catalog.all_findings() if f.group in "ABCGIJ" and not f.observable}
    assert unobservable == {"A9"}
