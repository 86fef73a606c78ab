"""The public library, the members' forms, the review desk and the attachment downloads."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checker import catalog
from failures import conf, editing, uploads, workflow
from failures.forms import ActionForm, CategoryForm, ReportForm, initial_from
from failures.models import (
    NARRATIVE_FIELDS,
    AffectedRole,
    Attachment,
    Category,
    FailureReport,
    ProposedCorrection,
    Status,
)
from members.permissions import organisation_of
from portal import charts, languages

PER_PAGE = 30
# A request larger than this is refused before Django reads it: 5 files of 10 MB plus the form.
MAX_REQUEST_BYTES = conf.MAX_ATTACHMENTS_PER_REQUEST * conf.MAX_ATTACHMENT_BYTES + 1024 * 1024


def _filters(request):
    """The library's filters from the query string, each checked against what exists."""
    q = request.GET
    chosen = {}
    if q.get("category") and Category.objects.filter(slug=q["category"]).exists():
        chosen["category"] = q["category"]
    if q.get("role") in AffectedRole.values:
        chosen["role"] = q["role"]
    if q.get("year", "").isdigit() and len(q["year"]) == 4:
        chosen["year"] = q["year"]
    if q.get("finding") in catalog.ids():
        chosen["finding"] = q["finding"]
    if q.get("language") in languages.model_languages():
        chosen["language"] = q["language"]
    return chosen


def _filtered(chosen):
    reports = FailureReport.published.select_related("category")
    if "category" in chosen:
        reports = reports.filter(category__slug=chosen["category"])
    if "role" in chosen:
        reports = reports.filter(roles_packed__contains=f",{chosen['role']},")
    if "year" in chosen:
        reports = reports.filter(incident_date__year=int(chosen["year"]))
    if "finding" in chosen:
        reports = reports.filter(finding_ids_packed__contains=f",{chosen['finding']},")
    if "language" in chosen:
        language = chosen["language"]
        reports = reports.exclude(**{f"title_{language}": ""}).exclude(**{f"title_{language}__isnull": True})
    return reports


def library(request):
    chosen = _filters(request)
    reports = list(_filtered(chosen)[:500])
    published = FailureReport.published.all()
    years = sorted({d.year for d in published.dates("incident_date", "year")}, reverse=True)
    finding_ids = sorted(
        {f for packed in published.values_list("finding_ids_packed", flat=True) for f in packed.split(",") if f}
    )
    return render(
        request,
        "failures/library.html",
        {
            "reports": reports,
            "chosen": chosen,
            "categories": Category.objects.all(),
            "roles": AffectedRole.choices,
            "years": years,
            "finding_ids": finding_ids,
            "languages": languages.model_choices(),
            "language": get_language(),
            "page_title": _("Failure-case library"),
        },
    )


def detail(request, pk):
    report = get_object_or_404(FailureReport.objects.select_related("category", "organisation"), pk=pk)
    if not workflow.can_view(request.user, report):
        raise Http404  # a draft of another organisation does not exist, as far as the visitor knows
    language = get_language()
    shown = report.shown_language(language)
    owner = workflow.is_owner(request.user, report)
    reviewer = workflow.is_reviewer(request.user)
    context = {
        "report": report,
        "shown": shown,
        "translation_missing": shown != language,
        # A language without columns of its own (portal.languages): no translation into it can exist yet.
        "shown_language_name": None if language in languages.model_languages() else languages.name(shown),
        "fields": [
            (name, report._meta.get_field(name).verbose_name, report.field_in(name, shown)) for name in NARRATIVE_FIELDS
        ],
        "title": report.field_in("title", shown),
        "summary": report.field_in("summary", shown),
        "timeline": [
            (entry.at, getattr(entry, f"text_{shown}") or entry.text_ja or entry.text_en)
            for entry in report.timeline.all()
        ],
        "findings": [
            (fid, catalog.get(fid).title.in_language(languages.catalog_language(language)))
            for fid in report.finding_ids
        ],
        "corrections": [r for r in report.revisions.all() if r.correction_note],
        "attachments": report.attachments.all(),
        "organisation_name": report.public_organisation_name(),
        "owner": owner,
        "reviewer": reviewer,
        "page_title": report.field_in("title", shown),
    }
    if owner or reviewer:
        proposed = ProposedCorrection.objects.filter(report=report).first()
        context.update(
            comments=report.comments.select_related("author"),
            audit=_audit_rows(report) if reviewer else None,
            actions=workflow.allowed_actions(request.user, report),
            action_form=ActionForm(),
            proposed_correction=proposed,
            proposed_fields=_proposed_fields(proposed) if proposed and reviewer else [],
            can_edit=(owner and report.editable_by_author) or reviewer,
            other_languages=languages.model_choices(),
        )
    return render(request, "failures/detail.html", context)


