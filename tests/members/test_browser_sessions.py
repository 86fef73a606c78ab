"""S11 in Chromium: a new session id at login, staff sessions bounded (12 h, 30 min idle), logout ends them on the
server."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache

from members import sessions
from members.models import Membership
from members.roles import Role
from tests.browser_thread import expect
from tests.members.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def session_cookie(context):
    return next((c for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME), None)


def test_staff_session_in_the_browser(page, live_server, django_user_model, screenshot):
    editor = django_user_model.objects.create_user(
        username="editor@example.jp", email="editor@example.jp", password=PASSWORD
    )
    Membership.objects.create(user=editor, roles=[Role.EDITOR])
    site = live_server.url

    # A session id planted before login (session fixation) must not survive it.
    page.goto(f"{site}/ja/accounts/login/")
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": "planted-by-an-attacker", "url": site}])
    page.get_by_label("メールアドレス").fill("editor@example.jp")
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(f"{site}/ja/accounts/")
    cookie = session_cookie(page.context)
    assert cookie["value"] != "planted-by-an-attacker"
    assert cookie["httpOnly"]
    assert Session.objects.filter(session_key=cookie["value"]).exists()
    # A staff cookie, and the row on the server, expire within 12 hours.
    limit = settings.ACCOUNTS_STAFF_SESSION_MAX_AGE.total_seconds() + 5
    assert 0 < cookie["expires"] - time.time() <= limit
    row = Session.objects.get(session_key=cookie["value"])
    assert 0 < row.expire_date.timestamp() - time.time() <= limit

    page.goto(f"{site}/admin/")
    expect(page.locator("body")).to_contain_text("editor@example.jp")
    page.goto(f"{site}/ja/accounts/")
    screenshot("editor-account")
    page.get_by_role("button", name="ログアウト").click()
    expect(page).to_have_url(f"{site}/ja/")
    assert not Session.objects.filter(session_key=cookie["value"]).exists()

    # Log in again, then stay away 30 minutes: the next request finds the session ended.
    page.goto(f"{site}/ja/accounts/login/")
    page.get_by_label("メールアドレス").fill("editor@example.jp")
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(f"{site}/ja/accounts/")
    second = session_cookie(page.context)["value"]
    assert second != cookie["value"]
    cache.set(sessions.seen_key(second), int(time.time()) - 30 * 60, timeout=3600)
    page.goto(f"{site}/admin/")
    expect(page).to_have_url(f"{site}/admin/login/?next=/admin/")
    assert not Session.objects.filter(session_key=second).exists()

    # The old id, replayed, opens nothing.
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie["value"], "url": site}])
    page.goto(f"{site}/admin/")
    expect(page).to_have_url(f"{site}/admin/login/?next=/admin/")
