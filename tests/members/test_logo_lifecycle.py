"""The logo's pass rule and the life of a certificate, judged in one process (the whole life through a
real worker and the DNS lab is tests/members/test_logo_integration.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase

from checker import runs
from checker.models import CheckRun
from members.logo import criteria, lifecycle
from members.logo.models import Application, Certificate, CertificateEvent
from members.roles import Role
from portal import clock, scheduler
from tests.checker.conftest import lab, socket_guard  # noqa: F401 (fixtures)

SECURE = {"verdict": "secure", "findings": []}
BOGUS = {"verdict": "bogus", "findings": [{"id": "rrsig_expired"}]}
UNDECIDED = {"verdict": "indeterminate", "findings": [{"id": "walk_incomplete"}]}


@pytest.mark.parametrize(
    "report, outcome, reason",
    [
        (SECURE, criteria.PASS, ""),
        (BOGUS, criteria.FAIL, "bogus"),
        ({"verdict": "insecure", "findings": []}, criteria.FAIL, "insecure"),
        (UNDECIDED, criteria.UNDECIDED, "indeterminate"),
        (None, criteria.UNDECIDED, "no_report"),
        # B2 is one of the blocking rows of group B; group C is not blocking, even when wrong.
        ({"verdict": "secure", "findings": [{"id": "tcp_unresponsive"}]}, criteria.FAIL, "tcp_unresponsive"),
        ({"verdict": "secure", "findings": [{"id": "udp_unresponsive"}]}, criteria.PASS, ""),
        ({"verdict": "secure", "findings": [{"id": "soa_serial_mismatch"}]}, criteria.PASS, ""),
        # A multi-severity row blocks at ERR, not at WARN (B8 edns_broken).
        ({"verdict": "secure", "findings": [{"id": "edns_broken", "severity": "ERR"}]}, criteria.FAIL, "edns_broken"),
        ({"verdict": "secure", "findings": [{"id": "edns_broken", "severity": "WARN"}]}, criteria.PASS, ""),
        # Group D at its default severity (D3 is CRIT), and a NOTE of group D that does not block.
        ({"verdict": "secure", "findings": [{"id": "no_secure_entry_point"}]}, criteria.FAIL, "no_secure_entry_point"),
        ({"verdict": "secure", "findings": [{"id": "ds_sha256_missing"}]}, criteria.PASS, ""),
        # Servers this deployment may not query, and the checker's own limits: never a pass, never a failure.
        (
            {"verdict": "secure", "findings": [{"id": "ns_address_not_global"}]},
            criteria.UNDECIDED,
            "ns_address_not_global",
        ),
        (
            {"verdict": "secure", "findings": [{"id": "check_limits_reached"}]},
            criteria.UNDECIDED,
            "check_limits_reached",
        ),
    ],
)
def test_the_pass_rule(report, outcome, reason):
    assert criteria.judge(report) == criteria.Judgement(outcome, reason)


@pytest.mark.parametrize(
    "outcomes, combined",
    [
        ([criteria.PASS, criteria.PASS], criteria.PASS),
        ([criteria.PASS, criteria.FAIL], criteria.FAIL),
        ([criteria.UNDECIDED, criteria.FAIL], criteria.FAIL),
        ([criteria.PASS, criteria.UNDECIDED], criteria.UNDECIDED),
        ([], criteria.UNDECIDED),
    ],
)
def test_a_round_passes_only_when_every_zone_passes(outcomes, combined):
    assert criteria.combine(outcomes) == combined


def test_the_evidence_list_is_normalised_and_bounded(settings):
    from django.utils import translation

    translation.activate("en")
    settings.LOGO_MAX_ZONES = 3
    assert lifecycle.clean_zones("Example.JP.\nexample.jp, 例え.jp  b.example") == [
        "example.jp",
        "xn--r8jz45g.jp",
        "b.example",
    ]
    with pytest.raises(ValidationError) as error:
        lifecycle.clean_zones("a.jp b.jp c.jp d.jp")
    assert error.value.messages == ["Name at most 3 zones (you named 4)."]
    with pytest.raises(ValidationError) as error:
        lifecycle.clean_zones("good.jp bad..jp -x-.jp")
    assert error.value.messages == ["bad..jp is not a valid domain name.", "-x-.jp is not a valid domain name."]


def test_the_evidence_errors_are_in_japanese(settings):
    from django.utils import translation

    with translation.override("ja"), pytest.raises(ValidationError) as error:
        lifecycle.clean_zones("")
    assert error.value.messages == ["ゾーンを1つ以上挙げてください。"]


def end(evaluation, report_by_zone):
    """Each run of the round ends as a worker would end it (runs.finish or runs.fail); what waits for the
    commit (the e-mails) then runs, as it does outside a test's transaction."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        _end(evaluation, report_by_zone)


