"""Demo content of the knowledge base in Japanese and English.

The five Tech-WG publications (the trust-anchor guide in full), the events
of the community's overview, a news item and the glossary. Idempotent: run
it again and it updates what it created and leaves editors' pages alone.
`load_initial_data` calls it after the home pages exist.
"""
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from knowledge.content import seed
from knowledge.models import (
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    PublicationRevision,
)
from knowledge.workflow import ensure_review_workflow
from portal.models import HomePage

INDEX_TYPES = {"publications": PublicationIndexPage, "events": EventIndexPage, "news": NewsIndexPage, "glossary": GlossaryPage}


def stream(slug, blocks):
    """StreamField data from the content modules' tuples; block ids are stable so that anchors survive a reload."""
    data = []
    for position, block in enumerate(blocks):
        kind, *args = block
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"dnssec.jp/knowledge/{slug}/{position}"))
        if kind in ("h2", "h3"):
            item = ("heading", {"text": args[0], "level": kind})
        elif kind == "text":
            item = ("text", args[0])
        elif kind == "code":
            item = ("code", {"language": args[0], "caption": args[1], "code": args[2]})
        elif kind in ("note", "warning", "review"):
            item = ("callout", {"kind": kind, "text": args[0]})
        elif kind == "table":
            item = ("table", {"caption": args[0], "header": args[1], "rows": args[2]})
        elif kind == "findings":
            item = ("related_findings", {"findings": args[0]})
        else:
            raise ValueError(f"unknown block kind {kind!r}")
        data.append({"type": item[0], "value": item[1], "id": block_id})
    return data


class Command(BaseCommand):
    help = "Load the knowledge base's demo content (publications, events, news, glossary) in Japanese and English. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        from django.apps import apps

        ensure_review_workflow(apps)
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ja", "en")}
        homes = {code: HomePage.objects.filter(locale=locale).first() for code, locale in locales.items()}
        if not all(homes.values()):
            raise CommandError("Run load_initial_data first: the home pages in both languages are missing.")
        indexes = {name: self.index(name, homes) for name in seed.INDEXES}
        for entry in seed.PUBLICATIONS:
            self.publication(indexes["publications"], *entry)
        for entry in seed.EVENTS:
            self.event(indexes["events"], *entry)
        for entry in seed.NEWS:
            self.news(indexes["news"], *entry)
        for slug, texts in seed.GLOSSARY:
            self.term(slug, texts, locales)
        self.stdout.write(
            f"Knowledge base ready: {len(seed.PUBLICATIONS)} publications, {len(seed.EVENTS)} events, "
            f"{len(seed.NEWS)} news, {len(seed.GLOSSARY)} glossary terms, in Japanese and English."
        )

    def index(self, name, homes):
        model = INDEX_TYPES[name]
        pages = {}
        for code, home in homes.items():
            title, intro = seed.INDEXES[name][code]
            page = model.objects.child_of(home).filter(slug=name).first()
            if page is None:
                if code == "ja":
                    page = home.add_child(instance=model(title=title, slug=name, intro=intro))
                else:
                    page = pages["ja"].copy_for_translation(home.locale).specific
            self.publish(page, title=title, intro=intro)
            pages[code] = page
        return pages

    def child(self, indexes, model, slug, fields_by_language, extra=None):
        """Create or update a page under each language's index; English is a translation of the Japanese page."""
        pages = {}
        for code in ("ja", "en"):
            parent = indexes[code]
            page = model.objects.child_of(parent).filter(slug=slug).first()
            if page is None:
                if code == "ja":
                    page = parent.add_child(instance=model(slug=slug, **fields_by_language[code]))
                else:
                    page = pages["ja"].copy_for_translation(parent.locale).specific
            if extra:
                extra(page, code)
            self.publish(page, **fields_by_language[code])
            pages[code] = page
        return pages

    def publication(self, indexes, slug, kind, version, date, texts, history, body_modules):
        fields = {}
        for position, code in enumerate(("ja", "en")):
            title, summary = texts[code]
            fields[code] = dict(title=title, summary=summary, kind=kind, version=version, published_on=date, working_group="tech-wg")
            if body_modules:
                fields[code]["body"] = stream(f"{slug}/{code}", body_modules[position].BODY)

        def set_history(page, code):
            page.history.set([PublicationRevision(version=v, date=d, note=notes[code]) for v, d, notes in history])

        self.child(indexes, PublicationPage, slug, fields, set_history)

    def event(self, indexes, slug, kind, starts, ends, participants, closed, texts):
        fields = {}
        for code in ("ja", "en"):
            title, venue, summary, agenda = texts[code]
            fields[code] = dict(
                title=title, venue=venue, summary=summary, agenda=agenda, kind=kind, starts_on=starts, ends_on=ends,
                participants=participants, closed=closed,
            )
        self.child(indexes, EventPage, slug, fields)

    def news(self, indexes, slug, date, texts):
        fields = {code: dict(title=t, summary=s, body=b, date=date) for code, (t, s, b) in texts.items()}
        self.child(indexes, NewsPage, slug, fields)

    def term(self, slug, texts, locales):
        original = None
        for code in ("ja", "en"):
            term, abbreviation, definition, reference = texts[code]
            defaults = dict(term=term, abbreviation=abbreviation, definition=definition, reference=reference)
            if original is not None:
                defaults["translation_key"] = original.translation_key
            original_or_translation, _created = GlossaryTerm.objects.update_or_create(
                locale=locales[code], slug=slug, defaults=defaults
            )
            original = original or original_or_translation

    @staticmethod
    def publish(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
