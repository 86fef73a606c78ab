"""A third language is configuration: adding ("zh-hans", "简体中文") to LANGUAGES and WAGTAIL_CONTENT_LANGUAGES.

Pages, the URL prefix, the language switch, the missing-translation page, search and the sitemap follow the
setting; a Wagtail Locale comes from the step that runs after every `migrate`. Models translated with
django-modeltranslation have no Chinese columns (MODELTRANSLATION_LANGUAGES stays ja, en): they are shown in
Japanese, marked so. The product itself stays Japanese and English (tests/portal/test_i18n.py).

Each test changes the settings through pytest-django's `settings` fixture: Django, Wagtail and this project
drop what they derived from LANGUAGES when it changes (the `setting_changed` signal), and the database, the
cache and the active language are put back after each test, so nothing reaches another test.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.models.signals import post_migrate
from django.utils.html import escape
from wagtail.models import Locale

from checker import catalog
from failures.models import FailureReport
from knowledge.models import GlossaryPage, GlossaryTerm, PublicationPage
from portal import languages
from portal.models import AboutPage, HomePage

ROOT = Path(__file__).resolve().parents[2]
ZH = ("zh-hans", "简体中文")
BASE = "https://portal.example.jp"
pytestmark = pytest.mark.django_db


@pytest.fixture
def zh_hans(settings, demo_content):
    """The portal with a third language, its Locale made as after a `migrate`, and the home and about pages
    translated into it (as a translator's published translation would be)."""
    settings.LANGUAGES = [*settings.LANGUAGES, ZH]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    settings.WAGTAILADMIN_BASE_URL = BASE
    assert not Locale.objects.filter(language_code="zh-hans").exists()
    languages.ensure_locales()
    locale = Locale.objects.get(language_code="zh-hans")
    home = HomePage.objects.get(locale__language_code="ja").copy_for_translation(locale)
    home.title = "DNSSEC Japan"
    home.lead = "DNSSEC Japan 是推进 DNSSEC 部署的论坛。"
    home.save_revision().publish()
    about = AboutPage.objects.get(locale__language_code="ja", slug="about").copy_for_translation(locale)
    about.title = "关于 DNSSEC Japan"
    about.save_revision().publish()
    return locale


def test_the_locale_is_made_after_every_migrate_for_each_content_language(zh_hans):
    from django.apps import apps

    sync_receivers, _async_receivers = post_migrate._live_receivers(sender=apps.get_app_config("portal"))
    assert languages.ensure_locales in sync_receivers
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "ja", "zh-hans"]


def test_the_prefix_serves_the_translated_pages_in_their_language(client, zh_hans):
    home = client.get("/zh-hans/")
    assert home.status_code == 200
    html = home.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "DNSSEC Japan 是推进 DNSSEC 部署的论坛。" in html
    about = client.get("/zh-hans/about/").content.decode()
    assert '<html lang="zh-hans">' in about and "<h1>关于 DNSSEC Japan</h1>" in about


def test_the_language_switch_lists_every_language_and_keeps_the_page(client, zh_hans):
    html = client.get("/zh-hans/about/").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group()
    assert re.findall(r"<li>(.*?)</li>", switch) == [
        '<a href="/ja/about/" hreflang="ja" lang="ja">日本語</a>',
        '<a href="/en/about/" hreflang="en" lang="en">English</a>',
        '<span aria-current="true" lang="zh-hans">简体中文</span>',
    ]
    japanese = client.get("/ja/about/").content.decode()
    assert '<a href="/zh-hans/about/" hreflang="zh-hans" lang="zh-hans">简体中文</a>' in japanese
    for code, path in (("ja", "/ja/about/"), ("en", "/en/about/"), ("zh-hans", "/zh-hans/about/")):
        assert f'<link rel="alternate" hreflang="{code}" href="{BASE}{path}">' in japanese
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}/ja/about/">' in japanese
    # A view that is no Wagtail page keeps its path and query under the other prefix.
    members = client.get("/zh-hans/members/?category=isp").content.decode()
    assert '<a href="/en/members/?category=isp" hreflang="en" lang="en">English</a>' in members


def test_the_switch_on_a_glossary_term_leads_to_its_translation(client, zh_hans):
    GlossaryPage.objects.get(locale__language_code="ja").copy_for_translation(zh_hans).save_revision().publish()
    term = GlossaryTerm.objects.get(locale__language_code="ja", slug="ksk")
    chinese = term.copy_for_translation(zh_hans)
    chinese.term = "密钥签名密钥"
    chinese.save()
    html = client.get("/ja/glossary/ksk/").content.decode()
    assert '<a href="/zh-hans/glossary/ksk/" hreflang="zh-hans" lang="zh-hans">简体中文</a>' in html
    term_page = client.get("/zh-hans/glossary/ksk/").content.decode()
    assert "<h1>密钥签名密钥 <abbr>(KSK)</abbr></h1>" in term_page
    assert '<a href="/ja/glossary/ksk/" hreflang="ja" lang="ja">日本語</a>' in term_page


