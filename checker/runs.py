"""Submitting, claiming, finishing and sweeping check runs.

The row is committed before its task is published; a worker claims the row
with a conditional update, so a run never executes twice at once; the
sweeper takes back runs whose task or worker was lost (every broker,
including the embedded one that does not redeliver after a killed worker).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q

from checker import catalog, conf, signals
from checker.engine.report import stored_severity
from checker.models import CheckRun
from portal import clock

log = logging.getLogger(__name__)
# A run created this recently may still be inside its request's on_commit publish.
PUBLISH_GRACE = timedelta(seconds=2)
HEARTBEAT_STALE = timedelta(seconds=conf.HEARTBEAT_STALE_SECONDS)


def lost_running(now) -> Q:
    """Running runs whose process is gone: no heartbeat for HEARTBEAT_STALE, or past the hard limit."""
    return Q(state=CheckRun.State.RUNNING) & (Q(deadline__lt=now) | Q(heartbeat_at__lt=now - HEARTBEAT_STALE))


def client_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), (address or "").encode(), hashlib.sha256).hexdigest()[:32]


@dataclass
class Submission:
    run: CheckRun | None
    reused: bool = False
    limited: str = ""  # "concurrent" or "per_minute" when refused
    retry_after: int = 0


def reusable_run(domain: str, now=None) -> CheckRun | None:
    """A queued or running run of the domain, or one done within the reuse window."""
    now = now or clock.now()
    window = timedelta(seconds=conf.reuse_window())
    return (
        CheckRun.objects.filter(domain=domain, queue=CheckRun.Queue.INTERACTIVE)
        .filter(
            Q(state__in=(CheckRun.State.QUEUED, CheckRun.State.RUNNING))
            | Q(state=CheckRun.State.DONE, finished__gte=now - window)
        )
        .order_by("-created")
        .first()
    )


def reuse_times(run: CheckRun) -> tuple:
    """(the run's time, from when asking again without `fresh` makes a new check) for a reused run.

    A finished run: when it finished, and the end of the reuse window. A queued or running one: when it
    started (or was requested), and None: every request is given this run until it has finished.
    """
    if run.is_finished:
        moment = run.finished or run.created
        return moment, moment + timedelta(seconds=conf.reuse_window())
    return run.started or run.created, None


def lock_client(digest: str) -> None:
    # Serialises one client's submissions so that two parallel requests cannot both pass the limit.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])


def retry_after_a_minute(oldest, now) -> int:
    """Seconds until the oldest of a minute's requests leaves the minute (at least 1): a per-minute limit's wait."""
    return max(1, math.ceil((oldest + timedelta(seconds=60) - now).total_seconds()))


def _limit(digest: str, now) -> tuple[str, int]:
    active = CheckRun.objects.filter(client_hash=digest, state__in=(CheckRun.State.QUEUED, CheckRun.State.RUNNING))
    if active.count() >= conf.rate_concurrent():
        return "concurrent", 10
    recent = CheckRun.objects.filter(client_hash=digest, created__gte=now - timedelta(seconds=60)).order_by("created")
    if recent.count() >= conf.rate_per_minute():
        oldest = recent.values_list("created", flat=True).first()
        return "per_minute", retry_after_a_minute(oldest, now)
    return "", 0


def submit(domain: str, *, query: str = "", fresh: bool = False, user=None, address: str = "") -> Submission:
    """Record a check (or find one to reuse) and publish its task once the row is committed."""
    now = clock.now()
    digest = client_hash(address)
    with transaction.atomic():
        lock_client(digest)
        existing = reusable_run(domain, now)
        if existing and (not fresh or not existing.is_finished):
            return Submission(existing, reused=True)
        limited, retry_after = _limit(digest, now)
        if limited:
            return Submission(None, limited=limited, retry_after=retry_after)
        run = CheckRun.objects.create(
            domain=domain,
            query=query[:300],
            fresh=fresh,
            created=now,
            deadline=now + timedelta(seconds=conf.queued_timeout()),
            user=user if user is not None and user.is_authenticated else None,
            client_hash=digest,
        )
        transaction.on_commit(lambda: publish(run.pk))
    return Submission(run)


def submit_batch(domains: list[str], *, user=None, queue: str = CheckRun.Queue.BATCH) -> list[CheckRun]:
    """Bulk checks (on the batch queue, or the monitor queue for the scheduler's re-checks): no reuse,
    no per-client limit, one row each."""
    now = clock.now()
    with transaction.atomic():
        runs = CheckRun.objects.bulk_create(
            [
                CheckRun(
                    domain=domain,
                    query=domain,
                    queue=queue,
                    created=now,
                    deadline=now + timedelta(seconds=conf.queued_timeout()),
                    user=user,
                )
                for domain in domains
            ]
        )
        ids = [run.pk for run in runs]  # PostgreSQL and SQLite 3.35+ return the new keys
        transaction.on_commit(lambda: [publish(pk) for pk in ids])
    return runs


def publish(pk: int) -> bool:
    """Hand the run's task to the broker; on failure the row stays unpublished and the sweeper re-sends it."""
    from checker.tasks import run_check
    from portal.celery import send_at_once

    run = CheckRun.objects.filter(pk=pk).only("public_id", "queue").first()
    if run is None:
        return False
    try:
        # A visitor must not wait on a broker that is down (R3).  No time limits in the message: they are
        # the worker's configuration (checker.tasks.CheckRequest).
        send_at_once(run_check, (str(run.public_id),), run.queue, time_limit=None, soft_time_limit=None)
    except Exception as error:  # an unreachable broker (portal.celery.broker_at_once)
        log.warning("check run %s not published: %s", run.public_id, error)
        return False
    CheckRun.objects.filter(pk=pk, published=False).update(published=True)
    return True


def unpublish(public_ids: list[str]) -> int:
    """Queued runs whose messages a stalled worker holds: the next sweep sends them again at once."""
    return CheckRun.objects.filter(public_id__in=public_ids, state=CheckRun.State.QUEUED).update(published=False)


def claim(public_id: str, worker: str) -> CheckRun | None:
    """Take a queued run (or a running one whose process is gone) for this worker; None if another has it."""
    now = clock.now()
    deadline = now + timedelta(seconds=conf.hard_limit() + conf.kill_grace())
    taken = (
        CheckRun.objects.filter(public_id=public_id)
        .filter(Q(state=CheckRun.State.QUEUED) | lost_running(now))
        .update(
            state=CheckRun.State.RUNNING,
            started=now,
            heartbeat_at=now,
            deadline=deadline,
            attempts=F("attempts") + 1,
            worker=worker[:200],
            progress=[],
            published=True,
        )
    )
    if not taken:
        return None
    run = CheckRun.objects.get(public_id=public_id)
    if run.attempts > conf.max_attempts():
        fail(run, "worker_lost")
        return None
    return run


def save_progress(run: CheckRun, events: list | None) -> None:
    """The engine's events so far (None: unchanged) and the run's heartbeat, for this attempt only."""
    fields = {"heartbeat_at": clock.now()}
    if events is not None:
        fields["progress"] = events
    CheckRun.objects.filter(pk=run.pk, state=CheckRun.State.RUNNING, attempts=run.attempts).update(**fields)


def take_back(public_id: str, worker: str) -> bool:
    """The worker's pool process running this check died: queue the run again at once and re-send it.

    Called in the worker's main process (checker.tasks.CheckRequest), which notices the death
    at once; the heartbeat and the sweeper cover the case where the main process died as well.
    """
    run = CheckRun.objects.filter(public_id=public_id, state=CheckRun.State.RUNNING, worker=worker[:200]).first()
    if run is None:
        return False
    if run.attempts >= conf.max_attempts():
        fail(run, "worker_lost")
        return False
    now = clock.now()
    if not CheckRun.objects.filter(pk=run.pk, state=CheckRun.State.RUNNING, attempts=run.attempts).update(
        state=CheckRun.State.QUEUED, deadline=now + timedelta(seconds=conf.queued_timeout())
    ):
        return False
    return publish(run.pk)


def worst_severity(report: dict) -> str:
    """The most severe of the report's own findings ("" when it has none)."""
    severities = [stored_severity(finding) for finding in report.get("findings", [])]
    return min(severities, key=catalog.severity_rank, default="")


def finish(run: CheckRun, report: dict, events: list) -> bool:
    """Store the report, unless the run was taken back meanwhile (then this attempt's result is dropped)."""
    worst = worst_severity(report)
    stored = CheckRun.objects.filter(pk=run.pk, state=CheckRun.State.RUNNING, attempts=run.attempts).update(
        state=CheckRun.State.DONE,
        finished=clock.now(),
        report=report,
        verdict=report.get("verdict", ""),
        worst_severity=worst,
        progress=events,
        error="",
    )
    if stored:
        _ended(run.pk)
    return bool(stored)


def fail(run: CheckRun, reason: str) -> None:
    if (
        CheckRun.objects.filter(pk=run.pk)
        .exclude(state__in=(CheckRun.State.DONE, CheckRun.State.FAILED))
        .update(state=CheckRun.State.FAILED, finished=clock.now(), error=reason[:200])
    ):
        _ended(run.pk)


def _ended(pk: int) -> None:
    """Tell the listeners (the logo's evidence rounds); a listener's fault never undoes the run's end."""
    run = CheckRun.objects.get(pk=pk)
    for _receiver, result in signals.run_ended.send_robust(sender=CheckRun, run=run):
        if isinstance(result, Exception):
            log.error("a listener of run %s's end failed: %r", run.public_id, result)


def sweep(now=None) -> dict:
    """Re-send lost work and close what cannot finish. Safe to run anywhere, any number of times."""
    now = now or clock.now()
    counts = {"resent": 0, "requeued": 0, "failed": 0, "forgotten": 0}
    # Worker died (or task lost) mid-run: no heartbeat for a while, or past the hard limit.
    for run in CheckRun.objects.filter(lost_running(now)):
        if run.attempts >= conf.max_attempts():
            fail(run, "worker_lost")
            counts["failed"] += 1
            continue
        if CheckRun.objects.filter(lost_running(now), pk=run.pk, attempts=run.attempts).update(
            state=CheckRun.State.QUEUED, deadline=now + timedelta(seconds=conf.queued_timeout())
        ):
            counts["requeued"] += publish(run.pk)
    # Never published (broker down at submission), or queued past its deadline (message lost).
    stale = CheckRun.objects.filter(state=CheckRun.State.QUEUED).filter(
        Q(published=False, created__lt=now - PUBLISH_GRACE) | Q(deadline__lt=now)
    )
    for pk in stale.values_list("pk", flat=True):
        if publish(pk):
            CheckRun.objects.filter(pk=pk, state=CheckRun.State.QUEUED).update(
                deadline=now + timedelta(seconds=conf.queued_timeout())
            )
            counts["resent"] += 1
    counts["forgotten"] = (
        CheckRun.objects.filter(created__lt=now - timedelta(hours=conf.client_hash_hours()))
        .exclude(client_hash="")
        .update(client_hash="")
    )
    return counts
