"""The checker's finding pages list the publications that explain a finding (portal.findingrefs)."""

from wagtail.models import Locale

from portal.findingrefs import FindingReference


def related_publications(finding_id: str, language: str) -> list[FindingReference]:
    from knowledge.models import PublicationPage

    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    # Publications are a few dozen per language: reading their bodies is cheaper than a JSON query per database.
    publications = PublicationPage.objects.live().public().filter(locale=locale).order_by("-published_on")
    return [
        FindingReference(kind=str(page.get_kind_display()), title=page.title, url=page.url)
        for page in publications
        if finding_id in page.finding_ids()
    ]
