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

    # A shell session copies its commands only: no prompts, no sample output.
    session = page.locator(".code-block", has_text="unbound-checkconf: no errors").first
    session.scroll_into_view_if_needed()
    session.get_by_role("button", name="Copy").click()
    expect(session.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "unbound-checkconf\nsudo unbound-control reload\ngrep -v '^;' /var/lib/unbound/root.key | head -3\n"
    )
    expect(session.locator(".go")).to_have_text("unbound-checkconf: no errors in /etc/unbound/unbound.conf")
    session.screenshot(path=str(screenshot("en-shell-session")))


def test_glossary_link_from_guideline_text(page, site, screenshot):
    page.goto(f"{site}/ja/publications/trust-anchor-guide/")
    page.locator("a.glossary-term", has_text="鍵署名鍵").click()
    expect(page).to_have_url(f"{site}/ja/glossary/ksk/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("鍵署名鍵")
    screenshot("ja-term")


@pytest.mark.parametrize("width", [390, 1280], ids=["narrow", "wide"])
def test_a_reader_follows_their_role_to_the_guide_and_sees_the_equipment_example(page, site, screenshot, width):
    """Every new page in both languages, narrow and wide: the guide's index, a role page, the verifications and the
    fictional example with its marker."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/ja/")
    page.locator("#role-resolver-operator").get_by_role(
        "link", name="フルリゾルバーの運用者と ISP のための DNSSEC"
    ).click()
    expect(page).to_have_url(f"{site}/ja/guide/resolver-operator/")
    for heading in (
        "やること",
        "かかる費用と手間",
        "必要なサーバーとソフトウェア",
        "よくある失敗",
        "関連する刊行物とチェッカー",
    ):
        expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
    screenshot("ja-role")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{site}/en/guide/resolver-operator/")
    expect(page.get_by_role("heading", level=1)).to_have_text("DNSSEC for resolver operators and ISPs")
    screenshot("en-role")
    for language in ("ja", "en"):
        page.goto(f"{site}/{language}/guide/")
        expect(
            page.get_by_role("link", name={"ja": "企業のための DNSSEC", "en": "DNSSEC for enterprises"}[language])
        ).to_be_visible()
        screenshot(f"{language}-guide-index")
        marker = {"ja": "例（架空の機器）", "en": "Example (fictional equipment)"}[language]
        page.goto(f"{site}/{language}/verification/")
        expect(page.locator(".doc-list .example-marker")).to_have_text(marker)
        screenshot(f"{language}-verification-index")
        page.locator(".doc-list h2 a").first.click()
        expect(page).to_have_url(f"{site}/{language}/verification/example-firewall/")
        expect(page.locator("p.example-marker")).to_contain_text(marker)
        screenshot(f"{language}-verification")
