"""An organisation's administrator keeps its colleagues: who belongs, and who among them administers it.

The rules live here, the pages in members/colleague_views.py. An organisation's administrator gives only the
organisation's own roles (member, org-admin); every other role (staff, translator, logo reviewer) stays with
the portal's administrators, so a colleague holding one is not theirs to change or remove. An organisation
always keeps at least one active administrator of its own.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members import emails
from members.models import Membership
from members.roles import Role

ORGANISATION_ROLES = frozenset({Role.MEMBER, Role.ORG_ADMIN})
# What an organisation's administrator chooses for a colleague: one of two levels, each a set of roles.
LEVELS = {Role.MEMBER.value: [Role.MEMBER], Role.ORG_ADMIN.value: [Role.MEMBER, Role.ORG_ADMIN]}
LEVEL_CHOICES = [(Role.MEMBER.value, Role.MEMBER.label), (Role.ORG_ADMIN.value, Role.ORG_ADMIN.label)]

ROLES_CHANGED = "members.colleague_roles_changed"
REMOVED = "members.colleague_removed"
INVITED = "members.colleague_invited"
INVITATION_WITHDRAWN = "members.colleague_invitation_withdrawn"


def level_of(membership) -> str:
    return Role.ORG_ADMIN.value if Role.ORG_ADMIN in membership.roles else Role.MEMBER.value


def colleagues(organisation):
    """The organisation's memberships, active accounts first, by e-mail address."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-user__is_active", "user__username")
    )


def keeps_only_organisation_roles(membership) -> bool:
    return {Role(role) for role in membership.roles} <= ORGANISATION_ROLES


def _check_may_change(membership):
    if not membership.user.is_active:
        raise ValidationError(
            _("%(user)s has been removed from the organisation.") % {"user": membership.user.get_username()},
            code="removed",
        )
    if not keeps_only_organisation_roles(membership):
        raise ValidationError(
            _("%(user)s also holds roles of the portal; ask the portal's administrators to change them.")
            % {"user": membership.user.get_username()},
            code="portal_roles",
        )


def _check_administrator_remains(organisation, leaving):
    """Refuse when `leaving` (a membership) is the organisation's last active administrator of its own."""
    others = Membership.objects.select_for_update().filter(organisation=organisation, user__is_active=True)
    # In Python: a JSON list's "contains" lookup is not on every database the portal runs on.
    if not any(Role.ORG_ADMIN in other.roles for other in others.exclude(pk=leaving.pk)):
        raise ValidationError(
            _("%(user)s is the organisation's last administrator. Make another colleague an administrator first.")
            % {"user": leaving.user.get_username()},
            code="last_administrator",
        )


def _locked(organisation, pk) -> Membership:
    return Membership.objects.select_for_update().select_related("user").get(organisation=organisation, pk=pk)


def change_level(organisation, pk, level, by) -> Membership:
    """Give a colleague the roles of `level`; ValidationError when the rules refuse."""
    with transaction.atomic():
        membership = _locked(organisation, pk)
        _check_may_change(membership)
        before = list(membership.roles)
        if level == Role.MEMBER.value and Role.ORG_ADMIN in before:
            _check_administrator_remains(organisation, membership)
        membership.roles = LEVELS[level]
        membership.save()
        if membership.roles != before:
            log(
                instance=membership.user,
                action=ROLES_CHANGED,
                user=by,
                data={"organisation": organisation.slug, "before": before, "after": membership.roles},
            )
    if membership.roles != before:
        notify(membership, "colleague_roles_changed", organisation)
    return membership


def remove(organisation, pk, by) -> Membership:
    """Take a colleague out of the organisation and deactivate their account.

    The account was made for the organisation (its name is the colleague's work address) and, holding only the
    organisation's roles, has nothing else to do; deactivated rather than deleted, so that the reports and
    applications it wrote keep their author, and an administrator can bring it back. The membership keeps its
    organisation, so the list still shows who was removed.
    """
    with transaction.atomic():
        membership = _locked(organisation, pk)
        _check_may_change(membership)
        if Role.ORG_ADMIN in membership.roles:
            _check_administrator_remains(organisation, membership)
        user = membership.user
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        log(instance=user, action=REMOVED, user=by, data={"organisation": organisation.slug})
    notify(membership, "colleague_removed", organisation)
    return membership


def notify(membership, name, organisation):
    emails.send(
        name,
        membership.language,
        {"membership": membership, "user": membership.user, "organisation": organisation},
        [membership.user.email or membership.user.get_username()],
    )
