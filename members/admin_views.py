"""Wagtail admin: the accounts with failed logins in the last hour, and clearing them (administrators only)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log

from members import throttling
from members.permissions import has_role
from members.roles import Role

CLEAR_ACTION = "members.clear_login_failures"


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def administrators_only(request):
    """Raises PermissionDenied unless the user is an administrator (the staff admin views of every app)."""
    if not is_administrator(request.user):
        raise PermissionDenied


class AdministratorMenuItem(MenuItem):
    """An admin menu item shown to administrators only."""

    def is_shown(self, request):
        return is_administrator(request.user)


def login_failures(request):
    from members.models import LoginFailure

    administrators_only(request)
    since = timezone.now() - throttling.WINDOW
    accounts = (
        LoginFailure.objects.filter(failed_at__gt=since)
        .values("account")
        .annotate(failures=Count("id"), addresses=Count("address", distinct=True), last=Max("failed_at"))
        .order_by("-last")
    )
    rows = [{**row, "refusal": throttling.refusal(row["account"])} for row in accounts]
    return render(
        request,
        "members/admin/login_failures.html",
        {
            "rows": rows,
            "per_address": throttling.PER_ADDRESS,
            "slow_after": throttling.SLOW_AFTER,
            "page_title": _("Failed logins"),
            "header_title": _("Failed logins"),
            "header_icon": "lock",
        },
    )


def clear_login_failures(request):
    administrators_only(request)  # before the method, so that nobody else learns even that
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    account = throttling.account_key(request.POST.get("account", ""))
    cleared = throttling.clear(account)
    owner = get_user_model().objects.filter(username__iexact=account).first()
    if owner is None:
        owner = get_user_model().objects.filter(email__iexact=account).first()
    if owner is not None:
        # Wagtail's audit log (Reports > Site history): who cleared whose failures, and how many.
        log(instance=owner, action=CLEAR_ACTION, user=request.user, data={"account": account, "failures": cleared})
    messages.success(
        request, _("Failed logins of %(account)s cleared: %(count)s.") % {"account": account, "count": cleared}
    )
    return redirect("members_login_failures")
