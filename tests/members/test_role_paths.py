"""Issue 20, item 1: one way to give a role. Every path that makes or changes a user ends in the role table
(members/roles.py): Wagtail's user forms, its groups views, its "Assign role" bulk action, the memberships
admin, invitations, createsuperuser and the shell. A user may hold several roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from members.models import Membership
from members.permissions import is_staff_role, roles_of
from members.roles import Role
from tests.members.conftest import PASSWORD


def groups(user):
    user.refresh_from_db()
    return sorted(user.groups.values_list("name", flat=True))


def flags(user):
    user.refresh_from_db()
    return user.is_staff, user.is_superuser


def user_form(email, **extra):
    return {
        "username": email,
        "email": email,
        "first_name": "花子",
        "last_name": "田中",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "language": "ja",
        **extra,
    }


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_users_admin_gives_roles_not_groups(admin_client, django_user_model):
    """The newcomer's case: a user made in Wagtail's Users admin and put in "Editors" by hand."""
    editors = Group.objects.get(name="Editors")
    administrators = Group.objects.get(name="Administrators")
    form = admin_client.get("/admin/users/new/").content.decode()
    assert 'name="groups"' not in form and 'name="is_superuser"' not in form
    assert 'name="roles"' in form and 'value="org-admin"' in form

    response = admin_client.post(
        "/admin/users/new/",
        user_form("sato@example.jp", roles=["reviewer"], groups=[editors.pk, administrators.pk], is_superuser="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = django_user_model.objects.get(username="sato@example.jp")
    assert user.membership.roles == ["reviewer"]
    assert groups(user) == ["Reviewers"]
    assert flags(user) == (True, False)
    assert is_staff_role(user)  # so the bounded staff session applies (S11)


def test_a_user_without_a_role_or_with_a_member_role_but_no_organisation_is_refused(admin_client, django_user_model):
    refusals = (
        (["member"], "メンバーユーザー: この役割は組織に属するユーザーのものです。"),
        ([], "役割を一つ以上選んでください。"),
    )
    for roles, message in refusals:
        response = admin_client.post("/admin/users/new/", user_form("x@example.jp", roles=roles))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not django_user_model.objects.filter(username="x@example.jp").exists()


def test_editing_a_user_changes_their_roles_and_nothing_else_can(admin_client, make_user, organisation):
    user = make_user(Role.EDITOR, organisation, email="ed@example.jp")
    data = user_form("ed@example.jp", roles=["member", "org-admin"], organisation=organisation.pk, is_active="on")
    data.update(password1="", password2="", groups=[Group.objects.get(name="Administrators").pk])
    response = admin_client.post(f"/admin/users/edit/{user.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user.membership.refresh_from_db()
    assert user.membership.roles == ["member", "org-admin"]
    assert groups(user) == ["Members", "Organisation administrators"]
    assert flags(user) == (False, False)


def test_an_administrator_cannot_take_their_own_roles_away(admin_client, administrator):
    data = user_form(administrator.email, roles=["member"], is_active="on")
    data.update(username=administrator.username, password1="", password2="")
    admin_client.post(f"/admin/users/edit/{administrator.pk}/", data)
    administrator.membership.refresh_from_db()
    assert administrator.membership.roles == ["administrator"]
    assert flags(administrator) == (True, True)


def test_groups_cannot_be_added_changed_or_deleted_by_hand(admin_client):
    editors = Group.objects.get(name="Editors")
    permissions = set(editors.permissions.values_list("codename", flat=True))
    assert admin_client.get("/admin/groups/").status_code == 200
    for path in ("/admin/groups/new/", f"/admin/groups/edit/{editors.pk}/", f"/admin/groups/delete/{editors.pk}/"):
        refused = admin_client.post(path, {"name": "Shadow editors"})
        assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's refusal
    assert not Group.objects.filter(name="Shadow editors").exists()
    assert set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)) == permissions


def test_the_assign_role_bulk_action_adds_a_role_of_the_table(admin_client, make_user, organisation, django_user_model):
    member = make_user(Role.MEMBER, organisation, email="m@example.jp")
    outsider = django_user_model.objects.create_user("o@example.jp", "o@example.jp", PASSWORD)  # no membership
    url = f"/admin/bulk/auth/user/assign_role/?id={member.pk}&id={outsider.pk}"
    page = admin_client.get(url).content.decode()
    assert 'value="logo-reviewer"' in page and 'value="org-admin"' in page

    response = admin_client.post(url + "&next=/admin/users/", {"role": "org-admin"}, follow=True)
    assert "1 人のユーザーに役割「組織管理者」を付けました。" in response.content.decode()
    assert "1 人は対象外です。この役割は組織に属するユーザーのもので、組織がありません。" in response.content.decode()
    member.membership.refresh_from_db()
    assert member.membership.roles == ["member", "org-admin"]
    assert not Membership.objects.filter(user=outsider).exists()  # org-admin needs an organisation: left out

    admin_client.post(url, {"role": "logo-reviewer"})
    assert Membership.objects.get(user=outsider).roles == ["logo-reviewer"]
    assert groups(outsider) == ["Logo reviewers"]
    assert groups(member) == ["Logo reviewers", "Members", "Organisation administrators"]


def test_the_memberships_admin_holds_several_roles(admin_client, make_user, organisation):
    user = make_user(Role.MEMBER, organisation, email="m@example.jp")
    membership = user.membership
    response = admin_client.post(
        f"/admin/members_membership/edit/{membership.pk}/",
        {"user": user.pk, "organisation": organisation.pk, "roles": ["reviewer", "logo-reviewer"], "language": "en"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert groups(user) == ["Logo reviewers", "Reviewers"]
    assert user.has_perm("members.review_application") and user.has_perm("wagtailadmin.access_admin")
    assert roles_of(user) == {Role.REVIEWER, Role.LOGO_REVIEWER}


def test_groups_and_flags_set_anywhere_else_do_not_stick(make_user, organisation, django_user_model):
    member = make_user(Role.MEMBER, organisation, email="m@example.jp")
    member.groups.add(Group.objects.get(name="Editors"))
    assert groups(member) == ["Members"]
    Group.objects.get(name="Administrators").user_set.add(member)
    assert groups(member) == ["Members"]
    member.is_superuser = member.is_staff = True
    member.save()
    assert flags(member) == (False, False)
    assert not member.has_perm("wagtailadmin.access_admin")

    stranger = django_user_model.objects.create_user("s@example.jp", "s@example.jp", PASSWORD)
    stranger.groups.add(Group.objects.get(name="Editors"))
    assert groups(stranger) == []

    member.membership.delete()
    assert groups(member) == [] and flags(member) == (False, False)


def test_createsuperuser_makes_an_administrator_through_the_table(db, django_user_model):
    call_command("createsuperuser", interactive=False, username="root", email="root@example.jp", verbosity=0)
    root = django_user_model.objects.get(username="root")
    assert root.membership.roles == ["administrator"]
    assert groups(root) == ["Administrators"] and flags(root) == (True, True)


def test_an_invitation_can_give_several_roles(admin_client, organisation, client, django_user_model):
    response = admin_client.post(
        "/ja/accounts/invitations/",
        {
            "email": "yamada@example.jp",
            "organisation": organisation.pk,
            "roles": ["member", "org-admin"],
            "language": "ja",
        },
    )
    assert response.status_code == 302
    page = admin_client.get("/ja/accounts/invitations/").content.decode()
    assert "メンバーユーザー、組織管理者" in page
