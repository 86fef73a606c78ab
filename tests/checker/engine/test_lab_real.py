"""Every lab condition, served by Knot DNS on port 53 (marker `lab`)."""

import pytest

from .lab_helpers import (
    GOOD_CONDITIONS,
    NONEXISTENT_NAMES,
    WILDCARD_NAMES,
    WILDCARD_NODATA_NOT_YET,
    assert_condition,
    assert_dname,
    assert_nonexistent_name,
    assert_wildcard_name,
    condition_params,
    exact_findings,
    run_condition,
)

pytestmark = pytest.mark.lab


@pytest.mark.parametrize("condition_name", condition_params())
def test_condition(real_lab, lab, condition_name):
    assert_condition(run_condition(lab, 53, condition_name), condition_name)


@pytest.mark.parametrize("condition_name", GOOD_CONDITIONS)
def test_good_zones_have_no_error(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]


@pytest.mark.parametrize("condition_name", condition_params(NONEXISTENT_NAMES))
def test_a_name_that_does_not_exist(real_lab, lab, condition_name):
    report = run_condition(lab, 53, condition_name)
    assert_nonexistent_name(report, condition_name, server_findings=frozenset({"version_disclosure"}))


def test_a_name_below_a_dname(real_lab, lab):
    assert_dname(run_condition(lab, 53, "dname"), server_findings=frozenset({"version_disclosure"}))


def test_an_mx_exchange_that_is_an_alias(real_lab, lab):  # J6, seen by asking the exchange itself
    report = run_condition(lab, 53, "mx-cname")
    assert report.verdict == "secure"
    assert exact_findings(report, frozenset({"version_disclosure"})) == {("mail_records", "ERR")}


@pytest.mark.xfail(reason=WILDCARD_NODATA_NOT_YET, strict=True)
@pytest.mark.parametrize("condition_name", WILDCARD_NAMES)
def test_a_name_expanded_from_a_wildcard(real_lab, lab, condition_name):
    assert_wildcard_name(run_condition(lab, 53, condition_name), condition_name, frozenset({"version_disclosure"}))


def test_published_cds_and_cdnskey_for_the_current_ksk(real_lab, lab):  # group I on a served zone
    report = run_condition(lab, 53, "cds-published")
    assert report.verdict == "secure"
    assert not exact_findings(report, frozenset({"version_disclosure"}))
    signed = {s["rrset"] for s in report.chain[-1]["signatures"] if s["status"] == "valid"}
    assert {"cds-published.test./CDS", "cds-published.test./CDNSKEY"} <= signed
