"""A finding's severity comes from the catalog (checker/catalog/findings.toml): the engine passes one
only for rows that allow several, and then one of them (issue 13, "One source for each fact")."""

import ast
from pathlib import Path

from checker import catalog
from checker.engine.report import Finding

ENGINE = Path(__file__).resolve().parents[3] / "checker" / "engine"
# Finding(...) and the helpers that wrap it; each takes (id, severity, ...).
CALLS = {"Finding", "add", "_add"}
SEVERITIES = set(catalog.SEVERITY_ORDER)


def literals(expression: ast.expr) -> list[str]:
    """The severities a literal or a conditional of literals ("ERR" if signed else "WARN") can give."""
    if isinstance(expression, ast.IfExp):
        return literals(expression.body) + literals(expression.orelse)
    return [expression.value] if isinstance(expression, ast.Constant) and expression.value in SEVERITIES else []


def call_sites() -> list[tuple[str, str, ast.expr | None]]:
    """Every call site of the engine that names a catalog id: (where, id, the severity argument or None)."""
    sites = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name not in CALLS or not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            severity = next((k.value for k in node.keywords if k.arg == "severity"), None)
            if severity is None and len(node.args) > 1 and (name == "Finding" or literals(node.args[1])):
                # Positional: Finding's second field; a helper's second argument while it still takes
                # (id, severity, ...), before the call sites pass severity by keyword.
                severity = node.args[1]
            if isinstance(severity, ast.Constant) and severity.value is None:
                severity = None
            sites.append((f"{path.name}:{node.lineno}", first.value, severity))
    return sites


CALL_SITES = call_sites()
SITES = [site for site in CALL_SITES if site[2] is not None]  # those that pass a severity


def test_the_scan_sees_the_engine():
    assert len(CALL_SITES) > 150


def test_a_passed_severity_is_one_the_catalog_row_allows():
    wrong = []
    for where, finding_id, severity in SITES:
        allowed = catalog.get(finding_id).severities
        wrong += [(where, finding_id, value, allowed) for value in literals(severity) if value not in allowed]
    assert not wrong


def test_rows_with_one_severity_are_not_passed_one():
    redundant = [(where, finding_id) for where, finding_id, _ in SITES if len(catalog.get(finding_id).severities) == 1]
    assert not redundant, f"{len(redundant)} of {len(CALL_SITES)} call sites repeat the catalog: {redundant}"


def test_finding_takes_the_catalog_severity():
    assert Finding("nsec3_iterations_nonzero").severity == catalog.get("nsec3_iterations_nonzero").severity == "ERR"
    assert Finding("ns_address_family_coverage", "NOTE").severity == "NOTE"
    assert "severity" not in Finding("nsec3_iterations_nonzero").to_dict()  # the catalog's, looked up when shown
    assert Finding("ns_address_family_coverage", "NOTE").to_dict()["severity"] == "NOTE"


def test_severity_order_is_defined_once():
    from checker.engine import report

    assert catalog.SEVERITY_ORDER == ("CRIT", "ERR", "WARN", "NOTE", "INFO")
    assert [catalog.severity_rank(s) for s in catalog.SEVERITY_ORDER] == [0, 1, 2, 3, 4]
    assert catalog.severity_rank("unknown") == 5
    assert not hasattr(report, "SEVERITIES")
