"""The command line: exit statuses, JSON Lines, both languages (against the Python lab)."""

import json
import os
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from tests import slots

from ..conftest import PYTHON_LAB_PORT_OFFSET

ROOT = Path(__file__).resolve().parents[3]
PORT = slots.port_base() + PYTHON_LAB_PORT_OFFSET


def run_cli(*args, lab=None, anchor="default", timeout=60, python_options=()):
    command = [sys.executable, *python_options, "-m", "checker.engine", *args]
    if lab is not None:
        command += [
            "--root-hints",
            str(lab.root_hints_file),
            "--trust-anchor",
            str(lab.trust_anchor_files[anchor]),
            "--lab-range",
            str(lab.network),
            "--port",
            str(PORT),
            "--now",
            str(lab.now_iso),
        ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def cli_lab(lab, python_lab):
    from datetime import datetime

    lab.now_iso = datetime.fromtimestamp(lab.now, UTC).isoformat()
    return lab


def test_secure_zone_exits_0_and_reads_in_japanese(cli_lab):
    result = run_cli("alg13.test", lab=cli_lab)
    assert result.returncode == 0, result.stderr
    assert "alg13.test." in result.stdout and "信頼の連鎖" in result.stdout and "検証成功" in result.stdout
    assert "\033[" not in result.stdout  # no colour when not on a terminal


def test_bogus_zone_exits_1_and_explains_in_english(cli_lab):
    result = run_cli("expired.test", "--lang", "en", lab=cli_lab)
    assert result.returncode == 1
    assert "Chain of trust" in result.stdout and "rrsig_expired" in result.stdout
    assert "expired" in result.stdout.lower()


def test_json_lines_one_report_per_domain(cli_lab):
    result = run_cli("alg13.test", "unsigned.test", "https://www.alg15.test/path", "--json", lab=cli_lab)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    reports = [json.loads(line) for line in lines]
    assert [r["verdict"] for r in reports] == ["secure", "insecure", "secure"]
    assert all(r["schema_version"] == 2 for r in reports)
    assert reports[2]["name"] == "www.alg15.test." and reports[2]["is_apex"] is False
    # Schema 2: ids and evidence; the texts (and a one-severity row's severity) are the catalog's.
    finding = next(f for f in reports[1]["findings"] if f["id"] == "zone_unsigned")
    assert "messages" not in finding and "severity" not in finding
    assert result.returncode == 0


def test_a_bad_name_among_several_gets_its_own_error_line(cli_lab):
    result = run_cli("exa mple.test", "alg13.test", "--json", lab=cli_lab)
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert lines[0]["error"]["code"] == "input_invalid_characters"
    assert lines[1]["verdict"] == "secure"
    assert "exa mple.test" in result.stderr
    assert result.returncode == 0


def test_no_report_at_all_exits_2(cli_lab):
    result = run_cli("192.0.2.1", lab=cli_lab)
    assert result.returncode == 2
    assert "IP" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--port", "0", "example.jp"],
        ["--now", "yesterday", "x.test"],
        ["--trust-anchor", "/nonexistent", "x.test"],
        ["--lang", "fr", "x.test"],
    ],
)
def test_bad_usage_exits_2(args):
    assert run_cli(*args).returncode == 2


def imported_modules(result) -> set[str]:
    """The modules a run imported, from `python -X importtime`'s lines on stderr."""
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_help_imports_neither_the_engine_proper_nor_asyncio():
    result = run_cli("--help", python_options=("-X", "importtime"))
    assert result.returncode == 0
    imported = imported_modules(result)
    assert "checker.engine.cli" in imported
    # email and zipfile come with importlib.metadata itself, not with its stand-in.
    assert imported.isdisjoint({"checker.engine.api", "asyncio", "dns.dnssec", "cryptography", "email", "zipfile"})


