"""The page cache for anonymous readers (portal.pagecache): one render per page and language, then no query at
all; never for a logged-in reader, a reader with messages or a page that sets a cookie (a CSRF token); purged by
a publish, which also updates the search index. What pages show of the site (its root, the navigation, the
glossary's links, the home page's lists) is remembered under the same generation, so a page that is not in the
cache costs the queries of its own content, and the same changes purge both."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from knowledge.models import GlossaryTerm, NewsIndexPage, PublicationPage
from members.models import Organisation
from portal import pagecache, search

pytestmark = pytest.mark.django_db
GUIDE = "/{}/publications/trust-anchor-guide/"
# What the trust-anchor guide costs when the page cache does not hold it: routing (the pages along its address, the
# page with its locale), Wagtail's view-restriction check (its ancestors, their restrictions), the language switch's
# translations, the translation notice (an original: which languages read it; a translation: its original, its
# wagtail-localize translation and progress) and the revision history. The site, its root page in the language,
# the navigation's section indexes and the glossary's links are remembered (portal.pagecache.remember).
GUIDE_QUERIES = {"ja": 7, "en": 8}
# Right after a purge (a publish) with Wagtail's own cache empty too: the remembered parts are read again.
GUIDE_QUERIES_COLD = 15
# A publish purges what is remembered; Wagtail's own cache (the site root paths) stays.
GUIDE_QUERIES_AFTER_PUBLISH = 13
# The home page (never cached: its checker form sets a CSRF cookie): routing, restrictions and the language switch;
# its role guides, latest updates and about page are remembered.
HOME_QUERIES = 5


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


@pytest.fixture
def reader():
    return Client()


def test_an_anonymous_reader_gets_the_guide_rendered_once_per_language_then_from_the_cache(demo_content, reader):
    pagecache.purge()
    first, queries = get(reader, GUIDE.format("ja"))
    assert (first.status_code, queries) == (200, GUIDE_QUERIES_COLD)
    again, queries = get(reader, GUIDE.format("ja"))
    assert (again.status_code, queries) == (200, 0)
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    english, _queries = get(reader, GUIDE.format("en"))
    assert (english.status_code, get(reader, GUIDE.format("en"))[1]) == (200, 0)
    assert '<html lang="en">' in english.text and '<html lang="ja">' in again.text


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_guide_not_in_the_cache_costs_the_queries_of_its_own_content(
    demo_content, reader, language, django_assert_num_queries
):
    first = reader.get(GUIDE.format(language))  # remembers the site, the navigation and the glossary's links
    cache.delete(pagecache.key(first.wsgi_request))  # the page itself leaves the cache (PAGE_CACHE_SECONDS)
    with django_assert_num_queries(GUIDE_QUERIES[language]):
        again = reader.get(GUIDE.format(language))
    assert again.content == first.content


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_home_page_is_rendered_for_every_reader_with_what_it_lists_remembered(
    demo_content, reader, language, django_assert_num_queries
):
    first = reader.get(f"/{language}/")
    with django_assert_num_queries(HOME_QUERIES):
        again = Client().get(f"/{language}/")
    assert again.status_code == 200
    paths = '<section class="home-paths"'
    assert again.text.split(paths)[1].split("</section>")[0] == first.text.split(paths)[1].split("</section>")[0]


def test_the_navigation_follows_an_unpublished_section_index(demo_content, reader, django_capture_on_commit_callbacks):
    news = NewsIndexPage.objects.get(locale__language_code="ja")
    link = f'<li><a href="{news.url}">お知らせ</a></li>'
    assert link in get(reader, GUIDE.format("ja"))[0].text
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert link not in get(reader, GUIDE.format("ja"))[0].text


def test_a_new_glossary_term_is_linked_at_once(demo_content, reader, django_capture_on_commit_callbacks):
    before = get(reader, GUIDE.format("ja"))[0].text
    assert "ルートゾーン" in before and 'href="/ja/glossary/root-zone-penguin/"' not in before
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(
            locale=PublicationPage.objects.get(slug="trust-anchor-guide", locale__language_code="ja").locale,
            term="ルートゾーン",
            reading="るーとぞーん",
            slug="root-zone-penguin",
            definition="<p>DNS の名前空間の頂点のゾーン。</p>",
        )
    after = get(reader, GUIDE.format("ja"))[0].text
    assert '<a class="glossary-term" href="/ja/glossary/root-zone-penguin/">ルートゾーン</a>' in after


def test_a_page_made_private_is_no_longer_served_from_the_cache(
    demo_content, reader, django_capture_on_commit_callbacks
):
    assert get(reader, GUIDE.format("ja"))[0].status_code == 200
    page = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response, _queries = get(reader, GUIDE.format("ja"))
    assert response.status_code == 302 and response["Location"].startswith("/ja/_util/login/")


def test_a_logged_in_reader_is_never_served_from_the_cache(demo_content, reader):
    get(reader, GUIDE.format("ja"))
    user = get_user_model().objects.create_user("reader", "reader@example.jp", "a-long-password-123")
    member = Client()
    member.force_login(user)
    response, queries = get(member, GUIDE.format("ja"))
    assert queries > 0
    assert "ログイン" not in response.text.split("<main")[0]
    response, queries = get(member, GUIDE.format("ja"))
    assert queries > 0


def test_a_reader_with_messages_reaches_the_view(demo_content, reader):
    get(reader, GUIDE.format("ja"))
    reader.cookies["messages"] = "anything"
    _response, queries = get(reader, GUIDE.format("ja"))
    assert queries == GUIDE_QUERIES["ja"]


def test_a_page_with_a_form_that_sets_a_csrf_cookie_is_not_cached(demo_content, reader):
    first, _queries = get(reader, "/ja/")
    assert "csrftoken" in first.cookies
    second, queries = get(Client(), "/ja/")
    assert queries > 0 and "csrftoken" in second.cookies


def test_a_query_string_and_a_path_without_language_are_not_cached(demo_content, reader):
    get(reader, GUIDE.format("ja") + "?from=feed")
    _response, queries = get(reader, GUIDE.format("ja") + "?from=feed")
    assert queries == GUIDE_QUERIES["ja"]
    assert pagecache.key(reader.get("/").wsgi_request) is None


def test_a_publish_purges_the_cached_page_and_updates_the_search_index(
    demo_content, reader, django_capture_on_commit_callbacks
):
    before, _queries = get(reader, GUIDE.format("ja"))
    page = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    page.title = "トラストアンカー設定ガイド改訂版ペンギン"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    after, queries = get(reader, GUIDE.format("ja"))
    assert queries == GUIDE_QUERIES_AFTER_PUBLISH
    assert "トラストアンカー設定ガイド改訂版ペンギン" in after.text
    assert "トラストアンカー設定ガイド改訂版ペンギン" not in before.text
    assert [result.title for result in search.site_search("ペンギン", "ja")] == [page.title]
    found = reader.get("/ja/search/?q=ペンギン")
    assert "トラストアンカー設定ガイド改訂版ペンギン" in found.text


def test_unpublishing_purges_the_cached_page(demo_content, reader, django_capture_on_commit_callbacks):
    get(reader, GUIDE.format("ja"))
    page = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert reader.get(GUIDE.format("ja")).status_code == 404


def test_an_anonymous_search_is_run_once_then_served_from_the_cache_whatever_the_order_of_its_parameters(
    demo_content, reader
):
    first, queries = get(reader, "/ja/search/?q=トラストアンカー&type=&page=1")
    assert first.status_code == 200 and queries > 0
    again, queries = get(Client(), "/ja/search/?page=1&type=&q=トラストアンカー")
    assert (again.status_code, queries) == (200, 0)
    assert again.content == first.content
    other, queries = get(reader, "/ja/search/?q=トラストアンカー&type=&page=2")
    assert queries > 0 and other.content != first.content


def test_a_search_by_a_logged_in_reader_is_never_served_from_the_cache(demo_content, reader):
    get(reader, "/ja/search/?q=DNSSEC")
    member = Client()
    member.force_login(get_user_model().objects.create_user("reader", "reader@example.jp", "a-long-password-123"))
    assert get(member, "/ja/search/?q=DNSSEC")[1] > 0


def test_an_organisation_indexed_again_purges_the_cached_search(
    demo_content, reader, django_capture_on_commit_callbacks
):
    before, _queries = get(reader, "/ja/search/?q=ペンギン")
    assert "「ペンギン」の検索結果: 0 件" in before.text
    organisation = Organisation.objects.filter(demo=False).order_by("pk").first()
    organisation.search_aliases = "ペンギン"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    after, queries = get(reader, "/ja/search/?q=ペンギン")
    assert queries > 0
    assert "「ペンギン」の検索結果: 1 件" in after.text and organisation.name_ja in after.text


def test_a_search_is_kept_a_minute_and_a_page_longer(demo_content, reader, monkeypatch):
    import time

    get(reader, GUIDE.format("ja"))
    get(reader, "/ja/search/?q=DNSSEC")
    later = time.time() + pagecache.SEARCH_SECONDS + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert get(reader, GUIDE.format("ja"))[1] == 0
    assert get(reader, "/ja/search/?q=DNSSEC")[1] > 0
