"""The life of a logo certificate: apply, check the evidence, review, issue, re-check, grace,
suspension, revocation, renewal, withdrawal. Every change of a certificate goes through
`_change()`, which writes its audit entry: nothing changes state without one.

Time is `portal.clock.now()`, so that tests and demos can move every process's time together.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checker import runs
from checker.models import CheckRun
from members import emails
from members.logo import criteria, resolver_evidence
from members.logo.models import CURRENT_STATES, RESOLVER, Application, Certificate, CertificateEvent, Evaluation
from members.models import normalise_domain
from members.permissions import has_role, organisation_of, users_with
from members.roles import Role
from portal import clock, scheduler

log = logging.getLogger(__name__)
State = Certificate.State
RECHECK = "logo.recheck"  # the scheduler's kind for a certificate's daily re-check
JUDGE_RESOLVER = "members.logo.judge_resolver"  # the task that judges a resolver application's round
VALIDITY = timedelta(days=365)


def grace_period() -> timedelta:
    return timedelta(days=settings.LOGO_GRACE_DAYS)


def suspension_period() -> timedelta:
    return timedelta(days=settings.LOGO_SUSPENSION_DAYS)


def period_ends(certificate: Certificate):
    """When the grace period or the suspension ends, if the certificate is in one (None otherwise)."""
    if certificate.state == State.GRACE:
        return certificate.state_since + grace_period()
    if certificate.state == State.SUSPENDED:
        return certificate.state_since + suspension_period()
    return None


def register_with_scheduler() -> None:
    """Every valid certificate is re-checked daily (members.tasks.recheck_certificate, on `monitor`)."""
    scheduler.register(RECHECK, task="members.logo.recheck", queue="monitor", every=timedelta(days=1))


# Evidence


def clean_zones(text: str) -> list[str]:
    """The evidence list as typed (one name per line, or separated by spaces or commas): normalised,
    duplicates dropped, at most LOGO_MAX_ZONES. Raises ValidationError naming every bad line."""
    names, errors = [], []
    for word in text.replace(",", " ").split():
        try:
            name = normalise_domain(word)
        except ValidationError:
            errors.append(_("%(name)s is not a valid domain name.") % {"name": word})
            continue
        if name not in names:
            names.append(name)
    if errors:
        raise ValidationError(errors)
    if not names:
        raise ValidationError(_("Name at least one zone."))
    limit = settings.LOGO_MAX_ZONES
    if len(names) > limit:
        raise ValidationError(
            ngettext(
                "Name at most %(limit)d zone (you named %(count)d).",
                "Name at most %(limit)d zones (you named %(count)d).",
                limit,
            )
            % {"limit": limit, "count": len(names)}
        )
    return names


def _evaluate(zones: list[str], queue: str, user=None, certificate=None) -> Evaluation:
    """A new evidence round: one check of each zone, sent once the transaction commits."""
    evaluation = Evaluation.objects.create(created_at=clock.now(), certificate=certificate)
    evaluation.runs.add(*runs.submit_batch(zones, user=user, queue=queue))
    return evaluation


def _evaluate_resolver() -> Evaluation:
    """A new evidence round of a resolver application, judged on the batch queue once the transaction commits
    (its direct probes wait for answers): members.tasks.judge_resolver, then settle_resolver."""
    from portal.celery import app, queue_name

    evaluation = Evaluation.objects.create(created_at=clock.now())
    pk = evaluation.pk
    transaction.on_commit(lambda: app.send_task(JUDGE_RESOLVER, (pk,), queue=queue_name(CheckRun.Queue.BATCH)))
    return evaluation


def judgements(evaluation: Evaluation, version: str) -> list[tuple[CheckRun, criteria.Judgement]]:
    """Each zone's run and how the criteria judge it (read again from the report: one source)."""
    return [
        (run, criteria.judge(run.report if run.state == CheckRun.State.DONE else None, version))
        for run in evaluation.runs.order_by("domain")
    ]


