"""The adoption decision guide by role (/<lang>/guide/<role>/) and the network-equipment verifications
(/<lang>/verification/): their content, their pages in both languages, the menus, search and sitemap, and the
demo loader that brings them to a database loaded before they existed.
"""

import re

import pytest
from django.core.management import call_command

from checker import catalog
from knowledge.content import equipment_verifications, role_guides_en, role_guides_ja, seed
from knowledge.models import EquipmentVerificationPage, RoleGuideIndexPage, RoleGuidePage
from portal import search
from portal.models import DemoRecord

ROLES = ["registrant", "zone-operator", "registrar", "resolver-operator", "enterprise"]
SECTIONS = ("what_to_do", "costs", "servers", "pitfalls")
HEADINGS = {
    "ja": [
        "やること",
        "かかる費用と手間",
        "必要なサーバーとソフトウェア",
        "よくある失敗",
        "関連する刊行物とチェッカー",
    ],
    "en": ["What to do", "What it costs", "Servers and software", "What goes wrong", "Guides and the checker"],
}
PUBLICATION_SLUGS = {entry[0] for entry in seed.PUBLICATIONS}


def reader_text(blocks):
    """The text a reader sees: every block but the editors' review notes, tags removed."""
    parts = []
    for block in blocks:
        if block[0] in ("review", "findings"):
            continue
        for item in block[1:]:
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, list):
                parts.extend(cell for row in item for cell in (row if isinstance(row, list) else [row]))
    return re.sub(r"<[^>]+>", "", " ".join(parts))


def test_every_role_has_every_section_in_both_languages_block_by_block():
    assert [role for role, _reading in seed.ROLE_GUIDES] == ROLES
    for role in ROLES:
        ja, en = role_guides_ja.ROLES[role], role_guides_en.ROLES[role]
        for name in SECTIONS:
            assert ja[name], (role, name)
            assert [block[0] for block in ja[name]] == [block[0] for block in en[name]], (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_page_is_substantial_and_names_only_real_findings_and_publications(role):
    ja_text = " ".join(reader_text(role_guides_ja.ROLES[role][name]) for name in SECTIONS)
    en_text = " ".join(reader_text(role_guides_en.ROLES[role][name]) for name in SECTIONS)
    assert len(ja_text) >= 1500, len(ja_text)
    assert len(en_text.split()) >= 400, len(en_text.split())
    for language in (role_guides_ja, role_guides_en):
        for name in SECTIONS:
            for block in language.ROLES[role][name]:
                if block[0] == "findings":
                    assert set(block[1]) <= catalog.ids(), block[1]
    reading = dict(seed.ROLE_GUIDES)[role]
    assert reading and set(reading) <= PUBLICATION_SLUGS


def test_the_resolver_page_covers_what_a_validating_resolver_needs():
    text = " ".join(reader_text(role_guides_ja.ROLES["resolver-operator"][name]) for name in SECTIONS)
    for needed in ("Unbound", "BIND", "Knot Resolver", "RFC 5011", "RFC 7646", "auto-trust-anchor-file", "NTP"):
        assert needed in text, needed


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_role_pages_render_with_the_fixed_headings_and_link_the_guides_and_the_checker(client, demo_content, language):
    index = client.get(f"/{language}/guide/").content.decode()
    assert re.findall(rf'<h2><a href="/{language}/guide/([a-z-]+)/">', index) == ROLES
    titles = {"ja": role_guides_ja, "en": role_guides_en}[language].ROLES
    for role, reading in seed.ROLE_GUIDES:
        html = client.get(f"/{language}/guide/{role}/").content.decode()
        assert f"<h1>{titles[role]['title']}</h1>" in html
        contents = {"ja": "目次", "en": "Contents"}[language]
        assert re.findall(r'<h2 id="[a-z-]+">([^<]+)</h2>', html) == [contents, *HEADINGS[language]]
        reading_section = re.search(r'<section aria-labelledby="reading".*?</section>', html, re.S).group()
        links = re.findall(r'<a href="([^"]+)">', reading_section)
        assert links == [f"/{language}/publications/{slug}/" for slug in reading] + [f"/{language}/check/"]
        # Review notes (要確認) are for editors: never on a reader's page.
        assert "callout-review" not in html
    isp = client.get(f"/{language}/guide/resolver-operator/").content.decode()
    assert f'href="/{language}/publications/trust-anchor-guide/"' in isp
    assert "unbound-control insecure_add" in isp and "RFC 7646" in isp


@pytest.mark.django_db
def test_the_guide_is_in_the_menu_search_and_sitemap(client, demo_content, settings):
    for language, label in (("ja", "立場別ガイド"), ("en", "Guides by role")):
        html = client.get(f"/{language}/publications/").content.decode()
        menu = re.search(r'<nav class="wrap site-nav".*?</nav>', html, re.S).group()
        assert f'<li><a href="/{language}/guide/">{label}</a></li>' in menu
    results = search.site_search("否定トラストアンカー", "ja")
    assert results[0].url == "/ja/guide/resolver-operator/"
    results = search.site_search("insecure_add", "en")
    assert results[0].url == "/en/guide/resolver-operator/"
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp/"
    xml = client.get("/sitemap.xml").content.decode()
    entry = re.search(r"<url><loc>https://portal.example.jp/ja/guide/registrar/</loc>.*?</url>", xml, re.S).group()
    assert 'hreflang="en" href="https://portal.example.jp/en/guide/registrar/"' in entry


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, marker, headings, verdicts",
    [
        (
            "ja",
            "例（架空の機器）",
            [
                "試験の構成",
                "EDNS のバッファーサイズ",
                "IP フラグメントの扱い",
                "TCP へのフォールバック",
                "結果",
                "結論",
            ],
            ("合格", "不合格"),
        ),
        (
            "en",
            "Example (fictional equipment)",
            ["Test set-up", "EDNS buffer size", "IP fragment handling", "TCP fallback", "Results", "Conclusion"],
            ("Pass", "Fail"),
        ),
    ],
)
def test_the_example_verification_says_it_is_fictional_on_its_page_and_in_the_list(
    client, demo_content, language, marker, headings, verdicts
):
    index = client.get(f"/{language}/verification/").content.decode()
    item = re.search(r'<ul class="doc-list">.*?</ul>', index, re.S).group()
    assert f'<span class="example-marker">{marker}</span>' in item
    html = client.get(f"/{language}/verification/example-firewall/").content.decode()
    assert f'<p class="example-marker" role="note">{marker}:' in html
    assert re.findall(r"<h2>([^<]+)</h2>", html) == headings
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td class=\"(pass|fail)\">(.*?)</td></tr>", html)
    expected = equipment_verifications.VERIFICATIONS[0][2][language]
    assert [(case, exp, obs) for case, exp, obs, _class, _verdict in rows] == [row[:3] for row in expected]
    assert [verdict for *_rest, verdict in rows] == [verdicts[0] if row[3] else verdicts[1] for row in expected]
    page = EquipmentVerificationPage.objects.get(locale__language_code=language, slug="example-firewall")
    assert page.fictional


