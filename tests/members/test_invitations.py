"""From an administrator's invitation to the invitee's first login, with the e-mail captured."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from members import invitations
from members.models import Invitation
from members.roles import Role
from portal.baseurl import absolute

NEW_PASSWORD = "kagi-shomei-kagi 2026"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group()


def invite(client, administrator, organisation, email="tanaka@example.jp", language="ja", role=Role.MEMBER):
    client.force_login(administrator)
    response = client.post(
        "/ja/accounts/invitations/",
        {"email": email, "organisation": organisation.pk, "roles": [role], "language": language},
    )
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return mail.outbox[-1]


@pytest.mark.parametrize(
    "language, subject, phrase",
    [
        (
            "ja",
            "【DNSSEC Japan】ポータルサイトへのご招待（例示プロバイダー株式会社）",
            "DNSSEC Japan（DNSSEC.jp）ポータルサイトの管理者から、アカウントへの招待が届いています。",
        ),
        (
            "en",
            "[DNSSEC Japan] Your invitation to the portal (Example ISP Inc.)",
            "The administrators of the DNSSEC Japan (DNSSEC.jp) portal have invited you to an account.",
        ),
    ],
)
def test_invitation_to_first_login(client, administrator, organisation, language, subject, phrase):
    message = invite(client, administrator, organisation, language=language)
    assert message.to == ["tanaka@example.jp"]
    assert message.subject == subject
    assert phrase in message.body
    url = link_in(message)
    # PORTAL_BASE_URL, not the request's host.
    assert url.startswith(absolute(f"/{language}/accounts/invitations/"))

    page = client.get(url)
    assert page.status_code == 200
    assert "tanaka@example.jp" in page.content.decode()
    response = client.post(url, {"name": "田中 花子", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == f"/{language}/accounts/"

    account = client.get(response.url).content.decode()
    assert (organisation.name_ja if language == "ja" else organisation.name_en) in account
    assert ("メンバーユーザー" if language == "ja" else "Member user") in account
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    user = invitation.user
    assert (user.membership.organisation, user.membership.roles, user.membership.language) == (
        organisation,
        ["member"],
        language,
    )
    assert list(user.groups.values_list("name", flat=True)) == ["Members"]

    # First login of the new account with the chosen password.
    client.post(f"/{language}/accounts/logout/")
    login = client.post(f"/{language}/accounts/login/", {"username": "Tanaka@Example.jp", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login.url == f"/{language}/accounts/"


def test_the_link_works_once(client, administrator, organisation):
    url = link_in(invite(client, administrator, organisation))
    client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    assert client.get(url).status_code == 404
    assert client.post(url, {"password1": "another password 99", "password2": "another password 99"}).status_code == 404


def test_an_expired_forged_or_withdrawn_link_is_refused(client, administrator, organisation, settings):
    url = link_in(invite(client, administrator, organisation))
    token = url.rstrip("/").rsplit("/", 1)[1]
    settings.ACCOUNTS_INVITATION_MAX_AGE = datetime.timedelta(seconds=-1)
    assert client.get(url).status_code == 404
    settings.ACCOUNTS_INVITATION_MAX_AGE = datetime.timedelta(days=7)
    assert client.get(url).status_code == 200
    invitation = Invitation.objects.get()
    forged = signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt="another.salt")
    assert client.get(f"/ja/accounts/invitations/{forged}/").status_code == 404
    assert client.get(f"/ja/accounts/invitations/{token[:-2]}xx/").status_code == 404
    invitation.delete()
    assert client.get(url).status_code == 404


def test_weak_or_mismatched_passwords_are_refused(client, administrator, organisation):
    url = link_in(invite(client, administrator, organisation))
    assert "パスワード" in client.post(url, {"password1": "password", "password2": "password"}).content.decode()
    client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert not Invitation.objects.get().accepted_at


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REVIEWER, Role.EDITOR])
def test_only_administrators_invite(client, make_user, organisation, role):
    client.force_login(make_user(role, organisation))
    assert client.get("/ja/accounts/invitations/").status_code == 403
    refused = client.post("/ja/accounts/invitations/", {"email": "x@example.jp", "roles": ["administrator"]})
    assert refused.status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_member_invitation_needs_an_organisation_and_a_new_address(client, administrator):
    client.force_login(administrator)
    form = client.post(
        "/en/accounts/invitations/", {"email": "x@example.jp", "roles": ["member"], "language": "en"}
    ).context["form"]
    assert "organisation" in form.errors
    form = client.post(
        "/en/accounts/invitations/", {"email": administrator.email, "roles": ["editor"], "language": "en"}
    ).context["form"]
    assert "email" in form.errors
    assert not mail.outbox


def test_password_reset_mail_is_in_the_users_language(client, make_user, organisation):
    make_user(Role.MEMBER, organisation, email="suzuki@example.jp", language="en")
    # A forged Host header does not reach the link: it is built on PORTAL_BASE_URL.
    client.post("/ja/accounts/password/reset/", {"email": "suzuki@example.jp"}, HTTP_HOST="localhost")
    client.post("/ja/accounts/password/reset/", {"email": "nobody@example.jp"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[DNSSEC Japan] Resetting your password"
    url = link_in(message)
    assert url.startswith(absolute("/en/accounts/password/reset/"))
    form_page = client.get(url, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == "/en/accounts/password/reset/done/"
    assert client.login(username="suzuki@example.jp", password=NEW_PASSWORD)


def test_account_page_needs_a_login(client):
    response = client.get("/en/accounts/")
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/?next=")


def test_invitation_tokens_are_tied_to_their_invitation(administrator, organisation):
    invitation = Invitation.objects.create(email="a@example.jp", organisation=organisation, invited_by=administrator)
    assert invitations.invitation_for(invitations.make_token(invitation)) == invitation
    invitation.accepted_at = timezone.now()
    invitation.save()
    with pytest.raises(invitations.InvalidToken):
        invitations.invitation_for(invitations.make_token(invitation))


def test_a_new_invitation_supersedes_the_open_one(client, administrator, organisation):
    first = link_in(invite(client, administrator, organisation))
    second = link_in(invite(client, administrator, organisation))
    assert client.get(first).status_code == 404
    assert client.post(second, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302


def test_a_second_open_invitation_for_an_address_with_an_account_is_refused(client, administrator, organisation):
    one = Invitation.objects.create(email="dup@example.jp", organisation=organisation, invited_by=administrator)
    two = Invitation.objects.create(email="dup@example.jp", organisation=organisation, invited_by=administrator)
    url_one = f"/ja/accounts/invitations/{invitations.make_token(one)}/"
    url_two = f"/ja/accounts/invitations/{invitations.make_token(two)}/"
    assert client.post(url_one, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    client.logout()
    assert client.get(url_two).status_code == 404
    assert client.post(url_two, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 404


def test_an_administrator_withdraws_an_open_invitation(client, administrator, organisation, make_user):
    url = link_in(invite(client, administrator, organisation))
    invitation = Invitation.objects.get()
    withdraw = f"/ja/accounts/invitations/{invitation.pk}/withdraw/"
    client.force_login(make_user(Role.MEMBER, organisation))
    assert client.post(withdraw).status_code == 403
    client.force_login(administrator)
    assert client.get(withdraw).status_code == 405
    response = client.post(withdraw)
    assert response.status_code == 302 and response.url == "/ja/accounts/invitations/"
    assert not Invitation.objects.exists()
    client.logout()
    assert client.get(url).status_code == 404
