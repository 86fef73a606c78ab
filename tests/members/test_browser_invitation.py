"""The whole path in Chromium: an administrator invites, the member sets a password and sees their organisation."""

import re

import pytest
from django.core import mail

from members.models import Domain, Membership, Organisation
from members.roles import Role
from tests.browser_thread import expect
from tests.conftest import ARTIFACTS
from tests.members.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ja": {
        "login": "ログイン",
        "invite": "ユーザーの招待",
        "send": "招待メールを送信",
        "sent": "tanaka@example.jp 宛てに招待メールを送信しました。",
        "subject": "【DNSSEC Japan】ポータルサイトへのご招待（例示プロバイダー株式会社）",
        "welcome": "DNSSEC Japan へようこそ",
        "create": "アカウントを作成する",
        "account": "アカウント",
        "organisation": "例示プロバイダー株式会社",
        "role": "メンバーユーザー",
        "email_label": "メールアドレス",
        "password": "パスワード",
        "password2": "パスワード（確認）",
        "name": "氏名",
        "org_label": "所属組織",
        "language_label": "言語",
        "logout": "ログアウト",
    },
    "en": {
        "login": "Log in",
        "invite": "Invite a user",
        "send": "Send the invitation",
        "sent": "The invitation to tanaka@example.jp has been sent.",
        "subject": "[DNSSEC Japan] Your invitation to the portal (Example ISP Inc.)",
        "welcome": "Welcome to DNSSEC Japan",
        "create": "Create my account",
        "account": "Your account",
        "organisation": "Example ISP Inc.",
        "role": "Member user",
        "email_label": "E-mail address",
        "password": "Password",
        "password2": "Password (again)",
        "name": "Your name",
        "org_label": "Organisation",
        "language_label": "Language",
        "logout": "Log out",
    },
}


@pytest.fixture
def people(live_server, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )
    Domain.objects.create(organisation=organisation, name="example-isp.jp")
    Domain.objects.create(organisation=organisation, name="例示.jp")
    admin = django_user_model.objects.create_user(
        username="admin@dnssec.jp.invalid", email="admin@dnssec.jp.invalid", password=PASSWORD
    )
    Membership.objects.create(user=admin, roles=[Role.ADMINISTRATOR])
    return organisation


@pytest.fixture
def shoot_invitee(request):
    """Like the `screenshot` fixture, for the invitee's own page."""

    def take(invitee_page, name):
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        invitee_page.screenshot(path=str(folder / f"{request.node.name}-{name}.png"), full_page=True)

    return take


@pytest.mark.parametrize("language", ["ja", "en"])
def test_administrator_invites_and_member_sees_their_organisation(
    page, browser, live_server, people, screenshot, shoot_invitee, language, settings
):
    t = TEXT[language]
    site = live_server.url
    settings.WAGTAILADMIN_BASE_URL = site  # the mail's link is built on PORTAL_BASE_URL
    page.set_viewport_size({"width": 1024, "height": 800})

    page.goto(f"{site}/{language}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["login"])
    page.get_by_label(t["email_label"]).fill("admin@dnssec.jp.invalid")
    page.get_by_label(t["password"], exact=True).fill(PASSWORD)
    screenshot(f"{language}-1-login")
    page.get_by_role("button", name=t["login"]).click()
    expect(page).to_have_url(f"{site}/{language}/accounts/")

    page.get_by_role("link", name=t["invite"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["invite"])
    page.get_by_label(t["email_label"]).fill("tanaka@example.jp")
    page.get_by_role("combobox", name=t["org_label"]).select_option(label=t["organisation"])
    expect(page.get_by_role("checkbox", name=t["role"])).to_be_checked()  # the form's default
    page.get_by_role("combobox", name=t["language_label"]).select_option(value=language)
    page.get_by_role("button", name=t["send"]).click()
    expect(page.get_by_role("status")).to_have_text(t["sent"])
    screenshot(f"{language}-2-invitation-sent")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == t["subject"]
    link = re.search(r"https?://\S+", message.body).group()
    assert link.startswith(f"{site}/{language}/accounts/invitations/")

    # The invitee, in a browser of their own.
    invitee = browser.new_page(viewport={"width": 1024, "height": 800})
    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_have_text(t["welcome"])
    expect(invitee.locator("main")).to_contain_text("tanaka@example.jp")
    invitee.get_by_label(t["name"]).fill("田中 花子" if language == "ja" else "Hanako Tanaka")
    invitee.get_by_label(t["password"], exact=True).fill("kagi-shomei-kagi 2026")
    invitee.get_by_label(t["password2"]).fill("kagi-shomei-kagi 2026")
    shoot_invitee(invitee, f"{language}-3-set-password")
    invitee.get_by_role("button", name=t["create"]).click()

    expect(invitee).to_have_url(f"{site}/{language}/accounts/")
    expect(invitee.get_by_role("heading", level=1)).to_have_text(t["account"])
    expect(invitee.locator("dl.details")).to_contain_text(t["organisation"])
    expect(invitee.locator("dl.details")).to_contain_text(t["role"])
    expect(invitee.locator("dl.details")).to_contain_text("tanaka@example.jp")
    shoot_invitee(invitee, f"{language}-4-member-account")

    # The organisation link leads to its public page; logging out ends the session.
    invitee.get_by_role("link", name=t["organisation"]).click()
    expect(invitee.get_by_role("heading", level=1)).to_have_text(t["organisation"])
    expect(invitee.locator(".domain-list")).to_contain_text("例示.jp")
    shoot_invitee(invitee, f"{language}-5-organisation")
    invitee.go_back()
    invitee.get_by_role("button", name=t["logout"]).click()
    expect(invitee).to_have_url(f"{site}/{language}/")
    invitee.goto(f"{site}/{language}/accounts/")
    expect(invitee).to_have_url(re.compile(rf"/{language}/accounts/login/\?next="))
    invitee.close()
