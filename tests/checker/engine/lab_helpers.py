"""Running the engine against the lab fixtures of tests/checker/conftest.py."""

from __future__ import annotations

import asyncio

import dns.name

from checker import catalog
from checker.engine import Options, check
from checker.engine.report import display_evidence
from checker.engine.transport import SharedCache
from checker.engine.validator import Memo
from checker.lab import CONDITIONS

# These two conditions change only the www A/AAAA RRsets, which a check of the apex never
# sees (a checker cannot guess names): the name checked for them is www.<zone>.
CHECKED_AT_WWW = {"original-ttl", "ttl-mismatch"}
GOOD_CONDITIONS = ["alg8", "alg13", "alg15", "alg16", "nsec3"]
# The NSEC at www is the broken one, and a check of the apex never sees it; a check of
# www.<zone> does (test_lab_python.test_denial_contradicting_data_at_a_checked_name).
NOT_YET = {
    "denial-contradicts": "G5: the NSEC at www is only seen when www itself is checked",
}


def condition_params():
    import pytest

    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=NOT_YET[name], strict=True)) if name in NOT_YET else name
        for name in CONDITIONS
    ]


def lab_options(lab, port: int, anchor: str = "default", **kwargs) -> Options:
    return Options.from_files(
        str(lab.root_hints_file),
        [str(lab.trust_anchor_files[anchor])],
        lab_range=lab.network,
        port=port,
        **kwargs,
    )


def check_name(condition_name: str) -> str:
    condition = CONDITIONS[condition_name]
    return f"www.{condition.zone}" if condition_name in CHECKED_AT_WWW else condition.check_name


def run_condition(lab, port: int, condition_name: str, *, fresh: bool = False, profile: str = "full"):
    condition = CONDITIONS[condition_name]
    extra = {"cache": None, "memo": Memo()} if fresh else {"cache": SharedCache()}
    options = lab_options(lab, port, condition.trust_anchor, **extra)
    return asyncio.run(check(check_name(condition_name), options=options, now=lab.now, profile=profile))


def assert_condition(report, condition_name: str) -> None:
    condition = CONDITIONS[condition_name]
    # A condition may sit in an ancestor (a trust anchor of the root): its findings are upstream.
    ids = {finding.id for finding in report.findings + report.upstream}
    zone = dns.name.from_text(report.zone)
    for finding in report.upstream:
        above = dns.name.from_text(finding.zone)
        assert zone != above and zone.is_subdomain(above), (condition_name, finding)
    missing = condition.expected_findings - ids
    assert not missing, f"{condition_name}: missing {sorted(missing)}; got {sorted(ids)}"
    assert report.verdict == condition.expected_verdict, (condition_name, report.verdict, sorted(ids))
    known = catalog.ids()
    for finding in report.findings + report.upstream:
        if finding.id in known:
            row = catalog.get(finding.id)
            assert finding.severity in row.severities, (finding.id, finding.severity, row.severities)
            # The evidence fills every placeholder of the catalog's texts.
            shown = display_evidence(finding)
            empty = [name for name in row.placeholders if shown.get(name) in (None, "", [])]
            assert not empty, (finding.id, empty)
