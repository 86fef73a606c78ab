"""Volunteer translators: a sign-up from "help translate", the Tech-WG's approval, the translator role."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import ModelLogEntry

from members.models import Invitation, Membership, Organisation, TranslatorApplication
from members.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db, django_user_model):
    organisation = Organisation.objects.create(slug="twg", name_ja="技術WG", name_en="Tech-WG")
    user = django_user_model.objects.create_user(username="reviewer@twg.example", email="reviewer@twg.example")
    Membership.objects.create(user=user, organisation=organisation, roles=[Role.REVIEWER])
    return user


def sign_up(client, language, email, into):
    response = client.post(
        f"/{language}/accounts/translate/",
        {"name": "Ada", "email": email, "into": into, "message": "I translate RFCs."},
    )
    assert response.status_code == 302
    return TranslatorApplication.objects.get(email=email)


def test_a_newcomer_is_invited_as_a_translator_in_their_language(client, reviewer):
    application = sign_up(client, "en", "ada@volunteer.example", ["en", "ja"])
    assert (application.state, application.language, application.into) == ("open", "en", ["en", "ja"])
    client.force_login(reviewer)
    assert "ada@volunteer.example" in client.get("/ja/accounts/translator-applications/").content.decode()
    response = client.post(f"/ja/accounts/translator-applications/{application.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="ada@volunteer.example")
    assert (invitation.roles, invitation.language) == (["translator"], "en")
    assert [message.to for message in mail.outbox] == [["ada@volunteer.example"]]
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(application.pk)).order_by("pk").values_list("action", "user")
    )
    assert actions == [("members.translator_applied", None), ("members.translator_approved", reviewer.pk)]


def test_an_existing_account_gets_the_role_and_a_japanese_mail(client, reviewer, django_user_model):
    member = django_user_model.objects.create_user(username="hana@member.example", email="hana@member.example")
    Membership.objects.create(user=member, organisation=reviewer.membership.organisation, roles=[Role.MEMBER])
    application = sign_up(client, "ja", "hana@member.example", ["en"])
    client.force_login(reviewer)
    client.post(f"/ja/accounts/translator-applications/{application.pk}/decide/", {"decision": "approve"})
    member.refresh_from_db()
    assert member.membership.roles == ["member", "translator"]
    assert sorted(member.groups.values_list("name", flat=True)) == ["Members", "Translators"]
    assert member.is_staff is True
    assert (
        "翻訳者" in mail.outbox[0].body
        and mail.outbox[0].subject == "【DNSSEC Japan】翻訳ボランティアへのお申し込みを承認しました"
    )


def test_a_rejection_gives_no_role(client, reviewer):
    application = sign_up(client, "ja", "x@volunteer.example", ["ja"])
    client.force_login(reviewer)
    client.post(f"/ja/accounts/translator-applications/{application.pk}/decide/", {"decision": "reject"})
    application.refresh_from_db()
    assert application.state == "rejected" and not Invitation.objects.exists()
    assert len(mail.outbox) == 1 and "お受けできませんでした" in mail.outbox[0].body


def test_translators_and_writers_may_edit_glossary_terms():
    for group in ("Editors", "Reviewers", "Translators"):
        codenames = set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))
        assert {"add_glossaryterm", "change_glossaryterm", "view_glossaryterm"} <= codenames
        assert "delete_glossaryterm" not in codenames
