"""The page cache for anonymous readers: a Wagtail page's or a search's whole response, kept in Django's cache.

Only what every anonymous reader of one address sees is kept and served:
- the request is a GET to an address under a language prefix (/ja/, /en/: the key holds the language, the host,
  the path and the query string's parameters in order), from a reader without a session or messages cookie
  (anyone logged in, or with a message to read, is served by the view every time);
- the response is Wagtail's page view (`wagtail_serve`: pages and their routes, such as glossary terms) reached
  without a query string, or the site search (whose words, kind and page are its query string), 200, not
  streamed (a publication's PDF), setting no cookie (a page whose form puts a CSRF token sets one) and not
  marked private or no-store.

Every key carries a generation; `purge()` starts a new one, so one publish, unpublish, move or deletion of any
page, a translation's publication (wagtail-localize publishes through the same revision), a change of a
translation source or translated segment, a change of a glossary term, or any change of the search index (a
failure report or an organisation indexed again or removed: `portal.search` purges) drops every cached page at
once: index pages, the home page's latest updates, the language switch and search results all show other pages'
titles.
PAGE_CACHE_SECONDS bounds the rest (what the date changes: upcoming events). The middleware sits right after
WhiteNoise, so a hit costs what a static file costs plus two cache reads.

What a render reads of the site rather than of its own page (the route from an address to a page, the language
switch's translations, the navigation's section indexes, the glossary's links, a translation notice) is kept
by `remember()` under the same generation, so it is purged by the same changes; a page that is not in the
cache is then rendered with the queries of its own content (tests/portal/test_pagecache.py counts them).
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age
from django.utils.translation import get_language_from_path

GENERATION_KEY = "pagecache:generation"
_ABSENT = object()
READER_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")  # django.contrib.messages' cookie storage
# Searches are kept a minute: pages are as many as the site has, searches as many as anyone types, and each new one
# costs a whole render, so the entries alive at once stay bounded by what the workers can render in that time.
SEARCH_SECONDS = 60
# The views whose responses are kept: whether one reached with a query string is (a search's words are its query
# string; a page's is not what it shows, `?from=feed`, and keeping it would make an entry per variant), and for how
# long at most (None: PAGE_CACHE_SECONDS).
CACHED_VIEWS = {"wagtail_serve": (False, None), "search": (True, SEARCH_SECONDS)}
# A longer query string is no search a reader typed (the search reads 200 characters of its words).
MAX_QUERY_STRING = 1000


def purge() -> None:
    """Drop every cached page (their keys now name an old generation; the cache expires them)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def remember(name: str, compute):
    """`compute()`, kept until the next purge (at most PAGE_CACHE_SECONDS): a value pages show of the site or of
    other pages, which changes only with what purges the cache. It must pickle (pages, strings, lists, dicts)."""
    value = generation()
    if value is None:
        return compute()
    data_key = f"pagecache:{value}:data:{name}"
    found = cache.get(data_key, _ABSENT)
    if found is _ABSENT:
        found = compute()
        if found is not None:  # an address that leads nowhere must not fill the cache
            cache.set(data_key, found, settings.PAGE_CACHE_SECONDS)
    return found


def serve(request, path):
    """Wagtail's page view (`wagtail_serve`), routed in two queries instead of two a level of the address.

    Wagtail finds the site and its root page in the reader's language (both remembered here), then walks the tree
    a level at a time. Here the pages along the address are found at once by their `url_path`, and the deepest
    one routes what is left (a routable page's sub-routes); when a page on the way routes its children itself
    (a routable page), Wagtail walks the tree as usual. View restrictions are checked by Wagtail's own hook."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404
    from django.utils.translation import get_language
    from wagtail import views
    from wagtail.models import Page, Site

    site = remember(f"site:{request.get_host()}:{request.get_port()}", lambda: Site.find_for_request(request))
    request._wagtail_site = site  # where Wagtail keeps the request's site (Site.find_for_request)
    if site is None:
        raise Http404
    root = remember(f"root:{site.pk}:{get_language()}", lambda: site.root_page.localized)
    components = [component for component in path.split("/") if component]
    addresses = [root.url_path + "".join(f"{c}/" for c in components[:n]) for n in range(len(components) + 1)]
    chain = list(Page.objects.filter(path__startswith=root.path, url_path__in=addresses).order_by("depth"))
    chain = [page for level, page in enumerate(chain) if page.depth == root.depth + level]
    models = [ContentType.objects.get_for_id(page.content_type_id).model_class() for page in chain]
    if chain and all(model is not None and model.route is Page.route for model in models[:-1]):
        page = models[-1].objects.select_related("locale").get(pk=chain[-1].pk)
        try:
            request._wagtail_route_for_request = page.route(request, components[len(chain) - 1 :])
        except Http404:
            request._wagtail_route_for_request = None
    return views.serve(request, path)


def key(request) -> str | None:
    """The cache key of an anonymous reader's request, or None when the request must reach the view."""
    query = request.META.get("QUERY_STRING", "")
    if (
        request.method != "GET"
        or len(query) > MAX_QUERY_STRING
        or any(cookie in request.COOKIES for cookie in READER_COOKIES)
    ):
        return None
    language = get_language_from_path(request.path_info)
    if language is None:
        return None
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    if query:
        # ?q=a&page=2 and ?page=2&q=a are one search.
        address += "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    digest = hashlib.sha256(address.encode()).hexdigest()
    value = generation()
    return None if value is None else f"pagecache:{value}:{language}:{digest}"


def lifetime(request, response) -> int | None:
    """How long the response may be kept, or None when it must not be."""
    match = request.resolver_match
    control = response.get("Cache-Control", "")
    if (
        match is None
        or match.url_name not in CACHED_VIEWS
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in control
        or "no-store" in control
        or get_max_age(response) == 0
    ):
        return None
    with_query, seconds = CACHED_VIEWS[match.url_name]
    if request.META.get("QUERY_STRING") and not with_query:
        return None
    return min(seconds or settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_key = key(request)
        if page_key is None:
            return self.get_response(request)
        cached = cache.get(page_key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        seconds = lifetime(request, response)
        if seconds is not None:
            cache.set(page_key, response, seconds)
        return response


def purge_after_commit(**kwargs):
    """A signal receiver: purge at once, and again once the change is committed, so that a reader who rendered
    the page in between (from the data as it was before the commit) is not what stays in the cache."""
    from django.db import transaction

    purge()
    transaction.on_commit(purge)


def connect() -> None:
    """Purge on every change of what pages show: publishing (translations included), unpublishing, moves and
    deletions of pages, and wagtail-localize's sources and translated segments (a page's translation notice
    says whether its translation is finished and up to date), view restrictions (a page made private must no
    longer be served from the cache), sites and locales (the routes from addresses to pages); other apps connect
    their own models (knowledge: glossary terms)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_after_commit, weak=False)
    # Deleting a page of any type deletes its Page row too, which sends post_delete for Page.
    post_delete.connect(purge_after_commit, sender=Page, weak=False)
    for model in (TranslationSource, Translation, StringTranslation, PageViewRestriction, Site, Locale):
        post_save.connect(purge_after_commit, sender=model, weak=False)
        post_delete.connect(purge_after_commit, sender=model, weak=False)
