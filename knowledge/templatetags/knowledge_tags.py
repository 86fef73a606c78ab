from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from knowledge import blocks
from portal import helptranslate, pagecache

register = template.Library()


@register.filter
def heading_anchor(block):
    return blocks.heading_anchor(block)


def section_indexes(*names):
    """The knowledge base's index pages in the reader's language: {"publications": page or None, ...}.

    The first live one of each type (in tree order), found in one query and remembered until the next publish
    (portal.pagecache): every page's navigation shows them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from knowledge.models import (
        EquipmentVerificationIndexPage,
        EventIndexPage,
        GlossaryPage,
        NewsIndexPage,
        PublicationIndexPage,
        RoleGuideIndexPage,
    )

    types = {
        "guide": RoleGuideIndexPage,
        "publications": PublicationIndexPage,
        "verification": EquipmentVerificationIndexPage,
        "events": EventIndexPage,
        "news": NewsIndexPage,
        "glossary": GlossaryPage,
    }
    language = get_language()

    def find():
        content_types = ContentType.objects.get_for_models(*types.values())
        names = {content_types[model].pk: name for name, model in types.items()}
        found = dict.fromkeys(types)
        pages = Page.objects.live().filter(locale__language_code=language, content_type__in=names).order_by("path")
        for page in pages:
            found[names[page.content_type_id]] = found[names[page.content_type_id]] or page
        return found

    indexes = pagecache.remember(f"sections:{language}", find)
    return {name: page for name, page in indexes.items() if name in names or not names}


@register.inclusion_tag("knowledge/includes/nav.html")
def knowledge_nav():
    """The main navigation's links to the knowledge base of the reader's language."""
    return section_indexes("guide", "publications", "events", "news", "glossary")


@register.inclusion_tag("knowledge/includes/sections.html")
def knowledge_sections():
    """Links between the knowledge base's sections, shown on its index pages."""
    return section_indexes()


@register.simple_tag
def translation_notice(page):
    return helptranslate.status_for_reader(page) if page is not None else None


# The home page's "what should I do?": a line per role, leading to the role's page of the adoption decision guide.
ROLE_TODO = {
    "registrant": _(
        "Ask your registrar or DNS provider whether your domain name can be signed and its DS registered, "
        "then check the result here."
    ),
    "zone-operator": _(
        "Sign your zones with automatic key management, register the DS at the parent, and monitor signature expiry."
    ),
    "registrar": _(
        "Accept DS records from registrants and DNS providers, pass them to the registry unchanged, "
        "and transfer signed domain names without breaking validation."
    ),
    "resolver-operator": _(
        "Turn DNSSEC validation on in your resolvers and keep the root trust anchor current with RFC 5011 "
        "(the root zone is signed with KSK-2024 now)."
    ),
    "enterprise": _(
        "Sign the zones of your own domain names (or ask your DNS provider to), "
        "and validate on your internal resolvers."
    ),
}


@register.inclusion_tag("knowledge/includes/role_paths.html")
def role_paths():
    """What each kind of reader should do, with that role's guide page when it is live in the reader's language
    (the guides remembered until the next publish, portal.pagecache)."""
    from knowledge.models import RoleGuidePage

    language = get_language()

    def find():
        pages = RoleGuidePage.objects.live().public().filter(locale__language_code=language)
        return {page.role: page for page in pages}

    guides = pagecache.remember(f"role-guides:{language}", find)
    return {
        "paths": [
            {"role": role, "name": name, "todo": ROLE_TODO[role], "guide": guides.get(role)}
            for role, name in RoleGuidePage.Role.choices
        ]
    }


@register.inclusion_tag("knowledge/includes/latest.html")
def latest_updates(count=3):
    """The newest publications and news, and the coming (or else the latest) events, in the reader's language;
    remembered until the next publish, or PAGE_CACHE_SECONDS for the events that the date moves (portal.pagecache)."""
    from knowledge.models import EventPage, NewsPage, PublicationPage

    indexes = section_indexes()

    def find():
        found = {}
        found["publication_list"] = (
            list(
                PublicationPage.objects.child_of(indexes["publications"])
                .live()
                .public()
                .order_by("-published_on", "title")[:count]
            )
            if indexes["publications"]
            else []
        )
        found["news_list"] = (
            list(NewsPage.objects.child_of(indexes["news"]).live().public().order_by("-date")[:count])
            if indexes["news"]
            else []
        )
        upcoming, recent = [], []
        if indexes["events"]:
            events = EventPage.objects.child_of(indexes["events"]).live().public()
            today = timezone.localdate()
            upcoming = list(events.filter(starts_on__gte=today).order_by("starts_on")[:count])
            if not upcoming:
                recent = list(events.filter(starts_on__lt=today).order_by("-starts_on")[:count])
        found["upcoming_events"], found["recent_events"] = upcoming, recent
        return found

    return {**indexes, **pagecache.remember(f"latest-updates:{get_language()}:{count}", find)}
