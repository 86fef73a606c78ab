from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal import search

# Django's own names would call English "英語(米国)"; ours say what we serve.
LANGUAGE_NAMES = {"ja": _("Japanese"), "en": _("English")}


def search_view(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "").strip() or None
    kinds = [(s.kind, s.label) for s in search.sources()]
    if kind not in {k for k, _label in kinds}:
        kind = None
    results = search.site_search(query, get_language(), kind) if query else []
    return render(
        request,
        "portal/search.html",
        {"query": query, "kind": kind, "kinds": kinds, "results": results, "page_title": _("Search")},
    )


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
            "original_language": LANGUAGE_NAMES.get(original.locale.language_code, original.locale.language_code),
            "language_home": home,
            "page_title": _("Translation missing"),
        },
        status=404,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page_title": _("Page not found")}, status=404)


def server_error(request):
    # No database or context processors here: the error may come from them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
