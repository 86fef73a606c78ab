"""Who is this, for which organisation, allowed to do what: the answer every feature asks."""

from members import roles
from members.roles import Role


def held_roles(user) -> frozenset[Role]:
    """The roles on the user's membership, whether or not the account is active."""
    membership = getattr(user, "membership", None) if user is not None else None
    return frozenset(Role(role) for role in membership.roles) if membership is not None else frozenset()


def roles_of(user) -> frozenset[Role]:
    """The roles a request by `user` acts with: none for visitors and deactivated accounts."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return held_roles(user)


def has_role(user, *wanted: Role) -> bool:
    """Does `user` hold at least one of `wanted`?"""
    return not roles_of(user).isdisjoint(wanted)


def users_with(*wanted: Role):
    """Active users holding one of `wanted`, as a queryset: the role groups follow the memberships."""
    from django.contrib.auth import get_user_model

    groups = roles.groups_for(wanted)
    return get_user_model().objects.filter(is_active=True, groups__name__in=groups).distinct()


def organisation_of(user):
    if user is None or not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    return membership.organisation if membership is not None else None


def can_act_for(user, organisation) -> bool:
    """May `user` act (file reports, apply, edit status) for `organisation`?

    Administrators act for every organisation; everyone else only for their own.
    """
    if organisation is None or not roles_of(user):
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return user.membership.organisation_id == organisation.pk


def administers(user, organisation) -> bool:
    """May `user` keep `organisation`'s entry, domains and colleagues? Its own administrators and the portal's."""
    if organisation is None:
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return has_role(user, Role.ORG_ADMIN) and user.membership.organisation_id == organisation.pk


def is_staff_role(user) -> bool:
    return has_role(user, *roles.STAFF_ROLES)


def apply_roles_to(user, held):
    """Put `user` in the groups of the roles `held` (and no other role group) and set its flags from the table."""
    from django.contrib.auth.models import Group

    wanted = roles.groups_for(held)
    current = set(user.groups.filter(name__in=roles.ROLE_GROUPS).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    if wanted - current:
        user.groups.add(*Group.objects.filter(name__in=wanted - current))
    flags = roles.flags_for(held)
    if (user.is_staff, user.is_superuser) != flags:
        user.is_staff, user.is_superuser = flags
        # update() rather than save(): the post_save guard (members/signals.py) would only come back here.
        type(user).objects.filter(pk=user.pk).update(is_staff=flags[0], is_superuser=flags[1])
