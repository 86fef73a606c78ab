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

from checker import catalog
from checker.engine.names import InputError
from checker.forms import input_error_text
from members.permissions import organisation_of
from portal import charts, languages

from . import conf, results, upload
from .api import file_too_large_text
from .models import Batch

VERDICTS = ("secure", "insecure", "bogus", "indeterminate")
BATCHES_SHOWN = 20


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


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File of names"),
        help_text=gettext_lazy("One name a line (text or CSV: the first column), gzip accepted, up to 64 MB."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > conf.max_upload_bytes():
            raise forms.ValidationError(file_too_large_text())
        return uploaded


def _summary(batch: Batch, language: str) -> dict:
    counts = dict.fromkeys(VERDICTS, 0)
    checked = 0
    for verdict in batch.names.filter(checked_at__isnull=False).values_list("verdict", flat=True):
        checked += 1
        counts[verdict if verdict in counts else "indeterminate"] += 1
    rows = [(catalog.verdict_label(verdict, language), counts[verdict]) for verdict in VERDICTS]
    return {
        "batch": batch,
        "checked": checked,
        "rejections": [
            {"name": rejection["name"], "reason": input_error_text(InputError(rejection["error"]), language)}
            for rejection in batch.rejections
        ],
        "refusal": upload.refusal_text(batch) if batch.refusal else "",
        "chart": charts.responsive_bar_chart(rows, _("Verdicts"), width=480, label_width=200) if checked else "",
    }


@never_cache
@login_required
def batch_list(request):
    """The user's batches (progress, downloads, a chart of verdicts) and a form to send a file of names."""
    user = _member(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload.accept(None, user, form.cleaned_data["file"])
        messages.success(request, _("The file is received: its names are read and checked in the background."))
        return redirect("batches:batch_list")
    language = languages.catalog_language(request.LANGUAGE_CODE)
    batches = list(Batch.objects.filter(user=user).order_by("-created_at")[:BATCHES_SHOWN])
    return render(
        request,
        "batches/batch_list.html",
        {
            "form": form,
            "rows": [_summary(batch, language) for batch in batches],
            "in_progress": any(batch.state in (Batch.State.READING, Batch.State.CHECKING) for batch in batches),
            "quota": f"{conf.daily_quota():,}",
            "page_title": _("Batch checks"),
        },
    )


@login_required
def batch_download(request, batch_id):
    batch = get_object_or_404(Batch, public_id=batch_id, user=_member(request))
    return results.download(batch.pk, request.GET.get("format", "csv"), f"batch-{batch.public_id}")
