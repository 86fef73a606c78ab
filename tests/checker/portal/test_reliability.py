"""R1, R2, R3 of RELIABILITY.md with real worker processes killed by PID and a Redis of the test's own.

The checks are real checks of lab zones; `worker_hooks` only adds a pause after
each (so that a worker can be killed in the middle of a run) or makes the pool
process kill itself (the poison check of R2). Every test runs with the shipped
defaults (hard limit, kill grace, sweep interval, visibility timeout, cache), the
fault tests on Redis and on the embedded broker (kombu's SQLAlchemy transport).
Counts are asserted; the times are generous timeouts, except R3's own bounds,
and each fault test prints its recovery time (-s).
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


def switch_broker(url, transport_options):
    """Point this process's Celery app at another broker (workers get theirs from their environment)."""
    from portal.celery import app

    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps producer pools per connection in a global registry; a closed one
    # would be handed to the next test in this process ("Acquire on closed pool").
    kombu.pools.reset()
    app.conf.broker_url = url
    app.conf.broker_transport_options = transport_options


@pytest.fixture(params=["redis", "embedded"])
def broker(request, settings):
    """The broker of a fault test: the slot's Redis database, or the embedded broker on the slot's file.

    Request it before `processes`, so that the queues it purges are this broker's.
    """
    from portal.celery import app
    from portal.settings.base import VAR_DIR

    class Broker:
        name = request.param
        env = {}

    if request.param == "embedded":
        saved = app.conf.broker_url, dict(app.conf.broker_transport_options or {})
        # What portal.settings.test chooses without REDIS_URL: the slot's SQLite broker file.
        Broker.env = {"REDIS_URL": ""}
        switch_broker(f"sqla+sqlite:///{VAR_DIR / f'test-broker-slot{slots.slot()}.sqlite3'}", {})
        yield Broker()
        switch_broker(*saved)
    else:
        assert settings.REDIS_URL, "the Redis variant needs REDIS_URL"
        yield Broker()


def queue_length(kind):
    """Messages waiting in the queue, on either broker."""
    from portal.celery import app, queue_name

    with app.connection_for_write() as connection:
        return connection.default_channel.queue_declare(queue=queue_name(kind)).message_count


def run_page(run_id, language):
    from django.urls import reverse
    from django.utils.translation import override

    with override(language):
        return Client().get(reverse("checker:run", kwargs={"run_id": run_id})).content.decode()


def pool_children(pid):
    """The worker's child processes, whichever of its threads started them (billiard replaces lost ones from
    a thread of its own)."""
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # the thread ended meanwhile
            pass
    return sorted(children)


@pytest.fixture
def generous_limits(settings):
    settings.CHECKER_RATE_CONCURRENT = 1000
    settings.CHECKER_RATE_PER_MINUTE = 1000


def test_r1_killed_workers_lose_no_check(broker, lab_env, processes, generous_limits):
    env = {**lab_env, **broker.env, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "slow=1.5"}
    first = processes.worker(["interactive"], "r1-first", concurrency=2, extra_env=env)
    processes.beat(broker.env)
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
    assert first.proc.poll() is None, "the worker survived the loss of a pool process"
    os.killpg(first.pid, signal.SIGKILL)  # the main worker and its pool, mid-run
    first.proc.wait()
    killed = time.monotonic()
    assert CheckRun.objects.filter(state="done").count() < 20, "the kills happened before all checks were done"

    processes.worker(["interactive"], "r1-second", concurrency=2, extra_env=env)
    wait_for(lambda: CheckRun.objects.filter(state="done").count() == 20, 240, step=1, message="20 results")
    recovered = time.monotonic() - killed
    assert CheckRun.objects.count() == 20, "no duplicate runs"
    assert sorted(str(r.public_id) for r in CheckRun.objects.all()) == sorted(ids)
    assert CheckRun.objects.filter(state="done", report__isnull=False).count() == 20
    retried = CheckRun.objects.filter(attempts__gt=1).count()
    assert retried >= 1, "at least the runs in flight were taken back"
    print(
        f"R1 ({broker.name}): 20/20 done, {done_before} before the kills, {retried} runs claimed more than once, "
        f"0 duplicates; the last result {recovered:.1f} s after the whole worker was killed"
    )


