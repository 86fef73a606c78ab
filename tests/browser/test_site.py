"""The site in Chromium: both languages, the language switch, the missing-translation page, the preview panel."""

import re

import pytest

from portal.models import AboutPage, HomePage
from tests.browser_thread import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, demo_content):
    return live_server.url


@pytest.mark.parametrize("width", [390, 1280], ids=["narrow", "wide"])
def test_home_page_in_both_languages(page, site, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/ja/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text("DNSSEC Japan")
    expect(page.get_by_role("link", name="会員組織")).to_be_visible()
    screenshot("ja")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{site}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Member organisations")).to_be_visible()
    screenshot("en")


def test_language_switch_keeps_the_page_and_skip_link_works(page, site, screenshot):
    page.goto(f"{site}/en/about/")
    page.get_by_role("link", name="日本語").click()
    expect(page).to_have_url(f"{site}/ja/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("DNSSEC Japan について")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へスキップ")
    expect(skip).to_be_focused()
    screenshot("skip-link-focused")


def test_missing_translation_page(page, site, screenshot):
    home = HomePage.objects.get(locale__language_code="ja")
    only_ja = home.add_child(instance=AboutPage(title="日本語だけのお知らせ", slug="ja-only"))
    only_ja.save_revision().publish()
    page.goto(f"{site}/ja/ja-only/")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This page has not been translated yet")
    screenshot("en")
    page.get_by_role("link", name=re.compile("Read the original")).click()
    expect(page).to_have_url(f"{site}/ja/ja-only/")


def test_search_in_japanese(page, site, screenshot):
    page.goto(f"{site}/ja/")
    page.get_by_role("searchbox", name="サイト内を検索").fill("技術検証")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("「技術検証」の検索結果")
    expect(page.locator(".results mark").first).to_have_text("技術検証")
    screenshot("results")


def test_wagtail_preview_panel_renders_the_page(page, site, screenshot, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.jp", "a-long-test-password")
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    about = AboutPage.objects.get(locale__language_code="ja")
    page.goto(f"{site}/admin/pages/{about.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe[title]").first
    expect(frame.get_by_role("heading", level=1)).to_have_text("DNSSEC Japan について", timeout=20000)
    screenshot("preview-panel")