def _end(evaluation, report_by_zone):
    for run in evaluation.runs.all():
        CheckRun.objects.filter(pk=run.pk).update(state=CheckRun.State.RUNNING, attempts=1)
        run.refresh_from_db()
        report = report_by_zone[run.domain]
        if report is None:
            runs.fail(run, "worker_lost")
        else:
            runs.finish(run, report, [])


@pytest.fixture
def certified(organisation, make_user):
    """A certificate issued through application, evidence and review; returns (certificate, applicant)."""
    applicant = make_user(Role.MEMBER, organisation, email="ops@example.jp", language="en")
    reviewer = make_user(Role.LOGO_REVIEWER, email="reviewer@dnssec.jp.invalid")
    application = lifecycle.apply(organisation, "dns-hosting", ["a.example", "b.example"], applicant)
    assert application.state == Application.State.CHECKING
    assert application.evaluation.runs.count() == 2
    assert set(application.evaluation.runs.values_list("queue", flat=True)) == {"batch"}
    end(application.evaluation, {"a.example": SECURE, "b.example": SECURE})
    application.refresh_from_db()
    assert (application.state, application.evaluation.outcome) == (Application.State.READY, criteria.PASS)
    certificate = lifecycle.approve(application, reviewer, "ok")
    return certificate, applicant


def recheck(certificate, reports):
    evaluation = lifecycle.recheck(certificate.pk)
    assert set(evaluation.runs.values_list("queue", flat=True)) == {"monitor"}
    end(evaluation, reports)
    certificate.refresh_from_db()
    evaluation.refresh_from_db()
    return evaluation


def test_an_approved_application_issues_a_numbered_certificate_that_the_scheduler_rechecks(certified):
    certificate, _applicant = certified
    now = clock.now()
    assert certificate.number == f"{now.year}-0001"
    assert certificate.state == Certificate.State.VALID
    assert certificate.criteria_version == criteria.CURRENT
    assert certificate.expires_at - certificate.issued_at == timedelta(days=365)
    assert scheduler.due_at(lifecycle.RECHECK, certificate.pk) == certificate.issued_at + timedelta(days=1)
    event = CertificateEvent.objects.get(certificate=certificate)
    assert (event.from_state, event.to_state, event.actor.email, event.note) == (
        "",
        "valid",
        "reviewer@dnssec.jp.invalid",
        "ok",
    )


def test_failing_rechecks_lead_to_grace_suspension_and_revocation(certified, settings):
    certificate, _applicant = certified
    failing = {"a.example": SECURE, "b.example": BOGUS}
    recheck(certificate, failing)
    assert certificate.state == Certificate.State.GRACE
    assert [m.subject for m in mail.outbox] == [
        f"[DNSSEC Japan] Logo certificate {certificate.number}: In grace period"
    ]
    clock.advance(timedelta(days=settings.LOGO_GRACE_DAYS - 1))
    recheck(certificate, failing)
    assert certificate.state == Certificate.State.GRACE  # the grace period has a day left
    clock.advance(timedelta(days=1))
    recheck(certificate, failing)
    assert certificate.state == Certificate.State.SUSPENDED
    clock.advance(timedelta(days=settings.LOGO_SUSPENSION_DAYS))
    recheck(certificate, failing)
    assert certificate.state == Certificate.State.REVOKED
    assert lifecycle.recheck(certificate.pk) is None  # ended: no more checks
    assert scheduler.due_at(lifecycle.RECHECK, certificate.pk) is None
    trail = list(certificate.events.values_list("from_state", "to_state", "actor"))
    assert trail == [
        ("", "valid", trail[0][2]),
        ("valid", "grace", None),
        ("grace", "suspended", None),
        ("suspended", "revoked", None),
    ]


def test_a_fix_in_grace_makes_the_certificate_valid_again(certified):
    certificate, _applicant = certified
    recheck(certificate, {"a.example": BOGUS, "b.example": SECURE})
    assert certificate.state == Certificate.State.GRACE
    clock.advance(timedelta(days=3))
    evaluation = recheck(certificate, {"a.example": SECURE, "b.example": SECURE})
    assert certificate.state == Certificate.State.VALID
    assert certificate.last_pass_at == evaluation.settled_at
    assert mail.outbox[-1].subject == f"[DNSSEC Japan] Logo certificate {certificate.number}: Valid"


