"""The Atom feed of published reports, in the language of its URL; anonymous reports name no organisation."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from failures.models import FailureReport
from portal import feeds


class LatestReportsFeed(Feed):
    feed_type = Atom1Feed
    title = _("DNSSEC Japan: failure-case library")
    subtitle = _("DNSSEC operational failures, what broke, why and how it was fixed.")
    # Entries of anonymous reports name no author: the feed's own stands for them.
    author_name = feeds.AUTHOR_NAME

    def author_link(self):
        return feeds.author_link()

    def link(self):
        return reverse("failures:library")

    def items(self):
        return FailureReport.published.select_related("category", "organisation").order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return item.display_title(get_language())

    def item_description(self, item):
        return item.field_in("summary", item.shown_language(get_language()))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.public_organisation_name() or None

    def item_categories(self, item):
        return [str(item.category)] + item.finding_ids
