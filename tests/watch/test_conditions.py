"""Which changes between a watched zone's runs are problems, and which are information (watch.conditions)."""

from datetime import timedelta

from tests.watch.reports import KSK, NEW_ZSK, ZSK, report
from watch import conditions
from watch.conditions import summary

THREE_DAYS = 3 * 86400


def codes(baseline, current):
    return [c.code for c in conditions.problems(baseline, current, threshold_seconds=THREE_DAYS)]


def test_the_summary_keeps_what_alerts_compare():
    assert summary(report(findings=["rrsig_expired", "rrsig_remaining_short", "multi_signer_consistency"])) == {
        "verdict": "secure",
        "severe": ["rrsig_expired@example.jp"],
        "k": ["multi_signer_consistency@example.jp"],
        "min_validity": 10 * 86400,
        "max_ttl": 3600,
        "dnskeys": ["KSK 11111/13", "ZSK 22222/13"],
        "ds": ["11111/13/2"],
        "multi_signer": "inconsistent",
        "idle_zsks": [],
    }


def test_a_healthy_zone_has_no_problem():
    assert codes(summary(report()), summary(report())) == []


def test_a_worse_verdict_is_a_problem_and_a_better_one_is_not():
    assert codes(summary(report()), summary(report(verdict="bogus"))) == ["verdict_worse"]
    assert codes(summary(report()), summary(report(verdict="insecure"))) == ["verdict_worse"]
    assert codes(summary(report(verdict="bogus")), summary(report())) == []


def test_a_new_error_is_a_problem_but_one_already_there_is_not():
    before = summary(report(findings=["rrsig_missing"]))
    assert codes(before, summary(report(findings=["rrsig_missing"]))) == []
    assert codes(before, summary(report(findings=["rrsig_missing", "rrsig_key_absent"]))) == ["new_severe"]
    assert codes(before, summary(report(findings=["rrsig_remaining_short"]))) == []  # a WARN is not an error


def test_low_signature_validity_is_judged_against_the_threshold_and_the_largest_ttl():
    assert codes(None, summary(report(validity=timedelta(days=3, hours=1)))) == []
    assert codes(None, summary(report(validity=timedelta(days=2, hours=23)))) == ["validity_low"]
    # A TTL of 4 days: a resolver may keep a signature longer than the 3-day threshold.
    assert codes(None, summary(report(validity=timedelta(days=3, hours=12), ttl=4 * 86400))) == ["validity_low"]
    (condition,) = conditions.problems(None, summary(report(validity=timedelta(days=2))), threshold_seconds=THREE_DAYS)
    assert condition.to_dict() == {"code": "validity_low", "remaining": 2 * 86400, "floor": THREE_DAYS}


def test_a_group_k_finding_alerts_as_such_and_k6_information_does_not():
    assert codes(summary(report()), summary(report(findings=["multi_signer_consistency"]))) == ["k_finding"]
    assert codes(summary(report()), summary(report(findings=["multi_signer_detected"]))) == []


def test_key_and_ds_set_changes_are_information():
    before = summary(report())
    during = summary(report(keys=(KSK, ZSK, NEW_ZSK)))
    assert [c.to_dict() for c in conditions.changes(before, during)] == [
        {"code": "keys_changed", "added": ["ZSK 33333/13"], "removed": []}
    ]
    after = summary(report(keys=(KSK, NEW_ZSK), ds=()))
    assert [c.to_dict() for c in conditions.changes(during, after)] == [
        {"code": "keys_changed", "added": [], "removed": ["ZSK 22222/13"]},
        {"code": "ds_changed", "added": [], "removed": ["11111/13/2"]},
    ]
    assert conditions.changes(None, before) == []
    assert codes(before, during) == []  # never a problem by itself
