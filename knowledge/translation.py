"""Translation status of pages, and the queue of work waiting for translators.

A page's status in another language is one of:
  missing     no live translation exists;
  incomplete  wagtail-localize still has untranslated segments for it;
  outdated    the original was published again after the translation;
  current     none of the above.

The public "help translate" page lists what waits. Pages are found here;
other features add their model records with `register(name, pending)`, where
`pending(language)` yields `PendingTranslation`s for that target language
(this registry lives in the knowledge app; the glossary registers first).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

MISSING, INCOMPLETE, OUTDATED, CURRENT = "missing", "incomplete", "outdated", "current"
STATUS_LABELS = {
    MISSING: _("not translated yet"),
    INCOMPLETE: _("translation in progress"),
    OUTDATED: _("translation out of date"),
    CURRENT: _("translation up to date"),
}


@dataclass(frozen=True)
class PendingTranslation:
    kind: str  # a label for readers, e.g. "Glossary term"
    title: str
    url: str  # where the original can be read
    status: str  # MISSING, INCOMPLETE or OUTDATED
    source_language: str
    target_language: str


Pending = Callable[[str], Iterable[PendingTranslation]]
_registry: dict[str, Pending] = {}


def register(name: str, pending: Pending) -> None:
    _registry[name] = pending


def unregister(name: str) -> None:
    _registry.pop(name, None)


def source_locale():
    return Locale.get_default()


def localize_progress(original, target_locale):
    """(translated segments, total) from wagtail-localize, or None when it does not manage this translation."""
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance_or_none(original)
    if source is None:
        return None
    translation = Translation.objects.filter(source=source, target_locale=target_locale, enabled=True).first()
    if translation is None:
        return None
    total, done = translation.get_progress()
    return done, total


def page_status(original: Page, target_locale) -> str:
    """The status of `original`'s translation into `target_locale`."""
    translation = original.get_translation_or_none(target_locale)
    if translation is None or not translation.live:
        return MISSING
    progress = localize_progress(original, target_locale)
    if progress is not None and progress[0] < progress[1]:
        return INCOMPLETE
    if (
        original.last_published_at
        and translation.last_published_at
        and original.last_published_at > translation.last_published_at
    ):
        return OUTDATED
    return CURRENT


def status_for_reader(page: Page) -> dict | None:
    """What a reader of `page` should be told about translations, or None when all is well.

    On a translation: whether it is behind its original. On an original:
    which languages it is not (yet) readable in.
    """
    source = source_locale()
    if page.locale_id != source.pk:
        original = page.get_translation_or_none(source)
        if original is None:
            return None
        status = page_status(original, page.locale)
        return None if status == CURRENT else {"status": status, "label": STATUS_LABELS[status], "original": original}
    missing = [
        code
        for code, _name in settings.LANGUAGES
        if code != source.language_code and page_status(page, Locale.objects.get(language_code=code)) == MISSING
    ]
    return {"status": MISSING, "label": STATUS_LABELS[MISSING], "languages": missing} if missing else None


def pending_pages(target_language: str) -> list[PendingTranslation]:
    source = source_locale()
    target = Locale.objects.filter(language_code=target_language).first()
    if target is None or target == source:
        return []
    found = []
    for page in Page.objects.live().public().filter(locale=source, depth__gt=1).specific().order_by("path"):
        status = page_status(page, target)
        if status != CURRENT:
            found.append(
                PendingTranslation(
                    kind=str(page.specific_class._meta.verbose_name),
                    title=page.title,
                    url=page.url,
                    status=status,
                    source_language=source.language_code,
                    target_language=target_language,
                )
            )
    return found


def pending(target_language: str) -> list[PendingTranslation]:
    """Everything waiting for a translator into `target_language`: pages first, then registered records."""
    found = pending_pages(target_language)
    for lookup in _registry.values():
        found.extend(lookup(target_language))
    return found


def pending_glossary_terms(target_language: str) -> Iterable[PendingTranslation]:
    from knowledge.models import GlossaryPage, GlossaryTerm

    source = source_locale()
    target = Locale.objects.filter(language_code=target_language).first()
    if target is None or target == source:
        return []
    glossary = GlossaryPage.objects.live().filter(locale=source).first()
    translated = set(GlossaryTerm.objects.filter(locale=target).values_list("translation_key", flat=True))
    return [
        PendingTranslation(
            kind=str(_("Glossary term")),
            title=term.term,
            url=glossary.term_url(term) if glossary else "",
            status=MISSING,
            source_language=source.language_code,
            target_language=target_language,
        )
        for term in GlossaryTerm.objects.filter(locale=source).exclude(translation_key__in=translated)
    ]
