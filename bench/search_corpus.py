"""Fill a database for the knowledge bench's search row: news pages in both languages until it holds `count`.

    DJANGO_SETTINGS_MODULE=... .venv/bin/python bench/search_corpus.py 2000

Run by bench/knowledge_bench.py (--documents). Each page is a live NewsPage indexed like any other
(portal.search); the titles and texts mix DNSSEC words, so that a query such as トラストアンカー matches a
share of them. Idempotent: only the missing pages are added, under the slug prefix `bench-`.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = {
    "ja": [
        "トラストアンカー",
        "鍵署名鍵",
        "ゾーン署名鍵",
        "権威DNSサーバー",
        "フルリゾルバー",
        "ロールオーバー",
        "DS レコード",
    ],
    "en": ["trust anchor", "key signing key", "zone signing key", "authoritative server", "resolver", "rollover"],
}


def main(count: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    django.setup()
    from knowledge.models import NewsIndexPage, NewsPage

    indexes = {index.locale.language_code: index for index in NewsIndexPage.objects.live().select_related("locale")}
    have = NewsPage.objects.filter(slug__startswith="bench-").count()
    for number in range(have, count):
        language = "ja" if number % 2 == 0 else "en"
        words = WORDS[language]
        topic, other = words[number % len(words)], words[(number // 7) % len(words)]
        summary = f"{topic} / {other} #{number}"
        indexes[language].add_child(
            instance=NewsPage(
                title=f"{topic} {number}",
                slug=f"bench-{number}",
                summary=summary,
                body=f"<p>{summary}. {' '.join(words)}</p>",
            )
        )


if __name__ == "__main__":
    main(int(sys.argv[1]))
