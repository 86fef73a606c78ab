"""sitemap.xml: every public page that has a URL, in both languages, with hreflang alternates.

Wagtail's own sitemap lists only the default language's tree and takes its
host from the Site record; Django's takes the request's. Here every URL is
built on PORTAL_BASE_URL (settings.WAGTAILADMIN_BASE_URL), the one address
the portal is published under, and every entry names its other language.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from portal.baseurl import base_url


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class PortalSitemap(DjangoSitemap):
    """Each item once per language it exists in, with the other languages as alternates."""

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(base_url())

        class BaseSite:
            domain = parts.netloc + parts.path

        return super().get_urls(page=page, site=BaseSite(), protocol=parts.scheme)


class PageSitemap(DjangoSitemap):
    """Every live public page of both language trees, with its live translations as alternates."""

    def items(self):
        return Page.objects.live().public().filter(depth__gte=2).specific().order_by("path")

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(page=page, site=None, protocol=urlsplit(base_url()).scheme)

    def get_domain(self, site=None):
        return urlsplit(base_url()).netloc  # unused: _urls() builds each location on base_url()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = {}
        keys = {p.translation_key for p in pages}
        for other in Page.objects.live().public().filter(translation_key__in=keys).select_related("locale"):
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for item in pages:
            path = _page_path(item)
            if path is None:
                continue
            alternates = []
            for other in sorted(translations.get(item.translation_key, []), key=lambda p: p.locale.language_code):
                other_path = _page_path(other)
                if other_path is not None:
                    alternates.append({"lang_code": other.locale.language_code, "location": base_url() + other_path})
            urls.append(
                {
                    "item": item,
                    "location": base_url() + path,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return urls


def _page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


class ViewSitemap(PortalSitemap):
    """Pages that are Django views, listed once per language."""

    view_names = (
        "members:directory",
        "failures:library",
        "failures:statistics",
        "failures:translations",
        "knowledge:help_translate",
        "checker:check",
        "checker:findings",
        "campaigns:stats",
    )

    def items(self):
        return list(self.view_names)

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(PortalSitemap):
    def items(self):
        from members.models import Organisation

        # The fictional demo organisations are kept out of search engines as out of the directory.
        return Organisation.objects.filter(demo=False).order_by("slug")

    def location(self, item):
        return item.get_absolute_url()


class FailureReportSitemap(PortalSitemap):
    """Published reports, in each language they are written in."""

    def items(self):
        from failures.models import FailureReport

        return FailureReport.published.order_by("pk")

    def get_languages_for_item(self, item):
        return [code for code in _languages() if item.has_language(code)]

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.published_at


class FindingSitemap(PortalSitemap):
    """The checker's finding pages (the catalogue's findings)."""

    def items(self):
        from checker import catalog

        return sorted(catalog.ids())

    def location(self, item):
        return reverse("checker:finding", kwargs={"finding_id": item})


class GlossaryTermSitemap(PortalSitemap):
    """Each glossary term's page, in each language it is translated into."""

    def items(self):
        from knowledge.models import GlossaryTerm

        return list(GlossaryTerm.objects.filter(locale=Locale.get_default()).order_by("slug"))

    def get_languages_for_item(self, item):
        return [code for code in _languages() if _term_in(item, code) is not None]

    def location(self, item):
        from knowledge.models import GlossaryPage

        term = _term_in(item, translation.get_language())
        glossary = GlossaryPage.objects.live().public().filter(locale=term.locale).first()
        return _page_path(glossary) + glossary.reverse_subpage("term", kwargs={"slug": term.slug})


def _term_in(term, language):
    from knowledge.models import GlossaryPage

    locale = Locale.objects.filter(language_code=language).first()
    found = term.get_translation_or_none(locale) if locale else None
    if found is None or not GlossaryPage.objects.live().public().filter(locale=locale).exists():
        return None
    return found


def sitemaps():
    return {
        "pages": PageSitemap(),
        "views": ViewSitemap(),
        "organisations": OrganisationSitemap(),
        "glossary": GlossaryTermSitemap(),
        "failures": FailureReportSitemap(),
        "findings": FindingSitemap(),
    }
