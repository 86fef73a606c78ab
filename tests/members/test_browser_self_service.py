"""An organisation's administrator's pages in Chromium, in both languages and at phone and desktop widths:
colleagues, domains with their proof record, the entry proposal, and the Pub-WG's review of it."""

import pytest
from django.utils import timezone

from members import domain_proof
from members.models import Domain, EntryProposal, Invitation, Membership, Organisation
from members.roles import Role
from tests.browser_thread import expect
from tests.members.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "ja": {"colleagues": "同僚", "domains": "ドメイン", "entry": "自組織の情報", "review": "会員組織情報の変更案"},
    "en": {
        "colleagues": "Colleagues",
        "domains": "Domains",
        "entry": "Our organisation's entry",
        "review": "Proposed changes of member entries",
    },
}
LOGIN = {"ja": ("メールアドレス", "パスワード", "ログイン"), "en": ("E-mail address", "Password", "Log in")}


@pytest.fixture
def people(live_server, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )

    def user(email, roles, name=""):
        person = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD, first_name=name)
        Membership.objects.create(user=person, organisation=organisation, roles=roles)
        return person

    admin = user("kanri@example-isp.jp", [Role.MEMBER, Role.ORG_ADMIN], "管理 太郎")
    user("tanaka@example-isp.jp", [Role.MEMBER], "田中 花子")
    user("henshu@example-isp.jp", [Role.EDITOR])
    Invitation.objects.create(email="sato@example-isp.jp", organisation=organisation, roles=["member"])
    Domain.objects.create(organisation=organisation, name="example-isp.jp")
    Domain.objects.create(
        organisation=organisation,
        name="dnssec-service-of-a-long-name.example-isp.jp",
        verified=False,
        token=domain_proof.new_token(),
        proof=Domain.Proof.WRONG_TOKEN,
        checked_at=timezone.now(),
    )
    EntryProposal.objects.create(
        organisation=organisation,
        proposed_by=admin,
        website="https://www.example-isp.jp/",
        description_ja="フルリゾルバーで DNSSEC 検証を行う ISP です。",
        description_en="An ISP whose full resolvers validate DNSSEC.",
    )
    return organisation


def log_in(page, site, language, email):
    label, password, button = LOGIN[language]
    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(label).fill(email)
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(f"{site}/{language}/accounts/")


def shoot_at_both_widths(page, screenshot, name):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{name}-{width}")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_organisation_administrators_pages(page, live_server, people, screenshot, language):
    site, headings = live_server.url, HEADINGS[language]
    log_in(page, site, language, "kanri@example-isp.jp")
    shoot_at_both_widths(page, screenshot, f"{language}-0-account")
    for name, path in (
        ("colleagues", "colleagues/"),
        ("domains", "domains/"),
        ("entry", "entry/"),
    ):
        page.goto(f"{site}/{language}/accounts/organisation/{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(headings[name])
        shoot_at_both_widths(page, screenshot, f"{language}-{name}")
    page.goto(f"{site}/{language}/accounts/organisation/domains/")
    expect(page.locator(".proof-record")).to_contain_text(
        "_dnssec-jp-challenge.dnssec-service-of-a-long-name.example-isp.jp. TXT"
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_pub_wg_review_page(page, live_server, people, screenshot, language):
    site = live_server.url
    log_in(page, site, language, "henshu@example-isp.jp")
    page.goto(f"{site}/{language}/accounts/organisation-entries/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["review"])
    expect(page.locator(".proposal-changes")).to_contain_text("https://www.example-isp.jp/")
    shoot_at_both_widths(page, screenshot, f"{language}-review")
