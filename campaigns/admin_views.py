"""Wagtail admin: domain lists (make one, send its file, refresh a derived one, its schedule, the import report)
and campaigns (start one by hand, progress, the names each worker host checked, the results' download).

Administrators only: a campaign sends queries to every server of a list."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from batches import results
from batches import views as batch_views
from batches.models import BatchName, Chunk
from checker import catalog
from members.admin_views import administrators_only
from portal import languages

from . import figures, lists, runs
from .models import Campaign, DomainList


class DomainListForm(forms.ModelForm):
    class Meta:
        model = DomainList
        fields = ["name_ja", "name_en", "description_ja", "description_en", "slug", "source", "schedule", "public"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("description_ja", "description_en")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_ja"].required = self.fields["name_en"].required = True
        if self.instance.pk:
            self.fields["source"].disabled = True  # a list's entries came from its source


class UploadForm(batch_views.UploadForm):
    """The batches' upload form (its size limit and message), with what a list's upload does to the list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext_lazy(
            "One name a line (text or CSV: the first column), gzip accepted, up to 64 MB. It replaces the list's "
            "entries once read."
        )


def _context(request, title, **context):
    return {"page_title": title, "header_title": title, "header_icon": "list-ul", **context}


def domain_lists(request):
    administrators_only(request)
    form = DomainListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain_list = form.save()
        if domain_list.source != DomainList.Source.UPLOAD:
            lists.refresh(domain_list)
        messages.success(request, _("The domain list “%(name)s” is made.") % {"name": domain_list.name})
        return redirect("campaigns_list", pk=domain_list.pk)
    rows = DomainList.objects.annotate(
        size=Count("entries", distinct=True), held=Count("campaigns", distinct=True)
    ).order_by("slug")
    return render(
        request, "campaigns/admin/domain_lists.html", _context(request, _("Domain lists"), rows=rows, form=form)
    )


def domain_list(request, pk):
    administrators_only(request)
    domain_list = get_object_or_404(DomainList, pk=pk)
    settings_form = DomainListForm(instance=domain_list)
    upload_form = UploadForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "settings":
            settings_form = DomainListForm(request.POST, instance=domain_list)
            if settings_form.is_valid():
                settings_form.save()
                messages.success(request, _("The domain list is saved."))
                return redirect("campaigns_list", pk=pk)
        elif action == "upload" and domain_list.source == DomainList.Source.UPLOAD:
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                lists.accept(domain_list, upload_form.cleaned_data["file"])
                messages.success(request, _("The file is received: its names are read in the background."))
                return redirect("campaigns_list", pk=pk)
        elif action == "refresh" and domain_list.source != DomainList.Source.UPLOAD:
            change = lists.refresh(domain_list)
            messages.success(
                request, _("The list is refreshed: %(added)s added, %(removed)s removed, %(kept)s kept.") % change
            )
            return redirect("campaigns_list", pk=pk)
        elif action == "start":
            if runs.running(domain_list) is not None:
                messages.error(request, _("A campaign of this list is still running."))
                return redirect("campaigns_list", pk=pk)
            campaign = runs.start(domain_list, request.user)
            messages.success(request, _("The campaign is started."))
            return redirect("campaigns_campaign", pk=campaign.pk)
        else:
            return HttpResponseNotAllowed(["GET"])
    report = domain_list.import_report or {}
    return render(
        request,
        "campaigns/admin/domain_list.html",
        _context(
            request,
            domain_list.name,
            domain_list=domain_list,
            size=domain_list.entries.count(),
            members=domain_list.entries.filter(organisation__isnull=False).count(),
            report_text=lists.report_text(domain_list),
            rejections=report.get("rejections") or [],
            settings_form=settings_form,
            upload_form=upload_form,
            running=runs.running(domain_list),
            campaigns=[_progress(c) for c in domain_list.campaigns.select_related("batch")[:50]],
        ),
    )


def _progress(campaign: Campaign) -> dict:
    total = campaign.batch.accepted if campaign.batch else 0
    checked = BatchName.objects.filter(batch_id=campaign.batch_id, checked_at__isnull=False).count()
    return {
        "campaign": campaign,
        "total": total,
        "checked": checked,
        "percent": round(100 * checked / total) if total else 100,
    }


def campaign(request, pk):
    administrators_only(request)
    campaign = get_object_or_404(Campaign.objects.select_related("domain_list", "batch", "started_by"), pk=pk)
    names = BatchName.objects.filter(batch_id=campaign.batch_id)
    counts = {
        row["verdict"]: row["n"]
        for row in names.filter(checked_at__isnull=False).values("verdict").annotate(n=Count("id")).order_by()
    }
    language = languages.catalog_language(request.LANGUAGE_CODE)
    verdicts = [(catalog.verdict_label(verdict, language), counts.get(verdict, 0)) for verdict in figures.VERDICTS]
    errors = names.exclude(error="").count()
    chunks = Chunk.objects.filter(batch_id=campaign.batch_id)
    workers = (
        chunks.exclude(worker="")
        .values("worker")
        .annotate(
            chunks=Count("id", filter=Q(finished_at__isnull=False)),
            held=Count("id", filter=Q(finished_at__isnull=True)),
        )
        .order_by("worker")
    )
    done_chunks = chunks.filter(finished_at__isnull=False)
    per_worker = {
        row["worker"]: row["names"]
        for row in done_chunks.values("worker").annotate(names=Sum("last") - Sum("first") + Count("id"))
    }
    rows = [
        {
            **row,
            "node": row["worker"].split("@")[0],
            "host": row["worker"].partition("@")[2] or row["worker"],
            "names": per_worker.get(row["worker"], 0),
        }
        for row in workers
    ]
    return render(
        request,
        "campaigns/admin/campaign.html",
        _context(
            request,
            f"{campaign.domain_list.name} {date_format(localtime(campaign.created_at), 'DATETIME_FORMAT')}",
            campaign=campaign,
            progress=_progress(campaign),
            verdicts=verdicts,
            errors=errors,
            workers=rows,
            hosts=len({row["host"] for row in rows}),
            chunks_left=chunks.filter(finished_at__isnull=True).count(),
            chunks_total=chunks.count(),
        ),
    )


def campaign_download(request, pk):
    administrators_only(request)
    campaign = get_object_or_404(Campaign, pk=pk, batch__isnull=False)
    name = f"campaign-{campaign.domain_list.slug}-{campaign.created_at:%Y%m%d-%H%M}"
    return results.download(campaign.batch_id, request.GET.get("format", "csv"), name)
