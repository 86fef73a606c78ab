"""The failure-case library: members file reports, reviewers publish them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FailuresConfig(AppConfig):
    name = "failures"
    verbose_name = _("Failure-case library")

    def ready(self):
        from failures.models import FailureReport, SearchEntry
        from portal import findingrefs, helptranslate, search

        search.register(
            search.SearchSource(
                kind="failures.report",
                label=FailureReport._meta.verbose_name,
                model=SearchEntry,
                queryset=lambda language, lookups: SearchEntry.objects.filter(
                    language=language, published=True
                ).select_related("report"),
                url=report_url,
                title=lambda entry: entry.title,
                weight=2,
            )
        )
        findingrefs.register("failures", finding_references)
        # The "help translate" page lists what waits; the library's own list is failures/translations/.
        helptranslate.register("failures", pending_translations)


def pending_translations(target_language):
    """Published reports without a text in `target_language`, for the "help translate" page."""
    from django.utils import translation

    from failures.models import FailureReport
    from portal import languages
    from portal.helptranslate import MISSING, PendingTranslation

    if target_language not in languages.model_languages():
        return []  # no columns to translate into yet (portal.languages)
    found = []
    for report in FailureReport.published.all():
        if report.has_language(target_language):
            continue
        source = report.shown_language(target_language)
        with translation.override(source):
            url = report.get_absolute_url()
        found.append(
            PendingTranslation(
                kind=str(FailureReport._meta.verbose_name),
                title=report.display_title(source),
                url=url,
                status=MISSING,
                source_language=source,
                target_language=target_language,
            )
        )
    return found


def report_url(entry, language, lookups):
    from django.utils import translation

    with translation.override(language):
        return entry.report.get_absolute_url()


def finding_references(finding_id, language):
    """Published reports that name `finding_id`, for the checker's finding pages and "similar failures"."""
    from django.utils import translation

    from failures.models import FailureReport
    from portal.findingrefs import FindingReference

    with translation.override(language):
        return [
            FindingReference(kind="failure-report", title=report.display_title(language), url=report.get_absolute_url())
            for report in FailureReport.published.filter(finding_ids_packed__contains=f",{finding_id},")
        ]
