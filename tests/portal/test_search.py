"""Site-wide search finds Japanese words inside unspaced text (run on PostgreSQL and on SQLite)."""

import pytest

from members.models import Organisation
from portal import search
from portal.models import AboutPage, HomePage

pytestmark = [pytest.mark.search, pytest.mark.django_db]


def test_tokens_split_japanese_into_bigrams_and_keep_words():
    assert search.tokens("ゾーン署名鍵とDNSSEC") == ["ゾー", "ーン", "ン署", "署名", "名鍵", "鍵と", "dnssec"]
    assert search.tokens("鍵") == ["鍵"]
    # NFKC: full-width Latin and half-width katakana fold to the usual forms.
    assert search.tokens("ＤＮＳＳＥＣ ｷｰ") == ["dnssec", "キー"]
    assert search.tokens("  、。!? ") == []


@pytest.fixture
def pages(demo_content):
    home = HomePage.objects.get(locale__language_code="ja")

    def add(slug, title, charter):
        page = home.add_child(instance=AboutPage(title=title, slug=slug, charter=f"<p>{charter}</p>"))
        page.save_revision().publish()
        return page

    return {
        "ksk": add("ksk", "鍵の管理", "権威DNSサーバーでは鍵署名鍵とゾーン署名鍵を分けて管理します。"),
        "apart": add("apart", "運用メモ", "署名の有効期限を監視します。金庫の鍵は別に保管します。"),
        "ta-title": add("ta-title", "トラストアンカー", "フルリゾルバーの設定。"),
        "ta-body": add("ta-body", "フルリゾルバーの設定", "RFC 5011 でトラストアンカーを自動更新します。"),
    }


def titles(query, language="ja", kind=None):
    return [r.title for r in search.site_search(query, language, kind)]


def test_a_japanese_word_is_found_inside_a_sentence(pages):
    # Only this test's about pages: the demo failure reports and publications also name 鍵署名鍵 and ゾーン署名鍵.
    assert titles("署名鍵", kind="page:portal.aboutpage") == ["鍵の管理"]


def test_a_word_is_not_found_where_its_parts_only_occur_apart(pages):
    assert "運用メモ" not in titles("署名鍵")
    assert "運用メモ" in titles("署名")


def test_katakana_terms_are_found_and_exact_matches_rank_first(pages):
    found = titles("トラストアンカー", kind="page:portal.aboutpage")
    assert found[:2] == ["トラストアンカー", "フルリゾルバーの設定"]


def test_a_word_absent_from_the_site_finds_nothing(pages):
    assert titles("量子暗号") == []
    assert titles("nonexistentword") == []


def test_results_stay_in_the_readers_language(pages):
    assert titles("署名鍵", language="en") == []


def test_registered_models_are_searched_and_can_be_filtered_by_kind(pages):
    assert "株式会社日本レジストリサービス" in [str(o) for o in Organisation.objects.filter(slug="jprs")]
    # The site-wide search includes registered models; the demo content may name the company elsewhere too.
    assert "株式会社日本レジストリサービス" in titles("日本レジストリサービス")
    assert titles("日本レジストリサービス", kind="members.organisation") == ["株式会社日本レジストリサービス"]
    assert titles("署名鍵", kind="members.organisation") == []
    assert titles("署名鍵", kind="page:portal.aboutpage") == ["鍵の管理"]


def test_the_search_page_marks_the_match_and_escapes_input(client, pages):
    html = client.get("/ja/search/", {"q": "署名鍵", "type": "page:portal.aboutpage"}).content.decode()
    assert "<mark>署名鍵</mark>" in html
    assert "「署名鍵」の検索結果: 1 件" in html
    html = client.get("/ja/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_japanese_is_indexed_as_characters_and_bigrams_and_queried_as_bigrams():
    assert search.index_tokens("署名鍵 DNSSEC") == ["署", "名", "鍵", "署名", "名鍵", "dnssec"]
    assert search.index_text("ｶｷﾞ") == "カ ギ カギ"
    assert search.tokens("署名鍵") == ["署名", "名鍵"]


def test_a_question_around_the_query_is_left_out():
    assert search.query_terms("DNSSEC とは") == ["dnssec"]
    assert search.query_terms("ＤＮＳＳＥＣとは何か？") == ["dnssec"]
    assert search.query_terms("What is DNSSEC?") == ["dnssec"]
    assert search.query_terms("とは") == ["とは"]
    assert search.query_terms("鍵  保管 、") == ["鍵", "保管"]
    assert search.query_parts(["dsレコード", "ds"]) == ["ds", "レコード"]


def test_the_excerpt_marks_each_part_of_the_query():
    text = "ＤＳ レコードは親ゾーンに置きます。DS records are not DSA keys."
    assert search.excerpt(text, "DSレコード") == (
        "<mark>ＤＳ</mark> <mark>レコード</mark>は親ゾーンに置きます。<mark>DS</mark> records are not DSA keys."
    )


def test_organisations_are_found_by_their_aliases(demo_content):
    iij = Organisation.objects.get(slug="iij")
    assert iij.search_aliases == "IIJ"
    assert iij.alias_list() == ["IIJ"]
    assert Organisation.objects.get(slug="jpcert-cc").search_aliases == "JPCERT/CC"
    assert titles("IIJ", kind="members.organisation") == ["株式会社インターネットイニシアティブ"]
    # The excerpt leaves out the title the result shows already.
    assert search.site_search("IIJ", "ja")[0].excerpt == "Internet Initiative Japan Inc. <mark>IIJ</mark>"
    assert titles("jpcert/cc") == ["一般社団法人JPCERTコーディネーションセンター"]
    iij.search_aliases = "IIJ, インターネットイニシアティブジャパン"
    iij.save()
    assert titles("イニシアティブジャパン") == ["株式会社インターネットイニシアティブ"]


def test_the_alias_migration_computes_the_demo_loaders_fingerprint(demo_content):
    """members/0004 recomputes the fingerprints of unedited demo organisations with its own copy of
    portal.demo.fingerprint(): the copy must give the same hash, or the loader takes them for edited."""
    import importlib

    from portal.demo import fingerprint

    migration = importlib.import_module("members.migrations.0004_organisation_search_aliases")
    for organisation in Organisation.objects.filter(slug__in=["iij", "augment"]):
        assert migration._fingerprint(organisation) == fingerprint(organisation)


def test_one_search_reads_the_site_root_paths_once_however_many_pages_it_finds(pages, monkeypatch):
    """Each page's URL needs the site root paths; without a request to keep them on, every hit read them from the
    cache again (about 200 reads from Redis for a common word). The results' URLs stay what page.url gives."""
    from wagtail.models import Site

    reads = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or original()))
    results = search.site_search("鍵", "ja", "page:portal.aboutpage")
    assert [r.url for r in results] == ["/ja/ksk/", "/ja/apart/"]
    assert len(reads) == 1


def test_an_excerpt_without_the_query_is_escaped_once(client, demo_content):
    # The demo glossary's "Trust anchor" is defined as "… the root zone's key signing key …", without the query.
    page = client.get("/en/search/", {"q": "trust anchor", "type": "glossary-term"}).content.decode()
    assert "the root zone&#x27;s key signing key" in page
    assert "&amp;#x27;" not in page


def test_a_rich_texts_entities_are_indexed_as_the_characters_they_stand_for():
    from knowledge.models import GlossaryTerm

    term = GlossaryTerm(term="AT&T", definition="<p>AT&amp;T&#x27;s resolvers validate.</p>")
    assert term.plain_text() == "AT&T AT&T's resolvers validate."