def test_a_page_without_a_chinese_translation_leads_to_the_missing_translation_page(client, zh_hans):
    overview = PublicationPage.objects.get(locale__language_code="ja", slug="dnssec-overview")
    html = client.get("/ja/publications/dnssec-overview/").content.decode()
    link = f"/zh-hans/translation-missing/?page={overview.pk}"
    assert f'<a href="{link}" hreflang="zh-hans" lang="zh-hans" data-missing="true">简体中文</a>' in html
    assert 'hreflang="zh-hans" href' not in html  # no alternate for a translation that does not exist
    response = client.get(link)
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    # The project has no Chinese catalogue yet: its messages fall back to the default language's, Japanese.
    assert "<h1>このページはまだ翻訳されていません</h1>" in body
    assert f"<p>「{overview.title}」は、現在 日本語 版のみがあります。</p>" in body
    assert '<a href="/ja/publications/dnssec-overview/" lang="ja">原文を読む（日本語）</a>' in body
    assert '<a href="/zh-hans/">この言語のホームへ</a>' in body
    assert client.get("/zh-hans/publications/dnssec-overview/").status_code == 404


def test_translated_models_without_chinese_columns_are_shown_in_japanese_and_marked(client, zh_hans):
    html = client.get("/zh-hans/members/dnsops-jp/").content.decode()
    note = '<small class="name-missing" lang="zh-hans">（日本語で表示しています）</small>'
    assert f'<h1><span lang="ja">日本DNSオペレーターズグループ（DNSOPS.jp）</span> {note}</h1>' in html
    assert '<p lang="ja">日本の DNS 運用者による有志のコミュニティ。' in html
    assert f"メーリングリストを運営しています。 {note}</p>" in html
    directory = client.get("/zh-hans/members/").content.decode()
    assert f'<span lang="ja">株式会社インターネットイニシアティブ</span> {note}' in directory
    report = FailureReport.published.filter(original_language="ja").exclude(finding_ids_packed="").first()
    page = client.get(f"/zh-hans/failures/{report.pk}/").content.decode()
    assert '<article class="wrap failure-report" lang="ja">' in page and f"<h1>{escape(report.title_ja)}</h1>" in page
    assert '<p class="notice" lang="zh-hans">この事例は、書かれた言語（日本語）で表示しています。</p>' in page
    # The checker's catalogue, in Japanese and English, is read in Japanese too.
    finding = report.finding_ids[0]
    assert f"<code>{finding}</code></a> {escape(catalog.get(finding).title.ja)}</li>" in page
    # The languages with columns are unchanged: English reads its own.
    english = client.get("/en/members/dnsops-jp/").content.decode()
    assert '<h1><span lang="en">DNS Operators Group, Japan</span></h1>' in english
    assert "name-missing" not in english


def test_search_in_chinese_searches_the_chinese_pages_only(client, zh_hans):
    html = client.get("/zh-hans/search/", {"q": "关于"}).content.decode()
    results = re.search(r'<ol class="results"[^>]*>.*?</ol>', html, re.S).group()
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', results) == [("/zh-hans/about/", "关于 DNSSEC Japan")]
    for language in ("ja", "en"):
        other = client.get(f"/{language}/search/", {"q": "关于"}).content.decode()
        assert '<ol class="results"' not in other, language
    japanese = client.get("/zh-hans/search/", {"q": "DNSSEC Japan について"}).content.decode()
    assert "/ja/about/" not in japanese


def test_the_sitemap_gives_every_language_a_page_exists_in(client, zh_hans):
    xml = client.get("/sitemap.xml").content.decode()
    entries = {}
    for url in re.findall(r"<url>(.*?)</url>", xml, re.S):
        (loc,) = re.findall(r"<loc>([^<]+)</loc>", url)
        entries[loc] = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/>', url))
    about = {code: f"{BASE}/{code}/about/" for code in ("ja", "en", "zh-hans")}
    assert entries[about["zh-hans"]] == entries[about["ja"]] == about
    overview = {code: f"{BASE}/{code}/publications/dnssec-overview/" for code in ("ja", "en")}
    assert entries[overview["ja"]] == overview
    assert f"{BASE}/zh-hans/publications/dnssec-overview/" not in entries


def test_a_deployment_that_adds_the_language_needs_no_migration(tmp_path):
    """The settings lines are all it takes: no model field's choices or lengths hold the list of languages."""
    (tmp_path / "zh_settings.py").write_text(
        "from portal.settings.test import *  # noqa: F403\n"
        f"LANGUAGES = [*LANGUAGES, {ZH!r}]  # noqa: F405\n"
        "WAGTAIL_CONTENT_LANGUAGES = LANGUAGES\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zh_settings", "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected"), result.stderr