def settle(evaluation_id: int) -> bool:
    """Decide a round once all its runs have ended, and act on it; False while runs are pending.

    Called when any of its runs ends (members.signals) and safe to call again: the round is
    settled once, under a row lock.
    """
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(pk=evaluation_id, outcome="").first()
        if evaluation is None:
            return False
        if evaluation.runs.exclude(state__in=(CheckRun.State.DONE, CheckRun.State.FAILED)).exists():
            return False
        application = evaluation.applications.first()
        certificate = evaluation.certificate
        version = (application or certificate).criteria_version
        evaluation.outcome = criteria.combine([j.outcome for _run, j in judgements(evaluation, version)])
        evaluation.settled_at = clock.now()
        evaluation.save(update_fields=["outcome", "settled_at"])
        _act_on(evaluation, application, certificate)
    return True


def settle_resolver(evaluation_id: int) -> bool:
    """Judge a resolver round (the runs of its rule's window and the direct probes) and act on it, as settle()
    does a zone round; False when it was settled already."""
    from resolvertest import conf as resolvertest_conf
    from resolvertest import probe

    evaluation = Evaluation.objects.filter(pk=evaluation_id, outcome="").first()
    if evaluation is None:
        return False
    application = evaluation.applications.first()
    certificate = evaluation.certificate
    subject = application or certificate
    rule = resolver_evidence.recheck_rule() if application is None else resolver_evidence.application_rule()
    probes = [probe.probe(address) for address in subject.probe_addresses]  # outside the transaction: it waits
    now = clock.now()
    results = resolver_evidence.gather(subject.prefixes, rule, now)
    judgement = resolver_evidence.judge(results, rule, probes, available=resolvertest_conf.zone() is not None)
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(pk=evaluation_id, outcome="").first()
        if evaluation is None:
            return False
        evaluation.test_runs.set([result.run for result in results])
        evaluation.evidence = resolver_evidence.evidence_record(judgement)
        evaluation.outcome = judgement.outcome
        evaluation.settled_at = now
        evaluation.save(update_fields=["evidence", "outcome", "settled_at"])
        _act_on(evaluation, application, certificate)
        if application is None:
            _ask_for_a_run(certificate, judgement, now)
    return True


def _act_on(evaluation: Evaluation, application, certificate) -> None:
    """What a settled round does, inside its transaction: an application becomes ready for review, a
    certificate's re-check moves it on, and an undecided round alerts the staff once committed."""
    if application is not None:
        Application.objects.filter(pk=application.pk, state=Application.State.CHECKING).update(
            state=Application.State.READY
        )
    elif certificate is not None:
        _after_recheck(certificate, evaluation)
    if evaluation.outcome == criteria.UNDECIDED:
        transaction.on_commit(lambda: _alert_staff(evaluation, application, certificate))


# Applications and review


OPEN_STATES = (Application.State.CHECKING, Application.State.READY)


def apply(
    organisation,
    category: str,
    zones: list[str],
    user,
    renews: Certificate | None = None,
    prefixes: list[str] = (),
    probe_addresses: list[str] = (),
) -> Application:
    """One open application per organisation and category (the evidence checks cost the batch queue's
    time), and a renewal instead of a second certificate in a category the organisation already holds.

    The resolver category names prefixes (and optionally addresses to probe) instead of zones; a prefix that
    overlaps another organisation's resolver prefixes is refused."""
    resolver = category == RESOLVER
    if resolver:
        zones = []
        clashes = resolver_evidence.overlapping(list(prefixes), organisation)
        if clashes:
            raise ValidationError(
                [
                    _("%(prefix)s overlaps the resolver prefixes of another organisation.") % {"prefix": prefix}
                    for prefix in clashes
                ],
                code="overlap",
            )
    else:
        prefixes, probe_addresses = [], []
    with transaction.atomic():
        # Locked, so that two submissions at the same moment make one application.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        if Application.objects.filter(organisation=organisation, category=category, state__in=OPEN_STATES).exists():
            raise ValidationError(
                _(
                    "Your organisation already has an open application in this category. Wait for its decision, "
                    "or withdraw it first."
                ),
                code="open_application",
            )
        held = Certificate.objects.filter(organisation=organisation, category=category, state__in=CURRENT_STATES)
        if renews is None and held.exists():
            raise ValidationError(
                _("Your organisation already holds certificate %(number)s in this category: renew it instead.")
                % {"number": held.first().number},
                code="certified",
            )
        return Application.objects.create(
            organisation=organisation,
            category=category,
            zones=zones,
            prefixes=list(prefixes),
            probe_addresses=list(probe_addresses),
            criteria_version=criteria.CURRENT,
            applicant=user,
            created_at=clock.now(),
            evaluation=_evaluate_resolver() if resolver else _evaluate(zones, CheckRun.Queue.BATCH, user),
            renews=renews,
        )


