"""Fixtures of the knowledge base's tests: the two locales, and an editor and a reviewer of one organisation."""

import pytest
from wagtail.models import Locale

from members.models import Membership, Organisation
from members.roles import Role


@pytest.fixture
def locales(demo_content):
    return Locale.objects.get(language_code="ja"), Locale.objects.get(language_code="en")


@pytest.fixture
def people(demo_content, django_user_model):
    organisation = Organisation.objects.create(slug="wf-org", name_ja="検証組織", name_en="Workflow org")
    made = {}
    for role in (Role.EDITOR, Role.REVIEWER):
        user = django_user_model.objects.create_user(username=f"{role}@wf.example", email=f"{role}@wf.example")
        Membership.objects.create(user=user, organisation=organisation, roles=[role])
        made[role] = user
    return made
