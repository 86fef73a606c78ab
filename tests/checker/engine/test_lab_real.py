"""Every lab condition, served by Knot DNS on port 53 (marker `lab`)."""

import pytest

from checker.engine.cli import EXIT_OK, exit_status
from checker.engine.text import render_report

from .lab_helpers import GOOD_CONDITIONS, assert_condition, condition_params, run_condition

pytestmark = pytest.mark.lab


@pytest.mark.parametrize("condition_name", condition_params())
def test_condition(real_lab, lab, condition_name):
    assert_condition(run_condition(lab, 53, condition_name), condition_name)


@pytest.mark.parametrize("condition_name", GOOD_CONDITIONS)
def test_good_zones_have_no_error(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]


def test_a_parents_nsec3_iterations_are_upstream_not_the_childs(real_lab, lab):
    """Issue 13, item 6: the parent's RFC 9276 breach is shown as the parent's business and counts
    neither for the clean child's findings nor for its exit status."""
    report = run_condition(lab, 53, "upstream-nsec3")
    assert report.verdict == "secure"
    assert report.zone == "child.nsec3-iterations.test."
    assert not [f for f in report.findings if f.zone != "child.nsec3-iterations.test."]
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR", "WARN")]
    parent = {(f.id, f.severity) for f in report.upstream if f.zone == "nsec3-iterations.test."}
    assert ("nsec3_iterations_nonzero", "ERR") in parent
    assert ("nsec3_salt_nonempty", "WARN") in parent
    assert exit_status([report]) == EXIT_OK
    stored = report.to_dict()
    assert {f["id"] for f in stored["upstream"]} >= {"nsec3_iterations_nonzero", "nsec3_salt_nonempty"}
    assert "nsec3_iterations_nonzero" not in {f["id"] for f in stored["findings"]}
    text = render_report(report, "ja")
    assert "上位ゾーンの問題" in text and text.index("上位ゾーンの問題") < text.index("nsec3_iterations_nonzero")
