"""An organisation's administrator keeps its colleagues without the Wagtail admin: invite, change roles, remove."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from members import colleagues
from members.models import Invitation, Membership
from members.roles import Role

PAGE = "/ja/accounts/organisation/colleagues/"


@pytest.fixture
def colleague(make_user, organisation):
    return make_user(Role.MEMBER, organisation, email="tanaka@example-isp.jp", language="en")


def roles_of(user):
    return Membership.objects.get(user=user).roles


def test_the_list_shows_the_organisations_users_and_no_one_else(
    client, org_admin, colleague, make_user, other_organisation
):
    make_user(Role.MEMBER, other_organisation, email="yoso@other-dns.jp")
    client.force_login(org_admin)
    page = client.get(PAGE).content.decode()
    assert "kanri@example-isp.jp" in page
    assert "tanaka@example-isp.jp" in page
    assert "yoso@other-dns.jp" not in page


def test_the_account_page_links_the_colleagues_for_org_admins_only(client, org_admin, colleague):
    client.force_login(org_admin)
    assert PAGE in client.get("/ja/accounts/").content.decode()
    client.force_login(colleague)
    assert PAGE not in client.get("/ja/accounts/").content.decode()


def test_a_member_is_refused(client, colleague):
    client.force_login(colleague)
    assert client.get(PAGE).status_code == 403


def test_invitation_goes_to_the_own_organisation_with_the_chosen_level(
    client, org_admin, organisation, other_organisation
):
    client.force_login(org_admin)
    response = client.post(
        PAGE,
        # An organisation field sent anyway is ignored: the form has none.
        {"email": "Sato@Example-ISP.jp", "level": "org-admin", "language": "en", "organisation": other_organisation.pk},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.roles) == (
        "sato@example-isp.jp",
        organisation,
        ["member", "org-admin"],
    )
    assert invitation.invited_by == org_admin
    assert mail.outbox[-1].to == ["sato@example-isp.jp"]
    assert "Roles: Member user, Organisation administrator" in mail.outbox[-1].body
    # The invitee knows their colleague, not the portal's staff: the mail names who invited them.
    assert (
        "kanri@example-isp.jp, an administrator of Example ISP Inc., has invited you to an account"
        " on the DNSSEC Japan (DNSSEC.jp) portal." in mail.outbox[-1].body
    )
    assert "If it has expired, ask kanri@example-isp.jp to invite you again." in mail.outbox[-1].body
    assert ModelLogEntry.objects.get(action=colleagues.INVITED).user == org_admin


def test_staff_roles_cannot_be_given(client, org_admin):
    client.force_login(org_admin)
    response = client.post(PAGE, {"email": "x@example-isp.jp", "level": "administrator", "language": "ja"})
    assert response.status_code == 200
    assert Invitation.objects.count() == 0
    client.post(f"/ja/accounts/organisation/colleagues/{org_admin.membership.pk}/roles/", {"level": "editor"})
    assert roles_of(org_admin) == ["member", "org-admin"]


def test_withdraw_an_open_invitation_of_the_own_organisation_only(client, org_admin, organisation, other_organisation):
    own = Invitation.objects.create(email="a@example-isp.jp", organisation=organisation, roles=["member"])
    other = Invitation.objects.create(email="b@other-dns.jp", organisation=other_organisation, roles=["member"])
    client.force_login(org_admin)
    assert client.post(f"/ja/accounts/organisation/colleagues/invitations/{other.pk}/withdraw/").status_code == 404
    assert client.post(f"/ja/accounts/organisation/colleagues/invitations/{own.pk}/withdraw/").status_code == 302
    assert list(Invitation.objects.all()) == [other]
    assert ModelLogEntry.objects.get(action=colleagues.INVITATION_WITHDRAWN).data["email"] == "a@example-isp.jp"


def test_make_a_colleague_administrator_then_member_again(client, org_admin, colleague):
    client.force_login(org_admin)
    url = f"/ja/accounts/organisation/colleagues/{colleague.membership.pk}/roles/"
    client.post(url, {"level": "org-admin"})
    assert roles_of(colleague) == ["member", "org-admin"]
    # The colleague's e-mail is in their language (English here).
    assert mail.outbox[-1].to == ["tanaka@example-isp.jp"]
    assert mail.outbox[-1].subject == "[DNSSEC Japan] Your roles on the portal have changed (Example ISP Inc.)"
    assert "Your roles now: Member user, Organisation administrator" in mail.outbox[-1].body
    client.post(url, {"level": "member"})
    assert roles_of(colleague) == ["member"]
    entries = ModelLogEntry.objects.filter(action=colleagues.ROLES_CHANGED).order_by("timestamp")
    assert [entry.data["after"] for entry in entries] == [["member", "org-admin"], ["member"]]
    assert {entry.user for entry in entries} == {org_admin}


def test_the_last_administrator_cannot_step_down_or_leave(client, org_admin, colleague):
    client.force_login(org_admin)
    response = client.post(
        f"/ja/accounts/organisation/colleagues/{org_admin.membership.pk}/roles/", {"level": "member"}, follow=True
    )
    assert (
        "kanri@example-isp.jp は組織の最後の管理者です。先に別の同僚を管理者にしてください。"
        in response.content.decode()
    )
    assert roles_of(org_admin) == ["member", "org-admin"]
    client.post(f"/ja/accounts/organisation/colleagues/{org_admin.membership.pk}/remove/")
    org_admin.refresh_from_db()
    assert org_admin.is_active is True
    assert mail.outbox == []


def test_remove_a_colleague_deactivates_the_account_and_keeps_the_membership(client, org_admin, colleague):
    client.force_login(org_admin)
    response = client.post(f"/ja/accounts/organisation/colleagues/{colleague.membership.pk}/remove/")
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_active is False
    assert Membership.objects.get(user=colleague).organisation == org_admin.membership.organisation
    assert mail.outbox[-1].subject == "[DNSSEC Japan] You have been removed from Example ISP Inc."
    assert ModelLogEntry.objects.get(action=colleagues.REMOVED).user == org_admin
    # A removed colleague no longer gets in.
    client.force_login(colleague)
    assert client.get("/ja/accounts/").status_code == 302


def test_another_organisations_user_is_not_found(client, org_admin, make_user, other_organisation):
    stranger = make_user(Role.MEMBER, other_organisation, email="yoso@other-dns.jp")
    client.force_login(org_admin)
    base = f"/ja/accounts/organisation/colleagues/{stranger.membership.pk}"
    assert client.post(f"{base}/roles/", {"level": "org-admin"}).status_code == 404
    assert client.post(f"{base}/remove/").status_code == 404
    stranger.refresh_from_db()
    assert (stranger.is_active, roles_of(stranger)) == (True, ["member"])


def test_a_colleague_with_portal_roles_is_left_to_the_portals_administrators(
    client, org_admin, make_user, organisation
):
    editor = make_user(Role.EDITOR, organisation, email="henshu@example-isp.jp")
    client.force_login(org_admin)
    response = client.post(f"/ja/accounts/organisation/colleagues/{editor.membership.pk}/remove/", follow=True)
    assert (
        "henshu@example-isp.jp はポータルの役割も持っています。変更はポータルの管理者に依頼してください。"
        in response.content.decode()
    )
    editor.refresh_from_db()
    assert (editor.is_active, roles_of(editor)) == (True, ["editor"])
