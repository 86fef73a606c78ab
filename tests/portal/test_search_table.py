"""The search's regression table: queries and what they must and must not find (run on PostgreSQL and on SQLite).

Each row is one query on the demo content plus three pages of this module. `found` lists titles that must be
among the results, `absent` titles that must not be, `first` the title that must come first, `exactly` the whole
list of results in order. The README's "Search" section gives the score on both databases.
"""

import datetime
from dataclasses import dataclass

import pytest
from wagtail.models import Page

from knowledge.models import NewsPage
from portal import search
from portal.models import AboutPage, HomePage

pytestmark = [pytest.mark.search, pytest.mark.django_db]

OVERVIEW_JA = "DNSSEC の仕組みと現状"
OVERVIEW_EN = "DNSSEC mechanisms and the present status"
GUIDE_JA = "フルリゾルバーへのトラストアンカー設定ガイド"
GUIDE_EN = "How to set up DNSSEC trust anchors for the resolver"
ISSUES_JA = "DNSSEC 導入に関する課題"
IIJ_JA = "株式会社インターネットイニシアティブ"
JPRS_JA = "株式会社日本レジストリサービス"
KSK_REPORT_JA = "鍵署名鍵（KSK）のロールオーバーで、親ゾーンの DS を切り替える前に旧 KSK を削除した"
TCP_REPORT_JA = (
    "鍵のロールオーバー中に DNSKEY の応答が大きくなり、"
    "TCP 53 番を遮断していたファイアウォールの内側で名前解決できなくなった"
)
ROOT_ROLLOVER_JA = (
    "2018 年のルートゾーン KSK ロールオーバーで、トラストアンカーが古いままのフルリゾルバーが全て SERVFAIL を返した"
)
# This module's pages.
KEY_STORAGE = "鍵の保管"
# The demo news item that announces the zone-signing guide (a title with 鍵 in it).
ZONE_SIGNING_NEWS = "ゾーン署名ガイドを公開し、トラストアンカー設定ガイドを KSK-2024 に合わせて改訂しました"
KEYS_APART = "運用メモ"
KSK_NOTE = "鍵の管理"


@dataclass(frozen=True)
class Row:
    query: str
    language: str = "ja"
    kind: str | None = None
    found: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    first: str | None = None
    exactly: tuple[str, ...] | None = None

    def check(self, titles: list[str]) -> list[str]:
        """What is wrong with these results, in words (nothing when the row holds)."""
        wrong = [f"{t!r} not found" for t in self.found if t not in titles]
        wrong += [f"{t!r} found" for t in self.absent if t in titles]
        if self.first is not None and titles[:1] != [self.first]:
            wrong.append(f"first is {titles[:1]}, not {self.first!r}")
        if self.exactly is not None and titles != list(self.exactly):
            wrong.append(f"results are {titles}, not {list(self.exactly)}")
        return wrong


