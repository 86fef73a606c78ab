"""Signal handlers: roles after migrate, role groups and session start times at login, the logo's
evidence rounds when a check ends."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from members import roles, throttling
from members.sessions import forget_seen, mark_login, seen_key


def reapply_roles(sender, app_config=None, **kwargs):
    # post_migrate is sent once per app with models; only the last one sees every app's permissions.
    from django.apps import apps as global_apps

    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1]:
        roles.apply_roles(global_apps)


def on_login(sender, request, user, **kwargs):
    from members.permissions import apply_role, role_of

    # Groups follow the membership, even if someone changed them in the users admin.
    if hasattr(user, "membership") or user.is_superuser:
        apply_role(user, role_of(user))
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
    user_logged_in.connect(on_login, dispatch_uid="members.on_login")
    user_logged_out.connect(on_logout, dispatch_uid="members.on_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="members.on_login_failed")
