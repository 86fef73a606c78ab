"""The findings catalogue agrees with docs/checker-catalog.md and renders safely."""

import marshal
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from checker import catalog

REPO = Path(__file__).resolve().parents[2]
CATALOG_DOC = REPO / "docs" / "checker-catalog.md"
TEXT_FIELDS = ("title", "message", "why", "fix")
GROUP_COUNTS = {"A": 24, "B": 25, "C": 10, "D": 19, "E": 8, "F": 18, "G": 19, "H": 5, "I": 11, "J": 7, "K": 6}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ROW = re.compile(r"^\|\s*([A-KX]\d+)\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$")
SEVERITY_TOKEN = re.compile(r"\b(CRIT|ERR|WARN|NOTE|INFO)\b")
RANGE = re.compile(r"\b(CRIT|ERR|WARN|NOTE|INFO)\s*–\s*(CRIT|ERR|WARN|NOTE|INFO)\b")


def _severities_in_cell(cell: str) -> list[str]:
    """Severities a catalogue cell names, default first; "NOTE–ERR" spans the range."""
    found = []
    for token in SEVERITY_TOKEN.findall(cell):
        if token not in found:
            found.append(token)
    for low, high in RANGE.findall(cell):
        order = catalog.SEVERITY_ORDER
        for token in order[order.index(high) : order.index(low) + 1]:
            if token not in found:
                found.append(token)
    return found


def _doc_rows() -> dict[str, dict]:
    rows = {}
    for line in CATALOG_DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            number, finding_id, rest = match.groups()
            cells = [cell.strip() for cell in rest.split(" | ")]
            rows[finding_id] = {
                "number": number,
                "severities": _severities_in_cell(cells[1]),
                "new": "**new**" in cells[-1],
            }
    return rows


ALL_DOC_ROWS = _doc_rows()
DOC_ROWS = {fid: row for fid, row in ALL_DOC_ROWS.items() if not row["number"].startswith("X")}
ALL_FINDINGS = catalog.all_findings()
# Group X: the checker's own limits, after the catalogue's 152 rows (A-K) of docs/checker-catalog.md.
LIMIT_IDS = ["validation_budget_exceeded", "check_limits_reached", "walk_incomplete", "probe_not_tested"]
FINDINGS = [finding for finding in ALL_FINDINGS if finding.group != "X"]
FINDING_IDS = [finding.id for finding in FINDINGS]


def _template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_catalogue_is_complete():
    assert len(FINDINGS) == 152
    counts = {}
    for finding in FINDINGS:
        counts[finding.group] = counts.get(finding.group, 0) + 1
    assert counts == GROUP_COUNTS
    assert catalog.ids() == set(DOC_ROWS) | set(LIMIT_IDS), set(DOC_ROWS) ^ catalog.ids()
    assert len(DOC_ROWS) == 152


def test_checker_limit_rows_follow_the_catalogue():
    limits = [finding for finding in ALL_FINDINGS if finding.group == "X"]
    assert [finding.id for finding in limits] == LIMIT_IDS
    assert [finding.number for finding in limits] == ["X1", "X2", "X3", "X4"]
    assert [finding.severities for finding in limits] == [("WARN",), ("WARN",), ("WARN",), ("INFO",)]
    assert ALL_FINDINGS[-4:] == limits  # after the A-K rows
    documented = {fid: row for fid, row in ALL_DOC_ROWS.items() if row["number"].startswith("X")}
    assert list(documented) == LIMIT_IDS
    for finding in limits:
        assert documented[finding.id]["number"] == finding.number
        assert documented[finding.id]["severities"] == list(finding.severities)


def test_absolute_names_never_print_two_full_stops():
    for finding in ALL_FINDINGS:
        evidence = {name: "example.jp." for name in finding.placeholders}
        for lang in ("ja", "en"):
            for field, text in catalog.render(finding.id, lang, evidence).items():
                assert not re.search(r"(?<!\.)\.\.(?!\.)", text), (finding.id, lang, field, text)


def test_new_flags_follow_the_catalogue_doc():
    marked_new = {finding.id for finding in FINDINGS if finding.new}
    assert marked_new == {fid for fid, row in DOC_ROWS.items() if row["new"]}


def test_ids_are_unique_and_well_formed():
    assert len(FINDING_IDS) == len(set(FINDING_IDS))
    for finding_id in FINDING_IDS:
        assert re.fullmatch(r"[a-z0-9_]+", finding_id), finding_id


def test_rows_follow_the_catalogue_doc_order():
    assert FINDING_IDS == list(DOC_ROWS)


@pytest.mark.parametrize("finding_id", FINDING_IDS)
def test_row_matches_the_catalogue_doc(finding_id):
    finding = catalog.get(finding_id)
    documented = DOC_ROWS.get(finding_id)
    assert documented is not None, f"{finding_id} is not in {CATALOG_DOC}"
    assert finding.number == documented["number"]
    assert finding.group == documented["number"][0]
    assert finding.severity == documented["severities"][0]
    assert set(finding.severities) == set(documented["severities"])
    assert finding.severities[0] == finding.severity
    assert all(sev in catalog.SEVERITY_ORDER for sev in finding.severities)
    assert (finding.severity_rule is not None) == (len(finding.severities) > 1)


@pytest.mark.parametrize("finding_id", FINDING_IDS + LIMIT_IDS)
def test_row_texts_are_complete_and_bilingual(finding_id):
    finding = catalog.get(finding_id)
    texts = [getattr(finding, field) for field in TEXT_FIELDS]
    texts += [t for t in (finding.severity_rule, finding.unobservable_reason, finding.stateful_reason) if t]
    for text in texts:
        assert text.ja.strip() and text.en.strip()
        assert JAPANESE.search(text.ja), text.ja
        assert not JAPANESE.search(text.en), text.en
    assert finding.rfc, "every row names its source"
    assert finding.dnsviz and finding.zonemaster