def may_check_again(application: Application) -> bool:
    return application.state == Application.State.READY and application.evaluation.outcome != criteria.PASS


def check_again(application: Application, user) -> None:
    """A new evidence round for an application whose zones were fixed or could not be checked."""
    if not may_check_again(application):
        raise ValidationError(_("Only an application whose evidence failed or could not be checked is checked again."))
    with transaction.atomic():
        if application.category == RESOLVER:
            application.evaluation = _evaluate_resolver()
        else:
            application.evaluation = _evaluate(application.zones, CheckRun.Queue.BATCH, user)
        application.state = Application.State.CHECKING
        application.save(update_fields=["evaluation", "state"])


def may_approve(application: Application) -> bool:
    return application.state == Application.State.READY and application.evaluation.outcome == criteria.PASS


def _not_own(application: Application, reviewer) -> None:
    """A logo reviewer never decides their own organisation's application (an administrator may: appeals)."""
    if not has_role(reviewer, Role.ADMINISTRATOR) and organisation_of(reviewer) == application.organisation:
        raise ValidationError(_("A reviewer does not decide an application of their own organisation."))


def approve(application: Application, reviewer, comment: str = "") -> Certificate:
    """Issue the certificate (or renew the one the application renews). Only a passed round may be approved."""
    _not_own(application, reviewer)
    if not may_approve(application):
        raise ValidationError(_("Only an application whose evidence passed can be approved."))
    now = clock.now()
    with transaction.atomic():
        certificate = application.renews
        if certificate is None:
            certificate = _issue(application, now)
            _record(certificate, "", State.VALID, reviewer, application.evaluation, comment or _("Issued."), now)
        else:
            before = certificate.state
            certificate.zones = application.zones
            certificate.prefixes = application.prefixes
            certificate.probe_addresses = application.probe_addresses
            certificate.criteria_version = application.criteria_version
            certificate.expires_at = max(certificate.expires_at, now) + VALIDITY
            certificate.state, certificate.state_since = State.VALID, now
            certificate.last_pass_at = now
            certificate.save()
            _record(certificate, before, State.VALID, reviewer, application.evaluation, comment or _("Renewed."), now)
        scheduler.schedule(RECHECK, certificate.pk, now + timedelta(days=1))
        _decide(application, Application.State.APPROVED, reviewer, comment, now, certificate)
    return certificate


def reject(application: Application, reviewer, comment: str) -> None:
    _not_own(application, reviewer)
    if application.state not in OPEN_STATES:
        raise ValidationError(_("This application has already been decided."))
    if not comment.strip():
        raise ValidationError(_("Say why the application is rejected."))
    _decide(application, Application.State.REJECTED, reviewer, comment, clock.now())


def withdraw_application(application: Application, user) -> None:
    if application.state not in OPEN_STATES:
        raise ValidationError(_("This application has already been decided."))
    _decide(application, Application.State.WITHDRAWN, user, "", clock.now())


def _decide(application, state, user, comment, now, certificate=None):
    application.state, application.reviewer, application.decided_at = state, user, now
    application.comment, application.certificate = comment, certificate
    application.save(update_fields=["state", "reviewer", "decided_at", "comment", "certificate"])


