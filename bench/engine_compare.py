"""Engine reports of every lab condition, written to a JSON file, and two such files compared.

    .venv/bin/python bench/engine_compare.py dump OUT.json --key-dir DIR [--network CIDR] [--port N]
    .venv/bin/python bench/engine_compare.py diff BEFORE.json AFTER.json

`dump` builds the Python demo lab, serves it in a separate process and checks every condition's
name four ways: fresh (nothing kept, its own trust anchor) in the full and the light profile, and
in one warm batch of each profile (every condition with the default trust anchor, in order,
sharing one cache and memo).  Each report is kept whole but for its times (`timings`, each
query's `time_ms`).  `diff` compares two dumps field by field: the verdict, the zone, the
findings and upstream findings (with their evidence), the chain and the answers must be equal
(as multisets: lists are compared sorted);
the query log, the query and verification counts may differ (that is what engine work changes)
and are summed up separately.  Exits 1 when a verdict or finding differs.  Both dumps must use
the same --key-dir (the lab's keys are made there once and reused): new keys mean new key tags.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine_bench import lab_server_process  # noqa: E402
from tests import slots  # noqa: E402

NOW = int(datetime(2026, 6, 1, 12, tzinfo=UTC).timestamp())
# What engine work may change: which queries are sent and how many signatures are verified.
QUERY_FIELDS = ("servers", "query_count", "verifications", "memo_hits")
PROFILES = ("full", "light")


def _report(report) -> dict:
    data = report.to_dict()
    data.pop("timings")
    for server in data["servers"]:
        for entry in server["queries"]:
            entry.pop("time_ms")
    return data


async def _dump(lab, port: int) -> dict:
    from checker.engine import Options, check
    from checker.engine.transport import SharedCache
    from checker.engine.validator import Memo
    from checker.lab import CONDITIONS

    def options(anchor: str, **kwargs) -> Options:
        return Options.from_files(
            str(lab.root_hints_file),
            [str(lab.trust_anchor_files[anchor])],
            lab_range=lab.network,
            port=port,
            **kwargs,
        )

    out: dict[str, dict] = {}
    for profile in PROFILES:
        fresh = out[f"fresh {profile}"] = {}
        for name, condition in CONDITIONS.items():
            report = await check(
                condition.check_name,
                options=options(condition.trust_anchor, cache=None, memo=Memo()),
                now=NOW,
                profile=profile,
            )
            fresh[name] = _report(report)
        warm = out[f"warm {profile}"] = {}
        cache, memo = SharedCache(), Memo()
        for name, condition in CONDITIONS.items():
            if condition.trust_anchor != "default":
                continue
            report = await check(
                condition.check_name, options=options("default", cache=cache, memo=memo), now=NOW, profile=profile
            )
            warm[name] = _report(report)
    return out


def dump(path: str, network: str, port: int, key_dir: str) -> None:
    from checker.lab import build_lab

    with tempfile.TemporaryDirectory() as workdir:
        # The lab server builds the lab again from its work directory's keys.
        keys = Path(workdir) / "keys"
        if Path(key_dir).is_dir():
            shutil.copytree(key_dir, keys)
        lab = build_lab(network, workdir, NOW, key_dir=keys)
        if not Path(key_dir).is_dir():
            shutil.copytree(keys, key_dir)
        with lab_server_process(lab, port, workdir, NOW):
            result = asyncio.run(_dump(lab, port))
    Path(path).write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))
    print(f"{sum(len(reports) for reports in result.values())} reports written to {path}")


def _canonical(value):
    """`value` with every list sorted: the lab server orders an RRset's records as its process's
    set hashing falls, so the order of keys and signatures varies from one lab run to the next."""
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def _queries(report: dict) -> int:
    return sum(1 for server in report["servers"] for entry in server["queries"] if not entry["cached"])


def diff(before_path: str, after_path: str) -> int:
    before = json.loads(Path(before_path).read_text())
    after = json.loads(Path(after_path).read_text())
    differences = 0
    for run in before:
        changed_queries = 0
        sent = [0, 0]
        verifications = [0, 0]
        for name, old in before[run].items():
            new = after[run].get(name)
            if new is None:
                print(f"{run} {name}: missing after")
                differences += 1
                continue
            for key in sorted(set(old) | set(new)):
                if key in QUERY_FIELDS:
                    continue
                if _canonical(old.get(key)) != _canonical(new.get(key)):
                    differences += 1
                    print(f"{run} {name}: {key} differs")
                    print(f"  before: {json.dumps(old.get(key), ensure_ascii=False, sort_keys=True)[:2000]}")
                    print(f"  after:  {json.dumps(new.get(key), ensure_ascii=False, sort_keys=True)[:2000]}")
            changed_queries += old["servers"] != new["servers"]
            sent[0] += _queries(old)
            sent[1] += _queries(new)
            verifications[0] += old["verifications"]
            verifications[1] += new["verifications"]
        count = len(before[run])
        print(
            f"{run}: {count} reports, verdicts and findings {'differ' if differences else 'equal'}; "
            f"queries sent {sent[0] / count:.1f} -> {sent[1] / count:.1f} per report "
            f"({changed_queries} query logs changed), verifications {verifications[0]} -> {verifications[1]}"
        )
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump")
    dump_parser.add_argument("out")
    dump_parser.add_argument("--key-dir", required=True)
    dump_parser.add_argument("--network", default=str(slots.lab_network()))
    dump_parser.add_argument("--port", type=int, default=slots.port_base() + 53)
    diff_parser = commands.add_parser("diff")
    diff_parser.add_argument("before")
    diff_parser.add_argument("after")
    args = parser.parse_args()
    if args.command == "dump":
        if os.environ.get("PYTHONHASHSEED") != "0":
            # Ties some findings break by set order (which of two servers is the odd one out)
            # fall the same way in both dumps, in this process and the lab server's.
            os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
        dump(args.out, args.network, args.port, args.key_dir)
    else:
        raise SystemExit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
