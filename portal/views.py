from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal import languages, search

SEARCH_RESULTS_PER_PAGE = 20


def search_view(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "").strip() or None
    kinds = [(s.kind, s.label) for s in search.sources()]
    if kind not in {k for k, _label in kinds}:
        kind = None
    # Every hit is counted and ranked; only the page shown is loaded, linked and excerpted.
    paginator = Paginator(search.site_search(query, get_language(), kind) if query else [], SEARCH_RESULTS_PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "kind": kind,
            "kinds": kinds,
            "results": results,
            "pager": _pager(results, query, kind),
            "page_title": _("Search"),
        },
    )


def _pager(results, query, kind):
    """The pager's links, numbered pages with an ellipsis (None) where some are left out; empty on one page."""

    def link(number):
        return "?" + urlencode({"q": query, **({"type": kind} if kind else {}), "page": number})

    if not results.has_other_pages():
        return None
    numbers = results.paginator.get_elided_page_range(results.number, on_each_side=2, on_ends=1)
    return {
        "previous": link(results.previous_page_number()) if results.has_previous() else None,
        "next": link(results.next_page_number()) if results.has_next() else None,
        "pages": [
            None if number == results.paginator.ELLIPSIS else (number, link(number), number == results.number)
            for number in numbers
        ],
    }


def translation_missing(request):
    """Shown, in the reader's language, when a page has no version in it."""
    try:
        original = Page.objects.live().public().get(pk=int(request.GET.get("page", "")))
    except (ValueError, Page.DoesNotExist):
        raise Http404 from None
    language = get_language()
    home = Page.objects.filter(depth=2, locale__language_code=language).first()
    return render(
        request,
        "portal/translation_missing.html",
        {
            "original": original.specific,
            "original_language": languages.name(original.locale.language_code),
            "language_home": home,
            "page_title": _("Translation missing"),
        },
        status=404,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page_title": _("Page not found")}, status=404)


def _page_language(request):
    # An error may be raised before the locale middleware ran (a bad Host header): the path decides.
    return translation.get_language_from_path(request.path_info) or translation.get_language()


def _error_page(request, status, title, message, login_link=False):
    with translation.override(_page_language(request)):
        return render(
            request,
            "error.html",
            {"page_title": title, "message": message, "status": status, "login_link": login_link},
            status=status,
        )


def bad_request(request, exception=None):
    from django.http import HttpResponseBadRequest
    from django.template import loader

    # Rendered without the request: a bad request may carry a host name the site pages cannot be built for.
    with translation.override(_page_language(request)):
        context = {
            "page_title": _("Bad request"),
            "message": _("The request could not be understood. If you followed a link, the link may be broken."),
        }
        return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def permission_denied(request, exception=None):
    return _error_page(
        request,
        403,
        _("You cannot open this page"),
        _(
            "Your account does not have permission to open this page. "
            "If you have an account with the right role, log in with it and try again."
        ),
        login_link=not request.user.is_authenticated,
    )


def csrf_failure(request, reason=""):
    return _error_page(
        request,
        403,
        _("The form could not be accepted"),
        _(
            "For your protection, this form was not accepted: the page may have been open for too long, "
            "or your browser may block cookies for this site. Go back, reload the page and send the form again."
        ),
    )


def server_error(request):
    # No database or context processors here: the error may come from them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
