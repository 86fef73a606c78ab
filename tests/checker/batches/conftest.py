import pytest

from members.models import Membership, Organisation
from members.roles import Role
from tests.checker.portal.conftest import lab_env, processes  # noqa: F401
from tests.members.conftest import PASSWORD


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )


@pytest.fixture
def member(organisation, django_user_model):
    user = django_user_model.objects.create_user(username="m@example.jp", email="m@example.jp", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, roles=[Role.MEMBER], language="ja")
    return user


@pytest.fixture
def token(member):
    from wagtail.models import APIToken

    return APIToken.create_token(user=member, name="nightly")[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
