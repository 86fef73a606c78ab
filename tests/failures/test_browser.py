"""In Chromium: a member files a report, a reviewer publishes it, a visitor finds it by Japanese search and from a
finding's page."""

import re

import pytest

from failures.models import FailureReport, Status
from members.models import Membership, Organisation
from members.roles import Role
from tests.browser_thread import expect
from tests.failures.xss_payloads import BASE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple 7"
TITLE = "ゾーン署名鍵の再署名ジョブが止まり署名が期限切れになった"


@pytest.fixture
def people(live_server, demo_content, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc."
    )
    # The reviewer is of another organisation: nobody decides their own organisation's report.
    reviewers = Organisation.objects.create(slug="example-dns", name_ja="例示DNS株式会社", name_en="Example DNS Inc.")
    made = {}
    for role, email, language, their_organisation in (
        (Role.MEMBER, "member@example-isp.jp", "ja", organisation),
        (Role.REVIEWER, "reviewer@dnssec.jp.invalid", "en", reviewers),
    ):
        user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
        Membership.objects.create(user=user, organisation=their_organisation, roles=[role], language=language)
        made[role] = user
    return made


def log_in(page, site, email):
    page.goto(f"{site}/ja/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/ja/accounts/$"))


def test_file_review_publish_and_find(page, browser, live_server, people, screenshot):
    site = live_server.url
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size({"width": 1280, "height": 900})

    # A member files a report; the first try has a wrong finding id, and what was typed stays.
    log_in(page, site, "member@example-isp.jp")
    page.goto(f"{site}/ja/failures/")
    page.get_by_role("link", name="事例を投稿する").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("署名システムの定期ジョブが止まり、ゾーンの署名が期限切れになった。")
    page.get_by_label("発生日").fill("2024-05-01")
    page.get_by_label("影響の継続時間（分）").fill("180")
    page.locator("#id_category").select_option(label="署名の期限切れと再署名")
    page.get_by_label("レジストリ", exact=True).check()
    page.locator("#id_timeline").fill(
        "2024-05-01 09:00 フルリゾルバーが SERVFAIL を返し始める\n2024-05-01 12:00 再署名して復旧"
    )
    page.locator("#id_symptoms").fill("検証を行うフルリゾルバーで SERVFAIL になった。\n\n" + BASE[0])
    page.get_by_label("チェッカーの検出項目 ID").fill("rrsig_expired no_such_id")
    page.get_by_label("組織名を出さずに公開する").check()
    page.get_by_role("button", name="下書きとして保存する").click()
    expect(page.get_by_role("alert")).to_contain_text("入力した内容は残っています")
    expect(page.locator("#id_title")).to_have_value(TITLE)
    screenshot("1-form-error-ja")
    page.get_by_label("チェッカーの検出項目 ID").fill("rrsig_expired resign_lag")
    page.get_by_role("button", name="下書きとして保存する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="レビューに提出する").click()
    expect(page.locator(".failure-status")).to_contain_text("提出済み")
    screenshot("2-submitted-ja")
    report = FailureReport.objects.get(title_ja=TITLE)
    assert report.status == Status.SUBMITTED and report.anonymous

    # A reviewer (another browser session) publishes it.
    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reviewer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(reviewer, site, "reviewer@dnssec.jp.invalid")
    reviewer.goto(f"{site}/en/failures/review/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.get_by_label("Comment for the authors").fill("Thank you: published as it is.")
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator(".failure-status")).to_have_count(0)
    screenshot_page(reviewer, screenshot, "3-reviewer-en")
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED

    # A visitor finds it by a Japanese word inside the title, and from the finding's page.
    visitor = browser.new_context().new_page()
    visitor.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for width, name in ((390, "narrow"), (1280, "wide")):
        visitor.set_viewport_size({"width": width, "height": 900})
        visitor.goto(f"{site}/ja/")
        visitor.get_by_label("サイト内を検索").fill("署名鍵")
        visitor.get_by_label("サイト内を検索").press("Enter")
        visitor.get_by_role("link", name=TITLE).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(visitor.locator("main")).to_contain_text("匿名の会員")
        expect(visitor.locator("main")).not_to_contain_text("例示プロバイダー")
        screenshot_page(visitor, screenshot, f"4-detail-ja-{name}")
        visitor.goto(f"{site}/ja/findings/rrsig_expired/")
        visitor.get_by_role("link", name=TITLE).click()
        expect(visitor).to_have_url(f"{site}/ja/failures/{report.pk}/")
        # In English the report says that it has no translation yet.
        visitor.goto(f"{site}/en/failures/{report.pk}/")
        expect(visitor.locator("main")).to_contain_text("has not been translated into this language yet")
        screenshot_page(visitor, screenshot, f"5-detail-en-{name}")
        for language in ("ja", "en"):
            visitor.goto(f"{site}/{language}/failures/")
            screenshot_page(visitor, screenshot, f"6-library-{language}-{name}")
            visitor.goto(f"{site}/{language}/failures/statistics/")
            expect(visitor.locator("svg.chart:visible")).to_have_count(2)
            # Text as drawn on the screen: its font size times the chart's scale (viewBox to rendered width).
            sizes = visitor.evaluate(RENDERED_TEXT_SIZES)
            assert len(sizes) > 4 and min(sizes) >= 11, sizes
            print(f"statistics {language} at {width} px: chart text {min(sizes):.1f}–{max(sizes):.1f} px")
            screenshot_page(visitor, screenshot, f"7-statistics-{language}-{name}")
    assert dialogs == []


RENDERED_TEXT_SIZES = """() => Array.from(document.querySelectorAll("svg.chart"))
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll(".chart-label, .chart-count"))
            .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
    })"""


def screenshot_page(page, screenshot, name):
    # The fixture photographs the `page` fixture; other pages are saved beside its files.
    path = screenshot(name)
    page.screenshot(path=str(path), full_page=True)


def test_an_authors_correction_waits_for_a_reviewer(page, browser, live_server, people, screenshot):
    """The published text stays until a reviewer of another organisation publishes the correction (ja and en, narrow
    and wide)."""
    import datetime

    from failures.models import Category

    site = live_server.url
    report = FailureReport(
        organisation=people[Role.MEMBER].membership.organisation,
        author=people[Role.MEMBER],
        title_ja=TITLE,
        summary_ja="署名システムの定期ジョブが止まった。",
        incident_date=datetime.date(2024, 5, 1),
        category=Category.objects.get(slug="signature-expiry"),
        status=Status.PUBLISHED,
    )
    report.save()
    log_in(page, site, "member@example-isp.jp")
    page.goto(f"{site}/ja/failures/{report.pk}/edit/")
    expect(page.locator(".notice")).to_contain_text("レビュー担当者が承認するまで、公開中の版が表示されます")
    page.locator("#id_title").fill(TITLE + "（訂正）")
    page.locator("#id_correction_note").fill("題名を訂正しました。")
    for width, name in ((390, "narrow"), (1280, "wide")):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"1-proposal-form-ja-{name}")
    page.get_by_role("button", name="訂正をレビューに提出").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)  # the published version stays
    expect(page.locator(".proposed-correction")).to_contain_text("題名を訂正しました。")
    for width, name in ((390, "narrow"), (1280, "wide")):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"2-proposal-waits-ja-{name}")

    reviewer = browser.new_context().new_page()
    log_in(reviewer, site, "reviewer@dnssec.jp.invalid")
    reviewer.goto(f"{site}/en/failures/{report.pk}/")
    expect(reviewer.locator(".proposed-correction")).to_contain_text("A correction waits for review")
    reviewer.locator(".proposed-correction summary").click()
    expect(reviewer.locator(".proposed-correction")).to_contain_text(TITLE + "（訂正）")
    for width, name in ((390, "narrow"), (1280, "wide")):
        reviewer.set_viewport_size({"width": width, "height": 900})
        screenshot_page(reviewer, screenshot, f"3-proposal-review-en-{name}")
    reviewer.get_by_role("button", name="Publish the correction").click()
    expect(reviewer.locator(".proposed-correction")).to_have_count(0)
    visitor = browser.new_context().new_page()
    visitor.goto(f"{site}/ja/failures/{report.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE + "（訂正）")
    expect(visitor.locator(".corrections")).to_contain_text("題名を訂正しました。")
    for width, name in ((390, "narrow"), (1280, "wide")):
        visitor.set_viewport_size({"width": width, "height": 900})
        screenshot_page(visitor, screenshot, f"4-corrected-ja-{name}")
        visitor.goto(f"{site}/en/failures/{report.pk}/")
        screenshot_page(visitor, screenshot, f"4-corrected-en-{name}")
        visitor.goto(f"{site}/ja/failures/{report.pk}/")
