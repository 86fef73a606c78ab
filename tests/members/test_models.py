"""Organisations, domains, the role table and `can_act_for`."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page

from members import roles
from members.models import Domain, Organisation, normalise_domain
from members.permissions import can_act_for, roles_of
from members.roles import Role


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("Example.JP", "example.jp"),
        ("example.jp.", "example.jp"),
        ("  dnssec.jp ", "dnssec.jp"),
        ("日本レジストリ.jp", "xn--yckc9b5hg9742fo4b.jp"),
        ("ＥＸＡＭＰＬＥ．ｊｐ", "example.jp"),
    ],
)
def test_domain_names_are_stored_as_lowercase_a_labels(typed, stored):
    assert normalise_domain(typed) == stored


@pytest.mark.parametrize("typed", ["", "jp", "exa mple.jp", "-bad-.jp", "a" * 64 + ".jp", "x..jp", "under_score.jp"])
def test_invalid_domain_names_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_domain(typed)


def test_a_domain_belongs_to_one_organisation(organisation, other_organisation):
    domain = Domain.objects.create(organisation=organisation, name="WWW.日本レジストリ.jp")
    assert domain.name == "www.xn--yckc9b5hg9742fo4b.jp"
    assert domain.unicode_name == "www.日本レジストリ.jp"
    with pytest.raises(IntegrityError):
        Domain.objects.create(organisation=other_organisation, name="www.XN--YCKC9B5HG9742FO4B.jp")


def test_organisation_page_shows_domains_and_contact_only_to_its_own_users(
    client, organisation, other_organisation, make_user
):
    organisation.contact_name = "山田 太郎"
    organisation.contact_email = "dnssec@example.jp"
    organisation.save()
    Domain.objects.create(organisation=organisation, name="example.jp")
    url = f"/ja/members/{organisation.slug}/"
    html = client.get(url).content.decode()
    assert "例示プロバイダー株式会社" in html and "example.jp" in html
    assert "dnssec@example.jp" not in html
    client.force_login(make_user(Role.MEMBER, other_organisation))
    assert "dnssec@example.jp" not in client.get(url).content.decode()
    client.force_login(make_user(Role.MEMBER, organisation, email="own@example.jp"))
    assert "dnssec@example.jp" in client.get(url).content.decode()
    assert "Example ISP Inc." in client.get(f"/en/members/{organisation.slug}/").content.decode()


def test_the_migration_creates_every_role_group_from_the_table(db):
    for definition in roles.ROLES:
        if definition.group is None:
            continue
        group = Group.objects.get(name=definition.group)
        assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == set(
            definition.permissions
        )
        page_perms = set(GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True))
        assert page_perms == set(definition.page_permissions)
        if page_perms:
            assert set(GroupPagePermission.objects.filter(group=group).values_list("page__depth", flat=True)) == {1}
    # Wagtail's default approval task asks the Tech-WG reviewers, and no stray group is left.
    default_task = GroupApprovalTask.objects.get(name="モデレーターの承認")  # knowledge 0006
    assert list(default_task.groups.values_list("name", flat=True)) == ["Reviewers"]
    assert set(Group.objects.values_list("name", flat=True)) == roles.ROLE_GROUPS


def test_applying_the_table_again_restores_what_someone_changed_by_hand(db):
    editors = Group.objects.get(name="Editors")
    editors.permissions.clear()
    GroupPagePermission.objects.create(group=editors, page=Page.get_first_root_node(), permission_type="publish")
    call_command("migrate", verbosity=0)  # post_migrate re-applies the table
    assert editors.permissions.filter(codename="access_admin").exists()
    assert not GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").exists()


@pytest.mark.parametrize(
    "role, staff, superuser, admin_access, can_publish",
    [
        (Role.MEMBER, False, False, False, False),
        (Role.REVIEWER, True, False, True, True),
        (Role.EDITOR, True, False, True, False),
        (Role.ADMINISTRATOR, True, True, True, True),
    ],
)
def test_a_role_sets_group_flags_and_permissions(
    make_user, organisation, role, staff, superuser, admin_access, can_publish
):
    user = make_user(role, organisation)
    assert roles_of(user) == {role}
    assert (user.is_staff, user.is_superuser) == (staff, superuser)
    assert list(user.groups.values_list("name", flat=True)) == [roles.definition(role).group]
    assert user.has_perm("wagtailadmin.access_admin") is admin_access
    page = Page.get_first_root_node().add_child(instance=Page(title="Draft", slug="draft", live=False))
    assert page.permissions_for_user(user).can_publish() is can_publish


def test_changing_the_role_moves_the_user_to_the_new_group(make_user, organisation):
    user = make_user(Role.EDITOR, organisation)
    user.membership.roles = [Role.MEMBER]
    user.membership.save()
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["Members"]
    assert not user.is_staff


def test_a_member_acts_only_for_their_own_organisation(make_user, organisation, other_organisation, django_user_model):
    member = make_user(Role.MEMBER, organisation)
    reviewer = make_user(Role.REVIEWER, other_organisation)
    admin = make_user(Role.ADMINISTRATOR)
    superuser = django_user_model.objects.create_superuser("root", "root@example.jp", "x")
    assert can_act_for(member, organisation)
    assert not can_act_for(member, other_organisation)
    assert can_act_for(reviewer, other_organisation) and not can_act_for(reviewer, organisation)
    assert can_act_for(admin, organisation) and can_act_for(admin, other_organisation)
    assert can_act_for(superuser, organisation)
    member.is_active = False
    assert not can_act_for(member, organisation)
    from django.contrib.auth.models import AnonymousUser

    assert not can_act_for(AnonymousUser(), organisation)
    assert roles_of(AnonymousUser()) == frozenset()


def test_initial_data_still_loads_the_seed_organisations(demo_content):
    assert Organisation.objects.filter(demo=False).count() == 35
    assert not Organisation.objects.get(slug="jprs").confirmed


def organisation_form(organisation, *domains):
    form = {
        "name_ja": organisation.name_ja,
        "name_en": organisation.name_en,
        "reading": organisation.reading,
        "slug": organisation.slug,
        "category": "isp",
        "website": "https://example-isp.jp/",
        "description_ja": "",
        "description_en": "",
        "contact_name": "山田 太郎",
        "contact_email": "dnssec@example-isp.jp",
        "domains-TOTAL_FORMS": str(len(domains)),
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        # The organisation's resolver address prefixes (resolvertest.models.ResolverPrefix): none here.
        "resolver_prefixes-TOTAL_FORMS": "0",
        "resolver_prefixes-INITIAL_FORMS": "0",
        "resolver_prefixes-MIN_NUM_FORMS": "0",
        "resolver_prefixes-MAX_NUM_FORMS": "1000",
    }
    for i, name in enumerate(domains):
        form.update(
            {
                f"domains-{i}-name": name,
                f"domains-{i}-id": "",
                f"domains-{i}-ORDER": str(i + 1),
                f"domains-{i}-DELETE": "",
            }
        )
    return form


def test_an_administrator_adds_domains_in_the_admin(client, administrator, organisation, other_organisation):
    client.force_login(administrator)
    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, organisation_form(organisation, "Example-ISP.JP.", "例示.jp"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert sorted(organisation.domains.values_list("name", flat=True)) == ["example-isp.jp", "xn--fsq192h.jp"]
    organisation.refresh_from_db()
    assert organisation.contact_email == "dnssec@example-isp.jp"
    # Another organisation cannot take the same domain, however it is written.
    other_url = f"/admin/snippets/members/organisation/edit/{other_organisation.pk}/"
    response = client.post(other_url, organisation_form(other_organisation, "EXAMPLE-isp.jp"))
    assert response.status_code == 200
    assert not other_organisation.domains.exists()
