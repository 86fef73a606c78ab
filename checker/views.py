import uuid

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from checker import catalog, conf, presenters, runs
from checker.engine.names import InputError
from checker.forms import CheckForm, normalise_domain
from checker.models import CheckRun
from checker.svg import chain_svgs, timing_svg
from portal.clientaddress import client_address
from portal.findingrefs import references

HISTORY_LENGTH = 50


def _language():
    return presenters.language_code(get_language())


def rate_limited(request, submission, form=None):
    """The translated 429 page with Retry-After."""
    response = render(
        request,
        "checker/check_form.html",
        {
            "form": form or CheckForm(),
            "page_title": _("Too many checks"),
            "limit_text": limit_text(submission),
        },
        status=429,
    )
    response["Retry-After"] = str(submission.retry_after)
    return response


def check_form(request):
    if request.method == "POST":
        form = CheckForm(request.POST)
        if form.is_valid():
            submission = runs.submit(
                form.cleaned_data["domain"],
                query=request.POST.get("domain", ""),
                fresh=form.cleaned_data["fresh"],
                user=request.user,
                address=client_address(request),
            )
            if submission.run is None:
                return rate_limited(request, submission, form)
            url = reverse("checker:run", kwargs={"run_id": submission.run.public_id})
            return HttpResponseRedirect(url + ("?reused=1" if submission.reused else ""))
        return render(request, "checker/check_form.html", {"form": form, "page_title": _("Check a domain")}, status=400)
    initial = {"domain": request.GET.get("domain", "")[:300]} if request.GET.get("domain") else None
    return render(
        request, "checker/check_form.html", {"form": CheckForm(initial=initial), "page_title": _("Check a domain")}
    )


def get_run(run_id: str) -> CheckRun:
    try:
        return CheckRun.objects.get(public_id=uuid.UUID(str(run_id)))
    except (ValueError, CheckRun.DoesNotExist):
        raise Http404 from None


def run_page(request, run_id):
    run = get_run(run_id)
    language = _language()
    previous = presenters.previous_run(run) if run.state == CheckRun.State.DONE else None
    reused_at = fresh_from = None
    if request.GET.get("reused"):
        reused_at, fresh_from = runs.reuse_times(run)
    display_domain = presenters.unicode_domain(run.domain)
    context = {
        "run": run,
        "display_domain": display_domain,
        "idn": display_domain != run.domain,
        "page_title": _("Check of %(domain)s") % {"domain": display_domain},
        "verdict_label": catalog.verdict_label(run.verdict, language) if run.verdict else "",
        "verdict_description": catalog.verdict_description(run.verdict, language) if run.verdict else "",
        "name_missing": bool(run.report) and run.report.get("name_exists") is False,
        "groups": presenters.findings_by_severity(run.report, language),
        "upstream_groups": presenters.findings_by_severity(run.report, language, "upstream"),
        "chains": chain_svgs(run.report, language) if run.report else [],
        "servers": presenters.server_rows(run.report),
        "queries": presenters.query_log(run.report),
        "progress": presenters.progress_lines(run.progress),
        "changes": presenters.changes(run, previous, language),
        "reused": bool(request.GET.get("reused")),
        "reused_at": reused_at,
        "fresh_from": fresh_from,
        "failure_text": presenters.failure_text(run) if run.state == CheckRun.State.FAILED else "",
        "reason_code": presenters.reason_code(run.error),
        "rerun_form": CheckForm(initial={"domain": run.domain, "fresh": True}),
        "refresh_seconds": 3,
    }
    return render(request, "checker/run.html", context)


def domain_history(request, domain):
    try:
        name = normalise_domain(domain)
    except InputError:
        raise Http404 from None
    history = CheckRun.objects.filter(domain=name).order_by("-created")[:HISTORY_LENGTH]
    language = _language()
    rows = [
        {
            "run": run,
            "verdict_label": catalog.verdict_label(run.verdict, language) if run.verdict else "",
            "worst_label": catalog.severity_label(run.worst_severity, language) if run.worst_severity else "",
        }
        for run in history
    ]
    display_domain = presenters.unicode_domain(name)
    return render(
        request,
        "checker/history.html",
        {
            "domain": name,
            "display_domain": display_domain,
            "idn": display_domain != name,
            "rows": rows,
            "page_title": _("Checks of %(domain)s") % {"domain": display_domain},
        },
    )


def finding_index(request):
    language = _language()
    groups = {}
    for finding in catalog.all_findings():
        groups.setdefault(finding.group, []).append(
            {
                "id": finding.id,
                "number": finding.number,
                "title": finding.title.in_language(language),
                "severity": catalog.severity_label(finding.severity, language),
            }
        )
    return render(
        request,
        "checker/finding_index.html",
        {"groups": sorted(groups.items()), "page_title": _("Findings of the checker")},
    )


def finding_page(request, finding_id):
    if finding_id not in catalog.ids():
        raise Http404
    language = _language()
    finding = catalog.get(finding_id)
    # The templates with placeholders are shown as written: "{key_tag}" reads as "the key tag".
    context = {
        "finding": finding,
        "title": finding.title.in_language(language),
        "message": finding.message.in_language(language),
        "why": finding.why.in_language(language),
        "fix": finding.fix.in_language(language),
        "severity_label": catalog.severity_label(finding.severity, language),
        "severity_description": catalog.severity_description(finding.severity, language),
        "other_severities": [catalog.severity_label(s, language) for s in finding.severities[1:]],
        "severity_rule": finding.severity_rule.in_language(language) if finding.severity_rule else "",
        "references": references(finding_id, language),
        "timing": timing_svg(finding_id),
        "assumed_propagation": settings.WATCH_ASSUMED_PROPAGATION_SECONDS,
        "assumed_signing": settings.WATCH_ASSUMED_SIGNING_SECONDS,
        "page_title": finding.title.in_language(language),
    }
    return render(request, "checker/finding.html", context)


def limit_text(submission) -> str:
    if submission.limited == "concurrent":
        return _("You already have %(count)d checks waiting or running. Please try again in %(seconds)d seconds.") % {
            "count": conf.rate_concurrent(),
            "seconds": submission.retry_after,
        }
    return _("You have started %(count)d checks in the last minute. Please try again in %(seconds)d seconds.") % {
        "count": conf.rate_per_minute(),
        "seconds": submission.retry_after,
    }
