"""Queues: an interactive check overtakes a 200-name batch (order, not timing); the schedule respects R5."""

import pytest
from django.core.management import call_command
from django.test import Client

from checker import conf, runs
from checker.lab import CONDITIONS
from checker.models import CheckRun
from tests.checker.portal.conftest import wait_for

ZONES = [c.check_name.rstrip(".") for c in CONDITIONS.values() if c.trust_anchor == "default"]


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_interactive_check_finishes_before_a_200_name_batch(lab_env, processes, tmp_path):
    processes.worker(["batch"], "batch", extra_env=lab_env)
    processes.worker(["interactive"], "interactive", extra_env=lab_env)
    names = tmp_path / "names.txt"
    names.write_text("\n".join(ZONES[i % len(ZONES)] for i in range(200)) + "\n")
    call_command("checker_batch", str(names))
    assert CheckRun.objects.filter(queue="batch").count() == 200
    wait_for(lambda: CheckRun.objects.filter(queue="batch", state="done").exists(), 60, message="the batch started")

    response = Client().post("/api/v1/checks", {"domain": "alg13.test"}, content_type="application/json")
    interactive = wait_for(
        lambda: CheckRun.objects.filter(public_id=response.json()["id"], state="done").first(),
        90,
        message="the interactive check done",
    )
    batch_done_by_then = CheckRun.objects.filter(
        queue="batch", state="done", finished__lte=interactive.finished
    ).count()
    assert batch_done_by_then < 200, "the interactive check did not wait for the batch"
    wait_for(
        lambda: CheckRun.objects.filter(queue="batch", state="done").count() == 200,
        600,
        step=1,
        message="the batch done",
    )
    after = CheckRun.objects.filter(queue="batch", finished__gt=interactive.finished).count()
    assert after > 0 and CheckRun.objects.filter(state="failed").count() == 0
    print(
        f"ordering: interactive check done after {batch_done_by_then} of 200 batch checks; "
        f"{after} batch checks finished after it"
    )


def test_r5_no_delay_outlives_the_visibility_timeout(db, monkeypatch):
    """Every beat entry expires before its next run and within the visibility timeout; publishing never delays."""
    from portal.celery import app

    schedule = app.conf.beat_schedule
    assert "checker-sweep" in schedule
    for name, entry in schedule.items():
        interval = float(entry["schedule"])
        assert interval < conf.visibility_timeout(), name
        expires = entry.get("options", {}).get("expires")
        assert expires is not None and float(expires) <= interval, f"{name} could run twice after a stalled beat"

    calls = []
    from checker import tasks

    monkeypatch.setattr(tasks.run_check, "apply_async", lambda *args, **kwargs: calls.append(kwargs))
    run = runs.submit("r5.example.jp", address="192.0.2.55").run
    runs.publish(run.pk)
    runs.submit_batch(["a.example.jp", "b.example.jp"])
    CheckRun.objects.update(created=run.created.replace(year=2000), deadline=run.created.replace(year=2000))
    runs.sweep()
    assert calls, "publishing was exercised"
    for kwargs in calls:
        assert "countdown" not in kwargs and "eta" not in kwargs
        assert kwargs.get("retry") is False


def test_task_time_limits_are_the_workers_configuration(db, monkeypatch, settings):
    """The limits are read by the worker when a check starts: a message (a publisher's settings) carries none."""
    from celery.worker.request import Request

    from checker import tasks

    assert tasks.run_check.time_limit is None and tasks.run_check.soft_time_limit is None
    assert issubclass(tasks.run_check.Request, Request)
    assert conf.hard_limit() == 60 and conf.visibility_timeout() == 120 and conf.sweep_interval() == 10
    request = tasks.CheckRequest.__new__(tasks.CheckRequest)
    assert request.time_limits == (65, 60)
    request.time_limits = [3, 2]  # what a message of another process's settings would say
    assert request.time_limits == (65, 60)
    settings.CHECKER_HARD_LIMIT = 7
    assert request.time_limits == (12, 7)

    calls = []
    monkeypatch.setattr(tasks.run_check, "apply_async", lambda *args, **kwargs: calls.append(kwargs))
    runs.publish(runs.submit("limits.example.jp", address="192.0.2.56").run.pk)
    assert calls[0]["time_limit"] is None and calls[0]["soft_time_limit"] is None


def test_changed_time_limits_do_not_leak_into_later_tests():
    """The test above changed CHECKER_HARD_LIMIT through pytest-django's settings; nothing kept it."""
    from checker import tasks

    assert conf.hard_limit() == 60
    assert tasks.CheckRequest.__new__(tasks.CheckRequest).time_limits == (65, 60)
