"""Real Celery worker processes for integration tests, started and stopped by PID.

A worker runs the test settings in its own process, against the test's own
database (so the test must use transaction=True for the worker to see its
rows) and the slot's own Redis database and queue names.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class WorkerProcess:
    def __init__(self, queues, name, concurrency=1, extra_env=None, embedded_beat=False):
        from portal.celery import queue_name

        self.queues = [queue_name(q) for q in queues]
        self.name = name
        env = dict(os.environ, DATABASE_URL=worker_database_url(), DJANGO_SETTINGS_MODULE="portal.settings.test")
        env.update(extra_env or {})
        self.log = ROOT / "var" / "artifacts" / f"{name}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--loglevel",
                "INFO",
                "-Q",
                ",".join(self.queues),
                "-c",
                str(concurrency),
                "-n",
                f"{name}@%h",
                "--without-mingle",
                "--without-gossip",
                *(["-B", "-s", str(ROOT / "var" / f"test-beat-{name}")] if embedded_beat else []),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.hostname = None

    @property
    def pid(self):
        return self.proc.pid

    def wait_ready(self, timeout=60):
        from portal.models import ServiceHeartbeat

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            beat = ServiceHeartbeat.objects.filter(name__startswith=f"{self.name}@", pid=self.proc.pid).first()
            if beat:
                self.hostname = beat.name
                return beat
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.2)
        raise TimeoutError(f"worker {self.name} wrote no heartbeat within {timeout} s; see {self.log}")

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