def next_number(year: int) -> str:
    """YEAR-NNNN: the year's next sequence number."""
    last = (
        Certificate.objects.filter(number__startswith=f"{year}-")
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{year}-{int(last.split('-')[1]) + 1 if last else 1:04d}"


def _issue(application: Application, now) -> Certificate:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    number=next_number(now.year),
                    organisation=application.organisation,
                    category=application.category,
                    zones=application.zones,
                    prefixes=application.prefixes,
                    probe_addresses=application.probe_addresses,
                    criteria_version=application.criteria_version,
                    state=State.VALID,
                    state_since=now,
                    issued_at=now,
                    expires_at=now + VALIDITY,
                    last_pass_at=now,
                )
        except IntegrityError:  # another reviewer took the number at the same moment
            continue
    raise RuntimeError("no free certificate number")


# The provider's and the staff's own decisions


def withdraw(certificate: Certificate, user, note: str = "") -> None:
    if certificate.state not in CURRENT_STATES:
        raise ValidationError(_("This certificate has already ended."))
    _change(certificate, State.WITHDRAWN, user, None, note or _("Withdrawn by the provider."))


REINSTATABLE_STATES = (State.SUSPENDED, State.REVOKED)


def reinstate(certificate: Certificate, user, note: str) -> None:
    """Staff's answer to an appeal: a suspended or revoked certificate is valid again, until it expires."""
    if certificate.state not in REINSTATABLE_STATES:
        raise ValidationError(_("Only a suspended or revoked certificate can be reinstated."))
    if not note.strip():
        raise ValidationError(_("Say why the certificate is reinstated."))
    _change(certificate, State.VALID, user, None, note)


# The scheduler's daily re-check


