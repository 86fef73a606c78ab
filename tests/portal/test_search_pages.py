"""The search page shows 20 results at a time; every hit is counted, and a page of results costs the same queries
however many hits there are (run on PostgreSQL and on SQLite)."""

import pytest
from wagtail.search.backends import get_search_backend

from members.models import Organisation
from portal import search

pytestmark = [pytest.mark.search, pytest.mark.django_db]

HITS = 2000  # as many as the bench's corpus (bench/search_corpus.py)


@pytest.fixture
def penguins():
    """2,000 member organisations whose names hold ペンギン, indexed as a save would index them."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"penguin-{number:04}",
            name=f"ペンギン通信 {number:04}",
            name_ja=f"ペンギン通信 {number:04}",
            name_en=f"Penguin Networks {number:04}",
            reading="ぺんぎんつうしん",
        )
        for number in range(HITS)
    )
    get_search_backend().add_bulk(Organisation, organisations)
    return organisations


def names(first, last):
    return [f"ペンギン通信 {number:04}" for number in range(first, last)]


def test_every_hit_is_counted_and_each_page_goes_on_in_the_same_order(penguins):
    hits = search.site_search("ペンギン", "ja")
    assert len(hits) == HITS
    assert [r.title for r in hits[:20]] == names(0, 20)
    assert [r.title for r in hits[20:40]] == names(20, 40)
    assert [r.title for r in hits[1980:]] == names(1980, 2000)
    assert hits[20].url == "/ja/members/penguin-0020/"
    assert hits[20].excerpt == "Penguin Networks 0020"
    assert [r.title for r in search.site_search("ペンギン", "en", "members.organisation")[:2]] == [
        "Penguin Networks 0000",
        "Penguin Networks 0001",
    ]


def test_the_search_page_shows_the_second_page_and_the_pager(client, penguins):
    html = client.get("/ja/search/", {"q": "ペンギン", "page": 2}).content.decode()
    assert "「ペンギン」の検索結果: 2000 件（21〜40 件目を表示）" in html
    assert '<ol class="results" start="21">' in html
    shown = [f'<a href="/ja/members/penguin-{number:04}/">ペンギン通信 {number:04}</a>' for number in range(20, 41)]
    assert all(link in html for link in shown[:20]) and shown[20] not in html
    assert html.index(shown[0]) < html.index(shown[1]) < html.index(shown[19])
    assert '<nav class="pager" aria-label="検索結果のページ">' in html
    assert '<a href="?q=%E3%83%9A%E3%83%B3%E3%82%AE%E3%83%B3&amp;page=1" rel="prev">前へ</a>' in html
    assert '<a href="?q=%E3%83%9A%E3%83%B3%E3%82%AE%E3%83%B3&amp;page=3" rel="next">次へ</a>' in html
    assert 'aria-current="page"><span class="visually-hidden">ページ </span>2</a>' in html
    # The last page, and a page past it, show the last 20.
    last = client.get("/ja/search/", {"q": "ペンギン", "page": 999}).content.decode()
    assert "（1981〜2000 件目を表示）" in last and 'rel="next"' not in last


def test_one_page_of_results_is_one_page_of_queries(penguins, django_assert_num_queries):
    """Counting and ranking 2,000 hits is one query on their search documents, after the pages a reader may find
    (the locale and the view restrictions, read once for every page type) and the glossary's locale; a page of
    results adds its objects and their excerpts, whichever page it is."""
    search.site_search("ペンギン", "ja")  # as in a running server, the sources' content types are known
    with django_assert_num_queries(4):
        hits = search.site_search("ペンギン", "ja")
        assert len(hits) == HITS
    with django_assert_num_queries(2):
        assert len(hits[:20]) == 20
    with django_assert_num_queries(2):
        assert len(hits[1980:]) == 20


def test_the_documents_follow_the_index(penguins):
    first = penguins[0]
    first.name_ja = first.name = "コウテイペンギン"
    first.save()
    assert search.site_search("コウテイ", "ja")[0].title == "コウテイペンギン"
    first.delete()
    assert len(search.site_search("コウテイ", "ja")) == 0
    assert len(search.site_search("ペンギン", "ja")) == HITS - 1
