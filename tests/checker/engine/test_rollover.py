"""Group K across two runs (checker.engine.rollover): each rule on a pair of recorded reports, firing only when
the gap between the runs proves the violation, and correct rollovers of each kind saying nothing."""

from datetime import UTC, datetime, timedelta

from checker.engine.rollover import Assumptions, judge

T0 = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
ZONE = "example.jp."
HOUR, DAY = 3600, 86400


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def key(tag, role):
    return {"key_tag": tag, "algorithm": 13, "role": role}


def sig(rrset, tag, ttl, inception=T0 - timedelta(days=1), expiration=T0 + timedelta(days=14)):
    return {
        "rrset": f"{ZONE}/{rrset}",
        "key_tag": tag,
        "algorithm": 13,
        "status": "valid",
        "inception": iso(inception),
        "expiration": iso(expiration),
        "original_ttl": ttl,
    }


def report(at, keys, ds, signers, data_ttl=DAY, key_ttl=HOUR, ds_ttl=DAY, signatures=None):
    """A run at `at`: `keys` as (tag, role), DS key tags, `signers`: the ZSK tags signing the SOA, and the
    first KSK signing the DNSKEY RRset."""
    ksk = next(tag for tag, role in keys if role == "KSK")
    own = signatures or [sig("SOA", tag, data_ttl) for tag in signers]
    own = own + [sig("DNSKEY", ksk, key_ttl)]
    return {
        "schema_version": 2,
        "zone": ZONE,
        "now": iso(at),
        "chain": [
            {
                "zone": "jp.",
                "parent": ".",
                "signatures": [{**sig("DS", 999, ds_ttl), "rrset": f"{ZONE}/DS"}],
                "dnskeys": [],
                "ds": [],
            },
            {
                "zone": ZONE,
                "parent": "jp.",
                "dnskeys": [key(tag, role) for tag, role in keys],
                "ds": [{"key_tag": tag, "algorithm": 13, "digest_type": 2, "source": "parent"} for tag in ds],
                "signatures": own,
                "earliest_expiration": min(s["expiration"] for s in own),
            },
        ],
    }


def ids(judgement):
    return [(f["id"], f["evidence"].get("key_tag")) for f in judgement.findings]


KSK1, KSK2, ZSK1, ZSK2 = (1, "KSK"), (2, "KSK"), (11, "ZSK"), (12, "ZSK")


def test_a_zsk_removed_while_its_signatures_may_be_cached_is_k1():
    earlier = report(T0, [KSK1, ZSK1, ZSK2], [1], [11], data_ttl=DAY)
    later = report(T0 + timedelta(hours=6), [KSK1, ZSK2], [1], [12], data_ttl=DAY)
    judgement = judge(earlier, later)
    assert ids(judgement) == [("zsk_retired_too_early", 11)]
    assert judgement.findings[0]["evidence"] == {
        "key_tag": 11,
        "algorithm": 13,
        "last_used": "2026-12-01T00:00:00Z",
        "ttl": DAY,
        "required_wait": DAY,
        "earlier_check": "2026-12-01T00:00:00Z",
        "later_check": "2026-12-01T06:00:00Z",
        "gap": 6 * HOUR,
        "assumed_propagation": 0,
        "assumed_signing": 0,
    }


def test_the_same_removal_with_a_ttl_shorter_than_the_gap_cannot_be_judged():
    earlier = report(T0, [KSK1, ZSK1, ZSK2], [1], [11], data_ttl=HOUR)
    later = report(T0 + timedelta(hours=6), [KSK1, ZSK2], [1], [12], data_ttl=HOUR)
    judgement = judge(earlier, later)
    assert judgement.findings == []
    assert judgement.unjudged == [{"id": "zsk_retired_too_early", "zone": ZONE, "gap": 6 * HOUR, "required_wait": HOUR}]


def test_assumed_propagation_and_signing_delays_count_and_are_named():
    earlier = report(T0, [KSK1, ZSK1, ZSK2], [1], [11], data_ttl=HOUR)
    later = report(T0 + timedelta(hours=2), [KSK1, ZSK2], [1], [12], data_ttl=HOUR)
    judgement = judge(earlier, later, Assumptions(propagation=HOUR, signing=HOUR))
    assert ids(judgement) == [("zsk_retired_too_early", 11)]
    evidence = judgement.findings[0]["evidence"]
    assert (evidence["required_wait"], evidence["assumed_propagation"], evidence["assumed_signing"]) == (
        3 * HOUR,
        HOUR,
        HOUR,
    )


def test_a_zsk_that_signs_before_its_dnskey_can_have_reached_every_cache_is_k2():
    earlier = report(T0, [KSK1, ZSK1], [1], [11], key_ttl=DAY)
    later = report(T0 + timedelta(hours=1), [KSK1, ZSK1, ZSK2], [1], [12, 11], key_ttl=DAY)
    judgement = judge(earlier, later)
    assert ids(judgement) == [("zsk_used_too_early", 12)]
    assert judgement.findings[0]["evidence"]["published_for"] == HOUR
    assert judgement.findings[0]["evidence"]["required_wait"] == DAY


