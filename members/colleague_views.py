"""An organisation's administrator keeps its colleagues, without the Wagtail admin (members/colleagues.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members import colleagues, invitations
from members.forms import ColleagueInvitationForm, ColleagueLevelForm
from members.models import Membership
from members.self_service import organisation_administrators_only, post_only


@organisation_administrators_only
def colleague_list(request, organisation):
    form = ColleagueInvitationForm(
        organisation, request.POST or None, initial={"language": get_language(), "level": "member"}
    )
    if request.method == "POST" and form.is_valid():
        invitation = form.save(commit=False)
        invitations.issue(invitation, request, by_colleague=True)
        log(instance=organisation, action=colleagues.INVITED, user=request.user, data=invitation_data(invitation))
        messages.success(request, _("The invitation to %(email)s has been sent.") % {"email": invitation.email})
        return redirect("accounts:colleagues")
    memberships = list(colleagues.colleagues(organisation))
    for membership in memberships:
        membership.level = colleagues.level_of(membership)
        membership.changeable = membership.user.is_active and colleagues.keeps_only_organisation_roles(membership)
    return render(
        request,
        "members/account/colleagues.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "level_choices": colleagues.LEVEL_CHOICES,
            "form": form,
            "open_invitations": invitations.open_invitations().filter(organisation=organisation),
            "page_title": _("Colleagues"),
        },
    )


def invitation_data(invitation):
    return {"email": invitation.email, "roles": list(invitation.roles)}


@organisation_administrators_only
@post_only
def colleague_withdraw_invitation(request, organisation, pk):
    invitation = get_object_or_404(invitations.open_invitations(), organisation=organisation, pk=pk)
    with transaction.atomic():
        invitation.delete()
        log(
            instance=organisation,
            action=colleagues.INVITATION_WITHDRAWN,
            user=request.user,
            data=invitation_data(invitation),
        )
    messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("accounts:colleagues")


@organisation_administrators_only
@post_only
def colleague_roles(request, organisation, pk):
    form = ColleagueLevelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("accounts:colleagues")
    try:
        membership = colleagues.change_level(organisation, pk, form.cleaned_data["level"], request.user)
    except Membership.DoesNotExist:
        raise Http404 from None  # another organisation's user, or nobody: the same answer
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s: %(roles)s.") % {"user": membership.user.get_username(), "roles": membership.roles_display()},
        )
    return redirect("accounts:colleagues")


@organisation_administrators_only
@post_only
def colleague_remove(request, organisation, pk):
    try:
        membership = colleagues.remove(organisation, pk, request.user)
    except Membership.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:colleagues")
    messages.success(
        request, _("%(user)s has been removed from the organisation.") % {"user": membership.user.get_username()}
    )
    if membership.user_id == request.user.pk:
        return redirect("accounts:login")  # their own account is deactivated: nothing more to do here
    return redirect("accounts:colleagues")
