"""Staff sessions last at most ACCOUNTS_STAFF_SESSION_MAX_AGE, or ACCOUNTS_STAFF_SESSION_IDLE idle.

Django already gives a new session id at login and deletes the session row at
logout. At a staff login the session's own expiry is set to the absolute
limit, so the row and the cookie end by then even if nobody comes back. The
middleware ends a staff session on the server (flush) once either bound has
passed. The time of the last request is kept in the cache, not in the
session: writing the session on every request would let two concurrent
requests overwrite each other's session data (Wagtail's preview keeps its
form there). With no trace in the cache (idle too long, or the cache lost),
the session ends: the limit fails closed (docs/RELIABILITY.md, S11).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.cache import cache

LOGIN_AT = "members_login_at"


def seen_key(session_key):
    return "members:staff-seen:" + hashlib.sha256(session_key.encode()).hexdigest()


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
        cache.set(seen_key(request.session.session_key), now, timeout=idle_seconds())


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
        seen_at = cache.get(key)
        if (
            login_at is None
            or seen_at is None
            or now - login_at >= max_age_seconds()
            or now - seen_at >= idle_seconds()
        ):
            cache.delete(key)
            logout(request)
            return
        cache.set(key, now, timeout=idle_seconds())
