"""The failure-case library: members file reports, reviewers publish them (issue 8)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FailuresConfig(AppConfig):
    name = "failures"
    verbose_name = _("Failure-case library")

    def ready(self):
        from portal import findingrefs, search

        from failures.models import FailureReport, SearchEntry

        search.register(
            search.SearchSource(
                kind="failures.report",
                label=FailureReport._meta.verbose_name,
                queryset=lambda language: SearchEntry.objects.filter(language=language, published=True),
                url=report_url,
                title=lambda entry: entry.title,
            )
        )
        findingrefs.register("failures", finding_references)


def report_url(entry, language):
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
