"""docs/RELIABILITY.md, S5: at most 100 failed logins per hour per account; unknown accounts get the same answer."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from members.models import LoginFailure
from members.roles import Role
from tests.members.conftest import PASSWORD

LIMIT = 100
LOCKED = "Too many failed logins"
WRONG = "The e-mail address or the password is not correct."


def attempt(address, username, password="wrong password", path="/en/accounts/login/"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(path, {"username": username, "password": password})
    return response.status_code, response.content.decode() if response.status_code == 200 else response.url


def answers(username, addresses, count=LIMIT + 1):
    return [attempt(addresses[i % len(addresses)], username) for i in range(count)]


@pytest.mark.parametrize(
    "addresses", [["192.0.2.1"], [f"198.51.100.{i}" for i in range(1, 21)]], ids=["1 address", "20 addresses"]
)
@pytest.mark.parametrize("known", [True, False], ids=["known user", "unknown user"])
def test_101_wrong_passwords_lock_the_account(make_user, organisation, addresses, known):
    if known:
        make_user(Role.MEMBER, organisation, email="target@example.jp")
    results = answers("target@example.jp", addresses)
    assert all(status == 200 and WRONG in body for status, body in results[:LIMIT])
    status, body = results[LIMIT]
    assert status == 200 and LOCKED in body and WRONG not in body
    assert LoginFailure.objects.filter(account="target@example.jp").count() == LIMIT
    assert LoginFailure.objects.filter(account="target@example.jp").values("address").distinct().count() == len(
        addresses
    )
    # Even the right password is refused now, in the same words as for an unknown account.
    status, body = attempt("203.0.113.9", "target@example.jp", PASSWORD)
    assert status == 200 and LOCKED in body


def test_known_and_unknown_accounts_get_identical_answers(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="known@example.jp")

    def normalised(results, who):
        return [(s, b.replace(who, "WHO").replace("known@example.jp", "WHO")) for s, b in results]

    known = normalised(answers("known@example.jp", ["192.0.2.1"]), "known@example.jp")
    unknown = normalised(answers("ghost@example.jp", ["192.0.2.1"]), "ghost@example.jp")
    strip_token = lambda results: [(s, b.split('name="csrfmiddlewaretoken"')[0]) for s, b in results]  # noqa: E731
    assert strip_token(known) == strip_token(unknown)


def test_the_lock_lifts_as_the_hours_failures_age(client, make_user, organisation):
    make_user(Role.MEMBER, organisation, email="target@example.jp")
    answers("target@example.jp", ["192.0.2.1"])
    assert LOCKED in attempt("192.0.2.1", "target@example.jp", PASSWORD)[1]
    LoginFailure.objects.update(failed_at=timezone.now() - datetime.timedelta(minutes=61))
    assert attempt("192.0.2.1", "target@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_other_accounts_are_not_affected(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="other@example.jp")
    answers("target@example.jp", ["192.0.2.1"])
    assert attempt("192.0.2.1", "other@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_wagtail_admin_login_counts_against_the_same_limit(make_user, organisation):
    make_user(Role.EDITOR, organisation, email="editor@example.jp")
    for i in range(LIMIT):
        Client(REMOTE_ADDR="192.0.2.7").post(
            "/admin/login/", {"username": "editor@example.jp", "password": f"guess {i}"}
        )
    assert LoginFailure.objects.filter(account="editor@example.jp").count() == LIMIT
    response = Client().post("/admin/login/", {"username": "editor@example.jp", "password": PASSWORD})
    assert response.status_code == 200  # the form again, not the admin
    assert attempt("192.0.2.1", "editor@example.jp", PASSWORD)[1].count(LOCKED) == 1
