"""Invitation tokens: signed, expiring after ACCOUNTS_INVITATION_MAX_AGE, good for one use."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from members import emails
from members.models import Invitation
from portal import baseurl

SALT = "members.invitation"


class InvalidToken(Exception):
    pass


def make_token(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def invitation_for(token, *, for_update=False) -> Invitation:
    """The open invitation `token` was made for, or InvalidToken (forged, expired, used, withdrawn or superseded)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.ACCOUNTS_INVITATION_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise InvalidToken from exc
    invitations = Invitation.objects.select_for_update() if for_update else Invitation.objects
    invitation = invitations.filter(pk=data.get("i"), nonce=data.get("n"), accepted_at__isnull=True).first()
    if invitation is None:
        raise InvalidToken
    if get_user_model().objects.filter(username__iexact=invitation.email).exists():
        raise InvalidToken  # the address has an account already (by another invitation)
    return invitation


def open_invitations():
    return Invitation.objects.filter(accepted_at__isnull=True)


def issue(invitation, request, by_colleague=False):
    """Save a new invitation from `request`'s user and send it. It supersedes the open ones for the same address:
    only the latest link works. An organisation's administrator inviting a colleague is named in the mail (the
    invitee knows them, not the portal's staff)."""
    invitation.invited_by = request.user
    with transaction.atomic():
        open_invitations().filter(email=invitation.email).delete()
        invitation.save()
    send_invitation(invitation, by_colleague)


def send_invitation(invitation, by_colleague):
    with translation.override(invitation.language):
        path = reverse("accounts:accept_invitation", kwargs={"token": make_token(invitation)})
    emails.send(
        "invitation",
        invitation.language,
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "url": baseurl.absolute(path),
            "days": settings.ACCOUNTS_INVITATION_MAX_AGE.days,
            "inviter": _name(invitation.invited_by) if by_colleague else "",
        },
        [invitation.email],
    )


def _name(user):
    return user.get_full_name() or user.email
