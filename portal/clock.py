"""The portal's one clock for time-driven work: certificate re-checks and their periods, and the scheduler.

`now()` is the real time plus an offset kept in the database, so that every process (web, every
Celery worker, beat) reads the same moved time. Tests and demos move it with `advance()` or
`manage.py clock`. Under the production settings the offset is never read (nor set): a
deployment reads the real time, whatever a copied database holds. freezegun would not reach a
worker, and sleeping through a 14-day grace period is not a test.
"""

from datetime import datetime, timedelta

from django.utils import timezone


def offset() -> timedelta:
    from checker.conf import is_production
    from portal.models import ClockOffset

    if is_production():
        return timedelta(0)
    seconds = ClockOffset.objects.filter(pk=1).values_list("seconds", flat=True).first()
    return timedelta(seconds=seconds or 0)


def now() -> datetime:
    return timezone.now() + offset()


def advance(delta: timedelta) -> datetime:
    """Move every process's clock forward by `delta` (backwards when negative); returns the new now."""
    from portal.models import ClockOffset

    moved = offset() + delta
    ClockOffset.objects.update_or_create(pk=1, defaults={"seconds": moved.total_seconds()})
    return timezone.now() + moved


def reset() -> None:
    from portal.models import ClockOffset

    ClockOffset.objects.filter(pk=1).delete()
