"""The knowledge base: guidelines, BCPs, publications, events, news and the glossary."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from knowledge import models, signals, translation  # noqa: F401 (signals: the PDFs follow their pages)
        from knowledge.references import related_publications
        from portal import findingrefs, search

        # Explanations rank above events and news among equally good hits (portal.search).
        search.register_page_type(models.PublicationPage, weight=3)
        # The guide by role points to the publications, so among equally good hits it comes after them.
        search.register_page_type(models.RoleGuidePage, weight=2)
        search.register_page_type(models.EquipmentVerificationPage, weight=2)
        for model in (models.EventPage, models.NewsPage, models.GlossaryPage):
            search.register_page_type(model)
        search.register(
            search.SearchSource(
                kind="glossary-term",
                label=models.GlossaryTerm._meta.verbose_name,
                queryset=glossary_terms,
                url=glossary_term_url,
                title=lambda term: term.term,
                names=lambda term: [term.term, term.abbreviation],
                weight=3,
            )
        )
        findingrefs.register("knowledge", related_publications)
        translation.register("glossary", translation.pending_glossary_terms)


def glossary_terms(language):
    from wagtail.models import Locale

    from knowledge.models import GlossaryTerm

    return GlossaryTerm.objects.filter(locale=Locale.objects.get_for_language(language))


def glossary_term_url(term, language):
    from knowledge.models import GlossaryPage

    glossary = GlossaryPage.objects.live().public().filter(locale=term.locale).first()
    return glossary.term_url(term) if glossary else ""