def test_an_undecided_recheck_changes_nothing_and_alerts_staff(certified, administrator):
    certificate, _applicant = certified
    mail.outbox.clear()
    recheck(certificate, {"a.example": UNDECIDED, "b.example": None})
    assert certificate.state == Certificate.State.VALID
    assert certificate.events.count() == 1
    assert [m.to for m in mail.outbox] == [["admin@dnssec.jp.invalid"]]
    # … and also in grace: an undecided round neither starts nor ends nor extends anything.
    recheck(certificate, {"a.example": BOGUS, "b.example": SECURE})
    clock.advance(timedelta(days=20))
    recheck(certificate, {"a.example": UNDECIDED, "b.example": SECURE})
    assert certificate.state == Certificate.State.GRACE


def test_an_expired_certificate_ends_at_its_next_recheck(certified):
    certificate, _applicant = certified
    clock.advance(timedelta(days=366))
    assert lifecycle.recheck(certificate.pk) is None
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.EXPIRED


def test_a_renewal_keeps_the_number_and_extends_the_expiry(certified, make_user):
    certificate, applicant = certified
    clock.advance(timedelta(days=300))
    renewal = lifecycle.apply(certificate.organisation, "dns-hosting", ["a.example"], applicant, renews=certificate)
    end(renewal.evaluation, {"a.example": SECURE})
    renewal.refresh_from_db()
    expires = certificate.expires_at
    renewed = lifecycle.approve(renewal, make_user(Role.LOGO_REVIEWER, email="r2@dnssec.jp.invalid"))
    assert renewed.pk == certificate.pk
    assert (renewed.number, renewed.zones, renewed.expires_at) == (
        certificate.number,
        ["a.example"],
        expires + timedelta(days=365),
    )


def test_a_failed_application_cannot_be_approved(organisation, make_user):
    applicant = make_user(Role.MEMBER, organisation)
    application = lifecycle.apply(organisation, "registrar", ["a.example"], applicant)
    end(application.evaluation, {"a.example": BOGUS})
    application.refresh_from_db()
    reviewer = make_user(Role.LOGO_REVIEWER, email="r@dnssec.jp.invalid")
    with pytest.raises(ValidationError):
        lifecycle.approve(application, reviewer)
    lifecycle.reject(application, reviewer, "The zone is bogus.")
    application.refresh_from_db()
    assert application.state == Application.State.REJECTED


def test_a_reviewer_never_decides_their_own_organisations_application(organisation, make_user):
    from django.utils import translation

    applicant = make_user(Role.MEMBER, organisation)
    colleague = make_user(Role.LOGO_REVIEWER, organisation, email="colleague@example.jp")
    application = lifecycle.apply(organisation, "registrar", ["a.example"], applicant)
    end(application.evaluation, {"a.example": SECURE})
    application.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        lifecycle.approve(application, colleague)
    assert error.value.messages == ["A reviewer does not decide an application of their own organisation."]
    with pytest.raises(ValidationError):
        lifecycle.reject(application, colleague, "no")
    application.refresh_from_db()
    assert application.state == Application.State.READY


def test_the_dispatcher_claims_each_due_job_once(certified, monkeypatch):
    certificate, _applicant = certified
    sent = []
    from portal.celery import app, queue_name

    monkeypatch.setattr(app, "send_task", lambda name, args, queue: sent.append((name, args, queue)))
    assert scheduler.dispatch() == 0  # not due before a day has passed
    clock.advance(timedelta(days=1))
    assert scheduler.dispatch() == 1
    assert scheduler.dispatch() == 0  # claimed: a second beat's tick sends nothing
    assert sent == [("members.logo.recheck", (certificate.pk,), queue_name("monitor"))]


def test_manage_py_clock_moves_every_process_time_and_refuses_nonsense(db, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("clock", "--advance", "15d")
    assert "(offset 15 days, 0:00:00)" in capsys.readouterr().out
    call_command("clock", "--advance=-1d")
    assert clock.offset() == timedelta(days=14)
    with pytest.raises(CommandError, match="'2 weeks' is not a duration"):
        call_command("clock", "--advance", "2 weeks")
    call_command("clock", "--reset")
    assert clock.offset() == timedelta(0)


def test_outside_lab_mode_a_zone_on_private_addresses_is_not_checkable_never_passing(lab, socket_guard):  # noqa: F811
    """The demo lab's secure zone, checked as the public checker checks (no lab mode): every server of the
    lab is on a private address, so nothing is queried and the zone is 'not checkable', not 'passes'."""
    from checker.engine.api import Options, check_sync

    options = Options.from_files(str(lab.root_hints_file), [str(lab.trust_anchor_file)], cache=None)
    report = check_sync("alg13.test", options=options, now=lab.now).to_dict()
    assert sum(socket_guard.sent.values()) == 0
    assert criteria.judge(report) == criteria.Judgement(criteria.UNDECIDED, "indeterminate")
    assert criteria.OUTCOME_LABELS[criteria.UNDECIDED] == "検査できない"
