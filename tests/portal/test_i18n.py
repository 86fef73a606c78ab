"""Japanese first, English second, on every page."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from wagtail.models import Locale

from portal.models import AboutPage, HomePage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_root_redirects_to_japanese_by_default(client, demo_content):
    assert client.get("/").headers["Location"] == "/ja/"


def test_root_redirects_english_readers_to_english(demo_content):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get("/")
    assert response.headers["Location"] == "/en/"


@pytest.mark.parametrize("language, title", [("ja", "DNSSEC Japan について"), ("en", "About DNSSEC Japan")])
def test_pages_declare_their_language_and_alternates(client, demo_content, settings, language, title):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"  # alternates are on it, never on the Host header
    html = client.get(f"/{language}/about/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert re.search(r'<link rel="alternate" hreflang="ja" href="https://portal.example.jp/ja/about/">', html)
    assert re.search(r'<link rel="alternate" hreflang="en" href="https://portal.example.jp/en/about/">', html)
    assert 'hreflang="x-default" href="https://portal.example.jp/ja/about/"' in html


def test_language_switch_leads_to_the_translation_of_this_page(client, demo_content):
    html = client.get("/ja/about/").content.decode()
    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in html
    html = client.get("/en/members/?category=isp").content.decode()
    assert '<a href="/ja/members/?category=isp" hreflang="ja" lang="ja">日本語</a>' in html


def test_a_page_without_translation_links_to_the_missing_translation_page(client, demo_content):
    home = HomePage.objects.get(locale__language_code="ja")
    only_ja = home.add_child(instance=AboutPage(title="日本語だけのページ", slug="ja-only"))
    only_ja.save_revision().publish()
    html = client.get("/ja/ja-only/").content.decode()
    link = f"/en/translation-missing/?page={only_ja.pk}"
    assert f'href="{link}"' in html
    assert 'hreflang="en" href' not in html  # no alternate for a translation that does not exist
    response = client.get(link)
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in body
    assert "This page has not been translated yet" in body
    assert "“日本語だけのページ” exists only in Japanese so far." in body
    assert 'href="/ja/ja-only/"' in body and 'href="/en/"' in body


def test_missing_translation_page_speaks_japanese_under_ja(client, demo_content):
    en_home = HomePage.objects.get(locale__language_code="en")
    only_en = en_home.add_child(instance=AboutPage(title="English only", slug="en-only"))
    only_en.save_revision().publish()
    body = client.get(f"/ja/translation-missing/?page={only_en.pk}").content.decode()
    assert "このページはまだ翻訳されていません" in body
    assert "「English only」は、現在 英語 版のみがあります。" in body


@pytest.mark.parametrize("path", ["/ja/no-such-page/", "/en/no-such-page/", "/fr/anything/"])
def test_unknown_pages_and_language_prefixes_get_a_translated_404(client, demo_content, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    body = response.content.decode()
    if path.startswith("/en/"):
        assert "Page not found" in body
    else:
        assert "ページが見つかりません" in body
    assert "Traceback" not in body


def test_sitemap_lists_both_language_trees(client, demo_content):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/ja/", "/en/", "/ja/about/", "/en/about/", "/ja/members/", "/en/members/"):
        # Page URLs carry the Wagtail Site's host name; view URLs the request's.
        assert re.search(rf"<loc>http://[^<]+{path}</loc>", xml), path


def test_locales_are_japanese_and_english_with_japanese_default(demo_content):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"ja", "en"}
    assert Locale.get_default().language_code == "ja"


def catalogues():
    return sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")) + sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogues_are_complete_and_not_fuzzy(po_path):
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_every_string_in_the_code_is_in_the_japanese_catalogue(tmp_path):
    """Extract the messages afresh (makemessages) and check none is new to the catalogues."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext) is needed for this test: apt-get install gettext")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "tests", "__pycache__", "*.mo", "node_modules"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ja", "--ignore=bench/*"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    problems = {}
    for po_path in sorted(copy.glob("**/locale/ja/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        bad = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
        if bad:
            problems[str(po_path.relative_to(copy))] = bad
    assert problems == {}
