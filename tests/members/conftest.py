import pytest

from members.models import Membership, Organisation
from members.roles import Role

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        slug="example-isp",
        name_ja="例示プロバイダー株式会社",
        name_en="Example ISP Inc.",
        reading="れいじぷろばいだー",
        category="isp",
    )


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(
        slug="other-dns", name_ja="別組織株式会社", name_en="Other DNS Ltd.", reading="べつそしき", category="hosting"
    )


@pytest.fixture
def make_user(db, django_user_model):
    def make(role, organisation=None, email=None, language="ja"):
        """A user holding `role` (or each of a list of roles)."""
        roles = role if isinstance(role, list) else [role]
        email = email or f"{roles[-1]}@example.jp"
        user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, roles=roles, language=language)
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def org_admin(make_user, organisation):
    """A member user who is also their organisation's administrator."""
    return make_user([Role.MEMBER, Role.ORG_ADMIN], organisation, email="kanri@example-isp.jp")


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, email="admin@dnssec.jp.invalid")