def test_a_killed_pool_process_is_noticed_and_its_check_run_again(broker, lab_env, processes, generous_limits):
    """Only the pool process dies: its worker (and the worker's own heartbeat) lives on."""
    env = {**lab_env, **broker.env, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "slow=3"}
    worker = processes.worker(["interactive"], f"pool-{broker.name}", extra_env=env)
    processes.beat(broker.env)
    response = Client().post("/api/v1/checks", {"domain": SECURE_ZONES[0]}, content_type="application/json")
    run_id = response.json()["id"]
    wait_for(lambda: CheckRun.objects.filter(public_id=run_id, state="running").exists(), 60, message="the check")
    assert "Checking…" in run_page(run_id, "en")
    child = wait_for(lambda: pool_children(worker.pid), 10, message="the pool process")[0]
    os.kill(child, signal.SIGKILL)
    killed = time.monotonic()
    wait_for(
        lambda: CheckRun.objects.filter(public_id=run_id, state="running", attempts=2).exists(),
        30,
        step=0.1,
        message="the check running again",
    )
    noticed = time.monotonic() - killed
    page_en, page_ja = run_page(run_id, "en"), run_page(run_id, "ja")
    assert "Retrying…" in page_en and "Checking…" not in page_en
    assert "再試行中…" in page_ja
    assert Client().get(f"/api/v1/checks/{run_id}").json()["retrying"] is True
    run = wait_for(
        lambda: CheckRun.objects.filter(public_id=run_id, state="done").first(), 60, step=0.2, message="the verdict"
    )
    verdict = time.monotonic() - killed
    assert run.verdict == "secure" and run.attempts == 2 and run.error == ""
    assert worker.proc.poll() is None, "the worker survived"
    print(
        f"killed pool process ({broker.name}): running again in {noticed:.1f} s, "
        f"verdict in {verdict:.1f} s (the re-run includes the hook's 3 s pause)"
    )


@pytest.mark.parametrize("broker", ["embedded"], indirect=True)
def test_a_stalled_pool_exits_its_worker_and_a_new_one_runs_the_check(broker, lab_env, processes, generous_limits):
    """The embedded broker's threaded pool: killing its idle processes can leave the rest waiting on a lock."""
    env = {**lab_env, **broker.env}
    worker = processes.worker(["interactive"], "stall", concurrency=2, extra_env=env)
    # Whether the killed processes held the lock is chance: kill both idle ones until a check stalls.
    for _attempt in range(6):
        for child in wait_for(lambda: pool_children(worker.pid), 10, message="pool processes"):
            os.kill(child, signal.SIGKILL)
        time.sleep(3)
        response = Client().post("/api/v1/checks", {"domain": SECURE_ZONES[0]}, content_type="application/json")
        run_id = response.json()["id"]
        started = time.monotonic()
        time.sleep(5)
        if not CheckRun.objects.filter(public_id=run_id, state="done").exists():
            break
        CheckRun.objects.filter(public_id=run_id).delete()  # the pool recovered; not the reuse window's result
    else:
        pytest.skip("six times, killing the idle pool processes did not stall the pool")
    try:
        worker.proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        run = CheckRun.objects.get(public_id=run_id)
        pytest.fail(f"the pool stalled, and the worker did not exit: the run is {run.state}")
    stalled = time.monotonic() - started
    assert worker.proc.returncode == 70 and "the pool has taken none" in worker.log.read_text()
    run = CheckRun.objects.get(public_id=run_id)
    assert run.state == "queued" and run.published is False, "kept, to be sent again by the next worker"
    processes.worker(["interactive"], "stall-next", concurrency=2, extra_env=env)
    run = wait_for(
        lambda: CheckRun.objects.filter(public_id=run_id, state="done").first(), 60, step=0.5, message="the verdict"
    )
    assert run.verdict == "secure" and run.attempts == 1
    print(
        f"stalled pool ({broker.name}): the worker exited {stalled:.1f} s after the check was submitted; "
        f"verdict {time.monotonic() - started:.1f} s after submission, with a new worker"
    )