def _proposed_fields(proposal):
    """(label, proposed text, whether it is rich text) of each text field the proposal changes, in its language."""
    report = proposal.report
    return [
        (report._meta.get_field(name).verbose_name, proposal.data[name], name in NARRATIVE_FIELDS)
        for name in editing.TEXT_FIELDS
        if proposal.data[name] != report.field_in(name, proposal.language)
    ]


def _audit_rows(report):
    actions = {
        "create": _("Created"),
        "edit": _("Edited"),
        "correct": _("Corrected after publication"),
        "submit": _("Submitted for review"),
        "start_review": _("Review started"),
        "request_changes": _("Changes requested"),
        "publish": _("Published"),
        "reject": _("Rejected"),
        "comment": _("Commented"),
        "propose_correction": _("Correction proposed"),
        "approve_correction": _("Correction approved"),
        "decline_correction": _("Correction declined"),
    }
    statuses = dict(Status.choices)
    return [
        (
            entry.at,
            entry.actor.email if entry.actor else "",
            actions.get(entry.action, entry.action),
            entry.note,
            statuses.get(entry.to_status, entry.to_status),
        )
        for entry in report.audit.select_related("actor")
    ]


def _too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


@login_required
def create(request):
    organisation = organisation_of(request.user)
    if organisation is None and not workflow.is_reviewer(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if _too_large(request):
            return HttpResponse(_("The request is too large."), status=413, content_type="text/plain; charset=utf-8")
        form = ReportForm(request.POST, request.FILES)
        token = request.POST.get("submission_token", "")
        existing = _by_token(token)
        if existing is not None:
            # The same form sent twice (a double click, a reload): one report.
            return redirect(existing.get_absolute_url())
        if form.is_valid():
            try:
                with transaction.atomic():
                    report = FailureReport(
                        organisation=organisation,
                        author=request.user,
                        original_language=form.cleaned_data["language"],
                        submission_token=form.cleaned_data["submission_token"],
                        status=Status.DRAFT,
                    )
                    editing.save_report(report, form.cleaned_data, request.user)
                    workflow.record_created(report, request.user)
            except IntegrityError:
                existing = _by_token(token)
                if existing is None:
                    raise
                return redirect(existing.get_absolute_url())
            messages.success(request, _("Your draft is saved. Submit it for review when it is ready."))
            return redirect(report.get_absolute_url())
    else:
        form = ReportForm(initial={"language": get_language(), "submission_token": uuid.uuid4()})
    return render(request, "failures/form.html", {"form": form, "page_title": _("New failure report")})


def _by_token(token):
    try:
        return FailureReport.objects.filter(submission_token=uuid.UUID(str(token))).first()
    except ValueError:
        return None


@login_required
def edit(request, pk):
    report = get_object_or_404(FailureReport, pk=pk)
    owner, reviewer = workflow.is_owner(request.user, report), workflow.is_reviewer(request.user)
    if not (owner or reviewer):
        raise Http404
    if not reviewer and not report.editable_by_author:
        raise PermissionDenied
    language = request.GET.get("language") or report.original_language
    if language not in languages.model_languages():
        language = report.original_language
    # A published report's authors propose; a reviewer who is not on the report's side corrects it directly.
    proposal = report.is_published and not workflow.may_decide(request.user, report)
    if request.method == "POST":
        if _too_large(request):
            return HttpResponse(_("The request is too large."), status=413, content_type="text/plain; charset=utf-8")
        form = ReportForm(request.POST, request.FILES, published=report.is_published, proposal=proposal)
        if form.is_valid():
            if proposal:
                note = form.cleaned_data["correction_note"]
                workflow.propose_correction(report, form.cleaned_data, request.user, note)
                messages.success(
                    request,
                    _("Your correction is sent for review. The published version stays until a reviewer approves it."),
                )
                return redirect(report.get_absolute_url())
            with transaction.atomic():
                editing.save_report(report, form.cleaned_data, request.user)
                workflow.record_edit(report, request.user, form.cleaned_data.get("correction_note", ""))
            if report.is_published:
                workflow.notify(report, "correct", request.user, form.cleaned_data["correction_note"])
            messages.success(request, _("The report is saved."))
            return redirect(report.get_absolute_url())
    else:
        form = ReportForm(initial=initial_from(report, language), published=report.is_published, proposal=proposal)
    return render(
        request,
        "failures/form.html",
        {"form": form, "report": report, "proposal": proposal, "page_title": _("Edit the failure report")},
    )


@login_required
@require_POST
def act(request, pk):
    report = get_object_or_404(FailureReport, pk=pk)
    if not workflow.can_view(request.user, report):
        raise Http404
    form = ActionForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    try:
        workflow.transition(report, form.cleaned_data["action"], request.user, form.cleaned_data["note"])
    except workflow.WorkflowError:
        messages.error(request, _("That step is not possible now; a comment may be required."))
    return redirect(report.get_absolute_url())


@login_required
def mine(request):
    organisation = organisation_of(request.user)
    reports = FailureReport.objects.filter(
        Q(author=request.user) | Q(organisation=organisation) if organisation else Q(author=request.user)
    )
    return render(
        request,
        "failures/mine.html",
        {"reports": reports.select_related("category"), "page_title": _("Our failure reports")},
    )


def _reviewers_only(request):
    if not request.user.is_authenticated:
        return redirect(f"{_login_url()}?next={request.path}")
    if not workflow.is_reviewer(request.user):
        raise PermissionDenied
    return None


def _login_url():
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def review_queue(request):
    refused = _reviewers_only(request)
    if refused:
        return refused
    waiting = FailureReport.objects.filter(
        Q(status__in=[Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED])
        | Q(proposed_correction__isnull=False)
    )
    return render(
        request,
        "failures/review.html",
        {"reports": waiting.select_related("category", "organisation"), "page_title": _("Reports awaiting review")},
    )


def categories(request, pk=None):
    refused = _reviewers_only(request)
    if refused:
        return refused
    instance = get_object_or_404(Category, pk=pk) if pk else None
    form = CategoryForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The category is saved."))
        return redirect("failures:categories")
    return render(
        request,
        "failures/categories.html",
        {
            "form": form,
            "editing": instance,
            "categories": Category.objects.annotate(count=Count("reports")),
            "page_title": _("Failure categories"),
        },
    )


def awaiting_translation(request):
    """Published reports with a language still missing: the list the knowledge base's "help translate" page can
    take over."""
    rows = []
    for report in FailureReport.published.select_related("category"):
        missing = report.missing_languages()
        if missing:
            rows.append((report, [languages.name(code) for code in missing]))
    return render(
        request, "failures/translations.html", {"rows": rows, "page_title": _("Reports waiting for translation")}
    )


def statistics(request):
    published = FailureReport.published.all()
    by_category = [
        (str(category), category.count)
        for category in Category.objects.annotate(count=Count("reports", filter=Q(reports__status=Status.PUBLISHED)))
    ]
    by_year = [
        (str(row["year"]), row["count"])
        for row in published.annotate(year=ExtractYear("incident_date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("year")
    ]
    return render(
        request,
        "failures/statistics.html",
        {
            "total": published.count(),
            "category_chart": charts.responsive_bar_chart(by_category, _("Published reports by category")),
            "year_chart": charts.responsive_bar_chart(
                by_year, _("Published reports by year of the incident"), label_width=80
            ),
            "by_category": by_category,
            "by_year": by_year,
            "page_title": _("Failure-case statistics"),
        },
    )


def attachment(request, pk, attachment_pk):
    report = get_object_or_404(FailureReport, pk=pk)
    if not workflow.can_view(request.user, report):
        raise Http404
    item = get_object_or_404(Attachment, pk=attachment_pk, report=report)
    content_type = uploads.KINDS[item.kind][0]
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=content_type
    )
    # Even if a browser tried to render it: nothing may load or run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if not report.is_published else "public, max-age=3600"
    return response
