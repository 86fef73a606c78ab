"""Signal handlers: roles after migrate; a user's groups and flags held to their roles whatever path
changed them; session start times at login; the logo's evidence rounds when a check ends."""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save

from members import roles, throttling
from members.sessions import forget_seen, mark_login, seen_key


def reapply_roles(sender, app_config=None, **kwargs):
    # post_migrate is sent once per app with models; only the last one sees every app's permissions.
    from django.apps import apps as global_apps

    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1]:
        roles.apply_roles(global_apps)


_holding = ContextVar("members_holding_roles", default=False)


def hold_to_roles(user):
    """Give `user` the groups and flags of the roles on their membership, and nothing else.

    Whatever made the change (Wagtail's user or group views, a bulk action, the shell, a fixture), a role
    group or a staff/superuser flag that the membership does not give is taken back here.
    """
    from members.permissions import apply_roles_to, held_roles

    if _holding.get():
        return
    token = _holding.set(True)
    try:
        apply_roles_to(user, held_roles(user))
    finally:
        _holding.reset(token)


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    from members.models import Membership
    from members.roles import Role

    if raw:
        return
    if created and instance.is_superuser and not hasattr(instance, "membership"):
        # `createsuperuser` (and create_superuser()) make the portal's administrators through the table.
        Membership.objects.create(user=instance, roles=[Role.ADMINISTRATOR])
        return
    hold_to_roles(instance)


def on_membership_deleted(sender, instance, **kwargs):
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:  # None when the user's own deletion removed the membership
        hold_to_roles(user)


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        hold_to_roles(instance)
    elif pk_set:  # group.user_set changed: each user it names
        for user in get_user_model().objects.filter(pk__in=pk_set).select_related("membership"):
            hold_to_roles(user)


def on_login(sender, request, user, **kwargs):
    hold_to_roles(user)
    if request is not None:
        mark_login(request, user)


def on_logout(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        forget_seen(seen_key(request.session.session_key))


def on_login_failed(sender, credentials, request=None, **kwargs):
    throttling.record_failure(credentials.get("username", ""), request)


def on_run_ended(sender, run, **kwargs):
    from members.logo import lifecycle

    for evaluation_id in run.evaluations.filter(outcome="").values_list("pk", flat=True):
        lifecycle.settle(evaluation_id)


def connect():
    from checker.signals import run_ended

    run_ended.connect(on_run_ended, dispatch_uid="members.on_run_ended")
    User = get_user_model()
    post_save.connect(on_user_saved, sender=User, dispatch_uid="members.on_user_saved")
    post_delete.connect(
        on_membership_deleted, sender="members.Membership", dispatch_uid="members.on_membership_deleted"
    )
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="members.on_groups_changed")
    user_logged_in.connect(on_login, dispatch_uid="members.on_login")
    user_logged_out.connect(on_logout, dispatch_uid="members.on_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="members.on_login_failed")