@pytest.mark.parametrize("broker", ["embedded"], indirect=True)
def test_a_worker_whose_embedded_beat_died_exits(broker, lab_env, processes):
    """`worker -B` (python3 dev.py): Celery never starts a dead embedded beat again; the worker exits instead."""
    worker = processes.worker(["interactive"], "with-beat", extra_env={**lab_env, **broker.env}, embedded_beat=True)
    wait_for(lambda: "beat: Starting" in worker.log.read_text(), 30, message="the embedded beat")
    children = wait_for(lambda: len(pool_children(worker.pid)) == 2 and pool_children(worker.pid), 30, message="2")
    for child in children:  # the pool process and beat, which look alike from outside
        os.kill(child, signal.SIGKILL)
    killed = time.monotonic()
    assert worker.proc.wait(timeout=60) == 70
    assert "the embedded beat process" in worker.log.read_text()
    print(f"embedded beat killed ({broker.name}): the worker exited after {time.monotonic() - killed:.1f} s")


def test_r2_poison_check_is_tried_at_most_max_retries_plus_one_times(broker, lab_env, processes, generous_limits):
    env = {**lab_env, **broker.env, "DJANGO_SETTINGS_MODULE": HOOKED_SETTINGS, "CHECKER_TEST_ENGINE": "kill-self"}
    worker = processes.worker(["interactive"], "r2", extra_env=env)
    beat = processes.beat(broker.env)
    started = time.monotonic()
    response = Client().post("/api/v1/checks", {"domain": "alg13.test"}, content_type="application/json")
    run = wait_for(
        lambda: CheckRun.objects.filter(public_id=response.json()["id"], state="failed").first(),
        180,
        step=0.5,
        message="the poison run failed",
    )
    ended = time.monotonic() - started
    assert run.error == "worker_lost"
    assert run.attempts == 3, "max_retries (2) + 1 attempts"
    time.sleep(5)  # any message still circulating would be claimed (and counted) within this time
    run.refresh_from_db()
    assert run.state == "failed" and run.attempts == 3
    beat.stop()  # beat's own tick and sweep pass through the queue every 10 s
    wait_for(lambda: queue_length("interactive") == 0, 20, message="the queue is empty")
    assert worker.proc.poll() is None, "the worker survived three lost pool processes"
    print(f"R2 ({broker.name}): 3 attempts, failed as worker_lost {ended:.1f} s after submission; the queue is empty")


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
def broker_on(own_redis, settings):
    """Point this process's Celery app and its cache at the test's own Redis, with the shipped cache backend."""
    from portal.celery import app
    from portal.settings.base import redis_cache

    saved = app.conf.broker_url, dict(app.conf.broker_transport_options or {})
    switch_broker(own_redis.url, saved[1])
    settings.CACHES = redis_cache(own_redis.url, settings.CELERY_QUEUE_PREFIX)
    yield own_redis
    switch_broker(*saved)


