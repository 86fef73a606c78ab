"""A member user's API tokens for the batch API (accounts/api-tokens/): make one (shown once), revoke one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import APIToken

from members.permissions import organisation_of

from . import conf


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy("What it is for, e.g. “customer zones, nightly”."),
    )


def _member(request):
    if organisation_of(request.user) is None:
        raise PermissionDenied
    return request.user


@never_cache
@login_required
def api_tokens(request):
    """The user's tokens; a POST makes one and shows it on this answer only (never stored, never redirected)."""
    user = _member(request)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, plaintext = APIToken.create_token(user=user, name=form.cleaned_data["name"])
        created = {"token": token, "plaintext": plaintext}
        form = TokenForm()
    return render(
        request,
        "batches/api_tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": APIToken.objects.filter(user=user).order_by("-created"),
            "quota": f"{conf.daily_quota():,}",
            "page_title": _("API tokens"),
        },
    )


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(APIToken, pk=pk, user=_member(request), revoked_at__isnull=True)
    token.revoke()
    text = _("The token “%(name)s” is revoked: calls with it are refused from now on.")
    messages.success(request, text % {"name": token.name})
    return redirect("batches:api_tokens")
