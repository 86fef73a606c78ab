"""The review workflow: every change of status goes through `transition()`.

draft -> submitted -> in review -> changes requested -> (submitted again) ...
                                -> published | rejected
Each step writes an AuditEntry and sends e-mail, in each recipient's language.
A published report changes only through a reviewer: its authors' edit waits as a ProposedCorrection (the
public page keeps the published text) until a reviewer approves or declines it; each published version is a
Revision, and revisions after the first carry a correction note that the public page shows.
Reviewer and author stay apart: nobody decides a report they wrote, and a reviewer decides no report of their
own organisation (an administrator may, as for the logo: appeals).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from failures import editing, emails
from failures.models import AuditEntry, FailureReport, ProposedCorrection, ReviewComment, Revision, Status
from members.permissions import can_act_for, has_role, organisation_of, users_with
from members.roles import Role
from portal import languages

REVIEWER_ROLES = (Role.REVIEWER, Role.ADMINISTRATOR)


def is_reviewer(user) -> bool:
    return has_role(user, *REVIEWER_ROLES)


def is_owner(user, report) -> bool:
    """The author, or anyone who may act for the report's organisation."""
    if user is None or not user.is_authenticated:
        return False
    return report.author_id == user.pk or can_act_for(user, report.organisation)


def may_decide(user, report) -> bool:
    """A reviewer who is not on the report's side: not its author, and not of its organisation unless an
    administrator."""
    if not is_reviewer(user) or report.author_id == user.pk:
        return False
    own = report.organisation_id is not None and organisation_of(user) == report.organisation
    return not own or has_role(user, Role.ADMINISTRATOR)


def can_view(user, report) -> bool:
    return report.status == Status.PUBLISHED or is_owner(user, report) or is_reviewer(user)


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays (comments)
    by_owner: bool  # True: the author's side takes it; False: a reviewer
    needs_note: bool = False
    needs_proposal: bool = False  # only while a proposed correction waits


ACTIONS = {
    a.name: a
    for a in (
        Action("submit", (Status.DRAFT, Status.CHANGES_REQUESTED), Status.SUBMITTED, by_owner=True),
        Action("start_review", (Status.SUBMITTED,), Status.IN_REVIEW, by_owner=False),
        Action(
            "request_changes",
            (Status.SUBMITTED, Status.IN_REVIEW),
            Status.CHANGES_REQUESTED,
            by_owner=False,
            needs_note=True,
        ),
        Action("publish", (Status.SUBMITTED, Status.IN_REVIEW), Status.PUBLISHED, by_owner=False),
        Action("reject", (Status.SUBMITTED, Status.IN_REVIEW), Status.REJECTED, by_owner=False, needs_note=True),
        Action("approve_correction", (Status.PUBLISHED,), None, by_owner=False, needs_proposal=True),
        Action("decline_correction", (Status.PUBLISHED,), None, by_owner=False, needs_note=True, needs_proposal=True),
        Action(
            "comment",
            (Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.REJECTED),
            None,
            by_owner=False,
            needs_note=True,
        ),
    )
}


class WorkflowError(Exception):
    pass


def allowed_actions(user, report) -> list[str]:
    names = []
    for action in ACTIONS.values():
        if report.status not in action.sources:
            continue
        if action.needs_proposal and not ProposedCorrection.objects.filter(report=report).exists():
            continue
        if action.by_owner and is_owner(user, report):
            names.append(action.name)
        elif action.name == "comment" and is_reviewer(user):
            names.append(action.name)
        elif not action.by_owner and action.name != "comment" and may_decide(user, report):
            names.append(action.name)
    return names


def transition(report: FailureReport, action_name: str, user, note: str = "") -> FailureReport:
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError("unknown action")
    if action_name not in allowed_actions(user, report):
        raise PermissionDenied
    note = (note or "").strip()
    if action.needs_note and not note:
        raise WorkflowError("a note is required")
    with transaction.atomic():
        report = FailureReport.objects.select_for_update().get(pk=report.pk)
        if report.status not in action.sources:  # someone else acted first
            raise WorkflowError("the report has moved on")
        before = report.status
        if action.target:
            report.status = action.target
            if action.target == Status.PUBLISHED and report.published_at is None:
                report.published_at = timezone.now()
            report.save()
        if note and not action.by_owner:
            ReviewComment.objects.create(report=report, author=user, text=note)
        AuditEntry.objects.create(
            report=report, actor=user, action=action_name, from_status=before, to_status=report.status, note=note
        )
        if action.target == Status.PUBLISHED:
            record_revision(report, user, correction_note="")
        if action.needs_proposal:
            proposal = ProposedCorrection.objects.select_for_update().get(report=report)
            if action_name == "approve_correction":
                editing.save_report(report, editing.from_json(proposal.data), proposal.proposed_by)
                record_revision(report, user, correction_note=proposal.correction_note)
                note = note or proposal.correction_note
            proposal.delete()
    # After the commit: nobody is told of a step that did not happen.
    notify(report, action_name, user, note)
    return report


def record_created(report, user):
    AuditEntry.objects.create(report=report, actor=user, action="create", to_status=report.status)


def propose_correction(report, data, user, correction_note):
    """The authors' edit of a published report: kept until a reviewer approves it; a second one replaces it."""
    with transaction.atomic():
        ProposedCorrection.objects.update_or_create(
            report=report,
            defaults={
                "language": data["language"],
                "data": editing.to_json(data),
                "correction_note": correction_note,
                "proposed_by": user,
                "proposed_at": timezone.now(),
            },
        )
        AuditEntry.objects.create(
            report=report,
            actor=user,
            action="propose_correction",
            from_status=report.status,
            to_status=report.status,
            note=correction_note,
        )
    notify(report, "propose_correction", user, correction_note)


def record_edit(report, user, correction_note=""):
    """After the authors or a reviewer saved the form: audit, and a visible correction when published.

    The caller sends `notify(report, "correct", ...)` once its transaction has committed.
    """
    AuditEntry.objects.create(
        report=report,
        actor=user,
        action="correct" if report.is_published else "edit",
        from_status=report.status,
        to_status=report.status,
        note=correction_note,
    )
    if report.is_published:
        record_revision(report, user, correction_note=correction_note)


def record_revision(report, user, correction_note):
    from failures.models import TRANSLATED_FIELDS

    last = report.revisions.order_by("-number").first()
    content = {
        languages.field_name(name, lang): getattr(report, languages.field_name(name, lang))
        for name in TRANSLATED_FIELDS
        for lang in languages.model_languages()
    }
    content.update(
        incident_date=report.incident_date.isoformat(),
        impact_minutes=report.impact_minutes,
        category=report.category.slug,
        roles=report.roles,
        finding_ids=report.finding_ids,
        references=report.references,
        anonymous=report.anonymous,
    )
    return Revision.objects.create(
        report=report,
        number=(last.number + 1) if last else 1,
        content=content,
        correction_note=correction_note,
        created_by=user,
    )


def notify(report, event, actor, note):
    """E-mail each party about a step: the author's side, and the reviewers when the work is theirs."""
    recipients = set()
    if report.author and report.author.email and report.author.is_active:
        recipients.add(report.author)
    if event in ("submit", "correct", "propose_correction"):
        reviewers = users_with(*REVIEWER_ROLES).exclude(email="")
        recipients.update(reviewers)
    recipients.discard(actor)  # nobody is told of their own step
    for user in recipients:
        emails.send_status(user, report, event, note)