@pytest.mark.parametrize("finding_id", FINDING_IDS + LIMIT_IDS)
def test_placeholders_are_declared(finding_id):
    finding = catalog.get(finding_id)
    used = set()
    for field in TEXT_FIELDS:
        text = getattr(finding, field)
        for lang in ("ja", "en"):
            fields = _template_fields(text.in_language(lang))
            assert all(name.isidentifier() for name in fields), (field, lang, fields)
            used |= fields
    assert not _template_fields(finding.title.ja) | _template_fields(finding.title.en), "titles are fixed"
    assert used <= set(finding.placeholders), used - set(finding.placeholders)
    assert set(finding.placeholders) <= used, set(finding.placeholders) - used
    # Both languages say the same thing, so they use the same evidence.
    assert _template_fields(finding.message.ja) == _template_fields(finding.message.en)
    assert set(finding.placeholders) <= set(catalog.placeholder_names())


def test_unobservable_and_stateful_rows_explain_themselves():
    for finding in ALL_FINDINGS:
        assert finding.observable == (finding.unobservable_reason is None), finding.id
        assert finding.stateful == (finding.stateful_reason is not None), finding.id
        # K5 and K6 (multi-signer) are judged from one check's answers; the other K rows need several.
        one_check = finding.number in ("K5", "K6")
        assert finding.stateful == (finding.group == "K" and not one_check), finding.id


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_render_with_empty_evidence_marks_missing_values(lang):
    for finding in ALL_FINDINGS:
        rendered = catalog.render(finding.id, lang, {})
        assert set(rendered) == {"title", "message", "why", "fix"}
        assert all(rendered.values())
        if finding.placeholders:
            assert "?" in rendered["message"] + rendered["fix"]
        assert "{" not in rendered["message"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_render_with_full_evidence_fills_every_placeholder(lang):
    for finding in ALL_FINDINGS:
        evidence = {name: f"<{name}>" for name in finding.placeholders}
        rendered = catalog.render(finding.id, lang, evidence)
        message = catalog.get(finding.id).message.in_language(lang)
        for name in _template_fields(message):
            assert f"<{name}>" in rendered["message"]
        assert "{" not in "".join(rendered.values())


def test_render_formats_values_plainly():
    rendered = catalog.render("ds_orphan", "en", {"zone": "example.jp", "key_tag": [12345, 54321], "algorithm": 13})
    assert "key tag 12345, 54321" in rendered["message"]
    assert "algorithm 13" in rendered["message"]
    assert "example.jp" in rendered["message"]


def test_render_tolerates_hostile_templates_and_evidence():
    # Evidence cannot reach into objects, and odd values never raise.
    assert catalog._fill("{zone.__class__} {zone[0]} {zone!r:>99}", {"zone": "x"}) == "? ? x"
    assert catalog._fill("{count}", {"count": None}) == "?"
    assert catalog._fill("{count}", {"count": []}) == "?"
    assert catalog._fill("{ {", {}) == "{ {"


def test_render_language_fallback_and_unknown_id():
    finding = FINDINGS[0]
    assert catalog.render(finding.id, "fr", {})["title"] == finding.title.en
    assert catalog.render(finding.id, "ja", {})["title"] == finding.title.ja
    with pytest.raises(KeyError, match="no_such_finding"):
        catalog.get("no_such_finding")
    with pytest.raises(KeyError):
        catalog.render("no_such_finding", "ja", {})


def test_severity_and_verdict_labels():
    for sev in catalog.SEVERITY_ORDER:
        for lang in ("ja", "en"):
            assert catalog.severity_label(sev, lang)
            assert catalog.severity_description(sev, lang)
        assert JAPANESE.search(catalog.severity_label(sev, "ja"))
    assert catalog.severity_label("CRIT", "ja") == "致命的"
    assert catalog.severity_label("ERR", "xx") == catalog.severity_label("ERR", "en")
    for verdict in catalog.VERDICTS:
        for lang in ("ja", "en"):
            assert catalog.verdict_label(verdict, lang)
            assert catalog.verdict_description(verdict, lang).endswith(("。", "."))
        assert JAPANESE.search(catalog.verdict_description(verdict, "ja"))


def _rows_read(data: dict) -> dict:
    return {**data, "findings": {finding_id: marshal.loads(row) for finding_id, row in data["findings"].items()}}


def test_marshal_cache_matches_the_toml(tmp_path, monkeypatch):
    assert _rows_read(catalog._load_data()) == _rows_read(catalog._load_data(use_cache=False))
    # A corrupt cache file is ignored and replaced.
    toml = tmp_path / "findings.toml"
    monkeypatch.setattr(catalog, "_CATALOG_PATH", str(toml))
    toml.write_bytes(b'[findings.x]\nnumber = "A1"\n')
    cached = Path(catalog._cache_path(toml.read_bytes()))
    cached.parent.mkdir()
    cached.write_bytes(b"not marshal")
    assert _rows_read(catalog._load_data()) == {"findings": {"x": {"number": "A1"}}}
    assert cached.read_bytes() != b"not marshal"
    assert _rows_read(catalog._load_data()) == {"findings": {"x": {"number": "A1"}}}


def test_import_stays_free_of_django_and_third_party_packages():
    code = (
        "import sys, checker.catalog as c; c.all_findings(); "
        "bad = [m for m in ('django', 'dns', 'yaml', 'cryptography') if m in sys.modules]; "
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
