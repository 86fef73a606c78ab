"""Real Celery workers against the test's own Redis database and queues."""

import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from portal.celery import app, queue_name
from portal.models import ServiceHeartbeat, TaskProbe
from portal.tasks import answer_probe
from tests import slots
from tests.celery_workers import WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    process = WorkerProcess(["interactive", "batch", "monitor"], name=f"w{slots.slot()}")
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


def test_this_process_uses_its_own_redis_database_and_queue_names():
    if settings.REDIS_URL:
        assert settings.REDIS_URL.endswith(f"/{slots.redis_db()}")
    assert queue_name("interactive") == f"t{slots.slot()}-interactive"
    assert {q.name for q in app.conf.task_queues} == {queue_name(q) for q in ("interactive", "batch", "monitor")}


def test_a_worker_answers_a_probe_row_written_by_the_test(worker):
    probe = TaskProbe.objects.create(queue=queue_name("batch"))
    answer_probe.apply_async((probe.pk,), queue=probe.queue)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        probe.refresh_from_db()
        if probe.answered_at:
            break
        time.sleep(0.1)
    assert probe.answered_at is not None
    assert probe.answered_by == worker.hostname


def test_check_workers_reports_every_queue_served(worker, capsys):
    call_command("check_workers", timeout=30)
    out = capsys.readouterr().out
    assert f"{queue_name('interactive')}: answered by {worker.hostname}" in out
    assert f"{queue_name('batch')}: answered by {worker.hostname}" in out
    assert f"{queue_name('monitor')}: answered by {worker.hostname}" in out


def test_healthz_sees_the_worker_heartbeat(worker):
    beat = ServiceHeartbeat.objects.get(name=worker.hostname)
    assert set(beat.queues) == {queue_name(q) for q in ("interactive", "batch", "monitor")}
    body = Client().get("/healthz").json()
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["workers"]["ok"] is True
    assert worker.hostname in [w["name"] for w in body["checks"]["workers"]["alive"]]


def test_healthz_without_workers_is_degraded_not_down():
    ServiceHeartbeat.objects.all().delete()
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert Client().get("/healthz?strict=1").status_code == 503
