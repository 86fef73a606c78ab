import pytest

from campaigns.models import DomainList
from members.models import Membership
from members.roles import Role
from tests.checker.portal.conftest import lab_env, processes  # noqa: F401
from tests.members.conftest import PASSWORD


@pytest.fixture
def administrator(django_user_model):
    from members.models import Organisation

    organisation = Organisation.objects.create(slug="jpops", name_ja="運営", name_en="Operators", category="isp")
    user = django_user_model.objects.create_user(username="a@example.jp", email="a@example.jp", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, roles=[Role.ADMINISTRATOR], language="en")
    return user


def make_list(slug, names, **fields):
    domain_list = DomainList.objects.create(name_ja=slug, name_en=slug, slug=slug, **fields)
    for name in names:
        domain_list.entries.create(domain=name)
    return domain_list
