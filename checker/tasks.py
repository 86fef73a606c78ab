"""Celery tasks of the checker: one check, the sweeper, and the sweep at worker start."""

import dataclasses
import logging
import queue
import threading

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
    options = dataclasses.replace(
        options, limits=dataclasses.replace(options.limits, deadline=max(5, conf.hard_limit() - 5))
    )
    return check_sync(domain, options=options, now=conf.now_reference(), on_event=on_event).to_dict()


def run_engine_on_thread(domain: str, write_progress) -> tuple[dict, list]:
    """Run the engine on a thread of its own and write its progress from this one.

    The engine runs an asyncio loop, and Django refuses ORM calls on a thread
    that runs one; so the engine's events cross a queue, and this thread (the
    task's) writes them, at most every PROGRESS_WRITE_SECONDS.
    """
    events: queue.SimpleQueue = queue.SimpleQueue()
    outcome = {}

    def engine():
        try:
            outcome["report"] = run_engine(domain, events.put)
        except BaseException as error:  # handed to the task's thread, which decides
            outcome["error"] = error

    thread = threading.Thread(target=engine, name=f"engine-{domain}"[:60], daemon=True)
    thread.start()
    received, written = [], 0
    while True:
        thread.join(PROGRESS_WRITE_SECONDS)
        while not events.empty():
            received.append(events.get())
        if not thread.is_alive():
            break
        if len(received) > written:
            write_progress(list(received))
            written = len(received)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["report"], received


@shared_task(name="checker.run_check", bind=True, soft_time_limit=conf.hard_limit(), time_limit=conf.hard_limit() + 5)
def run_check(self, public_id: str):
    run = runs.claim(public_id, self.request.hostname or "")
    if run is None:
        return
    try:
        report, events = run_engine_on_thread(run.domain, lambda events: runs.save_progress(run, events))
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
