"""Log in and out, password reset and change, the account page, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from members import entry_review, invitations, throttling
from members.forms import AcceptInvitationForm, InvitationForm, LocalisedPasswordResetForm, LoginForm
from members.models import Invitation
from members.permissions import administers, has_role, organisation_of
from members.roles import Role

BACKEND = "members.backends.ThrottledModelBackend"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "members/account/login.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": _("Log in")}


class LogoutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return f"/{get_language()}/"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    template_name = "members/account/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"page_title": _("Reset your password")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/account/password_reset_done.html"
    extra_context = {"page_title": _("Reset your password")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/account/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"page_title": _("Choose a new password")}

    def form_valid(self, form):
        # The owner proved control of the address: the failed logins of others no longer hold them back.
        throttling.clear(form.user.get_username(), form.user.email)
        return super().form_valid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/account/password_reset_complete.html"
    extra_context = {"page_title": _("Password changed")}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "members/account/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")
    extra_context = {"page_title": _("Change your password")}


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "members/account/password_change_done.html"
    extra_context = {"page_title": _("Password changed")}


@login_required
def account(request):
    user = request.user
    organisation = organisation_of(user)
    return render(
        request,
        "members/account/account.html",
        {
            "organisation": organisation,
            "administers_organisation": administers(user, organisation),
            "reviews_entries": entry_review.reviews(user),
            "is_administrator": has_role(user, Role.ADMINISTRATOR),
            "membership": getattr(user, "membership", None),
            "page_title": _("Your account"),
        },
    )


@login_required
@permission_required("members.add_invitation", raise_exception=True)
def invite(request):
    form = InvitationForm(request.POST or None, initial={"language": get_language(), "roles": [Role.MEMBER]})
    if request.method == "POST" and form.is_valid():
        invitation = form.save(commit=False)
        invitations.issue(invitation, request)
        messages.success(request, _("The invitation to %(email)s has been sent.") % {"email": invitation.email})
        return redirect("accounts:invite")
    return render(
        request,
        "members/account/invite.html",
        {
            "form": form,
            "invitations": Invitation.objects.select_related("organisation")[:50],
            "page_title": _("Invite a user"),
        },
    )


@login_required
@permission_required("members.delete_invitation", raise_exception=True)
@require_POST
def withdraw_invitation(request, pk):
    invitation = get_object_or_404(invitations.open_invitations(), pk=pk)
    invitation.delete()
    messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("accounts:invite")


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    try:
        invitation = invitations.invitation_for(token)
    except invitations.InvalidToken:
        return render(
            request,
            "members/account/invitation_invalid.html",
            {"page_title": _("This invitation cannot be used")},
            status=404,
        )
    form = AcceptInvitationForm(invitation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            try:
                # Locked and checked again: two submissions of one token make one account.
                invitation = invitations.invitation_for(token, for_update=True)
            except invitations.InvalidToken:
                return redirect("accounts:accept_invitation", token=token)
            form.invitation = invitation
            user = form.save()
            invitation.user = user
            invitation.accepted_at = user.date_joined
            invitation.save(update_fields=["user", "accepted_at"])
        login(request, user, backend=BACKEND)
        return redirect("accounts:account")
    return render(
        request,
        "members/account/accept_invitation.html",
        {"form": form, "invitation": invitation, "page_title": _("Welcome to DNSSEC Japan")},
    )
