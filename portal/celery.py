"""The Celery application.

Three queues, each served by its own worker processes in production:
`interactive` (a visitor waits for it), `batch` (bulk work) and `monitor`
(the scheduler's recurring re-checks, which a long batch must never delay). Queue names
carry CELERY_QUEUE_PREFIX so that parallel test processes never share work.
"""

import contextlib
import logging
import os
import time
from pathlib import Path

from celery import Celery, bootsteps
from celery.beat import PersistentScheduler
from celery.signals import task_received
from kombu import Queue

log = logging.getLogger(__name__)
# A task received while the pool has a free process, and not taken by any for this long, means a
# stalled pool (README, "Embedded broker"): the worker then exits, to be started again.
POOL_STALL_SECONDS = 30
_received: dict[str, float] = {}  # request id -> when this worker's main process received it
# How often beat publishes the pages whose go-live time has come: a scheduled page goes live within this.
PUBLISH_SCHEDULED_SECONDS = 30.0

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")


def queue_name(kind: str) -> str:
    from django.conf import settings

    return f"{settings.CELERY_QUEUE_PREFIX}{kind}"


@contextlib.contextmanager
def broker_at_once():
    """A connection for sending now: one attempt of at most a second and no retry, so that no request
    waits on a broker that is down (docs/RELIABILITY.md, R3).  Kombu raises many types for an
    unreachable broker: callers catch Exception, and a sweeper sends later what did not go."""
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, interval_max=0, timeout=1)
        yield connection


def send_at_once(task, args: tuple, queue: str, **options) -> None:
    """One task message through broker_at_once() to the queue of kind `queue`; raises if the broker is unreachable."""
    with broker_at_once() as connection:
        task.apply_async(args, queue=queue_name(queue), retry=False, connection=connection, **options)


@app.on_after_configure.connect
def configure_queues(sender, **kwargs):
    interactive, batch, monitor = queue_name("interactive"), queue_name("batch"), queue_name("monitor")
    sender.conf.task_queues = [Queue(interactive), Queue(batch), Queue(monitor)]
    sender.conf.task_default_queue = interactive
    sender.conf.beat_schedule = {
        "beat-tick": {
            "task": "portal.tasks.beat_tick",
            "schedule": 10.0,
            "options": {"queue": interactive, "expires": 10.0},
        },
        # portal.scheduler: sends what is due; a tick that expires unsent loses nothing (the rows stay due).
        "dispatch-due": {
            "task": "portal.tasks.dispatch_due",
            "schedule": 30.0,
            "options": {"queue": monitor, "expires": 30.0},
        },
        # Wagtail publishes a page at its go-live time (and unpublishes it at its expiry) only when its
        # publish_scheduled command runs: nothing else runs it.
        "publish-scheduled": {
            "task": "portal.tasks.publish_scheduled",
            "schedule": PUBLISH_SCHEDULED_SECONDS,
            "options": {"queue": batch, "expires": PUBLISH_SCHEDULED_SECONDS},
        },
    }


class HeartbeatStep(bootsteps.StartStopStep):
    """Writes this worker's heartbeat row every WORKER_HEARTBEAT_SECONDS.

    The embedded SQLite broker cannot be pinged for workers, so /healthz
    reads these rows instead.
    """

    requires = {"celery.worker.components:Timer"}

    def start(self, worker):
        from django.conf import settings

        from portal.tasks import write_heartbeat

        queues = sorted(worker.app.amqp.queues.consume_from)

        def beat_once():
            write_heartbeat(worker.hostname, queues)
            exit_if_pool_stalled(worker)
            exit_if_embedded_beat_died(worker)

        beat_once()
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, beat_once)

    def stop(self, worker):
        if getattr(self, "tref", None):
            self.tref.cancel()


app.steps["worker"].add(HeartbeatStep)


@task_received.connect
def note_received(request=None, **kwargs):
    _received[request.id] = time.monotonic()


def stalled_requests(concurrency, now=None):
    """Requests waiting for a pool process longer than POOL_STALL_SECONDS while one was free."""
    from celery.worker import state

    now = time.monotonic() if now is None else now
    waiting = [r for r in list(state.reserved_requests) if r not in state.active_requests]
    for key in set(_received) - {r.id for r in waiting}:
        _received.pop(key, None)
    if len(list(state.active_requests)) >= concurrency:
        return []
    return [r for r in waiting if now - _received.get(r.id, now) > POOL_STALL_SECONDS]


def exit_if_embedded_beat_died(worker):
    """`worker -B` (as python3 dev.py runs it) embeds beat as a child process that Celery never starts
    again: without it no sweep and no tick is sent. Exit, so that the worker and its beat start again."""
    from celery.worker import state

    beat = getattr(worker, "beat", None)
    if beat is None or not hasattr(beat, "is_alive") or beat.pid is None or beat.is_alive():
        return
    if state.should_stop not in (None, False) or state.should_terminate not in (None, False):
        return  # shutting down: the worker stopped it
    log.critical("the embedded beat process (pid %s) ended: exiting", beat.pid)
    logging.shutdown()
    os._exit(70)


def exit_if_pool_stalled(worker):
    """On the embedded broker's threaded pool, a killed idle pool process can leave the rest waiting for
    a lock forever: the worker takes messages and runs nothing. Exit, so that dev.py (or the service
    manager) starts it again; the checks it held are marked unpublished, and the new worker's sweep
    sends them again at once."""
    stalled = stalled_requests(worker.concurrency)
    if not stalled:
        return
    log.critical(
        "the pool has taken none of %d waiting task(s) for %d s although a process is free: exiting",
        len(stalled),
        POOL_STALL_SECONDS,
    )
    try:
        from checker.runs import unpublish

        unpublish([str(r.args[0]) for r in stalled if r.name == "checker.run_check" and r.args])
    finally:
        logging.shutdown()
        os._exit(70)


class Scheduler(PersistentScheduler):
    """Celery's file-backed beat scheduler, which first makes its file's folder (a fresh checkout has no var/)."""

    def setup_schedule(self):
        folder = Path(self.schedule_filename).resolve().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SystemExit(
                f"beat cannot keep its schedule in {folder} ({error.strerror}): "
                "set PORTAL_VAR_DIR to a writable folder, or give beat -s FILE."
            ) from None
        super().setup_schedule()


app.autodiscover_tasks()
