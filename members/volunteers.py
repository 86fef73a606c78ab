"""Volunteer translators: anyone applies from /help-translate/, the Tech-WG approves, the volunteer translates.

Approving gives the translator role of members/roles.py: to an existing account at once (it keeps its other
roles), otherwise by an invitation that carries the role (members/invitations.py). Every step is in Wagtail's
audit log, and the volunteer gets an e-mail in the language they chose.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from members import emails, invitations
from members.models import Invitation, Membership, TranslatorApplication
from members.roles import REVIEW_VOLUNTEERS, Role
from portal import baseurl

APPLIED = "members.translator_applied"
APPROVED = "members.translator_approved"
REJECTED = "members.translator_rejected"


def reviews(user) -> bool:
    """Whoever the role table lets review volunteers: the Tech-WG reviewers and the administrators."""
    return user.is_active and user.has_perm(REVIEW_VOLUNTEERS)


def apply(values) -> TranslatorApplication:
    application = TranslatorApplication.objects.create(**values)
    log(instance=application, action=APPLIED, user=None, data={"into": application.into})
    return application


def decide(application_id, approve: bool, by, request) -> TranslatorApplication:
    """Approve (the applicant becomes a translator, or is invited as one) or reject an open application."""
    with transaction.atomic():
        application = TranslatorApplication.objects.select_for_update().get(
            pk=application_id, state=TranslatorApplication.State.OPEN
        )
        application.state = TranslatorApplication.State.APPROVED if approve else TranslatorApplication.State.REJECTED
        application.decided_by, application.decided_at = by, timezone.now()
        application.save()
        user = get_user_model().objects.filter(username__iexact=application.email).first()
        invited = None
        if approve and user is not None:
            membership = Membership.objects.filter(user=user).first() or Membership(
                user=user, roles=[], language=application.language
            )
            membership.roles = [*membership.roles, Role.TRANSLATOR.value]
            membership.save()
        elif approve:
            invited = Invitation(email=application.email, roles=[Role.TRANSLATOR.value], language=application.language)
        log(
            instance=application,
            action=APPROVED if approve else REJECTED,
            user=by,
            data={"email": application.email, "account": user.pk if user else None},
        )
    if invited is not None:
        invitations.issue(invited, request)  # the invitation is the volunteer's e-mail
    else:
        emails.send(
            "translator_application_decided",
            application.language,
            {
                "application": application,
                "approved": approve,
                "admin_url": baseurl.absolute(reverse("wagtailadmin_home")),
            },
            [application.email],
        )
    return application
