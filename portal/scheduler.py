"""One scheduler for every recurring piece of work (certificate re-checks first; watched domains,
campaigns and scheduled publishing later).

A feature registers a kind: the Celery task that does the work, its queue and how often. Each
subject (a certificate, a watched domain, …) that needs it has one `ScheduledJob` row with its due
time. Beat calls `dispatch()`: every due row is claimed with a conditional update on its due time,
so that of two beats (or two ticks that overlap) exactly one sends the task. The database keeps the
schedule, so a restart, a lost message or a second beat neither skips nor doubles a run: a task
whose message is lost runs again at the next due time.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from portal import clock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    task: str  # the Celery task's name; it is sent the subject's id
    queue: str  # "monitor" for re-checks: a long batch never delays them
    every: timedelta


KINDS: dict[str, Kind] = {}


def register(kind: str, *, task: str, queue: str, every: timedelta) -> None:
    KINDS[kind] = Kind(task=task, queue=queue, every=every)


def schedule(kind: str, subject_id: int, due_at: datetime | None = None) -> None:
    """Make `subject_id` due at `due_at` (now when None); one row per subject and kind."""
    from portal.models import ScheduledJob

    ScheduledJob.objects.update_or_create(kind=kind, subject_id=subject_id, defaults={"due_at": due_at or clock.now()})


def unschedule(kind: str, subject_id: int) -> None:
    from portal.models import ScheduledJob

    ScheduledJob.objects.filter(kind=kind, subject_id=subject_id).delete()


def due_at(kind: str, subject_id: int) -> datetime | None:
    from portal.models import ScheduledJob

    return ScheduledJob.objects.filter(kind=kind, subject_id=subject_id).values_list("due_at", flat=True).first()


def dispatch(limit: int = 500) -> int:
    """Send the task of every due job of a registered kind, each at most once; returns how many were sent."""
    from portal.celery import app, queue_name
    from portal.models import ScheduledJob

    now = clock.now()
    sent = 0
    due = ScheduledJob.objects.filter(kind__in=KINDS, due_at__lte=now).order_by("due_at")[:limit]
    for job in list(due):
        kind = KINDS[job.kind]
        claimed = ScheduledJob.objects.filter(pk=job.pk, due_at=job.due_at).update(
            due_at=now + kind.every, claimed_at=now
        )
        if not claimed:
            continue  # another beat claimed it first
        try:
            app.send_task(kind.task, (job.subject_id,), queue=queue_name(kind.queue))
        except Exception as error:  # the broker is down: due again at the next tick
            ScheduledJob.objects.filter(pk=job.pk).update(due_at=job.due_at)
            log.warning("scheduled %s %s not sent: %s", job.kind, job.subject_id, error)
            continue
        sent += 1
    return sent
