"""The zone-signing guide, the checker findings that the content modules name, and the editors' review notes.

The review notes ("Tech-WG の確認待ち", callouts of kind "review") are for editors: the admin preview shows them,
a reader's page and the site search never do.
"""

import importlib
import pkgutil
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags

import knowledge.content
from checker import catalog
from knowledge.content import seed, zone_signing_guide_en, zone_signing_guide_ja
from knowledge.models import PublicationPage
from portal import search

pytestmark = pytest.mark.django_db
GUIDE = "/{}/publications/zone-signing-guide/"
TRUST_ANCHOR_GUIDE = "/{}/publications/trust-anchor-guide/"
# Text of one review note in each guide (Japanese original), and of the English translation of one.
REVIEW_NOTE_JA = "JP ドメイン名（.jp）のレジストリが CDS/CDNSKEY を読み取るかどうか"
TRUST_ANCHOR_REVIEW_NOTE_JA = "正確な日付と、その後ルートゾーンから削除される日付は"
REVIEW_NOTE_EN = "Whether the .jp registry reads CDS/CDNSKEY"


def content_modules():
    """Every body module of knowledge.content (the publications written in full)."""
    for info in pkgutil.iter_modules(knowledge.content.__path__):
        module = importlib.import_module(f"knowledge.content.{info.name}")
        if hasattr(module, "BODY"):
            yield module


def test_every_findings_block_of_the_content_names_real_catalog_ids():
    known = catalog.ids()
    modules = list(content_modules())
    assert zone_signing_guide_ja in modules and zone_signing_guide_en in modules
    for module in modules:
        for block in module.BODY:
            if block[0] == "findings":
                assert block[1], module.__name__
                unknown = [fid for fid in block[1] if fid not in known]
                assert not unknown, (module.__name__, unknown)


def plain(body):
    parts = []
    for block in body:
        for item in block[1:]:
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, list):
                parts.extend(cell for row in item for cell in (row if isinstance(row, list) else [row]))
    return re.sub(r"<[^>]+>", "", " ".join(parts))


def test_the_zone_signing_guide_has_the_depth_of_the_trust_anchor_guide():
    # About 7,000 Japanese characters (without spaces) and 2,000 English words, as the trust-anchor guide.
    assert len(re.sub(r"\s", "", plain(zone_signing_guide_ja.BODY))) >= 7000
    assert len(plain(zone_signing_guide_en.BODY).split()) >= 2000
    # The translation follows the original block by block.
    assert [b[0] for b in zone_signing_guide_ja.BODY] == [b[0] for b in zone_signing_guide_en.BODY]
    # Every step ends with what the checker should show.
    for module, marker in (
        (zone_signing_guide_ja, "チェッカーでの確認"),
        (zone_signing_guide_en, "What the checker shows"),
    ):
        steps = [b for b in module.BODY if b[0] == "text" and marker in b[1]]
        assert len(steps) >= 8, module.__name__
    entry = next(e for e in seed.PUBLICATIONS if e[0] == "zone-signing-guide")
    assert entry[6] == (zone_signing_guide_ja, zone_signing_guide_en)


@pytest.mark.search
def test_a_search_for_dnssec_policy_finds_the_zone_signing_guide(demo_content):
    found = search.site_search("dnssec-policy", "ja")
    assert "権威DNSサーバーでのゾーン署名ガイド" in [r.title for r in found]
    assert GUIDE.format("ja") in [r.url for r in found]
    found = search.site_search("dnssec-policy", "en")
    assert "Signing your zone on authoritative servers" in [r.title for r in found]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_zone_signing_guide_renders_with_code_and_findings(client, demo_content, language):
    html = client.get(GUIDE.format(language)).content.decode()
    assert 'data-language="named.conf"' in html and 'data-language="knot.conf"' in html
    assert "inline-signing" in html and "nsec3-salt-length" in html and "pdnsutil" in html
    assert f'<a href="/{language}/findings/signed_without_ds/"><code>signed_without_ds</code></a>' in html
    assert f'<a href="/{language}/findings/ds_but_unsigned/"><code>ds_but_unsigned</code></a>' in html


@pytest.mark.parametrize(
    "path, note",
    [
        (GUIDE.format("ja"), REVIEW_NOTE_JA),
        (GUIDE.format("en"), REVIEW_NOTE_EN),
        (TRUST_ANCHOR_GUIDE.format("ja"), TRUST_ANCHOR_REVIEW_NOTE_JA),
    ],
)
def test_a_readers_page_does_not_show_the_review_notes(client, demo_content, path, note):
    html = client.get(path).content.decode()
    assert note not in html
    assert "callout-review" not in html
    assert "Tech-WG の確認待ち" not in html and "For Tech-WG review" not in html
    # The other callouts (warnings, notes) are for readers.
    assert "callout-warning" in html


def test_the_admin_preview_shows_the_review_notes(client, demo_content):
    guide = PublicationPage.objects.get(locale__language_code="ja", slug="zone-signing-guide")
    # The preview of the page as Wagtail renders it in the admin (serve_preview, request.is_preview).
    html = guide.make_preview_request().content.decode()
    assert REVIEW_NOTE_JA in html and "callout-review" in html
    assert "Tech-WG の確認待ち" in html
    assert "編集者向けのメモです。プレビューにだけ表示され、読者には表示されません。" in html
    # The same through the admin's view of the live revision.
    admin = get_user_model().objects.create_superuser("preview-admin", "preview-admin@example.jp", "x" * 20)
    client.force_login(admin)
    trust_anchor = PublicationPage.objects.get(locale__language_code="ja", slug="trust-anchor-guide")
    url = reverse(
        "wagtailadmin_pages:revisions_view",
        args=[trust_anchor.pk, trust_anchor.latest_revision.pk],
    )
    html = client.get(url).content.decode()
    assert TRUST_ANCHOR_REVIEW_NOTE_JA in html and "callout-review" in html


def test_review_notes_are_not_in_the_search_text(demo_content):
    for code, note in (("ja", REVIEW_NOTE_JA), ("en", REVIEW_NOTE_EN)):
        guide = PublicationPage.objects.get(locale__language_code=code, slug="zone-signing-guide")
        assert note not in guide.plain_text()
        assert "inline-signing" in guide.plain_text()


@pytest.mark.parametrize(
    "language, texts",
    [
        (
            "ja",
            [
                "KSK-2024",
                "2025 年 1 月 11 日",
                "2026 年 10 月 11 日",
                "2027 年（予定、日付は要確認）",
                "バージョン 2.1（2026年12月）",
            ],
        ),
        (
            "en",
            [
                "KSK-2024",
                "11 January 2025",
                "11 October 2026",
                "2027 (planned; exact date to be confirmed)",
                "Version 2.1, December 2026",
            ],
        ),
    ],
)
def test_the_trust_anchor_guide_names_ksk_2024(client, demo_content, language, texts):
    html = client.get(TRUST_ANCHOR_GUIDE.format(language)).content.decode()
    for text in texts:
        assert text in html, text
    # The key table, the BIND example and Debian's dns-root-data carry KSK-2024's DS beside KSK-2017's.
    assert html.count("683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16") >= 3
    assert '. initial-ds 38696 8 2 "683D2D0A' in unescape(strip_tags(html))
