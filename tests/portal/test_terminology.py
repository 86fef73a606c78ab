"""One set of terms (docs/terminology.md): the competing variants appear nowhere readers can see them.

Scanned: templates, the catalogues (every django.po and checker/catalog/findings.toml) and content (the
knowledge base's modules and seed, the failure library's demo reports and seeded categories, the portal's
demo pages).
"""

import re
from pathlib import Path

import pytest

from knowledge.content import seed

ROOT = Path(__file__).resolve().parents[2]

# Variant: the term to use instead (the table of docs/terminology.md).
VARIANTS = {
    "指摘": "検出項目",
    "DNS プロバイダー": "DNS 事業者",
    "DNSプロバイダー": "DNS 事業者",
    "DNS プロバイダ": "DNS 事業者",
    "DNSプロバイダ": "DNS 事業者",
    "読み仮名": "よみ",
    "ふりがな": "よみ",
}

SCANNED = [
    "*/templates/**/*.html",
    "portal/templates/**/*.html",
    "locale/*/LC_MESSAGES/django.po",
    "*/locale/*/LC_MESSAGES/django.po",
    "checker/catalog/findings.toml",
    "knowledge/content/*.py",
    "failures/demo/*.py",
    "failures/migrations/*.py",
    "portal/management/commands/load_initial_data.py",
    "members/data/*.toml",
]
SEED = ROOT / "knowledge" / "content" / "seed.py"


def scanned_files():
    files = set()
    for pattern in SCANNED:
        files.update(path for path in ROOT.glob(pattern) if ".venv" not in path.parts and path != SEED)
    return sorted(files)


def variants_in(text):
    return [variant for variant in VARIANTS if variant in text]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def seed_texts():
    """The seed's texts, by item, without the entries of the publications being rewritten."""
    yield "indexes", list(strings(seed.INDEXES))
    for entry in seed.PUBLICATIONS:
        yield f"publication:{entry[0]}", list(strings(entry[4])) + list(strings(entry[5]))
    for entry in seed.EVENTS:
        yield f"event:{entry[0]}", list(strings(entry[-1]))
    for entry in seed.NEWS:
        yield f"news:{entry[0]}", list(strings(entry[-1]))
    for slug, texts in seed.GLOSSARY:
        yield f"term:{slug}", list(strings(texts))


def test_the_scan_covers_templates_catalogues_and_content():
    names = {str(path.relative_to(ROOT)) for path in scanned_files()}
    assert "portal/templates/base.html" in names
    assert "knowledge/templates/knowledge/blocks/callout.html" in names
    assert "failures/locale/ja/LC_MESSAGES/django.po" in names
    assert "checker/catalog/findings.toml" in names
    assert "knowledge/content/zone_signing_guide_ja.py" in names
    assert "failures/demo/reports.py" in names


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_competing_variant_of_a_term(path):
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for variant in variants_in(line):
            found.setdefault(variant, []).append(number)
    assert found == {}, "use " + ", ".join(f"{VARIANTS[v]} for {v} (lines {found[v]})" for v in found)


def test_no_competing_variant_in_the_seed():
    found = {item: variants_in(" ".join(texts)) for item, texts in seed_texts()}
    assert {item: variants for item, variants in found.items() if variants} == {}


def test_the_terminology_table_lists_every_variant():
    table = (ROOT / "docs" / "terminology.md").read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    for variant, term in VARIANTS.items():
        if variant.endswith("ー"):
            assert any(line.startswith(f"| {term} |") and variant in line for line in rows), variant
    assert re.search(r"^\| 検出項目 \| finding \| 指摘 \|", table, re.M)
