from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from portal import search


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
        raise Http404
    language = get_language()
    home = Page.objects.filter(depth=2, locale__language_code=language).first()
    languages = dict(Locale.objects.values_list("language_code", "language_code"))
    return render(
        request,
        "portal/translation_missing.html",
        {
            "original": original.specific,
            "original_language": original.locale.get_display_name(),
            "language_home": home,
            "page_title": _("Translation missing"),
            "languages": languages,
        },
        status=404,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page_title": _("Page not found")}, status=404)


def server_error(request):
    # No database or context processors here: the error may come from them.
    from django.template import loader
    from django.http import HttpResponseServerError

    return HttpResponseServerError(loader.get_template("500.html").render())
