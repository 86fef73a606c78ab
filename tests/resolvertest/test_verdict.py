"""resolvertest.verdict: each rule with the exact value it gives, and the value once its input flips."""

from resolvertest import verdict
from resolvertest.verdict import Verdict
from resolvertest.zones import TEST_ZONES

SEEN = {"queries": 20, "resolvers": [{"address": "192.0.2.53", "queries": 20, "tcp": True}], "zones": {}}


def fetches(**failed) -> dict:
    """Every test name loaded, except those given as failed (underscores for hyphens)."""
    names = {label.replace("-", "_") for label, value in failed.items() if value}
    return {zone.label: ("failed" if zone.label.replace("-", "_") in names else "loaded") for zone in TEST_ZONES}


VALIDATING = fetches(bogus=True, bogus_ds=True, alg8_bogus=True, alg13_bogus=True, alg15_bogus=True, alg16_bogus=True)


def test_a_resolver_that_refuses_both_bogus_zones_validates():
    assert verdict.validation(VALIDATING, SEEN) == Verdict("validates")


def test_a_resolver_that_loads_both_bogus_zones_does_not_validate():
    assert verdict.validation(fetches(), SEEN) == Verdict("does-not-validate")


def test_one_bogus_zone_loading_is_indeterminate_either_way():
    assert verdict.validation(fetches(bogus=True), SEEN) == Verdict("indeterminate", "mixed")
    assert verdict.validation(fetches(bogus_ds=True), SEEN) == Verdict("indeterminate", "mixed")


def test_a_run_whose_fetches_all_fail_is_indeterminate_never_does_not_validate():
    all_failed = {zone.label: "failed" for zone in TEST_ZONES}
    assert verdict.validation(all_failed, SEEN) == Verdict("indeterminate", "all-failed")
    assert verdict.validation({}, SEEN) == Verdict("indeterminate", "all-failed")
    # One name loading is enough to go on to the other rules.
    only_unsigned = {**all_failed, "unsigned": "loaded"}
    assert verdict.validation(only_unsigned, SEEN) == Verdict("indeterminate", "secure-failed")


def test_the_secure_zone_failing_makes_refused_bogus_zones_prove_nothing():
    assert verdict.validation({**VALIDATING, "secure": "failed"}, SEEN) == Verdict("indeterminate", "secure-failed")


def test_no_query_seen_by_the_servers_is_indeterminate():
    assert verdict.validation(VALIDATING, {}) == Verdict("indeterminate", "no-queries")
    assert verdict.validation(VALIDATING, {**SEEN, "queries": 0}) == Verdict("indeterminate", "no-queries")
    assert verdict.validation(VALIDATING, {**SEEN, "queries": 1}) == Verdict("validates")


def test_an_algorithm_is_supported_when_its_bogus_zone_fails_while_its_good_zone_loads():
    assert verdict.algorithm_support(VALIDATING) == {8: "supported", 13: "supported", 15: "supported", 16: "supported"}
    # Algorithm 16 unimplemented: its bogus zone is treated as unsigned and loads.
    without_16 = {**VALIDATING, "alg16-bogus": "loaded"}
    assert verdict.algorithm_support(without_16) == {
        8: "supported",
        13: "supported",
        15: "supported",
        16: "unsupported",
    }
    # Its good zone not loading: nothing to say about it.
    assert verdict.algorithm_support({**VALIDATING, "alg15": "failed"})[15] == "unknown"
    assert verdict.algorithm_support({**VALIDATING, "alg15": "failed", "alg15-bogus": "loaded"})[15] == "unknown"
    assert verdict.algorithm_support(fetches()) == {
        8: "unsupported",
        13: "unsupported",
        15: "unsupported",
        16: "unsupported",
    }


def test_tcp_fallback_is_the_big_token_asked_over_tcp():
    over_tcp = {"zones": {"big": {"queries": 2, "tcp": True, "do": True}}}
    udp_only = {"zones": {"big": {"queries": 2, "tcp": False, "do": True}}}
    assert verdict.tcp_fallback(over_tcp) is True
    assert verdict.tcp_fallback(udp_only) is False
    # TCP for another zone's name says nothing about the big one's.
    assert verdict.tcp_fallback({"zones": {"secure": {"queries": 1, "tcp": True, "do": True}}}) is None
    assert verdict.tcp_fallback({"zones": {"big": {"queries": 0, "tcp": False, "do": False}}}) is None
    assert verdict.tcp_fallback({}) is None
    # Asked without DO, the answer has no signatures and fits in UDP: TCP was never needed, so not tested.
    assert verdict.tcp_fallback({"zones": {"big": {"queries": 1, "tcp": False, "do": False}}}) is None


def test_resolver_addresses_in_the_summary_order():
    observations = {
        "resolvers": [
            {"address": "2001:db8::53", "queries": 30, "tcp": True},
            {"address": "192.0.2.53", "queries": 2, "tcp": False},
        ]
    }
    assert verdict.resolver_addresses(observations) == ["2001:db8::53", "192.0.2.53"]
    assert verdict.resolver_addresses({}) == []
