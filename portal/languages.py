"""The site's languages, all read from settings, so that adding one to LANGUAGES is a matter of configuration.

Pages live in one Wagtail tree per language (WAGTAIL_CONTENT_LANGUAGES, a Locale row each: `ensure_locales`).
Other models keep a column per language of MODELTRANSLATION_LANGUAGES (django-modeltranslation): a language
of LANGUAGES without columns reads the default language's (Japanese), and pages mark such text as shown in
Japanese (`shown`). The checker's catalogue has Japanese and English texts; other languages read Japanese.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy
from modeltranslation import settings as modeltranslation_settings
from modeltranslation.utils import build_localized_fieldname

# Ours, in a context of their own: under a language without a catalogue of ours (whose messages then fall back
# to Japanese), Django's catalogue would put its own word into a Japanese sentence ("日语で表示しています").
# Any other language takes Django's name.
_NAMES = {"ja": pgettext_lazy("language name", "Japanese"), "en": pgettext_lazy("language name", "English")}
# The languages the checker's catalogue (checker/catalog/findings.toml) and the engine's texts are written in.
CATALOG_LANGUAGES = ("ja", "en")


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def name(code: str):
    """The language's name in the active language (lazy)."""
    if code in _NAMES:
        return _NAMES[code]
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return dict(settings.LANGUAGES).get(code, code)


def choices() -> list[tuple[str, str]]:
    """LANGUAGES with our names, for a model field's `choices` (a callable there, so that a language added to
    the settings needs no migration)."""
    return [(code, name(code)) for code in codes()]


def model_languages() -> list[str]:
    """The languages that translated model fields have columns for (MODELTRANSLATION_LANGUAGES)."""
    return list(modeltranslation_settings.AVAILABLE_LANGUAGES)


def model_choices() -> list[tuple[str, str]]:
    """The languages with columns and their names, for choosing the language of a translated model's text."""
    return [(code, name(code)) for code in model_languages()]


def model_language(language: str | None = None) -> str:
    """The columns read for `language` (the active one when None): its own, else the default language's.

    modeltranslation reads them so (its get_language() falls back to MODELTRANSLATION_DEFAULT_LANGUAGE for a
    language it has no columns for); this says which, for pages to mark the text.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    available = model_languages()
    if language in available:
        return language
    if language.split("-")[0] in available:
        return language.split("-")[0]
    return modeltranslation_settings.DEFAULT_LANGUAGE


def field_name(field: str, language: str) -> str:
    """The column of `field` in `language` ("title", "zh-hans" -> "title_zh_hans")."""
    return build_localized_fieldname(field, language)


def catalog_language(language: str | None = None) -> str:
    """The language of the checker catalogue's texts for `language`: its own, else the default language."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in CATALOG_LANGUAGES else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Shown:
    """A translated field as a page shows it: `language` is the language `text` is written in; `fallback` says
    it is not the page's language (the page marks it, never shows an empty text); `has_columns` says whether
    the page's language has columns at all (no: "shown in Japanese"; yes: that text is just not written yet)."""

    text: str
    language: str
    fallback: bool
    has_columns: bool = True

    @property
    def language_name(self):
        return name(self.language)


def shown(obj, field: str, language: str | None = None, default: str = "", others: bool = True) -> Shown:
    """`obj`'s `field` as modeltranslation reads it for `language` (the active one when None); when empty there
    and `others`, the first language that has it, the default language first."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    own = model_language(language)
    has_columns = own == language
    order = [own, modeltranslation_settings.DEFAULT_LANGUAGE, *model_languages()] if others else [own]
    for code in dict.fromkeys(order):
        text = getattr(obj, field_name(field, code), "") or ""
        if text:
            return Shown(text, code, fallback=code != language, has_columns=has_columns)
    return Shown(default, own, fallback=bool(default), has_columns=has_columns)


def ensure_locales(**kwargs) -> None:
    """A Wagtail Locale for every language of WAGTAIL_CONTENT_LANGUAGES (after each `migrate`): a language added
    to the settings gets its page tree without a migration of its own."""
    from wagtail.models import Locale

    # bulk_create sends no post_save: a Locale without pages changes no page, and the page cache's receiver
    # must not run inside the first `migrate`, before the database cache's table exists (createcachetable).
    known = set(Locale.objects.values_list("language_code", flat=True))
    missing = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in known]
    Locale.objects.bulk_create([Locale(language_code=code) for code in missing])
