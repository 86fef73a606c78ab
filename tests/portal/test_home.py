"""The home page answers "what is DNSSEC, and what should I do?"; the main menu; the <title> of every page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def main_menu(html):
    return re.search(r'<nav class="wrap site-nav".*?</nav>', html, re.S).group()


def section(html, element_id):
    return re.search(rf'<li id="{element_id}">.*?</li>', html, re.S).group()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_home_pages_title_names_the_site_once(client, demo_content, language):
    html = client.get(f"/{language}/").content.decode()
    assert "<title>DNSSEC Japan</title>" in html
    assert "DNSSEC Japan | DNSSEC Japan" not in html


@pytest.mark.parametrize(
    "path, title",
    [
        ("/ja/about/", "<title>DNSSEC Japan について | DNSSEC Japan</title>"),
        ("/en/about/", "<title>About DNSSEC Japan | DNSSEC Japan</title>"),
        ("/ja/publications/zone-signing-guide/", "<title>権威DNSサーバーでのゾーン署名ガイド | DNSSEC Japan</title>"),
        ("/ja/glossary/ksk/", "<title>鍵署名鍵 | DNSSEC Japan</title>"),
        ("/ja/check/", "<title>ドメインを検査する | DNSSEC Japan</title>"),
        ("/en/check/", "<title>Check a domain | DNSSEC Japan</title>"),
    ],
)
def test_other_pages_title_is_the_page_then_the_site(client, demo_content, path, title):
    assert title in client.get(path).content.decode()


def test_a_404_title_is_the_page_then_the_site(client, demo_content):
    html = client.get("/ja/no-such-page/").content.decode()
    assert "<title>ページが見つかりません | DNSSEC Japan</title>" in html


@pytest.mark.parametrize(
    "language, links",
    [
        (
            "ja",
            [
                '<li><a href="/ja/publications/">刊行物</a></li>',
                '<li><a href="/ja/events/">イベント</a></li>',
                '<li><a href="/ja/news/">お知らせ</a></li>',
                '<li><a href="/ja/glossary/">用語集</a></li>',
            ],
        ),
        (
            "en",
            [
                '<li><a href="/en/publications/">Publications</a></li>',
                '<li><a href="/en/events/">Events</a></li>',
                '<li><a href="/en/news/">News</a></li>',
                '<li><a href="/en/glossary/">Glossary</a></li>',
            ],
        ),
    ],
)
def test_the_main_menu_reaches_the_glossary_and_the_news(client, demo_content, language, links):
    for path in (f"/{language}/", f"/{language}/about/", f"/{language}/check/"):
        menu = main_menu(client.get(path).content.decode())
        for link in links:
            assert link in menu, (path, link)


def test_the_home_page_says_what_dnssec_is_and_what_to_do_by_role(client, demo_content):
    html = client.get("/ja/").content.decode()
    assert "<h2>DNSSEC は何をするのか</h2>" in html
    assert "DNS の応答に電子署名を付ける仕組みです。" in html
    assert '<h2 id="home-paths-title">あなたの立場ですべきこと</h2>' in html
    # Each role leads to its page of the adoption decision guide and to the checker, nothing more (kept short).
    expected = {
        "role-registrant": ("ドメイン名の登録者", "/ja/guide/registrant/", "登録者のための DNSSEC"),
        "role-zone-operator": (
            "ゾーンの運用者・DNS 事業者",
            "/ja/guide/zone-operator/",
            "権威DNSサーバーの運用者と DNS 事業者のための DNSSEC",
        ),
        "role-registrar": ("レジストラ", "/ja/guide/registrar/", "レジストラのための DNSSEC"),
        "role-resolver-operator": (
            "フルリゾルバーの運用者・ISP",
            "/ja/guide/resolver-operator/",
            "フルリゾルバーの運用者と ISP のための DNSSEC",
        ),
        "role-enterprise": ("企業・組織の DNS 担当者", "/ja/guide/enterprise/", "企業のための DNSSEC"),
    }
    for element_id, (role, url, title) in expected.items():
        item = section(html, element_id)
        assert f"<h3>{role}</h3>" in item
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', item)
        assert links == [(url, title), ("/ja/check/", "チェッカーでドメイン名を確かめる")], element_id


def test_the_home_page_shows_the_latest_publications_news_events_and_the_checker(client, demo_content):
    html = client.get("/ja/").content.decode()
    latest = re.search(r'<section class="home-latest">.*?</section>', html, re.S).group()
    publications, news, events = re.findall(r"<div>.*?</div>", latest, re.S)
    assert "<h2>新しい刊行物</h2>" in publications
    # Newest first, then by title: every publication is dated 2026-12-03, so the two "DNSSEC …" titles lead.
    links = re.findall(r'<li><a href="(/ja/publications/[^"]+)">', publications)
    assert links[:2] == ["/ja/publications/dnssec-overview/", "/ja/publications/issues-on-adopting-dnssec/"]
    assert '<a href="/ja/publications/">刊行物の一覧</a>' in publications
    assert "<h2>お知らせ</h2>" in news
    assert '<a href="/ja/news/knowledge-base-opened/">ナレッジベースを公開しました</a>' in news
    assert '<a href="/ja/news/">お知らせの一覧</a>' in news
    # The seed's events are all past: the latest ones are shown, and it says nothing is planned.
    assert "<h2>最近のイベント</h2>" in events and "いま予定しているイベントはありません。" in events
    assert '<a href="/ja/events/spring-forum-2011/">DNSSEC 2011 スプリングフォーラム</a>' in events
    # The checker's form.
    assert 'class="home-check"' in html and 'action="/ja/check/"' in html


def test_the_english_home_page_has_the_same_paths(client, demo_content):
    html = client.get("/en/").content.decode()
    assert "<h2>What DNSSEC does</h2>" in html
    assert '<h2 id="home-paths-title">What should you do?</h2>' in html
    item = section(html, "role-resolver-operator")
    assert "<h3>Resolver operators and ISPs</h3>" in item
    assert '<a href="/en/guide/resolver-operator/">DNSSEC for resolver operators and ISPs</a>' in item
    assert '<a href="/en/check/">Check a domain name</a>' in item
    assert "<h2>Latest publications</h2>" in html
