"""In Chromium: a member adds an anonymous entry for their organisation, and the public registry shows it under its
letter only; the filter form works as a plain form. Screenshots of both pages, narrow and wide, in each language."""

import pytest

from members.models import Membership, Organisation, ServiceStatus, ServiceStatusChange
from members.roles import Role
from tests.browser_thread import expect
from tests.members.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ja": {
        "login": "ログイン",
        "email": "メールアドレス",
        "password": "パスワード",
        "ours": "自組織の DNSSEC サービス（対応状況の登録）",
        "heading": "例示プロバイダー株式会社 の DNSSEC サービス",
        "add": "追加：レジストラの DS レコード取り扱い",
        "registrant": "登録者",
        "paid": "有料",
        "started": "提供中",
        "month": "年月（YYYY-MM）",
        "anonymous": "公開（匿名・記号で表示）",
        "save": "保存",
        "saved": "保存しました。",
        "registry": "会員の DNSSEC 対応状況",
        "row": "会員 A",
        "fee": "料金",
        "show": "表示",
        "count": "1 件。",
    },
    "en": {
        "login": "Log in",
        "email": "E-mail address",
        "password": "Password",
        "ours": "Our DNSSEC services (service-status registry)",
        "heading": "DNSSEC services of Example ISP Inc.",
        "add": "Add: Registrar DS handling",
        "registrant": "Registrant",
        "paid": "Paid",
        "started": "In service",
        "month": "Month (YYYY-MM)",
        "anonymous": "Public, as an anonymous letter",
        "save": "Save",
        "saved": "The entry is saved.",
        "registry": "Members' DNSSEC services",
        "row": "Member A",
        "fee": "Fee",
        "show": "Show",
        "count": "1 entry.",
    },
}


@pytest.fixture
def member(live_server, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )
    user = django_user_model.objects.create_user(
        username="operator@example-isp.jp", email="operator@example-isp.jp", password=PASSWORD
    )
    Membership.objects.create(user=user, organisation=organisation, roles=[Role.MEMBER])
    return user


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_member_adds_an_anonymous_entry_and_the_registry_shows_only_its_letter(
    page, live_server, member, screenshot, language
):
    t = TEXT[language]
    site = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(t["email"]).fill("operator@example-isp.jp")
    page.get_by_label(t["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t["login"]).click()
    page.get_by_role("link", name=t["ours"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["heading"])

    page.get_by_role("link", name=t["add"]).click()
    page.get_by_role("radio", name=t["registrant"]).check()
    page.get_by_role("radio", name=t["paid"]).check()
    page.get_by_role("radio", name=t["started"]).check()
    page.get_by_label(t["month"]).fill("2011-03")
    page.get_by_role("radio", name=t["anonymous"]).check()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{language}-{width}-1-form")
    page.get_by_role("button", name=t["save"]).click()
    expect(page.get_by_role("status")).to_have_text(t["saved"])
    entry = ServiceStatus.objects.get()
    assert (entry.kind, entry.key_owner, entry.fee, entry.start, entry.since.isoformat(), entry.letter) == (
        "registrar",
        "registrant",
        "paid",
        "started",
        "2011-03-01",
        "A",
    )
    assert list(ServiceStatusChange.objects.values_list("action", "actor")) == [("created", member.pk)]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{language}-{width}-2-our-entries")

    page.get_by_role("link", name=t["registry"]).click()
    page.get_by_role("combobox", name=t["fee"]).select_option("paid")
    page.get_by_role("button", name=t["show"]).click()
    expect(page).to_have_url(f"{site}/{language}/members/status/?kind=&key_owner=&fee=paid&start=&sort=kind")
    expect(page.locator(".status-count")).to_contain_text(t["count"])
    expect(page.locator(".status-table tbody th")).to_have_text([t["row"]])
    expect(page.locator("main")).not_to_contain_text("Example ISP")
    expect(page.locator("main")).not_to_contain_text("例示プロバイダー")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{language}-{width}-3-registry")
