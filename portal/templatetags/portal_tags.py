from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, override
from wagtail.models import Page

from portal import baseurl

register = template.Library()


def language_versions(context):
    """For each language: the URL of this page in it, and whether it exists.

    For a Wagtail page that is its live translation, or the "translation
    missing" page of that language; for any other view, the same URL under
    that language's prefix. Worked out once per request: the head's
    hreflang links and the header's language switch both show them.
    """
    request = context.get("request")
    if request is None:
        return _language_versions(context)
    if not hasattr(request, "language_versions"):
        request.language_versions = _language_versions(context)
    return request.language_versions


def live_translation_urls(page) -> dict[str, str]:
    """{language code: URL} of the page's live translations, itself included, in one query."""
    translations = Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale")
    return {translation.locale.language_code: translation.url for translation in translations}


def _language_versions(context):
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    versions = []
    # A view that shows an object of its own under a page (a glossary term) names its versions itself.
    language_urls = context.get("language_urls")
    live_urls = live_translation_urls(page) if isinstance(page, Page) else {}
    for code, name in settings.LANGUAGES:
        exists = True
        if language_urls is not None and language_urls.get(code):
            url = language_urls[code]
        elif isinstance(page, Page):
            if code in live_urls:
                url = live_urls[code]
            else:
                exists = False
                with override(code):
                    url = reverse("translation_missing") + "?" + urlencode({"page": page.pk})
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = "/" + code + "/"
        versions.append({"code": code, "name": name, "url": url, "exists": exists, "current": code == current})
    return versions


@register.inclusion_tag("portal/includes/language_switch.html", takes_context=True)
def language_switch(context):
    return {"versions": language_versions(context)}


@register.inclusion_tag("portal/includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    versions = [v for v in language_versions(context) if v["exists"]]
    # On PORTAL_BASE_URL, as sitemap.xml's alternates: never the request's Host header.
    return {"versions": versions, "base": baseurl.base_url(), "default": settings.LANGUAGE_CODE}


class DocumentTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        site = conditional_escape(gettext("DNSSEC Japan"))
        title = " ".join(self.nodelist.render(context).split())
        # A page whose title is the site's name (the home page) shows it once.
        return site if title in ("", site) else f"{title} | {site}"


@register.tag
def document_title(parser, token):
    """`{% document_title %}…{% enddocument_title %}`: "<page title> | DNSSEC Japan" for the <title> element.

    The page title may come from a `{% block title %}` inside it; a title equal to the site's name, or an
    empty one, gives the site's name alone.
    """
    nodelist = parser.parse(("enddocument_title",))
    parser.delete_first_token()
    return DocumentTitleNode(nodelist)


@register.simple_tag
def absolute_url(view_name, *args, **kwargs):
    """`{% absolute_url "watch:history" pk %}`: a view's address on PORTAL_BASE_URL, as every e-mail links
    (portal.baseurl), in the active language."""
    return baseurl.absolute(reverse(view_name, args=args, kwargs=kwargs))