# The modules __main__ gives a stand-in, and what the wrapper below reports at the command line's
# os._exit: which of them are imported for real (and whether ssl, _hashlib and shutil, which argparse
# imports to format a text, are imported), and whether dataclasses compiled code.
STAND_INS = (
    "importlib.metadata",
    "subprocess",
    "concurrent.futures",
    "logging",
    "cryptography.hazmat.primitives.serialization",
    "hmac",
    "idna",
    "encodings.idna",
    "inspect",
    "traceback",
    "linecache",
    "asyncio.sslproto",
    "asyncio.staggered",
    "urllib.parse",
    "gettext",
)
REPORTING_WRAPPER = f"""
import json, os, runpy, sys
exit_now = os._exit

def report(status):
    main = sys.modules["__main__"]
    real = [name for name in {STAND_INS!r} + ("ssl", "_hashlib", "shutil") if name in sys.modules
            and type(sys.modules[name]).__name__ != "_ImportedOnUse"]
    after = {{}}
    if os.environ.get("USE_STAND_INS"):
        after = use_stand_ins()
    print(json.dumps({{"real": real, "compiled": main._compiled, "after": after}}), file=sys.stderr)
    sys.stderr.flush()
    exit_now(status)

def use_stand_ins():
    import asyncio, asyncio.log, asyncio.subprocess, concurrent.futures, hashlib, hmac, idna, logging, ssl, subprocess
    import asyncio.sslproto, asyncio.staggered, gettext, inspect, linecache, traceback, urllib.parse
    from cryptography.hazmat.primitives import serialization
    asyncio.log.logger.warning("asyncio still logs")
    return {{
        "subprocess": [asyncio.subprocess.PIPE, asyncio.subprocess.STDOUT, asyncio.subprocess.DEVNULL]
        == [subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL],
        "subprocess_runs": subprocess.run([sys.executable, "-c", "pass"]).returncode == 0,
        "futures": [asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED]
        == [concurrent.futures.FIRST_COMPLETED, concurrent.futures.FIRST_EXCEPTION, concurrent.futures.ALL_COMPLETED],
        "executor": concurrent.futures.ThreadPoolExecutor(1).submit(sum, [1, 2]).result() == 3,
        "logging_debug": logging.DEBUG == 10,
        "ssl": ssl.create_default_context().verify_mode == ssl.CERT_REQUIRED,
        "idna": idna.encode("日本語.jp") == b"xn--wgv71a119e.jp",
        "hashlib": hashlib.sha256(b"").hexdigest()[:16] == "e3b0c44298fc1c14",
        "hmac": hmac.new(b"key", b"", "sha1").hexdigest()[:16] == "f42bb0eeb018ebbd",
        "serialization": callable(serialization.load_pem_public_key),
        "inspect": str(inspect.signature(lambda a, b=2: None)) == "(a, b=2)",
        "traceback": traceback.extract_stack(limit=1)[0].name == "use_stand_ins",
        "linecache": linecache.getline(os.__file__, 1) != "",
        "asyncio_tls": asyncio.sslproto.SSLProtocol.__name__ == "SSLProtocol",
        "happy_eyeballs": callable(asyncio.staggered.staggered_race),
        "urllib": urllib.parse.urlsplit("https://x.jp/p").hostname == "x.jp",
        "gettext": gettext.gettext("text") == "text" and callable(gettext.translation),
    }}

os._exit = report
sys.argv = ["python -m checker.engine", *sys.argv[1:]]
runpy.run_module("checker.engine", run_name="__main__", alter_sys=True)
"""


def run_cli_reporting(*args, lab, env=()):
    command = [sys.executable, "-c", REPORTING_WRAPPER, *args, "--json", "--root-hints", str(lab.root_hints_file)]
    command += ["--trust-anchor", str(lab.trust_anchor_file), "--lab-range", str(lab.network), "--port", str(PORT)]
    command += ["--now", str(lab.now_iso)]
    result = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **dict(env)}, capture_output=True, text=True
    )
    return result, json.loads(result.stderr.strip().splitlines()[-1])


def test_a_check_imports_none_of_the_modules_it_has_stand_ins_for(cli_lab):
    result, seen = run_cli_reporting("alg13.test", "www.alg15.test", lab=cli_lab)
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["secure", "secure"]
    assert seen["real"] == []


def test_a_name_pasted_as_a_url_imports_urllib_and_is_checked(cli_lab):
    result, seen = run_cli_reporting("https://www.alg15.test/path", lab=cli_lab)
    assert json.loads(result.stdout)["name"] == "www.alg15.test."
    assert seen["real"] == ["urllib.parse"]


