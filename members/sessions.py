"""S11: staff sessions last at most ACCOUNTS_STAFF_SESSION_MAX_AGE, or ACCOUNTS_STAFF_SESSION_IDLE idle.

Django already gives a new session id at login and deletes the session row at
logout. The middleware ends a staff session on the server (flush) once either
bound has passed, and keeps the session's own expiry no later than both, so
the database row expires even if the middleware never sees the session again.
"""
import time

from django.conf import settings
from django.contrib.auth import logout

LOGIN_AT = "members_login_at"
SEEN_AT = "members_seen_at"


def mark_login(request):
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


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
        max_age = int(settings.ACCOUNTS_STAFF_SESSION_MAX_AGE.total_seconds())
        idle = int(settings.ACCOUNTS_STAFF_SESSION_IDLE.total_seconds())
        session = request.session
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT, login_at)
        if login_at is None or now - login_at >= max_age or now - seen_at >= idle:
            logout(request)
            return
        # Writing the session on every staff request is the price of an idle limit.
        session[SEEN_AT] = now
        session.set_expiry(min(idle, login_at + max_age - now))
