from django import template
from django.utils.translation import get_language

from knowledge import blocks, translation

register = template.Library()


@register.filter
def heading_anchor(block):
    return blocks.heading_anchor(block)


def section_indexes(*names):
    """The knowledge base's index pages in the reader's language: {"publications": page or None, ...}."""
    from wagtail.models import Locale

    from knowledge.models import EventIndexPage, GlossaryPage, NewsIndexPage, PublicationIndexPage

    locale = Locale.objects.filter(language_code=get_language()).first()
    types = {
        "publications": PublicationIndexPage,
        "events": EventIndexPage,
        "news": NewsIndexPage,
        "glossary": GlossaryPage,
    }
    return {
        name: model.objects.live().filter(locale=locale).first() if locale else None
        for name, model in types.items()
        if name in names or not names
    }


@register.inclusion_tag("knowledge/includes/nav.html")
def knowledge_nav():
    """The main navigation's links to the knowledge base of the reader's language."""
    return section_indexes("publications", "events")


@register.inclusion_tag("knowledge/includes/sections.html")
def knowledge_sections():
    """Links between the knowledge base's sections, shown on its index pages."""
    return section_indexes()


@register.simple_tag
def translation_notice(page):
    return translation.status_for_reader(page) if page is not None else None
