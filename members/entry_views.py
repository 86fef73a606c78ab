"""The organisation's entry: its administrator proposes changes, the Pub-WG reviews them (members/entry_review.py)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from members import entry_review
from members.forms import EntryDecisionForm, EntryProposalForm
from members.models import EntryProposal
from members.self_service import organisation_administrators_only, post_only


@organisation_administrators_only
def entry_propose(request, organisation):
    pending = entry_review.open_proposal(organisation)
    initial = {name: getattr(pending or organisation, name) for name in EntryProposal.FIELDS}
    form = EntryProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry_review.propose(organisation, form.cleaned_data, request.user)
        messages.success(request, _("Your changes were sent to the Pub-WG. The public page changes once they approve."))
        return redirect("accounts:entry")
    return render(
        request,
        "members/account/entry.html",
        {
            "organisation": organisation,
            "form": form,
            "pending": pending,
            "decided": organisation.proposals.exclude(state=EntryProposal.State.OPEN)[:5],
            "page_title": _("Our organisation's entry"),
        },
    )


def reviewers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not entry_review.reviews(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@reviewers_only
def proposal_list(request):
    proposals = EntryProposal.objects.filter(state=EntryProposal.State.OPEN).select_related(
        "organisation", "proposed_by"
    )
    return render(
        request,
        "members/account/entry_proposals.html",
        {"proposals": proposals, "form": EntryDecisionForm(), "page_title": _("Proposed changes of member entries")},
    )


@reviewers_only
@post_only
def proposal_decide(request, pk):
    proposal = get_object_or_404(EntryProposal, pk=pk, state=EntryProposal.State.OPEN)
    form = EntryDecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    entry_review.decide(proposal.pk, approve, request.user, form.cleaned_data.get("note", ""))
    if approve:
        messages.success(request, _("The changes to %(name)s were approved.") % {"name": proposal.organisation})
    else:
        messages.success(request, _("The changes to %(name)s were rejected.") % {"name": proposal.organisation})
    return redirect("accounts:entry_proposals")
