"""Staff sessions last at most ACCOUNTS_STAFF_SESSION_MAX_AGE, or ACCOUNTS_STAFF_SESSION_IDLE idle.

Django already gives a new session id at login and deletes the session row at
logout. At a staff login the session's own expiry is set to the absolute
limit, so the row and the cookie end by then even if nobody comes back. The
middleware ends a staff session on the server (flush) once either bound has
passed. The time of the last request is kept in the cache, not in the
session: writing the session on every request would let two concurrent
requests overwrite each other's session data (Wagtail's preview keeps its
form there). The database keeps the same trace (members.StaffSessionTrace),
written at most every TRACE_WRITE_SECONDS: when the cache is unreachable or
lost its data, that row decides, so a Redis outage does not log staff out.
With no trace in either (idle too long), the session ends: the limit fails
closed (docs/RELIABILITY.md, S11).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.cache import cache

LOGIN_AT = "members_login_at"
TRACE_WRITE_SECONDS = 60  # how stale the database's trace may be while the cache works
PREFIX = "members:staff-seen:"


def seen_key(session_key):
    return PREFIX + hashlib.sha256(session_key.encode()).hexdigest()


def _trace_id(key):
    return key.removeprefix(PREFIX)


def last_seen(key):
    """The last request's time: the cache's, else the database's (cache down or emptied), else None."""
    from members.models import StaffSessionTrace

    seen_at = cache.get(key)
    if seen_at is None:
        seen_at = StaffSessionTrace.objects.filter(key=_trace_id(key)).values_list("seen_at", flat=True).first()
        return seen_at, True
    return seen_at, False


def record_seen(key, now, *, cache_missed):
    from members.models import StaffSessionTrace

    cache.set(key, now, timeout=idle_seconds())
    if cache_missed:
        StaffSessionTrace.objects.update_or_create(key=_trace_id(key), defaults={"seen_at": now})
    else:
        StaffSessionTrace.objects.filter(key=_trace_id(key), seen_at__lt=now - TRACE_WRITE_SECONDS).update(seen_at=now)


def forget_seen(key):
    from members.models import StaffSessionTrace

    cache.delete(key)
    StaffSessionTrace.objects.filter(key=_trace_id(key)).delete()


def idle_seconds():
    return int(settings.ACCOUNTS_STAFF_SESSION_IDLE.total_seconds())


def max_age_seconds():
    return int(settings.ACCOUNTS_STAFF_SESSION_MAX_AGE.total_seconds())


def mark_login(request, user):
    """Called at every login (user_logged_in), after Django gave the session its new id."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    if user.is_staff:
        request.session.set_expiry(max_age_seconds())
        if request.session.session_key is None:
            request.session.save()
        from members.models import StaffSessionTrace

        # Traces of sessions that ended without a logout, past any session's life.
        StaffSessionTrace.objects.filter(seen_at__lt=now - max_age_seconds()).delete()
        record_seen(seen_key(request.session.session_key), now, cache_missed=True)


class StaffSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            self.bound(request)
        return self.get_response(request)

    @staticmethod
    def bound(request):
        now = int(time.time())
        session = request.session
        login_at = session.get(LOGIN_AT)
        key = seen_key(session.session_key or "")
        seen_at, cache_missed = last_seen(key)
        if (
            login_at is None
            or seen_at is None
            or now - login_at >= max_age_seconds()
            or now - seen_at >= idle_seconds()
        ):
            forget_seen(key)
            logout(request)
            return
        record_seen(key, now, cache_missed=cache_missed)
