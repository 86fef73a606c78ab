"""The knowledge base: guidelines, BCPs, publications, events, news and the glossary."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from knowledge import localize, models, signals  # noqa: F401 (signals: the PDFs follow their pages)
        from knowledge.references import related_publications
        from portal import findingrefs, helptranslate, search

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
                model=models.GlossaryTerm,
                queryset=glossary_terms,
                url=glossary_term_url,
                title=lambda term: term.term,
                names=lambda term: [term.term, term.abbreviation],
                weight=3,
            )
        )
        findingrefs.register("knowledge", related_publications)
        helptranslate.register("glossary", pending_glossary_terms)
        localize.name_report_filters()


def pending_glossary_terms(target_language):
    """Glossary terms without a translation into `target_language`, from any other language, in three queries."""
    from wagtail.models import Locale

    from knowledge.models import GlossaryPage, GlossaryTerm
    from portal.helptranslate import MISSING, PendingTranslation

    locales = {locale.pk: locale for locale in Locale.objects.all()}
    target = next((locale for locale in locales.values() if locale.language_code == target_language), None)
    if target is None:
        return []
    glossaries = {page.locale_id: page for page in GlossaryPage.objects.live().public()}
    by_key = {}
    for term in GlossaryTerm.objects.order_by("pk"):
        by_key.setdefault(term.translation_key, {})[term.locale_id] = term
    default = Locale.get_default().pk
    found = []
    for terms in by_key.values():
        if target.pk in terms:
            continue
        original = terms.get(default) or next(iter(terms.values()))
        glossary = glossaries.get(original.locale_id)
        found.append(
            PendingTranslation(
                kind=str(_("Glossary term")),
                title=original.term,
                url=glossary.term_url(original) if glossary else "",
                status=MISSING,
                source_language=locales[original.locale_id].language_code,
                target_language=target_language,
            )
        )
    return found


def glossary_terms(language, lookups):
    from wagtail.models import Locale

    from knowledge.models import GlossaryTerm

    return GlossaryTerm.objects.filter(locale=Locale.objects.get_for_language(language))


def glossary_term_url(term, language, lookups):
    from knowledge.models import GlossaryPage

    glossary = GlossaryPage.objects.live().public().filter(locale=term.locale).first()
    return glossary.term_url(term, lookups) if glossary else ""