TABLE = [
    # Precision (issue 20, item 11): every bigram of these occurs, but the string itself nowhere.
    Row("アンカートラスト", exactly=()),
    Row("ラストアンカート", exactly=()),
    Row("名鍵署", exactly=()),
    Row("署名鍵", found=(KSK_NOTE, "鍵署名鍵", "ゾーン署名鍵", OVERVIEW_JA, KSK_REPORT_JA), absent=(KEYS_APART,)),
    Row("署名鍵", kind="page:knowledge.publicationpage", found=(OVERVIEW_JA,), absent=(ISSUES_JA,)),
    Row("鍵 保管", first=KEY_STORAGE, found=(KEYS_APART,), absent=("鍵署名鍵", OVERVIEW_JA)),
    Row("量子暗号", exactly=()),
    Row("nonexistentword", exactly=()),
    Row("トラストアンカー", kind="page:knowledge.eventpage", exactly=()),
    Row("ホールドダウン", language="en", exactly=()),
    Row("ds", language="en", kind="glossary-term", first="DS record", absent=("Full resolver", "Resolver")),
    # Recall (item 12): one character, words apart, acronyms, full-width and half-width forms.
    Row(
        "鍵", found=(KEY_STORAGE, KSK_NOTE, "鍵署名鍵", "ゾーン署名鍵", "鍵ロールオーバー"), absent=("フルリゾルバー",)
    ),
    Row("鍵", kind="page:knowledge.newspage", exactly=(KEY_STORAGE, ZONE_SIGNING_NEWS)),
    Row("保管 鍵", first=KEY_STORAGE),
    Row("IIJ", exactly=(IIJ_JA,)),
    Row("iij", language="en", exactly=("Internet Initiative Japan Inc.",)),
    Row("ＩＩＪ", exactly=(IIJ_JA,)),
    Row("JPRS", first=JPRS_JA, found=(GUIDE_JA,)),
    Row("JPNIC", kind="members.organisation", exactly=("一般社団法人日本ネットワークインフォメーションセンター",)),
    Row("日本レジストリサービス", kind="members.organisation", exactly=(JPRS_JA,)),
    Row("JANOG", exactly=("日本DNSオペレーターズグループ（DNSOPS.jp）",)),
    Row("ﾄﾗｽﾄｱﾝｶｰ", first="トラストアンカー", found=(GUIDE_JA, ROOT_ROLLOVER_JA)),
    Row("ＤＮＳＳＥＣ", first=OVERVIEW_JA),
    Row("サーバ", first="権威DNSサーバー"),
    Row("追加ホールドダウン時間", found=(GUIDE_JA,)),
    Row("状態ファイル", found=(GUIDE_JA,)),
    Row("ロードバランサー", found=(ISSUES_JA,)),
    # Part of a word a dictionary keeps whole (フルリゾルバー, ロードバランサー).
    Row("リゾルバー", first="フルリゾルバー", found=(GUIDE_JA,)),
    Row("バランサー", found=(ISSUES_JA, TCP_REPORT_JA)),
    Row("TCP 53", first=TCP_REPORT_JA, found=(ISSUES_JA,)),
    # Ranking: the title above the text, an explanation above the site's own pages, "とは" asks for the topic.
    Row("DNSSEC とは", first=OVERVIEW_JA),
    Row("DNSSECとは", first=OVERVIEW_JA),
    Row("what is DNSSEC?", language="en", first=OVERVIEW_EN),
    Row("トラストアンカー", first="トラストアンカー", found=(GUIDE_JA, ROOT_ROLLOVER_JA)),
    Row("鍵署名鍵", first="鍵署名鍵", found=(KSK_REPORT_JA, KSK_NOTE)),
    Row("KSK", first="鍵署名鍵", found=(KSK_REPORT_JA, ROOT_ROLLOVER_JA)),
    Row("DSレコード", first="DS レコード"),
    Row("権威 DNS サーバー", first="権威DNSサーバー"),
    Row("鍵ロールオーバー", first="鍵ロールオーバー"),
    Row("hold-down", language="en", first="Hold-down time", found=(GUIDE_EN,)),
    Row("サマーフォーラム", kind="page:knowledge.eventpage", exactly=("DNSSEC 2010 サマーフォーラム",)),
]


@pytest.fixture
def table_pages(demo_content):
    home = HomePage.objects.get(locale__language_code="ja")
    news_index = Page.objects.get(slug="news", locale__language_code="ja")
    news = news_index.add_child(
        instance=NewsPage(
            title=KEY_STORAGE,
            slug="key-storage",
            date=datetime.date(2011, 4, 1),
            summary="HSM を使う場合と使わない場合の比較です。",
            body="<p>オフラインの媒体は金庫に入れます。</p>",
        )
    )
    news.save_revision().publish()
    for slug, title, text in [
        ("apart", KEYS_APART, "署名の有効期限を監視します。金庫の鍵は別に保管します。"),
        ("ksk-note", KSK_NOTE, "権威DNSサーバーでは鍵署名鍵とゾーン署名鍵を分けて管理します。"),
    ]:
        page = home.add_child(instance=AboutPage(title=title, slug=slug, charter=f"<p>{text}</p>"))
        page.save_revision().publish()


def test_the_query_table_holds(table_pages):
    wrong = {}
    for row in TABLE:
        problems = row.check([r.title for r in search.site_search(row.query, row.language, row.kind)])
        if problems:
            wrong[f"{row.query} ({row.language}, {row.kind or 'all kinds'})"] = problems
    assert wrong == {}
    assert len(TABLE) == 41
