"""Resolver address prefixes: entered by staff on the organisation in the admin, written canonically."""

import pytest
from django.core.exceptions import ValidationError

from members.models import Membership, Organisation
from members.roles import Role
from resolvertest.models import ResolverPrefix, normalise_prefix
from resolvertest.operators import operators
from tests.members.conftest import PASSWORD
from tests.members.test_models import organisation_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return Organisation.objects.create(
        slug="example-isp",
        name_ja="例示プロバイダー株式会社",
        name_en="Example ISP Inc.",
        reading="れいじ",
        category="isp",
    )


@pytest.fixture
def administrator(django_user_model):
    user = django_user_model.objects.create_user(
        username="admin@example.jp", email="admin@example.jp", password=PASSWORD
    )
    Membership.objects.create(user=user, roles=[Role.ADMINISTRATOR], language="ja")
    return user


def prefix_rows(*prefixes):
    form = {
        "resolver_prefixes-TOTAL_FORMS": str(len(prefixes)),
        "resolver_prefixes-INITIAL_FORMS": "0",
        "resolver_prefixes-MIN_NUM_FORMS": "0",
        "resolver_prefixes-MAX_NUM_FORMS": "1000",
    }
    for i, prefix in enumerate(prefixes):
        form |= {
            f"resolver_prefixes-{i}-prefix": prefix,
            f"resolver_prefixes-{i}-id": "",
            f"resolver_prefixes-{i}-ORDER": str(i + 1),
            f"resolver_prefixes-{i}-DELETE": "",
        }
    return form


def test_staff_enter_an_organisations_resolver_prefixes_in_the_admin(client, administrator, organisation):
    client.force_login(administrator)
    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    page = client.get(url).content.decode()
    assert "フルリゾルバーのアドレスプレフィックス" in page
    response = client.post(url, organisation_form(organisation) | prefix_rows(" 192.0.2.0/24", "2001:DB8::/32"))
    assert response.status_code == 302
    assert list(organisation.resolver_prefixes.values_list("prefix", flat=True)) == ["192.0.2.0/24", "2001:db8::/32"]
    assert operators(["192.0.2.53", "2001:db8::1", "198.51.100.1"]) == {
        "192.0.2.53": "例示プロバイダー株式会社",
        "2001:db8::1": "例示プロバイダー株式会社",
    }


def test_the_admin_refuses_what_is_no_prefix(client, administrator, organisation):
    client.force_login(administrator)
    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    response = client.post(url, organisation_form(organisation) | prefix_rows("192.0.2.1/24"))
    assert response.status_code == 200
    assert ResolverPrefix.objects.count() == 0
    assert "192.0.2.1/24 はアドレスプレフィックスではありません" in response.content.decode()


@pytest.mark.parametrize(
    "value, canonical",
    [("192.0.2.0/24", "192.0.2.0/24"), (" 2001:DB8:0::/48 ", "2001:db8::/48"), ("192.0.2.53", "192.0.2.53/32")],
)
def test_a_prefix_is_written_canonically(value, canonical):
    assert normalise_prefix(value) == canonical


@pytest.mark.parametrize("value", ["192.0.2.1/24", "example.jp", "", "2001:db8::/129"])
def test_what_is_no_prefix_is_refused(value):
    with pytest.raises(ValidationError):
        normalise_prefix(value)