def recheck(certificate_id: int) -> Evaluation | None:
    """Expire an ended certificate, or start a round of checks of its zones on the monitor queue."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None or certificate.state not in CURRENT_STATES:
        scheduler.unschedule(RECHECK, certificate_id)
        return None
    now = clock.now()
    if now >= certificate.expires_at:
        _change(certificate, State.EXPIRED, None, None, _("The certificate reached its expiry date."))
        return None
    if certificate.category == RESOLVER:
        # No check to wait for: the runs are there or not. Judged at once, in this task on the monitor queue.
        evaluation = Evaluation.objects.create(created_at=now, certificate=certificate)
        settle_resolver(evaluation.pk)
        evaluation.refresh_from_db()
        return evaluation
    with transaction.atomic():
        return _evaluate(certificate.zones, CheckRun.Queue.MONITOR, certificate=certificate)


def run_request_due(certificate: Certificate, latest_run, now) -> bool:
    """Whether the portal asks for a fresh resolver test run now: LOGO_RESOLVER_RECHECK_DAYS after the latest
    qualifying run (or, with none left in the window, after the last request), once each time."""
    every = timedelta(days=settings.LOGO_RESOLVER_RECHECK_DAYS)
    requested = certificate.run_requested_at
    if latest_run is not None:
        due = latest_run + every
    elif requested is not None:
        due = requested + every
    else:
        due = now
    return now >= due and (requested is None or requested < due)


def _ask_for_a_run(certificate: Certificate, judgement, now) -> None:
    """The monthly request: an e-mail with a link to the resolver test, since the portal cannot run one itself."""
    if certificate.state not in CURRENT_STATES:
        return
    if not run_request_due(certificate, resolver_evidence.latest_qualifying(judgement), now):
        return
    certificate.run_requested_at = now
    certificate.save(update_fields=["run_requested_at"])
    deadline = now + timedelta(days=settings.LOGO_RESOLVER_ANSWER_DAYS)
    transaction.on_commit(lambda: _request_run(certificate, deadline))


def _after_recheck(certificate: Certificate, evaluation: Evaluation) -> None:
    now = evaluation.settled_at
    certificate.last_evaluation = evaluation
    if evaluation.outcome == criteria.PASS:
        certificate.last_pass_at = now
        certificate.save(update_fields=["last_evaluation", "last_pass_at", "changed_at"])
        if certificate.state in (State.GRACE, State.SUSPENDED):
            again = (
                _("A qualifying resolver test run arrived: the resolvers meet the criteria again.")
                if certificate.category == RESOLVER
                else _("The zones pass the criteria again.")
            )
            _change(certificate, State.VALID, None, evaluation, again)
        return
    certificate.save(update_fields=["last_evaluation", "changed_at"])
    if evaluation.outcome != criteria.FAIL:
        return  # undecided: staff are alerted; the certificate's state does not move
    if certificate.state == State.VALID:
        failed = (
            _("No qualifying resolver test run arrived in time: the grace period begins.")
            if certificate.category == RESOLVER
            else _("A re-check failed: the grace period begins.")
        )
        _change(certificate, State.GRACE, None, evaluation, failed)
    elif certificate.state == State.GRACE and now >= certificate.state_since + grace_period():
        _change(certificate, State.SUSPENDED, None, evaluation, _("Still failing at the end of the grace period."))
    elif certificate.state == State.SUSPENDED and now >= certificate.state_since + suspension_period():
        _change(certificate, State.REVOKED, None, evaluation, _("Still failing at the end of the suspension."))


# The one way a certificate changes state


def _change(certificate: Certificate, to_state: str, actor, evaluation, note: str) -> None:
    now = clock.now()
    with transaction.atomic():
        before = certificate.state
        certificate.state, certificate.state_since = to_state, now
        certificate.save(update_fields=["state", "state_since", "changed_at"])
        _record(certificate, before, to_state, actor, evaluation, note, now)
        if to_state not in CURRENT_STATES:
            scheduler.unschedule(RECHECK, certificate.pk)
    transaction.on_commit(lambda: _tell_organisation(certificate, before, to_state))


def _record(certificate, before, after, actor, evaluation, note, now):
    CertificateEvent.objects.create(
        certificate=certificate,
        at=now,
        from_state=before,
        to_state=after,
        actor=actor,
        evaluation=evaluation,
        note=note,
    )


# E-mail


def _request_run(certificate: Certificate, deadline) -> None:
    for address, language in emails.organisation_recipients(certificate.organisation):
        try:
            emails.send(
                "logo_resolver_request", language, {"certificate": certificate, "deadline": deadline}, [address]
            )
        except Exception:
            log.exception("request for a resolver test run for %s to %s failed", certificate.number, address)


def _tell_organisation(certificate: Certificate, before: str, after: str) -> None:
    for address, language in emails.organisation_recipients(certificate.organisation):
        try:
            emails.send(
                "logo_state",
                language,
                {
                    "certificate": certificate,
                    "before": before,
                    "after": after,
                    "period_ends": period_ends(certificate),
                    "resolver_window_days": resolver_evidence.recheck_rule().window_days,
                },
                [address],
            )
        except Exception:  # a mail server that is down must not undo the change; the audit entry stays
            log.exception("mail about certificate %s to %s failed", certificate.number, address)


def _reasons_in(judgement, language: str) -> list[str]:
    if judgement is None:
        return []
    with translation.override(language):
        return resolver_evidence.reasons(judgement)


def _alert_staff(evaluation, application, certificate) -> None:
    administrators = users_with(Role.ADMINISTRATOR)
    subject = certificate or application
    resolver = subject.category == RESOLVER
    judgement = resolver_evidence.of_evaluation(evaluation, subject.prefixes) if resolver else None
    for user in administrators.exclude(email=""):
        try:
            emails.send(
                "logo_undecided",
                user.membership.language,
                {
                    "application": application,
                    "certificate": certificate,
                    "subject": subject,
                    "judgements": [] if resolver else judgements(evaluation, subject.criteria_version),
                    "resolver_reasons": _reasons_in(judgement, user.membership.language),
                },
                [user.email],
            )
        except Exception:
            log.exception("alert about evaluation %s failed", evaluation.pk)
