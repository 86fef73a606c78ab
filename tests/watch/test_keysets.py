"""Key and DS sets across a watched domain's runs (watch.keysets): first and last sightings, signing, signature
windows and TTLs, from stored reports."""

from datetime import timedelta

from tests.watch.reports import DS, KSK, NEW_ZSK, NOW, ZSK, report, signed
from watch import keysets


def test_each_key_is_listed_with_its_first_and_last_sighting_and_its_signatures():
    times = [NOW, NOW + timedelta(hours=6), NOW + timedelta(hours=12)]
    runs = [
        (times[0], signed(report(keys=(KSK, ZSK)), [ZSK], inception=NOW, expiration=NOW + timedelta(days=14))),
        (
            times[1],
            signed(report(keys=(KSK, ZSK, NEW_ZSK)), [ZSK], inception=times[1], expiration=NOW + timedelta(days=15)),
        ),
        (
            times[2],
            signed(
                report(keys=(KSK, NEW_ZSK), ds=(DS, {**DS, "digest_type": 4})),
                [NEW_ZSK],
                inception=times[2],
                expiration=NOW + timedelta(days=16),
                ttl=86400,
            ),
        ),
    ]
    found = keysets.sightings(runs)
    assert [(s.kind, s.label, s.first, s.last, s.states(), s.ttl) for s in found] == [
        ("DNSKEY", "KSK 11111/13", times[0], times[2], [2, 2, 2], 86400),
        ("DNSKEY", "ZSK 22222/13", times[0], times[1], [2, 2, 0], 3600),
        ("DNSKEY", "ZSK 33333/13", times[1], times[2], [0, 1, 2], 86400),
        ("DS", "11111/13/2", times[0], times[2], [1, 1, 1], 7200),
        ("DS", "11111/13/4", times[2], times[2], [0, 0, 1], 7200),
    ]
    retired, new = found[1], found[2]
    assert (retired.inception, retired.expiration) == ("2026-12-01T06:00:00Z", "2026-12-16T00:00:00Z")
    assert (new.inception, new.expiration) == ("2026-12-01T12:00:00Z", "2026-12-17T00:00:00Z")


def test_a_run_without_the_zone_leaves_a_gap():
    runs = [(NOW, report()), (NOW + timedelta(hours=6), {"zone": "example.jp", "chain": []})]
    (ksk, zsk, ds) = keysets.sightings(runs)
    assert (ksk.states(), zsk.states(), ds.states()) == ([1, 0], [1, 0], [1, 0])
    assert ksk.last == NOW


def test_a_run_without_valid_signatures_keeps_the_ttls_last_seen():
    runs = [
        (NOW, signed(report(), [ZSK], inception=NOW, expiration=NOW + timedelta(days=14))),
        (NOW + timedelta(hours=6), report(verdict="bogus")),  # its signatures are not valid: no TTL is known
    ]
    (ksk, zsk, ds) = keysets.sightings(runs)
    assert (ksk.ttl, zsk.ttl, ds.ttl) == (3600, 3600, 7200)
    assert (zsk.states(), zsk.last, zsk.expiration) == ([2, 1], NOW + timedelta(hours=6), "2026-12-15T00:00:00Z")
