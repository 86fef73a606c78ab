"""The production process layout, each a process of its own, on PostgreSQL and Redis, from a fresh clone.

gunicorn, `celery -A portal worker -Q interactive`, `… -Q batch`, `… -Q monitor` and
`celery -A portal beat`, started with the README's own command lines in a checkout that has no
var/ (beat must make its folder). First with the dev settings in lab mode, where one check runs
end to end; then with the production settings, which refuse lab mode by design (a check outside
it would leave the machine): the same processes start, both queues answer, beat ticks and
/healthz is ok.
"""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from portal.models import ServiceHeartbeat
from tests import slots
from tests.celery_workers import worker_database_url
from tests.checker.portal.conftest import wait_for
from tests.newcomer.support import ROOT, Browser, answers, fresh_clone, user_path

pytestmark = [pytest.mark.newcomer, pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
WEB_PORT_OFFSET, LAB_PORT_OFFSET = 92, 93
BIN = Path(sys.executable).parent
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS-terminating proxy adds in production


def readme_production_commands(port: int) -> dict:
    """The README's production command lines (README.md, 'Production'), bound to this test's port."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Production\n.*?^```[^\n]*\n(.*?)^```", readme, re.S | re.M).group(1)
    lines = [line.split("#")[0].split() for line in block.splitlines()]
    commands = {}
    for words in lines:
        if words and words[0] == "gunicorn":
            commands["web"] = [w.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for w in words]
        elif words[:4] == ["celery", "-A", "portal", "worker"]:
            commands[words[words.index("-Q") + 1]] = words
        elif words[:4] == ["celery", "-A", "portal", "beat"]:
            commands["beat"] = words
    assert set(commands) == {"web", "interactive", "batch", "monitor", "beat"}, commands
    return commands


class Layout:
    """The five processes, started in `folder` with `env`, stopped by PID."""

    def __init__(self, folder: Path, env: dict, commands: dict, logs: Path):
        self.procs = {}
        for name, words in commands.items():
            log = (logs / f"{name}.log").open("w")
            self.procs[name] = subprocess.Popen(
                [str(BIN / words[0]), *words[1:]],
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.logs = logs

    def log(self, name):
        return (self.logs / f"{name}.log").read_text(errors="replace")[-4000:]

    def assert_running(self):
        for name, proc in self.procs.items():
            assert proc.poll() is None, f"{name} exited with {proc.returncode}:\n{self.log(name)}"

    def stop(self):
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def start_lab(clone: Path, workdir: Path, port: int):
    log = workdir.with_suffix(".log")
    lab = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker.lab",
            "serve",
            "--network",
            str(slots.lab_network()),
            "--port",
            str(port),
            "--workdir",
            str(workdir),
        ],
        cwd=clone,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for(lambda: lab.poll() is not None or "serving" in log.read_text(), 120, message="the demo lab serving")
    assert lab.poll() is None, log.read_text()
    return lab


def test_production_layout_on_postgresql_and_redis(tmp_path):
    clone = fresh_clone(tmp_path)
    assert not (clone / "var").exists()
    port = slots.port_base() + WEB_PORT_OFFSET
    base = f"http://127.0.0.1:{port}"
    commands = readme_production_commands(port)
    common = {
        "PATH": user_path(),
        "HOME": os.environ["HOME"],
        "LANG": "C.UTF-8",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,  # the slot's own Redis database
    }
    assert settings.REDIS_URL.startswith("redis://") and worker_database_url().startswith("postgres://")
    lab_dir = tmp_path / "lab"
    lab = start_lab(clone, lab_dir, slots.port_base() + LAB_PORT_OFFSET)
    logs = tmp_path / "logs"
    logs.mkdir()
    try:
        # 1. Dev settings in lab mode: a check runs end to end through gunicorn, the broker and a worker.
        dev_env = {
            **common,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "CHECKER_ROOT_HINTS": str(lab_dir / "root.hints"),
            "CHECKER_TRUST_ANCHOR": str(lab_dir / "trust-anchor.ds"),
            "CHECKER_PORT": str(slots.port_base() + LAB_PORT_OFFSET),
            "CHECKER_ALLOW_PRIVATE": "1",
            "CHECKER_LAB_RANGE": str(slots.lab_network()),
        }
        layout = Layout(clone, dev_env, commands, logs)
        try:
            wait_for(lambda: answers(base + "/healthz"), 60, message="gunicorn answering")
            browser = Browser(base)
            status, run = browser.api("POST", "/api/v1/checks", {"domain": "alg13.test"})
            assert status == 202, run
            done = browser.finished_run(run["url"], 60)
            assert (done["state"], done["verdict"], done["error"]) == ("done", "secure", None), layout.log(
                "interactive"
            )
            layout.assert_running()
            assert list((clone / "var").glob("celerybeat-schedule*")), "beat keeps its schedule in the clone's var/"
        finally:
            layout.stop()

        # 2. Production settings, again on a checkout without var/.
        for path in sorted((clone / "var").rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        (clone / "var").rmdir()
        production_env = {
            **common,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "layout-test-" + "s" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        restarted = timezone.now()
        layout = Layout(clone, production_env, commands, logs)
        try:
            wait_for(lambda: answers(base + "/healthz"), 60, message="gunicorn answering")
            probe = subprocess.run(
                [sys.executable, "manage.py", "check_workers", "--timeout", "60"],
                cwd=clone,
                env=production_env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert probe.returncode == 0, probe.stdout + probe.stderr
            assert re.search(r"^interactive: answered by interactive@", probe.stdout, re.M), probe.stdout
            assert re.search(r"^batch: answered by batch@", probe.stdout, re.M), probe.stdout
            assert re.search(r"^monitor: answered by monitor@", probe.stdout, re.M), probe.stdout
            wait_for(
                lambda: ServiceHeartbeat.objects.filter(name="beat", last_seen__gt=restarted).exists(),
                40,
                message="beat's tick recorded by a worker",
            )

            def healthy():
                status, _, body = Browser(base).get("/healthz?strict=1", headers=HTTPS)
                return status == 200 and json.loads(body)["status"] == "ok" and json.loads(body)

            health = wait_for(healthy, 40, message="/healthz ok")
            queues = sorted(q for worker in health["checks"]["workers"]["alive"] for q in worker["queues"])
            assert queues == ["batch", "interactive", "monitor"]
            layout.assert_running()
            assert list((clone / "var").glob("celerybeat-schedule*"))
        finally:
            layout.stop()
    finally:
        lab.send_signal(signal.SIGTERM)
        lab.wait(timeout=20)
