"""Site-wide search that understands Japanese.

The database search backends treat a run of unspaced Japanese as one token,
so "署名鍵" inside a sentence would never be found. Every searchable object
therefore indexes an extra field, `search_text`, holding its text split by
`index_tokens()`: each character of a Japanese run and each overlapping
character bigram; other words stay words. A query's Japanese becomes bigrams
(a single character stays itself) and all its tokens must match; of what the
backend finds, only objects where each of the query's Japanese runs stands
verbatim (after NFKC) are kept. So "署名鍵" (署名 + 名鍵) finds
"鍵署名鍵とゾーン署名鍵", and "名鍵署" (whose bigrams all occur apart there)
finds nothing. `site_search()` ranks the same way on every database.

Pages are searched by default; other rooms add their models with
`register()` (each such model mixes in SearchTextMixin and is Indexed).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend

# Hiragana, katakana (incl. the long-vowel mark), CJK ideographs, halfwidth katakana.
_JAPANESE = "\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(rf"[{_JAPANESE}]+|[^\W{_JAPANESE}]+")
_JAPANESE_RUN = re.compile(rf"[{_JAPANESE}]+")

# "DNSSEC とは" (what is DNSSEC?) asks for DNSSEC: these endings and openings say how, not what.
_QUESTION_ENDINGS = (
    "とはなんですか",
    "とは何ですか",
    "とはなにか",
    "とは何か",
    "とはなに",
    "とは何",
    "とは",
    "ってなに",
    "って何",
    "について",
)
_QUESTION_OPENINGS = ("what is ", "what are ", "what's ")


def normalise(text: str) -> str:
    # NFKC folds full-width Latin and half-width katakana to their usual forms.
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text: str) -> list[str]:
    """The query's tokens: words, and for Japanese its character bigrams (one character stays itself)."""
    out = []
    for match in _TOKEN.finditer(normalise(text)):
        word = match.group()
        if _JAPANESE_RUN.fullmatch(word):
            out.extend([word] if len(word) == 1 else [word[i : i + 2] for i in range(len(word) - 1)])
        else:
            out.append(word)
    return out


def index_tokens(text: str) -> list[str]:
    """What is indexed: words, and for Japanese each character and each bigram, so that a query of one
    character (鍵) is found as well as a longer one (署名鍵 as 署名 + 名鍵)."""
    out = []
    for match in _TOKEN.finditer(normalise(text)):
        word = match.group()
        if _JAPANESE_RUN.fullmatch(word):
            out.extend(word)
            out.extend(word[i : i + 2] for i in range(len(word) - 1))
        else:
            out.append(word)
    return out


def index_text(text: str) -> str:
    return " ".join(index_tokens(text))


def query_terms(query: str) -> list[str]:
    """The query's terms, normalised, without the question around them ("DNSSEC とは" -> ["dnssec"])."""
    text = " ".join(normalise(query).split())
    for opening in _QUESTION_OPENINGS:
        if text.startswith(opening) and text[len(opening) :].strip("? "):
            text = text[len(opening) :]
            break
    text = text.rstrip("?？ ")
    for ending in _QUESTION_ENDINGS:
        if text.endswith(ending) and text[: -len(ending)].strip():
            text = text[: -len(ending)]
            break
    return [term for term in text.split() if tokens(term)]


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
    # (object, language code, lookups) -> URL; `lookups` keeps what one search looks up once (see _Lookups).
    url: Callable[[object, str, object], str]
    title: Callable[[object], str] = str
    # The object's names for ranking: its title, and for an organisation its aliases too.
    names: Callable[[object], list[str]] | None = None
    # Among equally good hits, a higher weight comes first: explanations (publications, glossary terms)
    # above reports, events, news and organisations, and those above the home and about pages.
    weight: int = 1


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
    # 2: every term stands in the title (or a name), 1: the terms stand together in the text, 0: apart.
    exact: int
    weight: int = 1
    # How well the title is about the query (0 to 2, see _coverage), then how often the parts occur in the text.
    coverage: float = 0.0
    occurrences: int = 0


MAX_PER_SOURCE = 200


class _Lookups:
    """What Wagtail keeps on a request, kept for one search: the site root paths, read from the cache once
    (`Page.get_url(request=…)` reads them from this object), and no current site, so that a page's URL is
    what `page.url` gives (relative on a single site). Without it, every hit read them from Redis again."""

    _wagtail_site = None


