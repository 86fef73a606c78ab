"""Beat erases the client hash of old runs: the task is registered and on the schedule, every minute."""

from portal.celery import app, queue_name
from resolvertest import runs


def test_beat_sends_the_erasure_every_minute_on_the_batch_queue():
    entry = app.conf.beat_schedule["resolvertest-forget-client-hashes"]
    assert entry == {
        "task": "resolvertest.forget_client_hashes",
        "schedule": 60.0,
        "options": {"queue": queue_name("batch"), "expires": 60.0},
    }
    assert app.tasks["resolvertest.forget_client_hashes"].name == runs.forget_client_hashes_task.name
