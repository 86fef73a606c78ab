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

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from portal import pagecache

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
        # A space before each tag keeps list items and paragraphs apart once the tags are gone; the entities of rich
        # text become the characters they stand for ("zone&#x27;s" is "zone's", searched and excerpted as such).
        return " ".join(" ".join(html.unescape(strip_tags(part.replace("<", " <"))).split()) for part in parts)

    def search_text(self) -> str:
        return index_text(self.plain_text())


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str
    model: type  # the indexed model whose search documents this source reads
    # (language code, lookups) -> queryset of the objects a reader of that language may find.
    queryset: Callable[[str, object], object]
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


def fold(text: str) -> str:
    """The text as the search compares it: NFKC, lower case, one space between words."""
    return " ".join(normalise(text).split())


def store_documents(model, objects) -> None:
    """Write the search documents of these objects of `model` (called by the index, portal.search_backend)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from portal.models import SearchDocument

    source = next((s for s in _sources.values() if s.model is model), None)
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(model)
    documents = []
    for obj in objects:
        plain = obj.plain_text()
        text = fold(plain)
        for language, _name in settings.LANGUAGES:
            # An organisation's title is its name in the reader's language.
            with translation.override(language):
                title = source.title(obj)
                names = source.names(obj) if source.names else [title]
            documents.append(
                SearchDocument(
                    content_type=content_type,
                    object_id=obj.pk,
                    language=language,
                    title=title,
                    names="\n".join(fold(name) for name in names),
                    text=text,
                    plain=plain,
                )
            )
    SearchDocument.objects.filter(content_type=content_type, object_id__in=[d.object_id for d in documents]).delete()
    SearchDocument.objects.bulk_create(documents)
    pagecache.purge_after_commit()  # the search results that anonymous readers were served


def delete_documents(obj) -> None:
    from django.contrib.contenttypes.models import ContentType

    from portal.models import SearchDocument

    SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk).delete()
    pagecache.purge_after_commit()


def delete_all_documents() -> None:
    from portal.models import SearchDocument

    SearchDocument.objects.all().delete()
    pagecache.purge_after_commit()


def store_missing_documents(**kwargs) -> None:
    """Index the objects that have no search document yet (those indexed before documents were kept); run
    after `migrate`. Each model costs one query when nothing is missing."""
    from django.contrib.contenttypes.models import ContentType

    from portal.models import SearchDocument

    for source in _sources.values():
        content_type = ContentType.objects.get_for_model(source.model)
        stored = SearchDocument.objects.filter(content_type=content_type).values("object_id")
        missing = source.model.get_indexed_objects().exclude(pk__in=stored)
        while batch := list(missing.order_by("pk")[:500]):
            store_documents(source.model, batch)


class _Lookups:
    """What one search looks up once. As Wagtail keeps them on a request: the site root paths, read from the
    cache once (`Page.get_url(request=…)` reads them from this object), and no current site, so that a page's
    URL is what `page.url` gives (relative on a single site); without it, every hit read them from Redis again.
    And the pages a reader may find (live, public, in the language), which every page type's source narrows:
    the view restrictions and the locale are read once, not once per page type."""

    _wagtail_site = None

    def __init__(self):
        self._pages = {}

    def pages(self, language: str):
        from wagtail.models import Locale, Page

        if language not in self._pages:
            locale = Locale.objects.get_for_language(language)
            self._pages[language] = Page.objects.live().public().filter(locale=locale).values("pk")
        return self._pages[language]


@dataclass
class _Hit:
    """One object found, ranked from its search document alone."""

    source: SearchSource
    object_id: int
    document_id: int
    title: str
    exact: int
    coverage: float
    occurrences: int

    def rank(self) -> tuple:
        return (-self.exact, -self.source.weight, -self.coverage, -self.occurrences, self.title)


class SearchHits(Sequence):
    """The results of one search, best first: counted and ranked at once from the search documents, each
    result (its object, URL and excerpt) made only when it is read, so a page of results costs a page."""

    def __init__(self, hits: list[_Hit], querysets: dict[str, object], parts: list[str], language: str, lookups):
        self._hits = hits
        self._querysets = querysets
        self._parts = parts
        self._language = language
        self._lookups = lookups

    def __len__(self) -> int:
        return len(self._hits)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._hits))
            return self._results(start, stop)[::step] if start < stop else []
        if index < 0:
            index += len(self._hits)
        if not 0 <= index < len(self._hits):
            raise IndexError(index)
        return self._results(index, index + 1)[0]

    def _results(self, start: int, stop: int) -> list[SearchResult]:
        # Hits of equal rank are ordered by URL, which only their objects give: widen the window to whole
        # runs of equal rank at both ends, order it, then cut.
        hits = self._hits
        low, high = start, stop
        while low > 0 and hits[low - 1].rank() == hits[start].rank():
            low -= 1
        while high < len(hits) and hits[high].rank() == hits[stop - 1].rank():
            high += 1
        window = hits[low:high]
        objects = {}
        for kind in dict.fromkeys(h.source.kind for h in window):
            ids = [h.object_id for h in window if h.source.kind == kind]
            objects[kind] = {obj.pk: obj for obj in self._querysets[kind].filter(pk__in=ids)}
        lookups = self._lookups
        with translation.override(self._language):
            # A hit whose object went (unpublished or deleted since it was counted) is left out.
            placed = [
                (hit, hit.source.url(objects[hit.source.kind][hit.object_id], self._language, lookups))
                for hit in window
                if hit.object_id in objects[hit.source.kind]
            ]
        placed.sort(key=lambda pair: (pair[0].rank(), pair[1]))
        placed = placed[start - low : stop - low]
        from portal.models import SearchDocument

        plain = dict(
            SearchDocument.objects.filter(pk__in=[hit.document_id for hit, _url in placed]).values_list("pk", "plain")
        )
        return [
            SearchResult(
                kind=hit.source.kind,
                kind_label=str(hit.source.label),
                title=hit.title,
                url=url,
                excerpt=excerpt(_without_title(plain[hit.document_id], hit.title), self._parts),
                exact=hit.exact,
                weight=hit.source.weight,
                coverage=hit.coverage,
                occurrences=hit.occurrences,
            )
            for hit, url in placed
        ]


def site_search(query: str, language: str, kind: str | None = None) -> SearchHits:
    """The objects in `language` holding every part of the query, best first.

    The database keeps the search documents that hold each part of the query (a Japanese run, a word) in
    their folded text, among the objects each source lets a reader of `language` find; of those, a word
    must stand as a whole word, so that アンカートラスト does not find トラストアンカー and "ds" does not find
    "dsa". Ranking, from the documents alone: every part in the title (or a name) above parts in the text
    only, the query's parts standing together above parts apart; then the source's weight, the share of the
    title the parts cover, how often they occur, the title and the URL. The order is the same on every
    database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from portal.models import SearchDocument

    terms = query_terms(query)
    parts = query_parts(terms)
    if not parts:
        return SearchHits([], {}, [], language, None)
    phrase = "".join(terms)
    chosen = [s for s in _sources.values() if not kind or s.kind == kind or s.kind.startswith(kind + ":")]
    lookups = _Lookups()
    querysets = {source.kind: source.queryset(language, lookups) for source in chosen}
    by_content_type = {ContentType.objects.get_for_model(source.model).pk: source for source in chosen}
    where = Q()
    for content_type, source in by_content_type.items():
        where |= Q(content_type=content_type, object_id__in=querysets[source.kind].values("pk"))
    documents = SearchDocument.objects.filter(where, language=language)
    for part in parts:
        documents = documents.filter(text__contains=part)
    hits = []
    rows = documents.values_list("pk", "content_type", "object_id", "title", "names", "text")
    for document_id, content_type, object_id, title, names, folded in rows:
        if not all(_occurs(folded, part) for part in parts):
            continue
        names = names.split("\n")
        if all(any(_occurs(name, part) for name in names) for part in parts):
            exact = 2
        elif phrase in folded.replace(" ", ""):
            exact = 1
        else:
            exact = 0
        hits.append(
            _Hit(
                source=by_content_type[content_type],
                object_id=object_id,
                document_id=document_id,
                title=title,
                exact=exact,
                coverage=_coverage(names, parts),
                occurrences=sum(len(_positions(folded, part)) for part in parts),
            )
        )
    hits.sort(key=_Hit.rank)
    return SearchHits(hits, querysets, parts, language, lookups)


