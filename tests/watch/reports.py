"""Stored reports of one zone, built for the watch tests: only the fields watch.conditions reads."""

from datetime import UTC, datetime, timedelta

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
KSK = {"role": "KSK", "key_tag": 11111, "algorithm": 13}
ZSK = {"role": "ZSK", "key_tag": 22222, "algorithm": 13}
NEW_ZSK = {"role": "ZSK", "key_tag": 33333, "algorithm": 13}
DS = {"key_tag": 11111, "algorithm": 13, "digest_type": 2, "source": "parent"}


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def report(
    verdict="secure", findings=(), validity=timedelta(days=10), ttl=3600, keys=(KSK, ZSK), ds=(DS,), zone="example.jp"
):
    return {
        "schema_version": 2,
        "name": zone,
        "zone": zone,
        "now": iso(NOW),
        "verdict": verdict,
        "findings": [{"id": finding_id, "zone": zone, "evidence": {}} for finding_id in findings],
        "upstream": [],
        "chain": [
            {"zone": "jp", "earliest_expiration": iso(NOW + timedelta(days=1)), "signatures": [], "dnskeys": []},
            {
                "zone": zone,
                "earliest_expiration": iso(NOW + validity) if validity is not None else None,
                "signatures": [{"rrset": f"{zone}/SOA", "key_tag": ZSK["key_tag"], "original_ttl": ttl}],
                "dnskeys": [dict(key) for key in keys],
                "ds": [dict(record) for record in ds],
            },
        ],
    }


def signed(result, signers, *, inception, expiration, ttl=3600, ds_ttl=7200):
    """`result` with valid signatures: the KSK over the DNSKEY set, each of `signers` over the SOA, and the parent's
    over the DS set."""
    zone = result["chain"][1]
    window = {"status": "valid", "inception": iso(inception), "expiration": iso(expiration), "original_ttl": ttl}
    zone["signatures"] = [
        {"rrset": f"{zone['zone']}/DNSKEY", "key_tag": KSK["key_tag"], "algorithm": 13, **window},
        *({"rrset": f"{zone['zone']}/SOA", "key_tag": key["key_tag"], "algorithm": 13, **window} for key in signers),
    ]
    zone["parent"] = "jp"
    result["chain"][0]["signatures"] = [
        {"rrset": f"{zone['zone']}/DS", "key_tag": 999, "algorithm": 8, "status": "valid", "original_ttl": ds_ttl}
    ]
    return result
