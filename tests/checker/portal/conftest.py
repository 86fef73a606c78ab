"""Fixtures of the portal side of the checker: real workers on the lab, a beat process, queues.

Workers are real Celery processes (tests/celery_workers.py) in lab mode: the
lab's root hints and trust anchor, private addresses allowed, and CHECKER_NOW
set to the lab's reference time (a worker cannot share the test's clock).
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests import slots
from tests.celery_workers import ROOT, WorkerProcess, worker_database_url
from tests.checker.conftest import LAB_NOW, PYTHON_LAB_PORT_OFFSET

HOOKED_SETTINGS = "tests.checker.portal.hooked_settings"


def lab_environment(lab) -> dict:
    return {
        "CHECKER_ROOT_HINTS": str(lab.root_hints_file),
        "CHECKER_TRUST_ANCHOR": str(lab.trust_anchor_file),
        "CHECKER_PORT": str(slots.port_base() + PYTHON_LAB_PORT_OFFSET),
        "CHECKER_ALLOW_PRIVATE": "1",
        "CHECKER_LAB_RANGE": str(lab.network),
        "CHECKER_NOW": str(int(LAB_NOW.timestamp())),
    }


def purge_queues():
    from portal.celery import app, queue_name

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for kind in ("interactive", "batch", "monitor"):
            try:
                channel.queue_purge(queue_name(kind))
            except Exception:  # the queue may not exist yet
                pass


def wait_for(predicate, timeout, step=0.3, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError(f"{message} not reached within {timeout} s")


class BeatProcess:
    """`celery -A portal beat` on the test's settings, stopped by PID."""

    def __init__(self, extra_env=None):
        env = dict(os.environ, DATABASE_URL=worker_database_url(), DJANGO_SETTINGS_MODULE="portal.settings.test")
        env.update(extra_env or {})
        self.log = ROOT / "var" / "artifacts" / f"beat-slot{slots.slot()}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        schedule = ROOT / "var" / f"test-beat-checker-slot{slots.slot()}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "beat", "--loglevel", "INFO", "-s", str(schedule)],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture
def lab_env(lab, python_lab):
    return lab_environment(lab)


@pytest.fixture
def processes():
    """Start workers and beat through this; every one is stopped by PID at the end."""
    started = []

    class Starter:
        def worker(self, queues, name, concurrency=1, extra_env=None, ready=True, embedded_beat=False):
            worker = WorkerProcess(
                queues, name, concurrency=concurrency, extra_env=extra_env, embedded_beat=embedded_beat
            )
            started.append(worker)
            if ready:
                worker.wait_ready(timeout=90)
            return worker

        def beat(self, extra_env=None):
            beat = BeatProcess(extra_env)
            started.append(beat)
            return beat

    purge_queues()
    yield Starter()
    for process in reversed(started):
        process.stop()
    purge_queues()