def _without_title(text: str, title: str) -> str:
    """The text after the title it begins with: the result shows the title already."""
    text = " ".join(text.split())
    title = " ".join(title.split())
    return text[len(title) :].lstrip() if title and text.startswith(title) else text


def query_parts(terms: list[str]) -> list[str]:
    """The Japanese runs and the other words of the terms, each once ("dsレコード" -> ["ds", "レコード"])."""
    return list(dict.fromkeys(match.group() for term in terms for match in _TOKEN.finditer(term)))


@functools.lru_cache(maxsize=256)
def _pattern(part: str) -> re.Pattern:
    """A Japanese run matches anywhere, another word only as a whole word (compiled once: a search tries each
    part on every document it finds)."""
    if _JAPANESE_RUN.fullmatch(part):
        return re.compile(re.escape(part))
    return re.compile(rf"(?<![^\W{_JAPANESE}]){re.escape(part)}(?![^\W{_JAPANESE}])")


def _positions(folded: str, part: str) -> list[int]:
    """Where `part` stands in the folded text."""
    return [m.start() for m in _pattern(part).finditer(folded)]


def _occurs(folded: str, part: str) -> bool:
    return _pattern(part).search(folded) is not None


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


@functools.lru_cache(maxsize=8192)
def _fold_character(char: str) -> str:
    return normalise(char)


def excerpt(text: str, query: str | list[str], width: int = 90) -> str:
    """A window of the text around the first part of the query found, with the parts in it marked."""
    parts = query_parts(query_terms(query)) if isinstance(query, str) else query
    text = " ".join(text.split())
    # Fold character by character so that a position in the folded text is one in the text.
    pieces = list(map(_fold_character, text))
    folded = "".join(pieces)
    origin = range(len(text)) if len(folded) == len(text) else [i for i, piece in enumerate(pieces) for _ in piece]
    found = sorted((at, part) for part in parts for at in _positions(folded, part))
    if not found:
        return mark_safe(escape(text[: width * 2]) + ("…" if len(text) > width * 2 else ""))
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
    register(
        SearchSource(
            kind=f"page:{model._meta.label_lower}",
            label=model._meta.verbose_name,
            model=model,
            queryset=lambda language, lookups: model.objects.filter(pk__in=lookups.pages(language)),
            url=lambda page, language, lookups: page.get_url(request=lookups),
            title=lambda page: page.title,
            weight=weight,
        )
    )
