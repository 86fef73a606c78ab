"""The demo reports: at least 12, both languages, valid finding ids that match their category."""

import pytest
from django.core.management import call_command

from checker import catalog
from failures.demo import REPORTS
from failures.models import AffectedRole, FailureReport, Status

pytestmark = pytest.mark.django_db

# Which finding ids fit which category: each report's ids must include one of these.
EXPECTED = {
    "signature-expiry": {"rrsig_expired", "resign_lag", "rrsig_expiration_imminent"},
    "key-rollover": {"ksk_ds_timing", "no_secure_entry_point", "zsk_retired_too_early", "ds_key_not_signing_dnskey"},
    "operator-transfer": {"ds_but_unsigned", "multi_signer_consistency", "no_secure_entry_point"},
    "algorithm-digest": {"dnskey_alg_sha1", "ds_digest_deprecated", "insecure_by_unsupported_algorithm"},
    "denial-of-existence": {"nsec3_iterations_over_resolver_limit", "nsec3_iterations_nonzero"},
    "transport": {"tc_and_tcp_broken", "tcp_unresponsive", "large_dnssec_response", "pmtu_fragmentation"},
    "trust-anchor-clock": {"trust_anchor_not_signing", "rrsig_inception_too_recent", "rrsig_not_yet_valid"},
    "ds-handling": {"ds_digest_mismatch", "no_secure_entry_point", "ds_digest_invalid"},
    "software-bug": {"secondary_stale", "soa_serial_mismatch"},
    "process-human-error": {"rrsig_key_absent", "zsk_retired_too_early"},
}


def test_demo_reports_are_complete_and_consistent():
    assert len(REPORTS) >= 12
    assert len({r["key"] for r in REPORTS}) == len(REPORTS)
    ids = catalog.ids()
    for report in REPORTS:
        assert set(report["finding_ids"]) <= ids, report["key"]
        assert set(report["finding_ids"]) & EXPECTED[report["category"]], report["key"]
        assert set(report["roles"]) <= set(AffectedRole.values)
        for language in ("ja", "en"):
            assert set(report[language]) == {
                "title",
                "summary",
                "symptoms",
                "detection",
                "root_cause",
                "fix",
                "lessons",
            }
            assert all(report[language].values()), (report["key"], language)
        assert all(len(entry) == 3 and all(entry) for entry in report["timeline"])
        assert all(url.startswith("https://") for url in report["references"])


def test_loading_twice_gives_the_same_published_reports(categories):
    call_command("load_failure_reports", verbosity=0)
    call_command("load_failure_reports", verbosity=0)
    assert FailureReport.objects.filter(status=Status.PUBLISHED).count() == len(REPORTS)
    assert all(r.missing_languages() == [] for r in FailureReport.objects.all())
    assert all(r.revisions.count() == 1 for r in FailureReport.objects.all())
