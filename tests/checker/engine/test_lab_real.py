"""Every lab condition, served by Knot DNS on port 53 (marker `lab`)."""

import pytest

from .lab_helpers import GOOD_CONDITIONS, assert_condition, condition_params, run_condition

pytestmark = pytest.mark.lab


@pytest.mark.parametrize("condition_name", condition_params("real"))
def test_condition(real_lab, lab, condition_name):
    assert_condition(run_condition(lab, 53, condition_name), condition_name)


@pytest.mark.parametrize("condition_name", GOOD_CONDITIONS)
def test_good_zones_have_no_error(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]
