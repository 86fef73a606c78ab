"""R1, R2, R3 of RELIABILITY.md with real worker processes killed by PID and a Redis of the test's own.

The checks are real checks of lab zones; `worker_hooks` only adds a pause after
each (so that a worker can be killed in the middle of a run) or makes the pool
process kill itself (the poison check of R2). Counts are asserted; the times
are generous timeouts.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import kombu.pools
import pytest
from django.test import Client

from checker import runs
from checker.lab import CONDITIONS
from checker.models import CheckRun
from tests import slots
from tests.checker.portal.conftest import HOOKED_SETTINGS, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECURE_ZONES = [
    c.check_name.rstrip(".")
    for c in CONDITIONS.values()
    if c.expected_verdict == "secure" and c.trust_anchor == "default"
]
# Short limits so that a lost run is taken back within seconds: hard limit 4 s + 2 s grace.
FAST_RECOVERY = {
    "CHECKER_HARD_LIMIT": "4",
    "CHECKER_KILL_GRACE": "2",
    "CHECKER_SWEEP_SECONDS": "2",
    "CELERY_VISIBILITY_TIMEOUT": "10",
}


def pool_children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@pytest.fixture
def generous_limits(settings):
    settings.CHECKER_RATE_CONCURRENT = 1000
    settings.CHECKER_RATE_PER_MINUTE = 1000


def test_r1_killed_workers_lose_no_check(lab_env, processes, generous_limits, settings):
    settings.CHECKER_HARD_LIMIT = 4
    settings.CHECKER_KILL_GRACE = 2
    env = {**lab_env, **FAST_RECOVERY, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "slow=1.5"}
    first = processes.worker(["interactive"], "r1-first", concurrency=2, extra_env=env)
    processes.beat({**FAST_RECOVERY})
    client = Client()
    ids = []
    for zone in SECURE_ZONES[:20]:
        response = client.post("/api/v1/checks", {"domain": zone}, content_type="application/json")
        assert response.status_code == 202
        ids.append(response.json()["id"])
    assert len(set(ids)) == 20

    wait_for(lambda: CheckRun.objects.filter(state="running").exists(), 60, message="a run in progress")
    children = wait_for(lambda: pool_children(first.pid), 10, message="pool processes")
    os.kill(children[0], signal.SIGKILL)
    done_before = CheckRun.objects.filter(state="done").count()
    wait_for(
        lambda: CheckRun.objects.filter(state="running", worker__startswith="r1-first").exists(),
        60,
        message="the worker running again after its pool process was killed",
    )
    os.killpg(first.pid, signal.SIGKILL)  # the main worker and its pool, mid-run
    first.proc.wait()
    assert CheckRun.objects.filter(state="done").count() < 20, "the kills happened before all checks were done"

    processes.worker(["interactive"], "r1-second", concurrency=2, extra_env=env)
    wait_for(lambda: CheckRun.objects.filter(state="done").count() == 20, 240, step=1, message="20 results")
    assert CheckRun.objects.count() == 20, "no duplicate runs"
    assert sorted(str(r.public_id) for r in CheckRun.objects.all()) == sorted(ids)
    assert CheckRun.objects.filter(state="done", report__isnull=False).count() == 20
    retried = CheckRun.objects.filter(attempts__gt=1).count()
    assert retried >= 1, "at least the runs in flight were taken back"
    print(f"R1: 20/20 done, {done_before} before the kills, {retried} runs claimed more than once, 0 duplicates")


def test_r2_poison_check_is_tried_at_most_max_retries_plus_one_times(lab_env, processes, generous_limits, settings):
    settings.CHECKER_HARD_LIMIT = 4
    settings.CHECKER_KILL_GRACE = 2
    env = {**lab_env, **FAST_RECOVERY, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "kill-self"}
    processes.worker(["interactive"], "r2", extra_env=env)
    processes.beat({**FAST_RECOVERY})
    response = Client().post("/api/v1/checks", {"domain": "alg13.test"}, content_type="application/json")
    run = wait_for(
        lambda: CheckRun.objects.filter(public_id=response.json()["id"], state="failed").first(),
        180,
        step=1,
        message="the poison run failed",
    )
    assert run.error == "worker_lost"
    assert run.attempts == 3, "max_retries (2) + 1 attempts"
    time.sleep(5)  # any message still circulating would be claimed (and counted) within this time
    run.refresh_from_db()
    assert run.state == "failed" and run.attempts == 3

    from portal.celery import app, queue_name

    with app.connection_for_write() as connection:
        assert connection.default_channel.client.llen(queue_name("interactive")) == 0, "the queue is empty"


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a port of the slot's block, stopped and started by PID."""
    port = slots.port_base() + 79

    class Redis:
        proc = None
        url = f"redis://127.0.0.1:{port}/{slots.redis_db()}"  # the test settings use the slot's database

        def start(self):
            self.proc = subprocess.Popen(
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            import redis

            wait_for(lambda: self._ping(redis), 20, message="own redis answers")

        @staticmethod
        def _ping(redis):
            try:
                return redis.Redis(port=port, socket_connect_timeout=0.5).ping()
            except redis.exceptions.ConnectionError:
                return False

        def stop(self):
            if self.proc and self.proc.poll() is None:
                self.proc.terminate()
                self.proc.wait(timeout=20)

    redis_server = Redis()
    redis_server.start()
    yield redis_server
    redis_server.stop()


@pytest.fixture
def broker_on(own_redis):
    """Point this process's Celery app at the test's own Redis."""
    from portal.celery import app

    def switch(url):
        app.pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        # kombu keeps producer pools per connection in a global registry; a closed one
        # would be handed to the next test in this process ("Acquire on closed pool").
        kombu.pools.reset()
        app.conf.broker_url = url

    saved = app.conf.broker_url
    switch(own_redis.url)
    yield own_redis
    switch(saved)


def test_r3_redis_down_at_submission_answers_at_once_and_loses_nothing(lab_env, processes, broker_on, generous_limits):
    redis_env = {"REDIS_URL": broker_on.url, **FAST_RECOVERY}
    processes.worker(["interactive"], "r3", extra_env={**lab_env, **redis_env})
    processes.beat(redis_env)
    broker_on.stop()
    client = Client()
    times = []
    zones = SECURE_ZONES[:10]
    for zone in zones:
        started = time.monotonic()
        response = client.post("/en/check/", {"domain": zone})
        times.append(time.monotonic() - started)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "The checker is busy" in page
    assert CheckRun.objects.filter(state="queued", published=False).count() == 10
    slowest = max(times)
    assert slowest < 10, f"a submission waited {slowest:.1f} s on the stopped broker"
    broker_on.start()
    wait_for(
        lambda: CheckRun.objects.filter(state="done").count() == 10,
        120,
        step=1,
        message="10 results after Redis returned",
    )
    assert CheckRun.objects.count() == 10 and CheckRun.objects.filter(attempts=1).count() == 10
    print(
        f"R3: submissions with Redis down took {', '.join(f'{t:.2f}' for t in times)} s; 10/10 done after it returned"
    )


def test_sweeper_resends_unpublished_and_takes_back_stale_runs(db, monkeypatch, settings):
    """The sweeper alone, without a broker: what it re-sends and what it closes."""
    from datetime import timedelta

    from django.utils import timezone

    sent = []
    monkeypatch.setattr(runs, "publish", lambda pk: sent.append(pk) or True)
    settings.CHECKER_MAX_RETRIES = 2
    now = timezone.now()
    old = now - timedelta(minutes=5)
    unpublished = CheckRun.objects.create(domain="a.jp", created=old, deadline=now + timedelta(minutes=1))
    fresh = CheckRun.objects.create(domain="b.jp", created=now, deadline=now + timedelta(minutes=1))
    lost = CheckRun.objects.create(
        domain="c.jp", created=old, deadline=old, state="running", attempts=1, published=True
    )
    hopeless = CheckRun.objects.create(
        domain="d.jp", created=old, deadline=old, state="running", attempts=3, published=True
    )
    lost_message = CheckRun.objects.create(domain="e.jp", created=old, deadline=old, published=True)
    asked_long_ago = CheckRun.objects.create(
        domain="f.jp", created=now - timedelta(days=2), deadline=old, state="done", client_hash="0123abcd"
    )
    counts = runs.sweep(now)
    assert sorted(sent) == sorted([unpublished.pk, lost.pk, lost_message.pk])
    assert counts["failed"] == 1 and CheckRun.objects.get(pk=hopeless.pk).error == "worker_lost"
    assert CheckRun.objects.get(pk=lost.pk).state == "queued"
    assert fresh.pk not in sent
    assert counts["forgotten"] == 1 and CheckRun.objects.get(pk=asked_long_ago.pk).client_hash == ""


def test_r4_worker_survives_a_redis_restart_idle_and_busy(lab_env, processes, broker_on, generous_limits):
    redis_env = {"REDIS_URL": broker_on.url, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "slow=4"}
    worker = processes.worker(["interactive"], "r4", extra_env={**lab_env, **redis_env})
    wait_for(lambda: " ready." in worker.log.read_text(), 60, message="the worker connected to the broker")
    client = Client()

    def submit(zone):
        response = client.post("/api/v1/checks", {"domain": zone}, content_type="application/json")
        assert response.status_code == 202
        return response.json()["id"]

    # Idle: Redis away for 15 s, then new work is taken.
    broker_on.stop()
    time.sleep(15)
    broker_on.start()
    idle = submit(SECURE_ZONES[0])
    wait_for(
        lambda: CheckRun.objects.filter(public_id=idle, state="done").exists(),
        60,
        step=0.5,
        message="new work taken after Redis came back (idle)",
    )

    # Busy: Redis away for 15 s while a check runs; it completes once, and new work is taken afterwards.
    busy = submit(SECURE_ZONES[1])
    wait_for(
        lambda: CheckRun.objects.filter(public_id=busy, state="running").exists(), 60, message="the check in flight"
    )
    broker_on.stop()
    time.sleep(15)
    broker_on.start()
    after = submit(SECURE_ZONES[2])
    wait_for(
        lambda: CheckRun.objects.filter(public_id__in=[busy, after], state="done").count() == 2,
        60,
        step=0.5,
        message="the check in flight and new work done (busy)",
    )
    assert CheckRun.objects.get(public_id=busy).attempts == 1, "the check in flight ran once"
    assert CheckRun.objects.count() == 3
