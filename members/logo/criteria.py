"""The logo's criteria, by version, and the pass rule: the one place where a check's report is judged.

A certificate and an application record the version they were judged by. A new version is a new
entry in VERSIONS (the old ones stay, so that the criteria page can show what each certificate
was judged by); CURRENT is what new applications and renewals get.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from checker import catalog
from checker.engine.report import stored_severity

PASS, FAIL, UNDECIDED = "pass", "fail", "undecided"


@dataclass(frozen=True)
class Criteria:
    version: str
    published: date
    blocking_groups: frozenset[str]  # an ERR or CRIT finding of these catalogue groups fails a zone
    blocking_numbers: frozenset[str]  # … and of these rows of other groups
    # The checker's own limits: the evidence is incomplete, so the zone is neither passed nor failed.
    undecided_ids: frozenset[str]


VERSIONS = {
    "2026.1": Criteria(
        version="2026.1",
        published=date(2026, 12, 1),
        blocking_groups=frozenset("DEFGHI"),
        blocking_numbers=frozenset({"B2", "B8", "B9", "B17"}),
        undecided_ids=frozenset({"ns_address_not_global", "validation_budget_exceeded", "check_limits_reached"}),
    ),
}
CURRENT = "2026.1"


@dataclass(frozen=True)
class Judgement:
    outcome: str  # PASS, FAIL or UNDECIDED
    reason: str  # the verdict or the finding ids that decided it, for people ("" when passed)


def judge(report: dict | None, version: str = CURRENT) -> Judgement:
    """The pass rule: verdict `secure`, and no ERR or CRIT finding of a blocking group or row.

    A check that could not decide (verdict `indeterminate`, a run that failed, servers this
    deployment may not query, the checker's own limits) is UNDECIDED: never a failure.
    """
    criteria = VERSIONS[version]
    if not report or report.get("error"):
        return Judgement(UNDECIDED, "no_report")
    findings = report.get("findings", [])
    limits = sorted({f["id"] for f in findings if f["id"] in criteria.undecided_ids})
    if limits:
        return Judgement(UNDECIDED, " ".join(limits))
    verdict = report.get("verdict", "")
    if verdict == "indeterminate":
        return Judgement(UNDECIDED, verdict)
    if verdict != "secure":
        return Judgement(FAIL, verdict)
    blocking = sorted(
        {f["id"] for f in findings if stored_severity(f) in ("CRIT", "ERR") and _blocks(f["id"], criteria)}
    )
    if blocking:
        return Judgement(FAIL, " ".join(blocking))
    return Judgement(PASS, "")


def _blocks(finding_id: str, criteria: Criteria) -> bool:
    try:
        row = catalog.get(finding_id)
    except KeyError:
        return False
    return row.group in criteria.blocking_groups or row.number in criteria.blocking_numbers


def combine(outcomes: list[str]) -> str:
    """A round passes when every zone passes; one failing zone fails it; otherwise it is undecided."""
    if FAIL in outcomes:
        return FAIL
    if outcomes and all(outcome == PASS for outcome in outcomes):
        return PASS
    return UNDECIDED


OUTCOME_LABELS = {PASS: _("passes"), FAIL: _("fails"), UNDECIDED: _("not checkable")}


def reason_parts(judgement: Judgement, language: str) -> list[tuple[str, str]]:
    """(text, finding id or "") for each word of a judgement's reason: verdicts and findings in words."""
    parts = []
    for word in judgement.reason.split():
        if word in catalog.VERDICTS:
            parts.append((catalog.verdict_label(word, language), ""))
        elif word == "no_report":
            parts.append((_("the check did not finish"), ""))
        else:
            try:
                parts.append((catalog.get(word).title.in_language(language), word))
            except KeyError:
                parts.append((word, ""))
    return parts
