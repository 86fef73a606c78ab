"""Celery tasks of the checker: one check, the sweeper, and the sweep at worker start."""

import dataclasses
import logging
import queue
import threading
import time

from billiard.exceptions import TimeLimitExceeded, WorkerLostError
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from celery.worker.request import Request
from django.db import close_old_connections, connections

from checker import conf, runs
from checker.models import CheckRun

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
    task's) writes them, at most every PROGRESS_WRITE_SECONDS, and at least
    every conf.HEARTBEAT_SECONDS (`write_progress(None)`: the heartbeat alone).
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
    last_write = time.monotonic()
    while True:
        thread.join(PROGRESS_WRITE_SECONDS)
        while not events.empty():
            received.append(events.get())
        if not thread.is_alive():
            break
        if len(received) > written:
            write_progress(list(received))
            written = len(received)
            last_write = time.monotonic()
        elif time.monotonic() - last_write >= conf.HEARTBEAT_SECONDS:
            write_progress(None)
            last_write = time.monotonic()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["report"], received


class CheckRequest(Request):
    """A check's request in the worker's main process: its time limits, and what a lost pool process means.

    The time limits are this worker's configuration (CHECKER_HARD_LIMIT), read when the check
    starts; limits carried by the message (a publisher's configuration) are ignored.
    When the pool process running the check dies (SIGKILL, out of memory) or is killed at the hard
    limit, this process notices at once: the run is queued again (or closed) here, instead of
    waiting for its heartbeat to go stale.
    """

    @property
    def time_limits(self):
        return (conf.hard_limit() + 5, conf.hard_limit())

    @time_limits.setter
    def time_limits(self, value):
        pass  # the message's limits: not the worker's, ignored

    def on_failure(self, exc_info, send_failed_event=True, return_ok=False):
        error = getattr(exc_info.exception, "exc", exc_info.exception)  # ExceptionWithTraceback
        if isinstance(error, WorkerLostError | TimeLimitExceeded):
            try:
                close_old_connections()
                public_id = str(self.args[0])
                if isinstance(error, TimeLimitExceeded):
                    run = CheckRun.objects.filter(public_id=public_id, worker=self.hostname[:200]).first()
                    if run is not None and run.state == CheckRun.State.RUNNING:
                        runs.fail(run, "time_limit")
                else:
                    log.warning(
                        "check %s lost its pool process; taken back: %s",
                        public_id,
                        runs.take_back(public_id, self.hostname),
                    )
            except Exception:
                log.exception("taking back check %s failed; the sweeper will", self.args)
        return super().on_failure(exc_info, send_failed_event=send_failed_event, return_ok=return_ok)


@shared_task(name="checker.run_check", bind=True, Request=CheckRequest)
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