@pytest.mark.django_db
def test_the_loader_is_idempotent_and_brings_the_new_pages_to_a_database_loaded_before(demo_content):
    # A database loaded before the guide and the verifications existed: none of their pages, and no record of them.
    RoleGuideIndexPage.objects.all().delete()
    from knowledge.models import EquipmentVerificationIndexPage

    EquipmentVerificationIndexPage.objects.all().delete()
    new_keys = ("index:guide:", "index:verification:", "guide:", "verification:")
    DemoRecord.objects.filter(
        app_label="knowledge", key__regex=r"^(index:guide|index:verification|guide|verification):"
    ).delete()
    assert not RoleGuidePage.objects.exists()
    records = DemoRecord.objects.count()

    call_command("load_knowledge_data", verbosity=0)
    for language in ("ja", "en"):
        assert sorted(
            RoleGuidePage.objects.filter(locale__language_code=language).values_list("role", flat=True)
        ) == sorted(ROLES)
        assert EquipmentVerificationPage.objects.filter(locale__language_code=language).count() == 1
    added = DemoRecord.objects.filter(app_label="knowledge").filter(
        key__regex=r"^(index:guide|index:verification|guide|verification):"
    )
    assert added.count() == 2 * (2 + len(ROLES) + 1)
    assert all(record.key.startswith(new_keys) for record in added)
    assert DemoRecord.objects.count() == records + added.count()

    # A second run adds nothing and changes nothing.
    pages = {page.pk: page.latest_revision_id for page in RoleGuidePage.objects.all()}
    call_command("load_knowledge_data", verbosity=0)
    assert {page.pk: page.latest_revision_id for page in RoleGuidePage.objects.all()} == pages
    assert DemoRecord.objects.count() == records + added.count()
