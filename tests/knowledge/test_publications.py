"""The Tech-WG publications in full: every body in Japanese and English at the trust-anchor guide's depth, real
finding ids, truthful versions and dates, the update of databases loaded before the rewrite, and 準備中 for a
publication without a body."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from checker import catalog
from knowledge.content import seed
from knowledge.models import PublicationIndexPage, PublicationPage
from tests.knowledge import toc_entries

# Rewritten by Tech-WG on 2026-12-03 (issue 18): slug -> kind.
REWRITTEN = {
    "dnssec-overview": "report",
    "issues-on-adopting-dnssec": "guideline",
    "ds-registration-interfaces": "survey",
    "registrar-transfer-guideline": "guideline",
}
REWRITE_DATE = datetime.date(2026, 12, 3)
MIN_JAPANESE_CHARACTERS = 7000
MIN_ENGLISH_WORDS = 2000


def entries():
    return {entry[0]: entry for entry in seed.PUBLICATIONS}


def reader_text(body):
    """What a reader reads of a body: every block's text without tags. Notes for Tech-WG review are for editors
    and do not count."""
    parts = []
    for kind, *args in body:
        if kind in ("h2", "h3", "text", "note", "warning"):
            parts.append(args[0])
        elif kind == "code":
            parts.extend([args[1], args[2]])
        elif kind == "table":
            caption, header, rows = args
            parts.extend([caption, *header, *(cell for row in rows for cell in row)])
    return strip_tags(" ".join(parts))


def finding_blocks(body):
    return [args[0] for kind, *args in body if kind == "findings"]


@pytest.mark.parametrize("slug", REWRITTEN)
def test_each_rewritten_publication_has_a_body_in_both_languages_at_full_depth(slug):
    _slug, kind, version, date, texts, history, modules = entries()[slug]
    assert kind == REWRITTEN[slug]
    assert modules is not None, f"{slug} has no body"
    ja, en = modules
    assert (texts["ja"], texts["en"]) == ((ja.TITLE, ja.SUMMARY), (en.TITLE, en.SUMMARY))
    japanese = len(re.sub(r"\s", "", reader_text(ja.BODY)))
    english = len(reader_text(en.BODY).split())
    assert japanese >= MIN_JAPANESE_CHARACTERS, f"{slug}: {japanese} Japanese characters"
    assert english >= MIN_ENGLISH_WORDS, f"{slug}: {english} English words"


@pytest.mark.parametrize("slug", REWRITTEN)
def test_the_english_body_translates_the_japanese_block_by_block(slug):
    ja, en = entries()[slug][6]
    assert [block[0] for block in en.BODY] == [block[0] for block in ja.BODY]
    assert finding_blocks(en.BODY) == finding_blocks(ja.BODY)
    for ja_block, en_block in zip(ja.BODY, en.BODY, strict=True):
        if ja_block[0] == "table":
            assert len(en_block[2]) == len(ja_block[2]) and len(en_block[3]) == len(ja_block[3])
        if ja_block[0] == "code":
            assert en_block[1] == ja_block[1]


def test_every_finding_named_by_a_publication_is_in_the_catalogue():
    known = catalog.ids()
    named = 0
    for slug, *_rest, modules in seed.PUBLICATIONS:
        for module in modules or ():
            for ids in finding_blocks(module.BODY):
                assert ids, f"{slug}: an empty findings block"
                unknown = sorted(set(ids) - known)
                assert not unknown, f"{slug} ({module.__name__}) names unknown findings: {unknown}"
                named += len(ids)
    assert named > 0


@pytest.mark.parametrize("slug", REWRITTEN)
def test_a_rewrite_is_version_2_0_of_today_and_keeps_the_2011_first_edition(slug):
    _slug, _kind, version, date, _texts, history, _modules = entries()[slug]
    assert (version, date) == ("2.0", REWRITE_DATE)
    assert [(v, d) for v, d, _notes in history] == [("1.0", datetime.date(2011, 3, 1)), ("2.0", REWRITE_DATE)]
    for _v, _d, notes in history:
        assert notes["ja"] and notes["en"]
    # Databases loaded before the rewrite get the new text.
    assert seed.VERSIONS[f"publication:{slug}"] >= 2


@pytest.mark.django_db
@pytest.mark.parametrize("slug", REWRITTEN)
def test_the_rewritten_publication_renders_in_both_languages(client, demo_content, slug):
    for code in ("ja", "en"):
        page = PublicationPage.objects.get(locale__language_code=code, slug=slug)
        assert not page.in_preparation
        html = client.get(f"/{code}/publications/{slug}/").content.decode()
        assert f"<h1>{page.title}</h1>" in html
        assert "<dd>2.0</dd>" in html and '<time datetime="2026-12-03">' in html
        first, rewrite = {"ja": ("2011年3月", "2026年12月"), "en": ("March 2011", "December 2026")}[code]
        assert 'class="revision-history"' in html and first in html and rewrite in html
        toc = page.table_of_contents()
        assert len(list(toc_entries(toc))) >= 8
        for item in toc_entries(toc):
            assert f'href="#{item["anchor"]}"' in html
        assert 'class="in-preparation"' not in html


@pytest.mark.django_db
def test_a_database_loaded_with_the_summaries_gets_the_rewritten_text(demo_content, monkeypatch):
    slug = "registrar-transfer-guideline"
    # A database loaded before the rewrite: the summary-only 1.0 under content version 1.
    PublicationPage.objects.filter(slug=slug).delete()
    from portal.models import DemoRecord

    DemoRecord.objects.filter(app_label="knowledge", key__startswith=f"publication:{slug}:").delete()
    current = entries()[slug]
    summary_only = (slug, current[1], "1.0", datetime.date(2011, 3, 1), current[4], [], None)
    monkeypatch.setattr(seed, "PUBLICATIONS", [summary_only])
    monkeypatch.setattr(seed, "VERSIONS", {})
    call_command("load_knowledge_data", verbosity=0)
    old = PublicationPage.objects.get(locale__language_code="ja", slug=slug)
    assert old.in_preparation and old.version == "1.0"

    monkeypatch.undo()
    call_command("load_knowledge_data", verbosity=0)
    for code in ("ja", "en"):
        page = PublicationPage.objects.get(locale__language_code=code, slug=slug)
        assert not page.in_preparation
        assert (page.version, page.published_on) == ("2.0", REWRITE_DATE)
        assert [h.version for h in page.history.all()] == ["1.0", "2.0"]
        assert "KSK-G" in page.body_text()


@pytest.fixture
def announced(demo_content):
    """A publication announced without a body, in both languages, with a version, a date and a history row that must
    not show."""
    pages = {}
    for code, title, summary in (
        ("ja", "DNSSEC 監視の手引き", "署名済みゾーンの監視の手引きです。"),
        ("en", "Monitoring signed zones", "A guide to monitoring signed zones."),
    ):
        index = PublicationIndexPage.objects.get(locale__language_code=code)
        page = index.add_child(
            instance=PublicationPage(
                title=title,
                slug="monitoring-guide",
                kind="report",
                summary=summary,
                version="3.1",
                published_on=datetime.date(2026, 1, 2),
            )
        )
        page.history.create(version="3.0", date=datetime.date(2025, 5, 6), note="history that must not show")
        page.save_revision().publish()
        pages[code] = page
    return pages


@pytest.mark.django_db
def test_a_publication_without_a_body_says_in_preparation_and_carries_no_date_or_version(client, announced):
    assert announced["ja"].in_preparation and announced["en"].in_preparation
    ja = client.get("/ja/publications/monitoring-guide/").content.decode()
    assert "<dt>状態</dt><dd>準備中</dd>" in ja
    assert '<p class="in-preparation">この刊行物は準備中です。</p>' in ja
    en = client.get("/en/publications/monitoring-guide/").content.decode()
    assert "<dt>Status</dt><dd>In preparation</dd>" in en
    assert '<p class="in-preparation">This publication is in preparation.</p>' in en
    for html in (ja, en):
        assert "3.1" not in html and "3.0" not in html
        assert "2026-01-02" not in html and "2025-05" not in html
        assert 'class="revision-history"' not in html and "history that must not show" not in html

    listed = {
        "ja": '<span class="kind">報告書</span> 準備中 · ',
        "en": '<span class="kind">Report</span> In preparation · ',
    }
    for code, facts in listed.items():
        index = client.get(f"/{code}/publications/").content.decode()
        item = index.split(f'href="/{code}/publications/monitoring-guide/"')[1].split("</li>")[0]
        assert facts in item
        assert "3.1" not in item and "<time" not in item


@pytest.mark.django_db
def test_the_feed_leaves_out_a_publication_in_preparation(client, announced):
    ja = client.get("/ja/feeds/publications.atom").content.decode()
    assert "DNSSEC 監視の手引き" not in ja and "DNSSEC の仕組みと現状" in ja
    en = client.get("/en/feeds/publications.atom").content.decode()
    assert "Monitoring signed zones" not in en and "Registrar Transfer Guideline" in en
