"""Japanese queries find the knowledge base's pages; results can be filtered by page type (run on PostgreSQL and
SQLite)."""

import pytest

from portal import search

pytestmark = [pytest.mark.search, pytest.mark.django_db]


def titles(query, language="ja", kind=None):
    return [r.title for r in search.site_search(query, language, kind)]


def test_japanese_words_inside_guideline_text_are_found(demo_content):
    assert "フルリゾルバーへのトラストアンカー設定ガイド" in titles("追加ホールドダウン時間")
    assert "フルリゾルバーへのトラストアンカー設定ガイド" in titles("状態ファイル")
    assert "DNSSEC 導入に関する課題" in titles("ロードバランサー")


def test_results_can_be_filtered_by_page_type(demo_content):
    kinds = {k.kind for k in search.sources()}
    assert {
        "page:knowledge.publicationpage",
        "page:knowledge.eventpage",
        "page:knowledge.newspage",
        "glossary-term",
    } <= kinds
    publications = titles("トラストアンカー", kind="page:knowledge.publicationpage")
    assert publications and "トラストアンカー" not in publications  # the glossary term is not a publication
    terms = search.site_search("トラストアンカー", "ja", kind="glossary-term")
    assert terms[0].title == "トラストアンカー" and terms[0].url == "/ja/glossary/trust-anchor/"
    assert {r.kind for r in terms} == {"glossary-term"}
    assert titles("サマーフォーラム", kind="page:knowledge.eventpage") == ["DNSSEC 2010 サマーフォーラム"]


def test_english_pages_are_found_in_english(demo_content):
    assert "How to set up DNSSEC trust anchors for the resolver" in titles("hold-down", language="en")
    assert titles("ホールドダウン", language="en") == []


def test_search_page_shows_the_filter_and_a_result(client, demo_content):
    html = client.get("/ja/search/", {"q": "自動更新", "type": "page:knowledge.publicationpage"}).content.decode()
    assert 'href="/ja/publications/trust-anchor-guide/"' in html
    assert '<option value="page:knowledge.publicationpage" selected>' in html
