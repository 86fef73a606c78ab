"""docs/RELIABILITY.md, S5: failed logins are bounded per account, one address cannot lock the owner out,
unknown accounts get the same answers, and a reset or an administrator clears them.

Run with Django's production password hasher (the test settings' MD5 would make every figure meaningless)."""

import datetime

import pytest
from django.conf import global_settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import ModelLogEntry

from members import throttling
from members.models import LoginFailure
from members.roles import Role
from tests.members.conftest import PASSWORD

WRONG = "The e-mail address or the password is not correct."
FROM_HERE = "Too many failed logins for this account from your network. Try again in 60 minutes"
SLOWED = "Too many failed logins for this account. Try again in {} seconds"


@pytest.fixture(autouse=True)
def production_hasher(settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def attempt(address, username, password="wrong password", path="/en/accounts/login/"):
    response = Client(REMOTE_ADDR=address).post(path, {"username": username, "password": password})
    return response.status_code, response.content.decode() if response.status_code == 200 else response.url


def failures_from(addresses, account, count):
    """Failures made directly, as many addresses would have made them a moment ago."""
    now = timezone.now()
    LoginFailure.objects.bulk_create(
        LoginFailure(account=account, address=addresses[i % len(addresses)], failed_at=now) for i in range(count)
    )


@pytest.mark.parametrize("known", [True, False], ids=["known user", "unknown user"])
def test_one_address_gets_ten_tries_and_the_owner_elsewhere_still_logs_in(make_user, organisation, known):
    if known:
        make_user(Role.MEMBER, organisation, email="target@example.jp")
    results = [attempt("192.0.2.1", "target@example.jp") for _ in range(throttling.PER_ADDRESS + 1)]
    assert [WRONG in body for _, body in results] == [True] * 10 + [False]
    assert FROM_HERE in results[10][1]
    # Even the right password is refused from that address, in the same words as for an unknown account.
    assert FROM_HERE in attempt("192.0.2.1", "target@example.jp", PASSWORD)[1]
    assert LoginFailure.objects.filter(account="target@example.jp").count() == 10
    if known:
        assert attempt("203.0.113.9", "target@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_past_fifty_failures_every_attempt_waits_a_doubling_delay(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="target@example.jp")
    failures_from([f"198.51.100.{i}" for i in range(1, 21)], "target@example.jp", throttling.SLOW_AFTER)
    status, body = attempt("203.0.113.9", "target@example.jp", PASSWORD)
    assert status == 200 and SLOWED.format(2) in body and WRONG not in body
    LoginFailure.objects.update(failed_at=timezone.now() - datetime.timedelta(seconds=3))
    assert WRONG in attempt("203.0.113.9", "target@example.jp")[1]  # the 51st failure, then 4 s
    LoginFailure.objects.update(failed_at=timezone.now())  # as if the hashing had taken no time
    assert SLOWED.format(4) in attempt("203.0.113.10", "target@example.jp", PASSWORD)[1]
    LoginFailure.objects.update(failed_at=timezone.now() - datetime.timedelta(seconds=5))
    assert attempt("203.0.113.9", "target@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_an_attack_from_any_number_of_addresses_gets_at_most_61_failures_an_hour():
    # 50 at once, then one after each delay: 2, 4, ..., 512 s, then every 900 s until the hour is over.
    assert [throttling.delay_after(n) for n in (49, 50, 51, 58, 59, 60)] == [0, 2, 4, 512, 900, 900]
    assert throttling.failures_in_an_hour_at_most() == 61
    assert throttling.failures_in_an_hour_at_most() <= throttling.ceiling() == 100


def test_known_and_unknown_accounts_get_identical_answers(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="known@example.jp")

    def normalised(who):
        results = [attempt("192.0.2.1", who) for _ in range(throttling.PER_ADDRESS + 1)]
        return [(s, b.replace(who, "WHO").split('name="csrfmiddlewaretoken"')[0]) for s, b in results]

    assert normalised("known@example.jp") == normalised("ghost@example.jp")


def test_the_refusal_lifts_as_the_hours_failures_age(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="target@example.jp")
    failures_from(["192.0.2.1"], "target@example.jp", throttling.PER_ADDRESS)
    assert FROM_HERE in attempt("192.0.2.1", "target@example.jp", PASSWORD)[1]
    LoginFailure.objects.update(failed_at=timezone.now() - datetime.timedelta(minutes=61))
    assert attempt("192.0.2.1", "target@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_a_password_reset_lifts_the_refusal(make_user, organisation):
    user = make_user(Role.MEMBER, organisation, email="target@example.jp")
    failures_from(["192.0.2.1"], "target@example.jp", throttling.PER_ADDRESS)
    client = Client(REMOTE_ADDR="192.0.2.1")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    form = client.get(f"/en/accounts/password/reset/{uid}/{token}/", follow=True)
    new = "a brand new passphrase 8"
    response = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert LoginFailure.objects.filter(account="target@example.jp").count() == 0
    assert attempt("192.0.2.1", "target@example.jp", new) == (302, "/en/accounts/")


def test_an_administrator_clears_an_accounts_failures_with_an_audit_entry(make_user, organisation, administrator):
    user = make_user(Role.MEMBER, organisation, email="target@example.jp")
    failures_from(["192.0.2.1"], "target@example.jp", throttling.PER_ADDRESS)
    client = Client()
    client.force_login(administrator)
    listing = client.get("/admin/login-failures/").content.decode()
    assert "<td>target@example.jp</td><td>10</td><td>1</td>" in listing
    response = client.post("/admin/login-failures/clear/", {"account": "Target@Example.jp "})
    assert response.status_code == 302 and response.url == "/admin/login-failures/"
    assert LoginFailure.objects.count() == 0
    entry = ModelLogEntry.objects.get(action="members.clear_login_failures")
    assert (entry.object_id, entry.user_id, entry.data) == (
        str(user.pk),
        administrator.pk,
        {"account": "target@example.jp", "failures": 10},
    )
    assert attempt("192.0.2.1", "target@example.jp", PASSWORD) == (302, "/en/accounts/")


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_only_administrators_see_or_clear_failed_logins(make_user, organisation, role):
    failures_from(["192.0.2.1"], "target@example.jp", 3)
    client = Client()
    client.force_login(make_user(role, organisation, email=f"{role}@example.jp"))
    # Wagtail answers a refusal in its admin with a redirect to the dashboard and a message.
    for response in (
        client.get("/admin/login-failures/"),
        client.post("/admin/login-failures/clear/", {"account": "target@example.jp"}),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert LoginFailure.objects.count() == 3


def test_other_accounts_are_not_affected(make_user, organisation):
    make_user(Role.MEMBER, organisation, email="other@example.jp")
    failures_from(["192.0.2.1"], "target@example.jp", throttling.SLOW_AFTER)
    assert attempt("192.0.2.1", "other@example.jp", PASSWORD) == (302, "/en/accounts/")


def test_wagtail_admin_login_counts_against_the_same_limits(make_user, organisation):
    make_user(Role.EDITOR, organisation, email="editor@example.jp")
    for i in range(throttling.PER_ADDRESS):
        Client(REMOTE_ADDR="192.0.2.7").post("/admin/login/", {"username": "editor@example.jp", "password": f"x{i}"})
    assert LoginFailure.objects.filter(account="editor@example.jp", address="192.0.2.7").count() == 10
    refused = Client(REMOTE_ADDR="192.0.2.7").post(
        "/admin/login/", {"username": "editor@example.jp", "password": PASSWORD}
    )
    assert refused.status_code == 200  # the form again, not the admin
    assert FROM_HERE in attempt("192.0.2.7", "editor@example.jp", PASSWORD)[1]
