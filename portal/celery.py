"""The Celery application.

Two queues, each served by its own worker processes in production:
`interactive` (a visitor waits for it) and `batch` (bulk work). Queue names
carry CELERY_QUEUE_PREFIX so that parallel test processes never share work.
"""

import os
from pathlib import Path

from celery import Celery, bootsteps
from celery.beat import PersistentScheduler
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")


def queue_name(kind: str) -> str:
    from django.conf import settings

    return f"{settings.CELERY_QUEUE_PREFIX}{kind}"


@app.on_after_configure.connect
def configure_queues(sender, **kwargs):
    interactive, batch = queue_name("interactive"), queue_name("batch")
    sender.conf.task_queues = [Queue(interactive), Queue(batch)]
    sender.conf.task_default_queue = interactive
    sender.conf.beat_schedule = {
        "beat-tick": {
            "task": "portal.tasks.beat_tick",
            "schedule": 10.0,
            "options": {"queue": interactive, "expires": 10.0},
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

        beat_once()
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, beat_once)

    def stop(self, worker):
        if getattr(self, "tref", None):
            self.tref.cancel()


app.steps["worker"].add(HeartbeatStep)


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
