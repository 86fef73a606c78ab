"""An organisation's administrator proposes changes to its entry; a Pub-WG editor or an administrator decides."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from members import emails
from members.models import EntryProposal

PROPOSED = "members.entry_proposed"
APPROVED = "members.entry_proposal_approved"
REJECTED = "members.entry_proposal_rejected"


def reviews(user) -> bool:
    """Whoever may change member organisations (members/roles.py: the Pub-WG's editors and the administrators)."""
    return user.is_active and user.has_perm("members.change_organisation")


def open_proposal(organisation):
    return organisation.proposals.filter(state=EntryProposal.State.OPEN).first()


def propose(organisation, values, by) -> EntryProposal:
    """The organisation's one open proposal, made or replaced with `values`."""
    with transaction.atomic():
        proposal = organisation.proposals.select_for_update().filter(state=EntryProposal.State.OPEN).first()
        proposal = proposal or EntryProposal(organisation=organisation)
        for name in EntryProposal.FIELDS:
            setattr(proposal, name, values[name])
        proposal.proposed_by, proposal.proposed_at = by, timezone.now()
        proposal.save()
        log(instance=organisation, action=PROPOSED, user=by, data={"proposal": proposal.pk})
    return proposal


def decide(proposal_id, approve: bool, by, note="") -> EntryProposal:
    """Approve (the entry takes the proposed values) or reject an open proposal; the proposer is told."""
    with transaction.atomic():
        proposal = (
            EntryProposal.objects.select_for_update()
            .select_related("organisation")
            .get(pk=proposal_id, state=EntryProposal.State.OPEN)
        )
        organisation = proposal.organisation
        if approve:
            for name in EntryProposal.FIELDS:
                setattr(organisation, name, getattr(proposal, name))
            organisation.save(update_fields=EntryProposal.FIELDS)
        proposal.state = EntryProposal.State.APPROVED if approve else EntryProposal.State.REJECTED
        proposal.decided_by, proposal.decided_at, proposal.note = by, timezone.now(), note
        proposal.save()
        log(
            instance=organisation,
            action=APPROVED if approve else REJECTED,
            user=by,
            data={"proposal": proposal.pk, "note": note},
        )
    proposer = proposal.proposed_by
    if proposer is not None and proposer.is_active:
        membership = getattr(proposer, "membership", None)
        emails.send(
            "entry_proposal_decided",
            membership.language if membership else settings.LANGUAGE_CODE,
            {"proposal": proposal, "organisation": organisation, "user": proposer},
            [proposer.email or proposer.get_username()],
        )
    return proposal