def site_search(query: str, language: str, kind: str | None = None) -> list[SearchResult]:
    """The objects in `language` holding every term of the query, best first.

    The backend finds the objects that hold every token (bigrams, single characters, words); of those,
    only the ones where each part of the query (a Japanese run, a word) stands verbatim in the text are
    kept, so that アンカートラスト does not find トラストアンカー. Ranking: every part in the title (or a
    name) above parts in the text only, the query's parts standing together above parts apart; then the
    source's weight, the share of the title the parts cover and how often they occur. The order is the
    same on every database.
    """
    terms = query_terms(query)
    words = [token for term in terms for token in tokens(term)]
    if not words:
        return []
    backend_query = " ".join(dict.fromkeys(words))
    parts = query_parts(terms)
    phrase = "".join(terms)
    results = []
    lookups = _Lookups()
    with translation.override(language):
        for source in _sources.values():
            if kind and not (source.kind == kind or source.kind.startswith(kind + ":")):
                continue
            found = get_search_backend().search(backend_query, source.queryset(language), operator="and")
            for obj in found[:MAX_PER_SOURCE]:
                obj = getattr(obj, "specific", obj)
                text = obj.plain_text()
                folded = " ".join(normalise(text).split())
                if not all(_occurs(folded, part) for part in parts):
                    continue
                title = source.title(obj)
                names = [" ".join(normalise(name).split()) for name in (source.names(obj) if source.names else [title])]
                if all(any(_occurs(name, part) for name in names) for part in parts):
                    exact = 2
                elif phrase in folded.replace(" ", ""):
                    exact = 1
                else:
                    exact = 0
                results.append(
                    SearchResult(
                        kind=source.kind,
                        kind_label=str(source.label),
                        title=title,
                        url=source.url(obj, language, lookups),
                        excerpt=excerpt(_without_title(text, title), parts),
                        exact=exact,
                        weight=source.weight,
                        coverage=_coverage(names, parts),
                        occurrences=sum(len(_positions(folded, part)) for part in parts),
                    )
                )
    return sorted(results, key=lambda r: (-r.exact, -r.weight, -r.coverage, -r.occurrences, r.title, r.url))


def _without_title(text: str, title: str) -> str:
    """The text after the title it begins with: the result shows the title already."""
    text = " ".join(text.split())
    title = " ".join(title.split())
    return text[len(title) :].lstrip() if title and text.startswith(title) else text


def query_parts(terms: list[str]) -> list[str]:
    """The Japanese runs and the other words of the terms, each once ("dsレコード" -> ["ds", "レコード"])."""
    return list(dict.fromkeys(match.group() for term in terms for match in _TOKEN.finditer(term)))


def _positions(folded: str, part: str) -> list[int]:
    """Where `part` stands in the folded text: a Japanese run anywhere, another word only as a whole word."""
    if _JAPANESE_RUN.fullmatch(part):
        return [m.start() for m in re.finditer(re.escape(part), folded)]
    return [m.start() for m in re.finditer(rf"(?<![^\W{_JAPANESE}]){re.escape(part)}(?![^\W{_JAPANESE}])", folded)]


def _occurs(folded: str, part: str) -> bool:
    return bool(_positions(folded, part))


def _coverage(names: list[str], parts: list[str]) -> float:
    """How well a name (the title, an alias) is about the parts: 1 if one begins with the first part (the
    title's head is its topic: "DNSSEC mechanisms…" before "Issues on adopting DNSSEC"), plus the largest
    share of a name that the parts cover, spaces aside."""
    best = 0.0
    for name in names:
        length = len(name.replace(" ", ""))
        if length:
            covered = sum(len(_positions(name, part)) * len(part) for part in parts)
            best = max(best, (1.0 if _positions(name, parts[0])[:1] == [0] else 0.0) + min(1.0, covered / length))
    return round(best, 4)


def excerpt(text: str, query: str | list[str], width: int = 90) -> str:
    """A window of the text around the first part of the query found, with the parts in it marked."""
    parts = query_parts(query_terms(query)) if isinstance(query, str) else query
    text = " ".join(text.split())
    # Fold character by character so that a position in the folded text is one in the text.
    folded, origin = [], []
    for i, char in enumerate(text):
        for out in normalise(char):
            folded.append(out)
            origin.append(i)
    folded = "".join(folded)
    found = sorted((at, part) for part in parts for at in _positions(folded, part))
    if not found:
        return escape(text[: width * 2]) + ("…" if len(text) > width * 2 else "")
    first = origin[found[0][0]]
    start, end = max(0, first - width), min(len(text), first + width + len(found[0][1]))
    marks = []  # (start, end) in the text, longest parts first, never overlapping
    for at, part in sorted(found, key=lambda hit: (-len(hit[1]), hit[0])):
        a, b = origin[at], origin[at + len(part) - 1] + 1
        if start <= a and b <= end and not any(a < e and s < b for s, e in marks):
            marks.append((a, b))
    out, cursor = ["…" if start else ""], start
    for a, b in sorted(marks):
        out += [escape(text[cursor:a]), "<mark>", escape(text[a:b]), "</mark>"]
        cursor = b
    out += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(out))


def register_page_type(model, weight: int = 1) -> None:
    """Make a page type searchable; its results can be filtered by type."""
    from wagtail.models import Locale

    register(
        SearchSource(
            kind=f"page:{model._meta.label_lower}",
            label=model._meta.verbose_name,
            queryset=lambda language: (
                model.objects.live().public().filter(locale=Locale.objects.get_for_language(language))
            ),
            url=lambda page, language, lookups: page.get_url(request=lookups),
            title=lambda page: page.title,
            weight=weight,
        )
    )
