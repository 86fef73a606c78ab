"""The life of a watched domain: add, re-check through portal.scheduler, judge each run, alert.

Time is `portal.clock.now()`. A re-check is one run on the `monitor` queue with the batch checks'
options (checker.runs.submit_batch); when it ends (checker.signals.run_ended) `settle()` compares it
with the domain's baseline and previous run, records what it finds as an Alert, tells the
organisation's users in their language (unless muted) and its webhook, and sets the next due time.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checker import catalog, runs
from checker.engine import rollover
from checker.engine.report import stored_severity
from checker.models import CheckRun
from members import emails
from members.models import normalise_domain
from portal import clock, scheduler
from watch import conditions
from watch.models import Alert, WatchedDomain

log = logging.getLogger(__name__)
RECHECK = "watch.recheck"  # the scheduler's kind


def interval() -> timedelta:
    return timedelta(hours=settings.WATCH_INTERVAL_HOURS)


def fast_interval() -> timedelta:
    return timedelta(hours=settings.WATCH_FAST_INTERVAL_HOURS)


def register_with_scheduler() -> None:
    scheduler.register(RECHECK, task="watch.recheck", queue="monitor", every=interval())


# The watch list


def add(organisation, name: str, user) -> WatchedDomain:
    """Watch `name` for `organisation` (checked at once), within WATCH_MAX_DOMAINS_PER_ORGANISATION."""
    domain = normalise_domain(name)
    with transaction.atomic():
        # Locked, so that two additions at the same moment cannot pass the limit together.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        watched = WatchedDomain.objects.filter(organisation=organisation)
        if watched.filter(domain=domain).exists():
            raise ValidationError(_("Your organisation already watches %(name)s.") % {"name": domain})
        limit = settings.WATCH_MAX_DOMAINS_PER_ORGANISATION
        if watched.count() >= limit:
            raise ValidationError(
                ngettext(
                    "An organisation watches at most %(limit)d domain.",
                    "An organisation watches at most %(limit)d domains.",
                    limit,
                )
                % {"limit": limit}
            )
        entry = WatchedDomain.objects.create(
            organisation=organisation, domain=domain, added_by=user, added_at=clock.now()
        )
        scheduler.schedule(RECHECK, entry.pk)
    return entry


def remove(watched: WatchedDomain) -> None:
    with transaction.atomic():
        scheduler.unschedule(RECHECK, watched.pk)
        watched.delete()


def mute(watched: WatchedDomain, until) -> None:
    """No e-mail and no webhook until `until` (None: unmute); the runs and their alerts are still recorded."""
    watched.muted_until = until
    watched.save(update_fields=["muted_until"])


def is_muted(watched: WatchedDomain, now=None) -> bool:
    return watched.muted_until is not None and watched.muted_until > (now or clock.now())


# The scheduler's re-check


def recheck(watched_id: int) -> CheckRun | None:
    watched = WatchedDomain.objects.filter(pk=watched_id).first()
    if watched is None:
        scheduler.unschedule(RECHECK, watched_id)
        return None
    with transaction.atomic():
        (run,) = runs.submit_batch([watched.domain], queue=CheckRun.Queue.MONITOR)
        watched.runs.add(run)
    return run


def on_run_ended(sender, run, **kwargs):
    for watched_id in run.watches.values_list("pk", flat=True):
        settle(watched_id, run.pk)


def settle(watched_id: int, run_id: int) -> Alert | None:
    """Judge an ended run of a watched domain and act on it; returns the alert it raised, if any."""
    with transaction.atomic():
        watched = WatchedDomain.objects.select_for_update().filter(pk=watched_id).first()
        run = CheckRun.objects.filter(pk=run_id).first()
        if watched is None or run is None:
            return None
        alert = _judge(watched, run)
        watched.judged_run = run
        watched.save()
        scheduler.schedule(RECHECK, watched.pk, clock.now() + next_interval(watched.last_summary))
    if alert is not None and not alert.muted:
        transaction.on_commit(lambda: tell(alert))
    return alert


def next_interval(current: dict | None) -> timedelta:
    """Hourly while signatures expire soon or a rollover is under way (conditions.mid_rollover)."""
    if current is None:
        return interval()
    soon = timedelta(days=settings.WATCH_EXPIRING_DAYS).total_seconds()
    expiring = current.get("min_validity") is not None and current["min_validity"] < soon
    return fast_interval() if expiring or current.get("rolling") else interval()


def assumptions() -> rollover.Assumptions:
    return rollover.Assumptions(
        propagation=settings.WATCH_ASSUMED_PROPAGATION_SECONDS, signing=settings.WATCH_ASSUMED_SIGNING_SECONDS
    )


def judge_rollover(watched: WatchedDomain, run: CheckRun) -> None:
    """Group K over this run and the domain's previous one: its findings join the later run's report, with the
    evidence of both runs; what the gap cannot prove is kept as `rollover.unjudged` (SCHEMA.md)."""
    previous = (
        watched.runs.filter(state=CheckRun.State.DONE, created__lt=run.created)
        .exclude(pk=run.pk)
        .order_by("-created")
        .first()
    )
    if previous is None or not previous.report:
        return
    judgement = rollover.judge(previous.report, run.report, assumptions())
    report = dict(run.report)
    report["findings"] = sorted(
        [*report.get("findings", []), *judgement.findings],
        key=lambda finding: catalog.severity_rank(stored_severity(finding)),
    )
    report["rollover"] = {"previous_run": str(previous.public_id), "unjudged": judgement.unjudged}
    run.report = report
    run.worst_severity = runs.worst_severity(report)
    run.save(update_fields=["report", "worst_severity"])


def _judge(watched: WatchedDomain, run: CheckRun) -> Alert | None:
    threshold = int(timedelta(days=settings.WATCH_VALIDITY_THRESHOLD_DAYS).total_seconds())
    if run.state != CheckRun.State.DONE:
        current = None  # a failed run says nothing about the zone: counted as indeterminate
    else:
        judge_rollover(watched, run)
        current = conditions.summary(run.report)
    if current is None or current["verdict"] == conditions.INDETERMINATE:
        watched.indeterminate_in_a_row += 1
        if watched.indeterminate_in_a_row < settings.WATCH_INDETERMINATE_IN_A_ROW:
            return None  # not yet: a single unreachable moment is not an outage
        found = [conditions.Condition(conditions.STILL_INDETERMINATE, {"runs": watched.indeterminate_in_a_row})]
        return _open_or_keep(watched, run, found, [])
    watched.indeterminate_in_a_row = 0
    previous = watched.last_summary
    changed = conditions.changes(previous, current)
    current["rolling"] = conditions.mid_rollover(current, changed)
    watched.last_summary = current
    found = conditions.problems(watched.baseline, current, threshold_seconds=threshold)
    info = changed if watched.info_alerts else []
    if not found:
        watched.baseline = current
    return _open_or_keep(watched, run, found, info)


def _open_or_keep(watched, run, found, info) -> Alert | None:
    """One alert when problems begin, one when they end, none while they last (info rides along)."""
    now = clock.now()
    muted = is_muted(watched, now)
    if found and not watched.open_problems:
        watched.open_problems = [c.code for c in found]
        return _alert(watched, run, Alert.Kind.PROBLEM, found + info, muted, now)
    if not found and watched.open_problems:
        watched.open_problems = []
        return _alert(watched, run, Alert.Kind.RECOVERED, info, muted, now)
    if found:
        watched.open_problems = sorted(set(watched.open_problems) | {c.code for c in found})
    if info:
        return _alert(watched, run, Alert.Kind.INFO, info, muted, now)
    return None


def _alert(watched, run, kind, found, muted, now) -> Alert:
    return Alert.objects.create(
        watched=watched, run=run, at=now, kind=kind, conditions=[c.to_dict() for c in found], muted=muted
    )


# Telling the organisation


def tell(alert: Alert) -> None:
    from watch import webhooks

    watched = alert.watched
    mail_organisation(watched.organisation, f"alert_{alert.kind}", {"alert": alert, "watched": watched})
    webhooks.deliver_alert(alert)


def mail_organisation(organisation, template: str, context: dict) -> None:
    """One e-mail (watch/emails/`template`) to each of the organisation's users, in their language."""
    for address, language in emails.organisation_recipients(organisation, contact=False):
        try:
            emails.send(template, language, context, [address], folder="watch/emails")
        except Exception:  # a mail server that is down must not lose what happened: it is recorded
            log.exception("%s to %s failed", template, address)
