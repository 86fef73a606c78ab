"""Site-wide search that understands Japanese.

The database search backends treat a run of unspaced Japanese as one token,
so "署名鍵" inside a sentence would never be found. Every searchable object
therefore indexes an extra field, `search_text`, holding its text split by
`tokens()`: Japanese runs become overlapping character bigrams, other words
stay words. Queries go through the same function and all their tokens must
match, so "署名鍵" (署名 + 名鍵) finds the word and not a page where 署名 and
鍵 only occur apart. Results where the query occurs verbatim rank first.

Pages are searched by default; other rooms add their models with
`register()` (each such model mixes in SearchTextMixin and is Indexed).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend

# Hiragana, katakana (incl. the long-vowel mark), CJK ideographs, halfwidth katakana.
_JAPANESE = "\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(rf"[{_JAPANESE}]+|[^\W{_JAPANESE}]+")
_JAPANESE_RUN = re.compile(rf"[{_JAPANESE}]+")


def normalise(text: str) -> str:
    # NFKC folds full-width Latin and half-width katakana to their usual forms.
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text: str) -> list[str]:
    out = []
    for match in _TOKEN.finditer(normalise(text)):
        word = match.group()
        if _JAPANESE_RUN.fullmatch(word):
            out.extend([word] if len(word) == 1 else [word[i : i + 2] for i in range(len(word) - 1)])
        else:
            out.append(word)
    return out


def index_text(text: str) -> str:
    return " ".join(tokens(text))


class SearchTextMixin:
    """Gives a model `plain_text()` and the tokenised `search_text()` to index.

    Subclasses list the fields to read in `search_text_fields`; a name may be
    a field, a property or a related manager (each item's str() is used).
    """

    search_text_fields: tuple[str, ...] = ("title",)

    def plain_text(self) -> str:
        parts = []
        for name in self.search_text_fields:
            value = getattr(self, name, "")
            if hasattr(value, "all"):
                parts.extend(str(item) for item in value.all())
            elif callable(value):
                parts.append(str(value()))
            elif value:
                parts.append(str(value))
        # A space before each tag keeps list items and paragraphs apart once the tags are gone.
        return " ".join(" ".join(strip_tags(part.replace("<", " <")).split()) for part in parts)

    def search_text(self) -> str:
        return index_text(self.plain_text())


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str
    queryset: Callable[[str], object]  # language code -> queryset of indexed objects
    url: Callable[[object, str], str]  # (object, language code) -> URL
    title: Callable[[object], str] = str


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.kind] = source


def sources() -> list[SearchSource]:
    return list(_sources.values())


@dataclass
class SearchResult:
    kind: str
    kind_label: str
    title: str
    url: str
    excerpt: str
    exact: int  # 2: the query stands in the title, 1: in the text, 0: only its tokens match


MAX_PER_SOURCE = 200


def site_search(query: str, language: str, kind: str | None = None) -> list[SearchResult]:
    words = tokens(query)
    if not words:
        return []
    backend_query = " ".join(words)
    needle = normalise(query).strip()
    results = []
    for source in _sources.values():
        if kind and not (source.kind == kind or source.kind.startswith(kind + ":")):
            continue
        found = get_search_backend().search(backend_query, source.queryset(language), operator="and")[:MAX_PER_SOURCE]
        for obj in found:
            obj = getattr(obj, "specific", obj)
            title = source.title(obj)
            text = obj.plain_text()
            exact = 2 if needle in normalise(title) else 1 if needle in normalise(text) else 0
            results.append(
                SearchResult(
                    kind=source.kind,
                    kind_label=str(source.label),
                    title=title,
                    url=source.url(obj, language),
                    excerpt=excerpt(text, query),
                    exact=exact,
                )
            )
    # sorted() is stable: within one level the backend's ranking stays.
    return sorted(results, key=lambda r: -r.exact)


def excerpt(text: str, query: str, width: int = 90) -> str:
    """A window of the text around the first match, with the match marked."""
    text = " ".join(text.split())
    folded = normalise(text)
    needle = normalise(query).strip()
    at = folded.find(needle) if needle else -1
    if at < 0 or len(folded) != len(text):
        return escape(text[: width * 2]) + ("…" if len(text) > width * 2 else "")
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return mark_safe(
        ("…" if start else "")
        + escape(text[start:at])
        + "<mark>"
        + escape(text[at : at + len(needle)])
        + "</mark>"
        + escape(text[at + len(needle) : end])
        + ("…" if end < len(text) else "")
    )


def register_page_type(model) -> None:
    """Make a page type searchable; its results can be filtered by type."""
    from wagtail.models import Locale

    register(
        SearchSource(
            kind=f"page:{model._meta.label_lower}",
            label=model._meta.verbose_name,
            queryset=lambda language: (
                model.objects.live().public().filter(locale=Locale.objects.get_for_language(language))
            ),
            url=lambda page, language: page.url,
            title=lambda page: page.title,
        )
    )
