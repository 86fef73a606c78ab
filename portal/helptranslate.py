"""Translation status of pages, and the registry of work waiting for translators ("help translate").

A page's status in another language is one of:
  missing     no live translation exists;
  incomplete  wagtail-localize still has untranslated segments for it;
  outdated    the original was published again after the translation;
  current     none of the above.

Work goes both ways: a page written in English waits for its Japanese as a
Japanese page waits for its English. A page's original is the page in the
locale of its wagtail-localize source, or else the one in the default
locale, or else the first of its translations that was made.

Pages are found here, in a fixed number of queries whatever their number;
other rooms add their records with `register(name, pending)`, where
`pending(language)` yields `PendingTranslation`s for that target language
(the glossary and the failure library do), as they register with
`portal.search` and `portal.findingrefs`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
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


def status(original, translation, progress) -> str:
    """The one rule: `original` and `translation` are pages (translation may be None), progress (done, total)."""
    if translation is None or not translation.live:
        return MISSING
    if progress is not None and progress[0] < progress[1]:
        return INCOMPLETE
    if (
        original.last_published_at
        and translation.last_published_at
        and original.last_published_at > translation.last_published_at
    ):
        return OUTDATED
    return CURRENT


def localize_progress(original, target_locale):
    """(translated segments, total) from wagtail-localize, or None when it does not manage this translation."""
    from wagtail_localize.models import Translation

    # The source of `original` is keyed by its translation key (wagtail-localize's TranslatableObject) and locale.
    translation = Translation.objects.filter(
        source__object_id=original.translation_key,
        source__locale_id=original.locale_id,
        target_locale=target_locale,
        enabled=True,
    ).first()
    if translation is None:
        return None
    total, done = translation.get_progress()
    return done, total


def page_status(original: Page, target_locale) -> str:
    """The status of `original`'s translation into `target_locale`."""
    translation = original.get_translation_or_none(target_locale)
    progress = localize_progress(original, target_locale) if translation is not None and translation.live else None
    return status(original, translation, progress)


def status_for_reader(page: Page) -> dict | None:
    """What a reader of `page` should be told about translations, or None when all is well.

    On a translation: whether it is behind its original (three queries). On an original: which languages it is
    not (yet) readable in (one query).
    """
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)  # Locale.get_default's language
    translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    if page.locale.language_code != default:
        original = translations.filter(locale__language_code=default).select_related("locale").first()
        if original is None:
            return None
        progress = localize_progress(original, page.locale_id) if page.live else None
        found = status(original, page, progress)
        return None if found == CURRENT else {"status": found, "label": STATUS_LABELS[found], "original": original}
    readable = set(translations.filter(live=True).values_list("locale__language_code", flat=True))
    missing = [code for code, _name in settings.LANGUAGES if code != default and code not in readable]
    return {"status": MISSING, "label": STATUS_LABELS[MISSING], "languages": missing} if missing else None


def _progress_by_source_and_locale() -> dict[tuple[int, int], tuple[int, int]]:
    """(translated, total) segments of every enabled wagtail-localize translation, by (source, target locale)."""
    from wagtail_localize.models import StringSegment, StringTranslation

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef("target"),
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source__translations__enabled=True)
        .annotate(target=F("source__translations__target_locale_id"), done=Exists(translated))
        .values("source_id", "target")
        .annotate(total=Count("id"), translated=Count("id", filter=Q(done=True)))
    )
    return {(row["source_id"], row["target"]): (row["translated"], row["total"]) for row in rows}


def pending_pages(target_language: str, request=None) -> list[PendingTranslation]:
    """Live public pages of other languages whose translation into `target_language` is not current."""
    from wagtail_localize.models import TranslationSource

    locales = {locale.pk: locale for locale in Locale.objects.all()}
    target = next((locale for locale in locales.values() if locale.language_code == target_language), None)
    if target is None:
        return []
    default = source_locale()
    groups = defaultdict(dict)  # translation_key -> {locale id: page}
    for page in Page.objects.filter(depth__gt=1).order_by("path"):
        groups[page.translation_key][page.locale_id] = page
    readable = set(Page.objects.live().public().values_list("pk", flat=True))
    sources = {
        source["object_id"]: source
        for source in TranslationSource.objects.filter(object_id__in=groups).values("pk", "object_id", "locale_id")
    }
    progress = _progress_by_source_and_locale()
    found = []
    for key, pages in groups.items():
        source = sources.get(key)
        if source is not None and source["locale_id"] in pages:
            original = pages[source["locale_id"]]
        else:
            original = pages.get(default.pk) or min(pages.values(), key=lambda page: page.pk)
        if original.locale_id == target.pk or original.pk not in readable:
            continue
        translation = pages.get(target.pk)
        found_status = status(original, translation, progress.get((source["pk"], target.pk)) if source else None)
        if found_status == CURRENT:
            continue
        found.append(
            PendingTranslation(
                kind=str(original.specific_class._meta.verbose_name),
                title=original.title,
                url=original.get_url(request),
                status=found_status,
                source_language=locales[original.locale_id].language_code,
                target_language=target_language,
            )
        )
    return found


def pending(target_language: str, request=None) -> list[PendingTranslation]:
    """Everything waiting for a translator into `target_language`: pages first, then registered records."""
    found = pending_pages(target_language, request)
    for lookup in _registry.values():
        found.extend(lookup(target_language))
    return found
