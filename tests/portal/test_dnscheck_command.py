"""`manage.py dnscheck` offers the engine's command line inside Django."""

import datetime
import json

import pytest
from django.core.management import call_command

from checker.lab import build_lab, serve_python
from tests import slots


@pytest.fixture(scope="module")
def served_lab(tmp_path_factory):
    now = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    lab = build_lab(slots.lab_network(), tmp_path_factory.mktemp("lab"), now)
    port = slots.port_base() + 60  # not the port of the checker tests' own lab server
    with serve_python(lab, port):
        yield lab, port, now


def run(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        call_command("dnscheck", *args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return exited.value.code, out, err


def lab_args(lab, port, now):
    return [
        "--root-hints",
        str(lab.root_hints_file),
        "--trust-anchor",
        str(lab.trust_anchor_file),
        "--allow-private",
        "--lab-range",
        str(lab.network),
        "--port",
        str(port),
        "--now",
        now.isoformat(),
    ]


def test_a_secure_and_a_bogus_zone(served_lab, capsys):
    lab, port, now = served_lab
    status, out, _ = run(capsys, "alg13.test", "expired.test", "--json", *lab_args(lab, port, now))
    reports = {r["query"]: r for r in map(json.loads, out.splitlines())}
    assert reports["alg13.test"]["verdict"] == "secure"
    assert reports["expired.test"]["verdict"] == "bogus"
    assert "rrsig_expired" in {f["id"] for f in reports["expired.test"]["findings"]}
    assert status == 1


def test_a_bad_name_gets_its_own_error_and_the_others_are_checked(served_lab, capsys):
    lab, port, now = served_lab
    status, out, err = run(capsys, "bad..name", "alg13.test", "--lang", "en", *lab_args(lab, port, now))
    assert "bad..name" in err
    assert "alg13.test." in out and "secure" in out
    assert status == 0
