"""Demo content of the knowledge base in Japanese and English.

The Tech-WG publications (each in full, knowledge/content/), the events
of the community's overview, a news item, the glossary, the adoption
decision guide by role and an example of an equipment verification.
`load_initial_data` calls it after the home pages exist.

Loaded once, then the pages and terms belong to the editors (the rule is in
`portal.demo`): a second run only adds what was never loaded. To bring an
improved item (a rewritten publication, say) to existing databases, raise its
number in `knowledge.content.seed.VERSIONS`; it then reaches every database
where nobody has changed that page or term since it was loaded, and nothing
else. What an editor deleted is not created again.
"""

import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from knowledge.content import seed
from knowledge.models import (
    EquipmentVerificationIndexPage,
    EquipmentVerificationPage,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    PublicationRevision,
    RoleGuideIndexPage,
    RoleGuidePage,
)
from knowledge.workflow import ensure_review_workflow
from portal.demo import DemoContent
from portal.models import DemoRecord, HomePage

INDEX_TYPES = {
    "publications": PublicationIndexPage,
    "events": EventIndexPage,
    "news": NewsIndexPage,
    "glossary": GlossaryPage,
    "guide": RoleGuideIndexPage,
    "verification": EquipmentVerificationIndexPage,
}


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
    help = (
        "Load the knowledge base's demo content (publications, events, news, glossary) in Japanese and English. "
        "Safe to run again: it adds what was never loaded and never overwrites an editor's change."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        from django.apps import apps

        ensure_review_workflow(apps)
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ja", "en")}
        homes = {code: HomePage.objects.filter(locale=locale).first() for code, locale in locales.items()}
        if (
            not all(homes.values())
            and not DemoRecord.objects.filter(app_label="portal", key__startswith="home:").exists()
        ):
            raise CommandError("Run load_initial_data first: the home pages in both languages are missing.")
        # A home page that an editor deleted stays deleted; nothing is loaded under it.
        self.demo = DemoContent("knowledge")
        indexes = {name: self.index(name, homes) for name in seed.INDEXES}
        for entry in seed.PUBLICATIONS:
            self.publication(indexes["publications"], *entry)
        for entry in seed.EVENTS:
            self.event(indexes["events"], *entry)
        for entry in seed.NEWS:
            self.news(indexes["news"], *entry)
        for slug, texts in seed.GLOSSARY:
            self.term(slug, texts, locales)
        for role, reading in seed.ROLE_GUIDES:
            self.role_guide(indexes, role, reading)
        for entry in seed.VERIFICATIONS:
            self.verification(indexes["verification"], *entry)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Knowledge base ready: {len(seed.PUBLICATIONS)} publications, {len(seed.EVENTS)} events, "
                f"{len(seed.NEWS)} news, {len(seed.GLOSSARY)} glossary terms, {len(seed.ROLE_GUIDES)} guides by role, "
                f"{len(seed.VERIFICATIONS)} equipment verifications, in Japanese and English."
            )
        self.demo.report(self, options["verbosity"])

    def index(self, name, homes):
        model = INDEX_TYPES[name]
        pages = {}
        for code, home in homes.items():
            title, intro = seed.INDEXES[name][code]

            def build(page, code=code, home=home, title=title, intro=intro):
                if page is None:
                    if home is None:
                        return None
                    if code == "ja":
                        page = home.add_child(instance=model(title=title, slug=name, intro=intro))
                    elif pages["ja"] is None:
                        return None
                    else:
                        page = pages["ja"].copy_for_translation(home.locale).specific
                self.publish(page, title=title, intro=intro)
                return page

            pages[code] = self.demo.load(
                f"index:{name}:{code}",
                version=seed.VERSIONS.get(f"index:{name}", 1),
                build=build,
                find=lambda home=home: model.objects.child_of(home).filter(slug=name).first() if home else None,
            )
        return pages

    def child(self, kind, indexes, model, slug, fields_by_language, extra=None, related=None):
        """A page under each language's index, made once; English is a translation of the Japanese page."""
        pages = {}
        for code in ("ja", "en"):
            parent = indexes[code]

            def build(page, code=code, parent=parent):
                if page is None:
                    if parent is None:
                        return None
                    if code == "ja":
                        page = parent.add_child(instance=model(slug=slug, **fields_by_language[code]))
                    elif pages["ja"] is None:
                        return None
                    else:
                        page = pages["ja"].copy_for_translation(parent.locale).specific
                if extra:
                    extra(page, code)
                self.publish(page, **fields_by_language[code])
                return page

            pages[code] = self.demo.load(
                f"{kind}:{slug}:{code}",
                version=seed.VERSIONS.get(f"{kind}:{slug}", 1),
                build=build,
                related=related,
                find=lambda parent=parent: model.objects.child_of(parent).filter(slug=slug).first() if parent else None,
            )
        return pages

    def publication(self, indexes, slug, kind, version, date, texts, history, body_modules):
        fields = {}
        for position, code in enumerate(("ja", "en")):
            title, summary = texts[code]
            fields[code] = dict(
                title=title, summary=summary, kind=kind, version=version, published_on=date, working_group="tech-wg"
            )
            if body_modules:
                fields[code]["body"] = stream(f"{slug}/{code}", body_modules[position].BODY)

        def set_history(page, code):
            page.history.set([PublicationRevision(version=v, date=d, note=notes[code]) for v, d, notes in history])

        self.child(
            "publication",
            indexes,
            PublicationPage,
            slug,
            fields,
            set_history,
            related={"history": ("version", "date", "note")},
        )

    def event(self, indexes, slug, kind, starts, ends, participants, closed, texts):
        fields = {}
        for code in ("ja", "en"):
            title, venue, summary, agenda = texts[code]
            fields[code] = dict(
                title=title,
                venue=venue,
                summary=summary,
                agenda=agenda,
                kind=kind,
                starts_on=starts,
                ends_on=ends,
                participants=participants,
                closed=closed,
            )
        self.child("event", indexes, EventPage, slug, fields)

    def news(self, indexes, slug, date, texts):
        fields = {code: dict(title=t, summary=s, body=b, date=date) for code, (t, s, b) in texts.items()}
        self.child("news", indexes, NewsPage, slug, fields)

    def role_guide(self, indexes, role, reading):
        """A role's page of the adoption decision guide; its reading list points at the publications of its language."""
        fields = {}
        for code in ("ja", "en"):
            texts = seed.ROLE_GUIDE_TEXTS[code][role]
            publications = indexes["publications"][code]
            by_slug = (
                {page.slug: page for page in PublicationPage.objects.child_of(publications).filter(slug__in=reading)}
                if publications
                else {}
            )
            fields[code] = dict(
                title=texts["title"],
                summary=texts["summary"],
                role=role,
                reading=[("publication", by_slug[slug]) for slug in reading if slug in by_slug],
                **{name: stream(f"guide/{role}/{code}/{name}", texts[name]) for name in RoleGuidePage.SECTIONS},
            )
        self.child("guide", indexes["guide"], RoleGuidePage, role, fields)

    def verification(self, indexes, slug, texts, results, facts):
        fields = {}
        for code in ("ja", "en"):
            fields[code] = dict(
                texts[code],
                **facts,
                results=[
                    ("result", {"case": case, "expected": expected, "observed": observed, "passed": passed})
                    for case, expected, observed, passed in results[code]
                ],
            )
        self.child("verification", indexes, EquipmentVerificationPage, slug, fields)

    def term(self, slug, texts, locales):
        terms = {}
        for code in ("ja", "en"):
            term, abbreviation, definition, reference = texts[code]
            reading = seed.GLOSSARY_READINGS.get(slug, "") if code == "ja" else ""
            fields = dict(
                term=term, reading=reading, abbreviation=abbreviation, definition=definition, reference=reference
            )

            def build(glossary_term, code=code, fields=fields):
                if glossary_term is None:
                    if code == "ja":
                        glossary_term = GlossaryTerm(locale=locales[code], slug=slug)
                    elif terms["ja"] is None:
                        return None
                    else:
                        glossary_term = GlossaryTerm(
                            locale=locales[code], slug=slug, translation_key=terms["ja"].translation_key
                        )
                for name, value in fields.items():
                    setattr(glossary_term, name, value)
                glossary_term.save()
                return glossary_term

            terms[code] = self.demo.load(
                f"term:{slug}:{code}",
                version=seed.VERSIONS.get(f"term:{slug}", 1),
                build=build,
                find=lambda code=code: GlossaryTerm.objects.filter(locale=locales[code], slug=slug).first(),
            )

    @staticmethod
    def publish(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
