"""A demo lab served on the live clock is signed again while it runs, so that no condition drifts.

Conditions set relative to the signing time (expiring-soon: signatures expire 200 s after it;
inception-recent: they start 60 s before it) would otherwise change verdict a few minutes after
`python3 dev.py` starts. The test moves time by ten minutes instead of waiting for it.
"""

import asyncio
import time
from datetime import timedelta

import pytest

from checker.engine import check
from checker.lab import build_lab
from checker.lab.server import LabServer, run_in_background
from tests import slots
from tests.checker.conftest import LAB_NOW
from tests.checker.engine.lab_helpers import lab_options

PORT = slots.port_base() + 57
LATER = LAB_NOW + timedelta(minutes=10)


def check_at(lab, name, moment):
    return asyncio.run(check(name, options=lab_options(lab, PORT), now=int(moment.timestamp())))


@pytest.fixture
def rebuilt_later(lab, tmp_path, request):
    key_dir = request.config.cache.mkdir("lab-keys")
    return lambda: build_lab(lab.network, tmp_path, LATER, key_dir=key_dir)


def test_without_signing_again_the_lab_drifts_within_minutes(lab):
    with run_in_background(LabServer(lab, PORT), "lab-server"):
        assert check_at(lab, "expiring-soon.test", LATER).verdict == "bogus"


@pytest.mark.parametrize(
    "name, finding",
    [("expiring-soon.test", "rrsig_expiration_imminent"), ("inception-recent.test", "rrsig_inception_too_recent")],
)
def test_signed_again_the_conditions_keep_their_verdict(lab, rebuilt_later, name, finding):
    server = LabServer(lab, PORT, rebuild=rebuilt_later, resign_seconds=0.1)
    with run_in_background(server, "lab-server"):
        deadline = time.monotonic() + 30
        while server.resigned == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.resigned >= 1
        report = check_at(lab, name, LATER)
    assert report.verdict == "secure"
    assert {f.severity for f in report.findings if f.id == finding} == {"WARN"}


def test_a_rebuilt_lab_must_keep_its_addresses(lab, tmp_path, request):
    server = LabServer(lab, PORT)
    elsewhere = build_lab("127.77.240.0/20", tmp_path, LAB_NOW, key_dir=request.config.cache.mkdir("lab-keys"))
    with pytest.raises(ValueError, match="keep its addresses"):
        server.load(elsewhere)
