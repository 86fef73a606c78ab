"""docs/RELIABILITY.md, S11: new session id at login, bounded staff sessions, logout ends the session on the server."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from members import sessions
from members.roles import Role
from tests.members.conftest import PASSWORD


def test_session_settings():
    assert settings.ACCOUNTS_STAFF_SESSION_MAX_AGE.total_seconds() <= 12 * 3600
    assert settings.ACCOUNTS_STAFF_SESSION_IDLE.total_seconds() <= 30 * 60
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.SESSION_COOKIE_HTTPONLY
    middleware = settings.MIDDLEWARE
    assert middleware.index("members.sessions.StaffSessionLimitMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )


def log_in(client, email):
    response = client.post("/ja/accounts/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_session_id_changes_at_login(client, make_user, organisation):
    make_user(Role.MEMBER, organisation, email="m@example.jp")
    client.get("/ja/accounts/login/")
    client.session.save()
    before = client.session.session_key
    session = client.session
    session["before_login"] = True
    session.save()
    after = log_in(client, "m@example.jp")
    assert before and after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_ends_the_session_on_the_server(make_user, organisation):
    make_user(Role.EDITOR, organisation, email="e@example.jp")
    client = Client()
    key = log_in(client, "e@example.jp")
    assert Session.objects.filter(session_key=key).exists()
    assert client.get("/admin/").status_code == 200
    client.post("/ja/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    # Replaying the old cookie gets nothing.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/admin/").status_code == 302
    assert replay.get("/ja/accounts/").status_code == 302


def age_session(client, login_ago, seen_ago, stored_ago=None):
    """Pretend the login was `login_ago` s and the last request `seen_ago` s ago in the cache, and
    `stored_ago` s ago in the database's trace (None: no trace there)."""
    from members.models import StaffSessionTrace

    session = client.session
    now = int(time.time())
    session[sessions.LOGIN_AT] = now - login_ago
    session.save()
    key = sessions.seen_key(session.session_key)
    if seen_ago is None:
        cache.delete(key)
    else:
        cache.set(key, now - seen_ago, timeout=3600)
    trace = StaffSessionTrace.objects.filter(key=key.removeprefix(sessions.PREFIX))
    if stored_ago is None:
        trace.delete()
    else:
        assert trace.update(seen_at=now - stored_ago) == 1, "the login wrote the database's trace"


@pytest.mark.parametrize(
    "login_ago, seen_ago, stored_ago, still_in",
    [
        (11 * 3600, 60, None, True),
        (12 * 3600, 60, None, False),  # 12 h after login, however busy
        (3600, 29 * 60, None, True),
        (3600, 30 * 60, None, False),  # 30 minutes idle
        (3600, 30 * 60, 60, False),  # the cache's trace comes first
        (60, None, None, False),  # no trace of the last request: the limit fails closed
        (3600, None, 29 * 60, True),  # the cache lost its data (Redis restarted): the database's trace decides
        (3600, None, 30 * 60, False),
    ],
)
def test_staff_sessions_are_bounded(make_user, organisation, login_ago, seen_ago, stored_ago, still_in):
    make_user(Role.REVIEWER, organisation, email="r@example.jp")
    client = Client()
    key = log_in(client, "r@example.jp")
    assert client.session.get_expiry_age() <= 12 * 3600
    age_session(client, login_ago, seen_ago, stored_ago)
    response = client.get("/admin/")
    assert (response.status_code == 200) is still_in
    assert Session.objects.filter(session_key=key).exists() is still_in


def test_a_staff_request_does_not_rewrite_the_session(make_user, organisation):
    """Concurrent requests must not overwrite each other's session data (Wagtail's preview lives there)."""
    make_user(Role.EDITOR, organisation, email="e@example.jp")
    client = Client()
    key = log_in(client, "e@example.jp")
    before = Session.objects.get(session_key=key).session_data
    assert client.get("/admin/").status_code == 200
    assert Session.objects.get(session_key=key).session_data == before


def test_member_sessions_are_not_cut_by_the_staff_limit(client, make_user, organisation):
    make_user(Role.MEMBER, organisation, email="m@example.jp")
    log_in(client, "m@example.jp")
    age_session(client, 13 * 3600, 3600)
    assert client.get("/ja/accounts/").status_code == 200
