"""The page cache for anonymous readers (portal.pagecache): one render per page and language, then no query at
all; never for a logged-in reader, a reader with messages or a page that sets a cookie (a CSRF token); purged by
a publish, which also updates the search index."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from knowledge.models import PublicationPage
from portal import pagecache, search

pytestmark = pytest.mark.django_db
GUIDE = "/{}/publications/trust-anchor-guide/"
# What the trust-anchor guide costs when the page cache does not hold it (the site, locale, page tree, language
# switch, glossary links and revision history), and when Wagtail's own cache (site root paths) is empty too.
GUIDE_QUERIES = 28
GUIDE_QUERIES_COLD = 30
GUIDE_QUERIES_ENGLISH = 30  # a translation's notice also reads its Japanese original


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
    english, queries = get(reader, GUIDE.format("en"))
    assert (english.status_code, queries) == (200, GUIDE_QUERIES_ENGLISH)
    assert '<html lang="en">' in english.text and '<html lang="ja">' in again.text


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
    assert queries == GUIDE_QUERIES


def test_a_page_with_a_form_that_sets_a_csrf_cookie_is_not_cached(demo_content, reader):
    first, _queries = get(reader, "/ja/")
    assert "csrftoken" in first.cookies
    second, queries = get(Client(), "/ja/")
    assert queries > 0 and "csrftoken" in second.cookies


def test_a_query_string_and_a_path_without_language_are_not_cached(demo_content, reader):
    get(reader, GUIDE.format("ja") + "?from=feed")
    _response, queries = get(reader, GUIDE.format("ja") + "?from=feed")
    assert queries == GUIDE_QUERIES
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
    assert queries == GUIDE_QUERIES
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
