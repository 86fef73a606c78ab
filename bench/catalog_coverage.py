"""Catalog coverage end to end (issue 22, §1): which rows of groups A–J a lab zone or a hostile stub server triggers.

    .venv/bin/python bench/catalog_coverage.py

A row counts as triggered by a lab zone when a condition of checker/lab/zones.py expects it (the
lab tests check every condition on the demo server and on Knot) or it shows on every lab zone
(`LAB_WIDE_FINDINGS`); by a stub when a test that checks names served by checker/lab/stubs.py names
it.  The others are shown only by focused tests on in-memory walks; each is printed with why.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker import catalog  # noqa: E402
from checker.lab import CONDITIONS, LAB_WIDE_FINDINGS  # noqa: E402

STUB_TESTS = ("test_hostile_servers.py", "test_probes.py", "test_truthful_events.py")
SERVER = "a real server serves it: no lab zone yet"
MISBEHAVES = "needs a server that misbehaves, no stub yet"
WHY = {
    "A1": "shown only where no server of a zone above the name answers at all (servers down: the walk stops, "
    "the verdict is indeterminate, A1 is among that zone's upstream findings), which costs a check about 20 s "
    "of timeouts; where they all answer REFUSED the walk takes that zone for the name's own: no lab zone",
    "A2": "a correct parent answers the name's own queries NXDOMAIN too (A24, lab zone nxdomain): needs a parent "
    "whose answers disagree, no stub yet",
    "A20": "Knot and the demo server answer a DS query from the parent's side, authoritatively, even where they "
    "also serve the child: needs a parent server that refers it to the child, no stub yet",
    "A22": "Knot and the demo server never set AA on a referral: " + MISBEHAVES,
    "B5": "a correct server puts one SOA in an answer: " + MISBEHAVES,
    "B8": "Knot and the demo server implement EDNS(0): needs a server that drops or mangles it, no stub yet",
    "B14": "Knot and the demo server keep the OPT record in a truncated reply: " + MISBEHAVES,
    "B19": "Knot and the demo server answer AAAA queries like any other: " + MISBEHAVES,
    "B22": "Knot and the demo server serve class IN only: needs a server that adds records of another class, "
    "no stub yet",
    "G11": "Knot refuses a zone whose NSEC3PARAM names another hash algorithm (checker/lab/zones.py)",
    "G14": "Knot and the demo server only serve NSEC3 records they made: needs a stub",
    "G15": "Knot refuses to load two NSEC3PARAM records, stops answering where an NSEC-signed zone holds one, and "
    "reads the NSEC3 parameters from the apex's one (none: no NSEC3 proofs): needs a stub",
    "G16": "Knot and the demo server put in a denial exactly the records the proof needs: " + MISBEHAVES,
    "G18": "Knot and the demo server never send NSEC3 records that contradict each other: " + MISBEHAVES,
    "J1": "Knot refuses to load a CNAME beside other data: needs the demo server only, or a stub",
    "J3": "Knot synthesises the CNAME from a DNAME correctly, with the DNAME's TTL: " + MISBEHAVES,
}


def main() -> int:
    lab = set(LAB_WIDE_FINDINGS)
    for condition in CONDITIONS.values():
        lab |= condition.expected_findings
    stub = set()
    for name in STUB_TESTS:
        text = (ROOT / "tests" / "checker" / "engine" / name).read_text()
        stub |= {fid for fid in catalog.ids() if re.search(rf"\b{re.escape(fid)}\b", text)}
    rows = {fid: catalog.get(fid).number for fid in catalog.ids()}
    rows = {fid: number for fid, number in rows.items() if number and number[0] in "ABCDEFGHIJ"}
    by_lab = set(rows) & lab
    by_stub = (set(rows) & stub) - lab
    neither = sorted(set(rows) - lab - stub, key=lambda fid: (rows[fid][0], int(rows[fid][1:])))
    print(
        f"{len(by_lab) + len(by_stub)} of the {len(rows)} rows of groups A–J are triggered end to end: "
        f"{len(by_lab)} by a lab zone, {len(by_stub)} by a hostile stub server; {len(neither)} by neither "
        f"(focused tests on in-memory walks only):"
    )
    for fid in neither:
        print(f"  {rows[fid]:4} {fid:40} {WHY.get(rows[fid], SERVER)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
