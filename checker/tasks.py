"""Celery tasks of the checker: one check, the sweeper, and the sweep at worker start."""
import dataclasses
import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import close_old_connections, connections

from checker import conf, runs

log = logging.getLogger(__name__)
PROGRESS_WRITE_SECONDS = 0.3  # at most about three progress writes a second per run


def run_engine(domain: str, on_event):
    """One engine check with the configured options; returns the report as a dict."""
    from checker.engine.api import check_sync

    options = conf.engine_options()
    options = dataclasses.replace(options, limits=dataclasses.replace(options.limits, deadline=max(5, conf.hard_limit() - 5)))
    return check_sync(domain, options=options, now=conf.now_reference(), on_event=on_event).to_dict()


@shared_task(name="checker.run_check", bind=True, soft_time_limit=conf.hard_limit(), time_limit=conf.hard_limit() + 5)
def run_check(self, public_id: str):
    run = runs.claim(public_id, self.request.hostname or "")
    if run is None:
        return
    events = []
    last_write = [0.0]

    def on_event(event):
        events.append(event)
        if time.monotonic() - last_write[0] >= PROGRESS_WRITE_SECONDS:
            last_write[0] = time.monotonic()
            runs.save_progress(run, events)

    try:
        report = run_engine(run.domain, on_event)
    except SoftTimeLimitExceeded:
        runs.fail(run, "time_limit")
        return
    except Exception as error:  # the engine's own failure must end the run, not leave it running
        log.exception("check %s failed", public_id)
        runs.fail(run, f"engine_error:{type(error).__name__}")
        return
    runs.finish(run, report, events)


@shared_task(name="checker.sweep")
def sweep():
    return runs.sweep()


@worker_ready.connect
def sweep_at_worker_start(sender=None, **kwargs):
    """A new worker first takes back what a dead one left (the embedded broker never redelivers it)."""
    try:
        close_old_connections()
        log.info("checker sweep at worker start: %s", runs.sweep())
    except Exception:
        log.exception("checker sweep at worker start failed")
    finally:
        # The pool's processes must not share this process's database connection.
        connections.close_all()
