"""Who is this, for which organisation, allowed to do what: the answer every feature asks."""

from members import roles
from members.roles import Role


def role_of(user) -> Role:
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.ANONYMOUS
    membership = getattr(user, "membership", None)
    if membership is not None:
        return Role(membership.role)
    # `createsuperuser` makes administrators without a membership.
    return Role.ADMINISTRATOR if user.is_superuser else Role.ANONYMOUS


def organisation_of(user):
    if user is None or not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    return membership.organisation if membership is not None else None


def can_act_for(user, organisation) -> bool:
    """May `user` act (file reports, apply, edit status) for `organisation`?

    Administrators act for every organisation; everyone else only for their own.
    """
    if organisation is None:
        return False
    role = role_of(user)
    if role == Role.ANONYMOUS:
        return False
    if role == Role.ADMINISTRATOR:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.organisation_id == organisation.pk


def is_staff_role(user) -> bool:
    return role_of(user) in roles.STAFF_ROLES


def apply_role(user, role):
    """Put `user` in the role's group (and no other role group) and set its flags from the table."""
    from django.contrib.auth.models import Group

    definition = roles.definition(role)
    other_groups = user.groups.filter(name__in=roles.ROLE_GROUPS).exclude(name=definition.group)
    user.groups.remove(*other_groups)
    if definition.group:
        user.groups.add(Group.objects.get(name=definition.group))
    if (user.is_staff, user.is_superuser) != (definition.staff, definition.superuser):
        user.is_staff = definition.staff
        user.is_superuser = definition.superuser
        user.save(update_fields=["is_staff", "is_superuser"])
