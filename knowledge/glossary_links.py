"""Link the first mention of each glossary term in a page's text to the term's page."""

import re

from django.utils.html import escape

from portal import pagecache

_TAG = re.compile(r"(<[^>]+>)")
_NO_LINK_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4"}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


def term_links(locale_id: int) -> dict[str, str]:
    """{text to look for: URL of its term page} for one language (a locale's id): each term and its
    abbreviation; remembered until the next publish or change of a term (portal.pagecache)."""
    from knowledge.models import GlossaryPage, GlossaryTerm

    def find():
        glossary = GlossaryPage.objects.live().public().filter(locale_id=locale_id).first()
        if glossary is None:
            return {}
        links = {}
        for term in GlossaryTerm.objects.filter(locale_id=locale_id):
            url = glossary.term_url(term)
            # An English term is also found in lower case inside a sentence ("Trust anchor" -> "trust anchor").
            for name in (term.term, term.term[:1].lower() + term.term[1:], term.abbreviation):
                if name:
                    links.setdefault(name, url)
        return links

    return pagecache.remember(f"glossary-links:{locale_id}", find)


def _pattern(names):
    alternatives = []
    for name in sorted(names, key=len, reverse=True):
        # Latin abbreviations (KSK, DS) match as whole words only; Japanese has no spaces to bound words.
        alternatives.append(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])" if name.isascii() else re.escape(name))
    return re.compile("|".join(alternatives))


def link_terms(html: str, locale_id: int, state: dict | None = None) -> str:
    """Return `html` with the first mention of each term linked.

    `state` carries the terms already linked across several blocks of one
    page (and the looked-up links), so a term is linked once per page.
    """
    state = state if state is not None else {}
    if "links" not in state:
        state["links"] = term_links(locale_id)
        state["linked"] = set()
    links = state["links"]
    if not links:
        return html
    pattern = state.setdefault("pattern", _pattern(links))
    depth = 0
    out = []
    for part in _TAG.split(html):
        if part.startswith("<"):
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _NO_LINK_INSIDE:
                depth += -1 if match.group(1) else 1
            out.append(part)
        elif depth > 0 or not part:
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: _link(m, links, state["linked"]), part))
    return "".join(out)


def _link(match, links, linked):
    # Term names stand in the text already escaped; "&", "<" never occur in them.
    name = match.group(0)
    url = links[name]
    if url in linked:  # "鍵署名鍵" and "KSK" lead to one page: link it once
        return name
    linked.add(url)
    return f'<a class="glossary-term" href="{escape(url)}">{name}</a>'
