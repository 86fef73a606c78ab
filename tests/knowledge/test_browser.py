"""The knowledge base in Chromium: search in Japanese, open the guide, switch it to English, copy a code block."""

import pytest

from tests.browser_thread import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


@pytest.fixture
def site(live_server, demo_content):
    return live_server.url


@pytest.mark.parametrize("width", [390, 1280], ids=["narrow", "wide"])
def test_search_open_switch_language_and_copy_code(page, site, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/ja/")
    page.get_by_role("searchbox", name="サイト内を検索").fill("自動更新")
    page.get_by_role("button", name="検索").click()
    result = page.get_by_role("link", name="フルリゾルバーへのトラストアンカー設定ガイド")
    expect(result).to_be_visible()
    screenshot("ja-search")
    result.click()
    expect(page).to_have_url(f"{site}/ja/publications/trust-anchor-guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text("フルリゾルバーへのトラストアンカー設定ガイド")
    expect(page.get_by_role("navigation", name="目次")).to_be_visible()
    screenshot("ja-guide")

    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{site}/en/publications/trust-anchor-guide/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("How to set up DNSSEC trust anchors for the resolver")

    block = page.locator(".code-block", has_text="auto-trust-anchor-file").first
    block.scroll_into_view_if_needed()
    copy = block.get_by_role("button", name="Copy")
    expect(copy).to_be_visible()  # shown by copy.js; hidden without JavaScript
    copy.click()
    expect(block.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("server:\n") and 'auto-trust-anchor-file: "/var/lib/unbound/root.key"' in copied
    assert "<span" not in copied
    screenshot("en-guide-copied")


def test_glossary_link_from_guideline_text(page, site, screenshot):
    page.goto(f"{site}/ja/publications/trust-anchor-guide/")
    page.locator("a.glossary-term", has_text="鍵署名鍵").click()
    expect(page).to_have_url(f"{site}/ja/glossary/ksk/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("鍵署名鍵")
    screenshot("ja-term")
