"""Atom feeds per language of news, publications and events (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from knowledge.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, PublicationIndexPage, PublicationPage
from portal import baseurl, feeds

FEEDS = {
    # kind: (title, page type, its index page type, date field)
    "news": (_("DNSSEC Japan: news"), NewsPage, NewsIndexPage, "date"),
    "publications": (_("DNSSEC Japan: publications"), PublicationPage, PublicationIndexPage, "published_on"),
    "events": (_("DNSSEC Japan: events"), EventPage, EventIndexPage, "starts_on"),
}
FEED_LENGTH = 50


class KnowledgeFeed(Feed):
    feed_type = Atom1Feed
    author_name = feeds.AUTHOR_NAME

    def author_link(self):
        return feeds.author_link()

    def get_object(self, request, kind):
        if kind not in FEEDS:
            raise Http404
        self.request = request
        return kind

    def locale(self):
        return Locale.objects.get(language_code=get_language())

    def title(self, kind):
        return str(FEEDS[kind][0])

    def link(self, kind):
        index = FEEDS[kind][2].objects.live().filter(locale=self.locale()).first()
        return index.url if index else f"/{get_language()}/"

    def feed_guid(self, kind):
        return baseurl.absolute(self.request.path)

    def items(self, kind):
        _title, model, _index, date_field = FEEDS[kind]
        items = model.objects.live().public().filter(locale=self.locale()).order_by(f"-{date_field}")[:FEED_LENGTH]
        # A publication in preparation has no date yet: its index page announces it, the feed does not.
        return [item for item in items if not getattr(item, "in_preparation", False)]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return self._as_datetime(getattr(item, FEEDS_BY_MODEL[type(item)]))

    def item_updateddate(self, item):
        return item.last_published_at

    @staticmethod
    def _as_datetime(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


FEEDS_BY_MODEL = {model: date_field for _title, model, _index, date_field in FEEDS.values()}