def test_a_correct_pre_publish_zsk_rollover_says_nothing():
    published = report(T0, [KSK1, ZSK1, ZSK2], [1], [11])  # the new ZSK published, not signing
    switched = report(T0 + timedelta(hours=6), [KSK1, ZSK1, ZSK2], [1], [12])  # signing; the old one kept
    retired = report(T0 + timedelta(days=2), [KSK1, ZSK2], [1], [12])  # removed two days (> its TTL) later
    assert judge(report(T0 - timedelta(hours=6), [KSK1, ZSK1], [1], [11]), published).findings == []
    assert judge(published, switched).findings == []
    assert judge(switched, retired).findings == []


def test_a_ds_changed_to_a_ksk_not_yet_published_is_k3():
    earlier = report(T0, [KSK1, ZSK1], [1], [11], key_ttl=DAY)
    later = report(T0 + timedelta(hours=6), [KSK1, KSK2, ZSK1], [2], [11], key_ttl=DAY)
    judgement = judge(earlier, later)
    assert ids(judgement) == [("ksk_ds_timing", 2)]
    assert judgement.findings[0]["evidence"]["case"] == "ds_before_key"
    assert judgement.findings[0]["evidence"]["elapsed"] == 6 * HOUR


def test_an_old_ksk_removed_together_with_its_ds_is_k3():
    earlier = report(T0, [KSK1, KSK2, ZSK1], [1], [11], ds_ttl=DAY)
    later = report(T0 + timedelta(hours=1), [KSK2, ZSK1], [2], [11], ds_ttl=DAY)
    judgement = judge(earlier, later)
    assert ids(judgement) == [("ksk_ds_timing", 1)]
    assert judgement.findings[0]["evidence"]["case"] == "key_before_ds"


def test_correct_ksk_rollovers_say_nothing():
    # Double-KSK: the new KSK published first, then the DS swapped, then the old KSK removed a day later.
    both = report(T0, [KSK1, KSK2, ZSK1], [1], [11])
    swapped = report(T0 + timedelta(hours=6), [KSK1, KSK2, ZSK1], [2], [11])
    done = report(T0 + timedelta(days=2), [KSK2, ZSK1], [2], [11])
    assert judge(both, swapped).findings == []
    assert judge(swapped, done).findings == []
    # Double-DS: both DS records first, then the keys swapped, then the old DS removed.
    double = report(T0, [KSK1, ZSK1], [1, 2], [11])
    keys_swapped = report(T0 + timedelta(hours=6), [KSK2, ZSK1], [1, 2], [11])
    assert judge(double, keys_swapped).findings == []
    assert judge(keys_swapped, report(T0 + timedelta(days=2), [KSK2, ZSK1], [2], [11])).findings == []


def test_a_signer_that_stopped_is_k4_before_its_signatures_run_out():
    expiring = [sig("SOA", 11, DAY, expiration=T0 + timedelta(days=1, hours=4))]
    earlier = report(T0, [KSK1, ZSK1], [1], [11], signatures=expiring)
    later = report(T0 + timedelta(days=1), [KSK1, ZSK1], [1], [11], signatures=expiring)
    judgement = judge(earlier, later)
    assert [f["id"] for f in judgement.findings] == ["resign_lag"]
    evidence = judgement.findings[0]["evidence"]
    assert (evidence["previous_remaining"], evidence["remaining"]) == (DAY + 4 * HOUR, 4 * HOUR)


def test_a_signer_that_re_signs_or_has_time_left_says_nothing():
    old = [sig("SOA", 11, DAY, expiration=T0 + timedelta(days=1, hours=4))]
    renewed = [sig("SOA", 11, DAY, inception=T0, expiration=T0 + timedelta(days=15))]
    assert (
        judge(
            report(T0, [KSK1, ZSK1], [1], [11], signatures=old),
            report(T0 + timedelta(days=1), [KSK1, ZSK1], [1], [11], signatures=renewed),
        ).findings
        == []
    )
    lasting = [sig("SOA", 11, DAY, expiration=T0 + timedelta(days=20))]
    assert (
        judge(
            report(T0, [KSK1, ZSK1], [1], [11], signatures=lasting),
            report(T0 + timedelta(days=1), [KSK1, ZSK1], [1], [11], signatures=lasting),
        ).findings
        == []
    )


def test_runs_out_of_order_or_of_another_zone_are_not_compared():
    earlier = report(T0, [KSK1, ZSK1, ZSK2], [1], [11])
    later = report(T0 + timedelta(hours=6), [KSK1, ZSK2], [1], [12])
    assert judge(later, earlier).findings == []
    other = {**later, "zone": "example.com.", "chain": [{**later["chain"][1], "zone": "example.com."}]}
    assert judge(earlier, other).findings == []
