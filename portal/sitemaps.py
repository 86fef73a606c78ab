"""sitemap.xml with both language trees (Wagtail's own lists only the default one)."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class AllLanguagesPageSitemap(WagtailSitemap):
    def items(self):
        return Page.objects.live().public().filter(depth__gte=2).specific().order_by("path")


class ViewSitemap(DjangoSitemap):
    """Pages that are Django views, listed once per language."""

    i18n = True
    alternates = True
    view_names = ("members:directory",)

    def items(self):
        return list(self.view_names)

    def location(self, item):
        return reverse(item)
