"""The service-status registry: the public table and its CSV, and the pages where an organisation's users keep
their entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import status
from members.forms import ServiceStatusForm
from members.logo.models import current_certificates
from members.models import Organisation, ServiceKind, ServiceStatus, ServiceStatusChange
from members.permissions import can_act_for, roles_of
from portal import charts


def _table(request):
    filters = status.Filters.from_query(request.GET)
    rows = status.sorted_rows(filters.apply(status.visible_entries(request.user)), filters.sort)
    certificates = current_certificates({row.entry.organisation_id for row in rows if not row.anonymous})
    for row in rows:
        if not row.anonymous:
            row.certificate = certificates.get((row.entry.organisation_id, row.entry.kind))
    return filters, rows


def registry(request):
    filters, rows = _table(request)
    per_quarter = status.started_per_quarter(rows)
    return render(
        request,
        "members/status/registry.html",
        {
            "filters": filters,
            "filter_fields": filters.fields(),
            "sorts": list(status.SORTS.items()),
            "rows": rows,
            "per_quarter": per_quarter,
            # Narrower than the default so that its text stays readable when a phone scales it down.
            "chart": charts.bar_chart(per_quarter, _("Services started per quarter"), width=480, label_width=140)
            if per_quarter
            else "",
            "csv_query": filters.query_string(),
            "members_view": bool(roles_of(request.user)),
            "page_title": _("Members' DNSSEC services"),
        },
    )


def registry_csv(request):
    _filters, rows = _table(request)
    response = HttpResponse(status.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dnssec-services.csv"'
    # Members-only rows are in a member's file: no shared cache may keep it.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie"
    return response


def _organisation_for(request, slug):
    """The organisation whose entries the user keeps: its own users and the administrators, nobody else."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_act_for(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
def manage(request, slug):
    organisation = _organisation_for(request, slug)
    entries = [status.row_of(entry) for entry in organisation.service_statuses.select_related("organisation")]
    changes = organisation.service_status_changes.select_related("actor")
    return render(
        request,
        "members/status/manage.html",
        {
            "organisation": organisation,
            "rows": entries,
            "kinds": ServiceKind.choices,
            "history": status.history_lines(changes),
            "page_title": _("DNSSEC services of %(name)s") % {"name": organisation},
        },
    )


def _save(request, organisation, form, action):
    with transaction.atomic():
        entry = form.save()
        ServiceStatusChange.record(entry, action, request.user)
    messages.success(request, _("The entry is saved."))
    return redirect("members:status_manage", slug=organisation.slug)


@login_required
def create(request, slug, kind):
    organisation = _organisation_for(request, slug)
    if kind not in ServiceKind.values:
        raise Http404
    form = ServiceStatusForm(request.POST or None, organisation=organisation, kind=kind)
    if request.method == "POST" and form.is_valid():
        return _save(request, organisation, form, ServiceStatusChange.Action.CREATED)
    return render(
        request,
        "members/status/form.html",
        {
            "organisation": organisation,
            "form": form,
            "kind": ServiceKind(kind).label,
            "page_title": _("Add: %(kind)s") % {"kind": ServiceKind(kind).label},
        },
    )


@login_required
def edit(request, slug, pk):
    organisation = _organisation_for(request, slug)
    entry = get_object_or_404(ServiceStatus, pk=pk, organisation=organisation)
    form = ServiceStatusForm(request.POST or None, instance=entry, organisation=organisation, kind=entry.kind)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed."))
            return redirect("members:status_manage", slug=organisation.slug)
        return _save(request, organisation, form, ServiceStatusChange.Action.CHANGED)
    return render(
        request,
        "members/status/form.html",
        {
            "organisation": organisation,
            "form": form,
            "entry": entry,
            "kind": entry.get_kind_display(),
            "page_title": _("Edit: %(kind)s") % {"kind": entry.get_kind_display()},
        },
    )


@login_required
@require_POST
def delete(request, slug, pk):
    organisation = _organisation_for(request, slug)
    entry = get_object_or_404(ServiceStatus, pk=pk, organisation=organisation)
    with transaction.atomic():
        ServiceStatusChange.record(entry, ServiceStatusChange.Action.DELETED, request.user)
        entry.delete()
    messages.success(request, _("The entry is deleted; its history stays below."))
    return redirect("members:status_manage", slug=organisation.slug)
