"""The logo in Chromium: a provider applies, its zones' checks end, a logo reviewer approves, and the
certificate's public page shows it valid. The checks end as a worker ends them (test_logo_lifecycle.end);
the whole life through a real worker and the DNS lab is test_logo_integration.py."""

import pytest
from django.utils import translation

from members.logo.models import Application, Certificate
from members.logo.views import badge_title
from members.models import Membership, Organisation
from members.roles import Role
from tests.browser_thread import expect
from tests.members.conftest import PASSWORD
from tests.members.test_logo_lifecycle import SECURE, end

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ja": {
        "email": "メールアドレス",
        "password": "パスワード",
        "login": "ログイン",
        "apply_link": "ロゴを申請する",
        "apply_heading": "「DNSSEC enabled」ロゴの申請",
        "category": "権威DNSホスティング",
        "zones": "ゾーン",
        "apply": "申請する",
        "recorded": "申請を受け付けました。ゾーンを検査しています。",
        "checking": "検査中",
        "ready": "審査待ち",
        "passes": "基準を満たす",
        "review_link": "ロゴ申請の審査",
        "comment": "コメント",
        "approve": "承認する",
        "approved": "承認しました。認定番号 {number} が有効になりました。",
        "valid": "有効",
    },
    "en": {
        "email": "E-mail address",
        "password": "Password",
        "login": "Log in",
        "apply_link": "Apply for the logo",
        "apply_heading": "Apply for the “DNSSEC enabled” logo",
        "category": "Authoritative DNS hosting",
        "zones": "Zones",
        "apply": "Apply",
        "recorded": "Your application is recorded. Its zones are being checked.",
        "checking": "Evidence being checked",
        "ready": "Waiting for review",
        "passes": "passes",
        "review_link": "Logo applications to review",
        "comment": "Comment",
        "approve": "Approve",
        "approved": "Approved: certificate {number} is valid.",
        "valid": "Valid",
    },
}


@pytest.fixture
def people(live_server, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-hosting", name_ja="例示ホスティング株式会社", name_en="Example Hosting K.K.", category="hosting"
    )
    for email, role, member_of in (
        ("ops@example-hosting.jp", Role.MEMBER, organisation),
        ("logo@dnssec.jp.invalid", Role.LOGO_REVIEWER, None),
    ):
        user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
        Membership.objects.create(user=user, organisation=member_of, roles=[role])
    return organisation


def log_in(page, site, language, email, t):
    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(t["email"]).fill(email)
    page.get_by_label(t["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t["login"]).click()
    expect(page).to_have_url(f"{site}/{language}/accounts/")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_provider_applies_a_reviewer_approves_and_the_certificate_is_valid(
    browser, live_server, people, shoot, language
):
    t = TEXT[language]
    site = live_server.url

    provider = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(provider, site, language, "ops@example-hosting.jp", t)
    provider.get_by_role("link", name=t["apply_link"]).click()
    expect(provider.get_by_role("heading", level=1)).to_have_text(t["apply_heading"])
    provider.get_by_label(t["category"]).check()
    provider.get_by_label(t["zones"]).fill("signed.example-hosting.jp\nCustomer.Example.\n")
    shoot(provider, f"{language}-1-apply")
    provider.get_by_role("button", name=t["apply"], exact=True).click()

    application = Application.objects.get()
    expect(provider).to_have_url(f"{site}/{language}/logo/applications/{application.pk}/")
    expect(provider.get_by_role("status").first).to_have_text(t["recorded"])
    expect(provider.locator("dd.state")).to_have_text(t["checking"])
    expect(provider.locator("table code")).to_have_text(["customer.example", "signed.example-hosting.jp"])
    shoot(provider, f"{language}-2-checking")

    end(application.evaluation, {"customer.example": SECURE, "signed.example-hosting.jp": SECURE})

    reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(reviewer, site, language, "logo@dnssec.jp.invalid", t)
    reviewer.get_by_role("link", name=t["review_link"]).click()
    shoot(reviewer, f"{language}-3-review-desk")
    reviewer.locator("table").first.get_by_role("link").first.click()
    expect(reviewer.locator("dd.state")).to_have_text(t["ready"])
    expect(reviewer.locator(".outcome-pass")).to_have_text([t["passes"], t["passes"]])
    reviewer.get_by_label(t["comment"]).fill("OK")
    shoot(reviewer, f"{language}-4-review")
    reviewer.get_by_role("button", name=t["approve"]).click()

    certificate = Certificate.objects.get()
    expect(reviewer.get_by_role("status").first).to_have_text(t["approved"].format(number=certificate.number))

    # The provider sees the certificate among its own, then follows the link to its public page.
    provider.goto(f"{site}/{language}/logo/mine/")
    expect(provider.locator("span.state-valid")).to_have_text(t["valid"])
    shoot(provider, f"{language}-5-mine")
    provider.goto(f"{site}/{language}/logo/applications/{application.pk}/")
    provider.get_by_role("link", name=certificate.number).click()
    expect(provider).to_have_url(f"{site}/{language}/logo/{certificate.number}/")
    expect(provider.locator("span.logo-state-valid")).to_have_text(t["valid"])
    # The badge on its verification page, and the same badge as the image a provider embeds.
    with translation.override(language):
        title = badge_title(certificate.number, Certificate.State.VALID.label)
    expect(provider.locator(".logo-badge svg[role=img]")).to_have_attribute("aria-label", title)
    embedded = provider.request.get(f"{site}/{language}/logo/{certificate.number}/badge.svg")
    assert (embedded.status, embedded.headers["content-type"]) == (200, "image/svg+xml; charset=utf-8")
    assert f"<title>{title}</title>" in embedded.text()
    shoot(provider, f"{language}-6-certificate")
    assert certificate.state == Certificate.State.VALID