def test_the_stand_ins_import_the_real_modules_when_used(cli_lab):
    result, seen = run_cli_reporting("alg13.test", lab=cli_lab, env={"USE_STAND_INS": "1"})
    assert json.loads(result.stdout)["verdict"] == "secure"
    assert seen["after"] == dict.fromkeys(
        ["subprocess", "subprocess_runs", "futures", "executor", "logging_debug", "ssl", "idna", "hashlib", "hmac"]
        + ["serialization", "inspect", "traceback", "linecache", "asyncio_tls", "happy_eyeballs", "urllib", "gettext"],
        True,
    )
    assert "asyncio still logs" in result.stderr


def test_an_internationalised_name_imports_idna_and_is_checked(cli_lab):
    result, seen = run_cli_reporting("ドメイン.alg13.test", lab=cli_lab)
    assert json.loads(result.stdout)["name"] == "xn--eckwd4c7c.alg13.test."
    assert seen["real"] == ["idna"]


def test_the_dataclasses_code_is_compiled_once_and_kept(cli_lab):
    cache = ROOT / "checker" / "engine" / "__pycache__"
    for kept in cache.glob("dataclasses.*.marshal"):
        kept.unlink()
    first, seen_first = run_cli_reporting("alg13.test", lab=cli_lab)
    second, seen_second = run_cli_reporting("alg13.test", lab=cli_lab)
    assert (seen_first["compiled"], seen_second["compiled"]) == (True, False)
    assert len(list(cache.glob("dataclasses.*.marshal"))) == 1
    reports = [json.loads(result.stdout) for result in (first, second)]
    assert reports[0]["verdict"] == reports[1]["verdict"] == "secure"
    assert reports[0]["findings"] == reports[1]["findings"]


def test_indeterminate_exits_3(cli_lab):
    # A query budget too small to reach the zone: nothing wrong was seen, nothing could be decided.
    result = run_cli("alg13.test", "--json", "--max-queries", "3", lab=cli_lab)
    report = json.loads(result.stdout)
    assert report["verdict"] == "indeterminate"
    assert report["query_count"] == 3
    assert "check_limits_reached" in {f["id"] for f in report["findings"]}
    assert result.returncode == 3


def test_unreachable_root_is_indeterminate_not_the_roots_fault(cli_lab, tmp_path):
    """Root hints on an address of this slot's /20 where nobody answers: the checker's own network,
    not a fault of the root or of the name (issue 13, item 5)."""
    silent = str(cli_lab.network[-2])
    hints = tmp_path / "silent.hints"
    hints.write_text(f". 3600 IN NS a.silent.test.\na.silent.test. 3600 IN A {silent}\n")
    silent_lab = ("--root-hints", str(hints), "--trust-anchor", str(cli_lab.trust_anchor_file))
    silent_lab += ("--lab-range", str(cli_lab.network), "--port", str(PORT), "--timeout", "0.2")
    result = run_cli("alg13.test", "--json", *silent_lab)
    report = json.loads(result.stdout)
    assert report["verdict"] == "indeterminate"
    assert [(f["id"], f.get("severity"), f["zone"]) for f in report["findings"]] == [("walk_incomplete", None, None)]
    assert report["findings"][0]["evidence"] == {"zone": ".", "name": "alg13.test."}
    assert report["upstream"] == []
    assert report["zone"] is None and report["is_apex"] is None
    assert result.returncode == 3
    text = run_cli("alg13.test", "--lang", "en", *silent_lab)
    assert text.returncode == 3
    assert "Indeterminate" in text.stdout and "Delegation chain not followed to the end" in text.stdout
    assert "not a zone apex" not in text.stdout


def test_errors_win_over_indeterminate(cli_lab, tmp_path):
    result = run_cli("expired.test", "alg13.test", "--json", lab=cli_lab)
    assert result.returncode == 1


def test_check_sync_works_inside_a_running_event_loop():
    """A synchronous caller whose thread runs an event loop (Playwright's sync API does) still
    gets its report: check_sync runs the check on a loop of its own."""
    import asyncio

    from checker.engine import InputError, check_sync

    async def caller():
        try:
            check_sync("not a name..", now=0)
        except InputError:
            return "refused cleanly"

    assert asyncio.run(caller()) == "refused cleanly"