def test_r3_redis_down_at_submission_answers_at_once_and_loses_nothing(
    broker_on, lab_env, processes, generous_limits, demo_content
):
    """Redis carries the broker and the cache: while it is down, pages are served without a cache, staff stay
    logged in (their idle trace is in the database too), and every check is kept and runs when it returns."""
    from django.contrib.auth import get_user_model

    redis_env = {"REDIS_URL": broker_on.url}
    processes.worker(["interactive"], "r3", extra_env={**lab_env, **redis_env})
    processes.beat(redis_env)
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("r3-admin", "r3-admin@example.jp", "x" * 16))
    pages = ["/ja/", "/en/", "/ja/check/", "/en/check/"]
    assert [Client().get(url).status_code for url in pages] == [200] * len(pages)
    assert staff.get("/admin/").status_code == 200

    broker_on.stop()
    times = []

    def timed(call, *args, **kwargs):
        started = time.monotonic()
        response = call(*args, **kwargs)
        times.append(time.monotonic() - started)
        return response

    assert [timed(Client().get, url).status_code for url in pages] == [200] * len(pages), "no 500 without Redis"
    assert timed(staff.get, "/admin/").status_code == 200, "staff are not logged out by the cache outage"
    client = Client()
    for number, zone in enumerate(SECURE_ZONES[:10]):
        language = ("ja", "en")[number % 2]
        response = timed(client.post, f"/{language}/check/", {"domain": zone})
        assert response.status_code == 302
        page = timed(client.get, response["Location"]).content.decode()
        busy = (
            "チェッカーが混み合っています。検査の依頼は記録済み"
            if language == "ja"
            else "The checker is busy. Your check is recorded"
        )
        assert busy in page
    # The visitors' checks (the demo content's logo evidence is kept as batch runs).
    visitors = CheckRun.objects.filter(queue="interactive")
    assert visitors.filter(state="queued", published=False).count() == 10
    assert max(times) < 2, f"a request waited {max(times):.1f} s on the stopped Redis (R3: 2 s)"

    broker_on.start()
    back = time.monotonic()
    wait_for(
        lambda: visitors.filter(state="done").count() == 10,
        60,
        step=0.5,
        message="10 results within 60 s of Redis coming back (R3)",
    )
    recovered = time.monotonic() - back
    assert visitors.count() == 10 and visitors.filter(attempts=1).count() == 10
    # The restarted Redis is empty: the staff session's trace comes from the database, then the cache again.
    assert staff.get("/admin/").status_code == 200 and staff.get("/admin/").status_code == 200
    assert [Client().get(url).status_code for url in pages] == [200] * len(pages)
    print(
        f"R3: {len(times)} requests with Redis down, the slowest {max(times):.2f} s; "
        f"10/10 done {recovered:.1f} s after Redis came back (recovered in {recovered:.1f} s)"
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


def test_a_running_run_without_heartbeat_is_taken_back(db, monkeypatch, settings):
    """A pool process that died stops the run's heartbeat: the sweeper and a redelivered message take it back."""
    from datetime import timedelta

    from django.utils import timezone

    sent = []
    monkeypatch.setattr(runs, "publish", lambda pk: sent.append(pk) or True)
    now = timezone.now()
    later = now + timedelta(seconds=60)
    stale = now - timedelta(seconds=13)
    fields = {"created": now, "deadline": later, "state": "running", "attempts": 1, "published": True, "worker": "w@h"}
    dead = CheckRun.objects.create(domain="dead.jp", heartbeat_at=stale, **fields)
    alive = CheckRun.objects.create(domain="alive.jp", heartbeat_at=now - timedelta(seconds=2), **fields)
    assert dead.is_retrying and not alive.is_retrying
    assert runs.claim(str(alive.public_id), "other@h") is None, "a live run is not claimed twice"
    counts = runs.sweep(now)
    assert sent == [dead.pk] and counts["requeued"] == 1
    dead.refresh_from_db()
    assert dead.state == "queued" and dead.is_retrying

    redelivered = CheckRun.objects.create(domain="again.jp", heartbeat_at=stale, **fields)
    claimed = runs.claim(str(redelivered.public_id), "other@h")
    assert claimed is not None and claimed.attempts == 2 and claimed.worker == "other@h" and claimed.is_retrying

    # The worker's main process saw its pool process die: queued and sent again at once.
    assert runs.take_back(str(alive.public_id), "w@h") is True
    alive.refresh_from_db()
    assert alive.state == "queued" and sent[-1] == alive.pk
    assert runs.take_back(str(alive.public_id), "w@h") is False, "only a running run is taken back"
    last = CheckRun.objects.create(domain="last.jp", heartbeat_at=now, **{**fields, "attempts": 3})
    assert runs.take_back(str(last.public_id), "w@h") is False
    last.refresh_from_db()
    assert last.state == "failed" and last.error == "worker_lost"


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
