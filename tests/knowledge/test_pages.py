"""The knowledge base's pages in both languages: models, rendering, glossary, feeds, findings, workflow."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import Page

from knowledge import blocks
from knowledge.content import seed
from knowledge.models import (
    EventIndexPage,
    EventPage,
    GlossaryTerm,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
)
from portal import findingrefs
from tests import feeds
from tests.knowledge import toc_entries

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
GUIDE = "/{}/publications/trust-anchor-guide/"


def test_demo_content_has_the_five_publications_in_both_languages_and_is_idempotent(demo_content):
    for code in ("ja", "en"):
        titles = set(PublicationPage.objects.live().filter(locale__language_code=code).values_list("title", flat=True))
        assert titles == {texts[code][0] for _s, _k, _v, _d, texts, _h, _b in seed.PUBLICATIONS}
        assert EventPage.objects.live().filter(locale__language_code=code).count() == len(seed.EVENTS)
        assert GlossaryTerm.objects.filter(locale__language_code=code).count() == len(seed.GLOSSARY)
    pages = Page.objects.count()
    call_command("load_knowledge_data", verbosity=0)
    assert Page.objects.count() == pages
    guide_en = PublicationPage.objects.get(locale__language_code="en", slug="trust-anchor-guide")
    guide_ja = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    assert guide_en.translation_key == guide_ja.translation_key
    assert [h.version for h in guide_ja.history.all()] == ["1.0", "2.0", "2.1"]


def test_every_page_type_is_documented():
    for model in (
        PublicationIndexPage,
        PublicationPage,
        EventIndexPage,
        EventPage,
        NewsIndexPage,
        NewsPage,
        GlossaryTerm,
    ):
        assert model.__doc__ and len(model.__doc__) > 20, model


def test_guide_renders_in_japanese_with_contents_code_and_glossary_links(client, demo_content):
    html = client.get(GUIDE.format("ja")).content.decode()
    assert "<h1>フルリゾルバーへのトラストアンカー設定ガイド</h1>" in html
    assert '<html lang="ja">' in html
    # Table of contents: each entry points at a heading's anchor.
    guide = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    toc = guide.table_of_contents()
    assert [item["text"] for item in toc][:2] == ["このガイドの目的", "トラストアンカーとは"]
    for item in toc_entries(toc):
        assert f'href="#{item["anchor"]}"' in html and f'id="{item["anchor"]}"' in html
    # Pygments highlighting, the copy button (shown by copy.js) and its script.
    assert '<pre class="highlight console"><code><span class="console-command"><span class="gp">$ </span>sudo' in html
    assert 'class="copy-code"' in html and "knowledge/copy" in html
    text = strip_tags(html)
    assert "auto-trust-anchor-file" in text and "dnssec-validation auto;" in text and "trust_anchors.add_file" in text
    # The first mention of a glossary term links to its page, once.
    assert html.count('href="/ja/glossary/ksk/"') == 1
    assert '<a class="glossary-term" href="/ja/glossary/trust-anchor/">トラストアンカー</a>' in html
    # Notes for Tech-WG review are for editors only (tests/knowledge/test_zone_signing_guide.py); related findings,
    # revision history, facts.
    assert "callout-review" not in html
    assert '<a href="/ja/findings/trust_anchor_unusable/"><code>trust_anchor_unusable</code></a>' in html
    assert "バージョン 2.0（2026年11月）" in html
    assert "RFC 5011 §2.4.1" in html


def test_guide_renders_in_english(client, demo_content, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"
    html = client.get(GUIDE.format("en")).content.decode()
    assert "<h1>How to set up DNSSEC trust anchors for the resolver</h1>" in html
    assert '<html lang="en">' in html
    assert '<a class="glossary-term" href="/en/glossary/trust-anchor/">trust anchor</a>' in html
    assert "Version 1.0, March 2011" in html
    assert (
        '<link rel="alternate" hreflang="ja" href="https://portal.example.jp/ja/publications/trust-anchor-guide/">'
        in html
    )


@pytest.mark.parametrize(
    "language, texts",
    [
        ("ja", ["刊行物", "DNSSEC の仕組みと現状", "レジストラ移転ガイドライン", "BCP"]),
        ("en", ["Publications", "Registrar Transfer Guideline", "Issues on adopting DNSSEC", "Survey"]),
    ],
)
def test_publication_index_lists_the_publications(client, demo_content, language, texts):
    html = client.get(f"/{language}/publications/").content.decode()
    for text in texts:
        assert text in html
    assert f'href="/{language}/feeds/publications.atom"' in html


def test_events_are_split_into_upcoming_and_past(client, demo_content):
    index = EventIndexPage.objects.get(locale__language_code="ja")
    soon = index.add_child(
        instance=EventPage(
            title="DNSSEC 2027 フォーラム",
            slug="forum-2027",
            kind="forum",
            summary="次回のフォーラム",
            starts_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    )
    soon.save_revision().publish()
    html = client.get("/ja/events/").content.decode()
    upcoming, past = html.split("過去のイベント")
    assert "DNSSEC 2027 フォーラム" in upcoming and "DNSSEC 2010 サマーフォーラム" in past
    event = client.get("/ja/events/summer-forum-2010/").content.decode()
    assert "120 名" in event and "ルートゾーン署名の状況" in event
    workshop = client.get("/en/events/service-model-workshop-2010/").content.decode()
    assert "12 participants" in workshop and "closed meeting" in workshop


def test_glossary_terms_have_their_own_pages(client, demo_content):
    html = client.get("/ja/glossary/").content.decode()
    assert 'href="/ja/glossary/ksk/"' in html and "鍵署名鍵" in html
    term = client.get("/ja/glossary/ksk/").content.decode()
    assert "<h1>鍵署名鍵 <abbr>(KSK)</abbr></h1>" in term and "RFC 4034 §2.1.1" in term
    assert "Key signing key" in client.get("/en/glossary/ksk/").content.decode()
    assert client.get("/ja/glossary/no-such-term/").status_code == 404


def glossary_sections(html):
    """{heading: [term, ...]} in the order the glossary lists them ("" when it has no headings)."""
    sections = {}
    heading = ""
    for match in re.finditer(r'<h2 id="section-([^"]+)">|<dt><a href="[^"]+">([^<]+)</a>', html):
        if match.group(1):
            heading = match.group(1)
        else:
            sections.setdefault(heading, []).append(match.group(2))
    return sections


def test_the_japanese_glossary_is_in_gojuon_order_by_reading_and_the_english_one_a_to_z(client, demo_content):
    # Terms in Latin letters first (英数字), as a Japanese technical glossary lists them; then by reading.
    assert glossary_sections(client.get("/ja/glossary/").content.decode()) == {
        "英数字": ["CDS レコード", "DS レコード", "NSEC3", "REVOKE ビット"],
        "か": ["鍵署名鍵", "鍵ロールオーバー", "権威DNSサーバー"],  # かぎし…, かぎろ…, けんい…
        "さ": ["ゾーン署名鍵"],
        "た": ["トラストアンカー"],
        "は": ["フルリゾルバー", "ホールドダウン時間"],
    }
    assert glossary_sections(client.get("/en/glossary/").content.decode()) == {
        "": [
            "Authoritative server",
            "CDS record",
            "DS record",
            "Hold-down time",
            "Key rollover",
            "Key signing key",
            "NSEC3",
            "Resolver",
            "REVOKE bit",
            "Trust anchor",
            "Zone signing key",
        ]
    }
    assert GlossaryTerm.objects.get(locale__language_code="ja", slug="ksk").reading == "かぎしょめいかぎ"


def test_a_japanese_term_with_kanji_needs_its_reading():
    term = GlossaryTerm(term="鍵署名鍵", reading="")
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        term.clean()
    assert refused.value.message_dict == {
        "reading": ["名前に漢字が含まれています。五十音順に並べられるよう、よみをかなで入力してください。"]
    }
    term.reading = "ｶｷﾞｼｮﾒｲｶｷﾞ"
    term.clean()
    assert term.reading == "カギショメイカギ"
    GlossaryTerm(term="DS レコード", reading="").clean()


def test_a_glossary_terms_language_switch_leads_to_the_same_term(client, demo_content, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"
    japanese = client.get("/ja/glossary/ksk/").content.decode()
    assert '<a href="/en/glossary/ksk/" hreflang="en" lang="en">English</a>' in japanese
    assert '<link rel="alternate" hreflang="en" href="https://portal.example.jp/en/glossary/ksk/">' in japanese
    english = client.get("/en/glossary/ksk/").content.decode()
    assert '<a href="/ja/glossary/ksk/" hreflang="ja" lang="ja">日本語</a>' in english


def test_a_shell_session_keeps_commands_and_output_apart():
    lines = blocks.console_lines("$ unbound-checkconf\nunbound-checkconf: no errors\n$ sudo rndc \\\n  reload\n# id")
    shown = [(line["command"], line.get("prompt"), strip_tags(line.get("html", line.get("text")))) for line in lines]
    assert shown == [
        (True, "$ ", "unbound-checkconf"),
        (False, None, "unbound-checkconf: no errors"),
        (True, "$ ", "sudo rndc \\"),
        (True, "", "  reload"),  # continues the command above
        (True, "# ", "id"),
    ]
    # Without any prompt, every line is a command.
    assert [line["command"] for line in blocks.console_lines("dig . DNSKEY\ndig jp. DS")] == [True, True]


def test_the_table_of_contents_numbers_sections_and_nests_subsections(client, demo_content):
    """Subsections sit in a list of their own under their section: a flat list numbered 1, 2, 3, 6."""
    guide = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    guide.body = [
        ("heading", {"text": "一", "level": "h2"}),
        ("heading", {"text": "二", "level": "h2"}),
        ("heading", {"text": "三", "level": "h2"}),
        ("heading", {"text": "三の一", "level": "h3"}),
        ("heading", {"text": "三の二", "level": "h3"}),
        ("heading", {"text": "四", "level": "h2"}),
    ]
    guide.save_revision().publish()
    html = client.get(GUIDE.format("ja")).content.decode()
    nav = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    outer = ET.fromstring(nav).find("ol")
    assert [li.find("a").text for li in outer.findall("li")] == ["一", "二", "三", "四"]  # the 4th is numbered 4
    third = outer.findall("li")[2]
    assert [li.find("a").text for li in third.find("ol").findall("li")] == ["三の一", "三の二"]


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.parametrize(
    "kind, language, title",
    [
        ("news", "ja", "ナレッジベースを公開しました"),
        ("news", "en", "The knowledge base is open"),
        ("publications", "ja", "フルリゾルバーへのトラストアンカー設定ガイド"),
        ("publications", "en", "Registrar Transfer Guideline"),
        ("events", "ja", "DNSSEC サービスモデルワークショップ"),
        ("events", "en", "DNSSEC 2010 Summer Forum"),
    ],
)
def test_atom_feeds_are_valid_and_per_language(client, demo_content, kind, language, title):
    root = feed(client, f"/{language}/feeds/{kind}.atom")
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for required in ("title", "id", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert title in [e.find(f"{ATOM}title").text for e in entries]
    for entry in entries:
        for required in ("title", "id", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert f"/{language}/" in entry.find(f"{ATOM}link").get("href")
        # Atom dates are RFC 3339.
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)


@pytest.mark.parametrize("kind", ["news", "publications", "events"])
@pytest.mark.parametrize("language, author", [("ja", "DNSSEC Japan"), ("en", "DNSSEC Japan")])
def test_atom_feeds_name_their_author(client, demo_content, settings, kind, language, author):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp/"
    root = feeds.assert_authors(client.get(f"/{language}/feeds/{kind}.atom").content)
    assert root.findtext(f"{ATOM}author/{ATOM}name") == author
    assert root.findtext(f"{ATOM}author/{ATOM}uri") == "https://portal.example.jp/"


def test_unknown_feed_is_404(client, demo_content):
    assert client.get("/ja/feeds/everything.atom").status_code == 404


def publications_naming(finding_id, language):
    # Other rooms (the failure library) register lookups too: keep the publications.
    return [
        (r.kind, r.title, r.url)
        for r in findingrefs.references(finding_id, language)
        if r.url.startswith(f"/{language}/publications/")
    ]


def test_related_findings_are_registered_with_the_finding_reference_registry(demo_content):
    assert publications_naming("trust_anchor_unusable", "ja") == [
        ("BCP", "フルリゾルバーへのトラストアンカー設定ガイド", GUIDE.format("ja"))
    ]
    assert publications_naming("revoked_key_misuse", "en") == [
        ("BCP", "How to set up DNSSEC trust anchors for the resolver", GUIDE.format("en"))
    ]
    assert publications_naming("aa_on_referral", "ja") == []


def test_related_findings_block_accepts_catalog_ids_only():
    block = blocks.RelatedFindingsBlock()
    assert list(block.clean(block.to_python({"findings": ["trust_anchor_unusable"]}))["findings"]) == [
        "trust_anchor_unusable"
    ]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"findings": ["no_such_finding"]}))


def test_table_rows_must_match_the_header():
    block = blocks.TableBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"caption": "t", "header": ["a", "b"], "rows": [["1"]]}))


def test_code_blocks_highlight_each_configuration_language():
    block = blocks.CodeBlock()
    for language, code, token in [
        ("zone", "example.jp. 3600 IN DS 12345 13 2 ABCD", '<span class="kt">DS</span>'),
        ("named.conf", "options { dnssec-validation auto; };", 'class="k"'),
        ("unbound.conf", 'server:\n  auto-trust-anchor-file: "/var/lib/unbound/root.key"', 'class="nt"'),
        ("shell", "$ dig . DNSKEY", 'class="gp"'),
    ]:
        html = block.render(block.to_python({"language": language, "caption": "", "code": code}))
        assert token in html, language
        assert 'class="copy-code"' in html
