"""The logo programme's pages for members and reviewers: apply, follow the organisation's applications and
certificates, review. Every change goes through members.logo.lifecycle.

Who may do what: an organisation's own users (members.permissions.can_act_for; administrators act for every
organisation) apply, renew and withdraw; logo reviewers (permission members.review_application) approve or
reject; administrators reinstate (staff's answer to an appeal). An application is 404 to everyone else, as a
draft failure report is.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checker.models import CheckRun
from checker.presenters import language_code
from members.logo import criteria, lifecycle, resolver_evidence
from members.logo.forms import ApplicationForm, DecisionForm, ReinstateForm, WithdrawForm
from members.logo.models import CURRENT_STATES, RESOLVER, Application, Certificate
from members.permissions import can_act_for, has_role, organisation_of
from members.roles import REVIEW_LOGO, Role

PENDING_RUN_STATES = (CheckRun.State.QUEUED, CheckRun.State.RUNNING)
REFRESH_SECONDS = 5


def is_logo_reviewer(user) -> bool:
    return user.has_perm(REVIEW_LOGO)


def _is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def _only(allowed):
    """Refuse (403) a signed-in user whom `allowed(user)` does not admit, before anything else, a wrong method
    included."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _say_errors(request, texts) -> None:
    for text in texts:
        messages.error(request, text)


def _form_errors(form) -> list[str]:
    return [text for errors in form.errors.values() for text in errors]


# Applying


@login_required
def apply(request, number=None):
    """A new application, or with `number` the renewal of a current certificate (its zones prefilled)."""
    user = request.user
    renews = None
    if number is not None:
        renews = get_object_or_404(Certificate.objects.select_related("organisation"), number=number)
        if not can_act_for(user, renews.organisation) or renews.state not in CURRENT_STATES:
            raise Http404
    own = organisation_of(user)
    administrator = _is_administrator(user)
    if own is None and not administrator:
        raise PermissionDenied  # a user of no organisation has nothing to apply for
    initial = {"organisation": own}
    if renews:
        initial.update(
            zones="\n".join(renews.zones),
            prefixes="\n".join(renews.prefixes),
            probe_addresses="\n".join(renews.probe_addresses),
        )
    form = ApplicationForm(
        request.POST or None,
        initial=initial,
        choose_organisation=administrator,
        renewal=renews is not None,
        category=renews.category if renews else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = renews.organisation if renews else data.get("organisation", own)
        category = renews.category if renews else data["category"]
        try:
            application = lifecycle.apply(
                organisation,
                category,
                data.get("zones", []),
                user,
                renews=renews,
                prefixes=data.get("prefixes", []),
                probe_addresses=data.get("probe_addresses", []),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if category == RESOLVER:
                messages.success(request, _("Your application is recorded. Its resolver test runs are being judged."))
            else:
                messages.success(request, _("Your application is recorded. Its zones are being checked."))
            return redirect("logo:application", pk=application.pk)
    return render(
        request,
        "members/logo/apply.html",
        {
            "form": form,
            "renews": renews,
            "resolver_rule": resolver_evidence.application_rule(),
            "page_title": _("Renew certificate %(number)s") % {"number": renews.number}
            if renews
            else _("Apply for the “DNSSEC enabled” logo"),
        },
    )


@login_required
def mine(request):
    """The organisation's applications and certificates; administrators see every organisation's."""
    user = request.user
    administrator = _is_administrator(user)
    own = organisation_of(user)
    if own is None and not administrator:
        raise PermissionDenied
    applications = Application.objects.select_related("organisation", "evaluation", "certificate", "renews")
    certificates = Certificate.objects.select_related("organisation")
    if not administrator:
        applications, certificates = applications.filter(organisation=own), certificates.filter(organisation=own)
    applications = list(applications)
    return render(
        request,
        "members/logo/mine.html",
        {
            "applications": applications,
            "certificates": certificates.order_by("-issued_at"),
            "current_states": CURRENT_STATES,
            "reinstatable": lifecycle.REINSTATABLE_STATES,
            "open_states": lifecycle.OPEN_STATES,
            "check_again_ids": {a.pk for a in applications if lifecycle.may_check_again(a)},
            "administrator": administrator,
            "withdraw_form": WithdrawForm(),
            "reinstate_form": ReinstateForm(),
            "page_title": _("Logo applications and certificates"),
        },
    )


# One application


def _visible_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("organisation", "evaluation", "certificate", "renews", "reviewer"), pk=pk
    )
    if not (can_act_for(request.user, application.organisation) or is_logo_reviewer(request.user)):
        raise Http404  # another organisation's application does not exist, as far as the visitor knows
    return application


def _zone_rows(application: Application) -> list[dict]:
    language = language_code(get_language())
    rows = []
    for run, judgement in lifecycle.judgements(application.evaluation, application.criteria_version):
        pending = run.state in PENDING_RUN_STATES
        rows.append(
            {
                "run": run,
                "pending": pending,
                "outcome": "" if pending else judgement.outcome,
                "outcome_label": "" if pending else criteria.OUTCOME_LABELS[judgement.outcome],
                "reasons": [] if pending else criteria.reason_parts(judgement, language),
            }
        )
    return rows


@login_required
def application(request, pk):
    application = _visible_application(request, pk)
    rows = _zone_rows(application)
    reviewer = is_logo_reviewer(request.user)
    open_ = application.state in lifecycle.OPEN_STATES
    resolver = application.category == RESOLVER
    judgement = resolver_evidence.of_evaluation(application.evaluation, application.prefixes) if resolver else None
    return render(
        request,
        "members/logo/application.html",
        {
            "application": application,
            "rows": rows,
            "pending": not application.evaluation.outcome if resolver else any(row["pending"] for row in rows),
            "resolver": resolver,
            "outcome_labels": criteria.OUTCOME_LABELS,
            "evidence": resolver_evidence.presentation(judgement) if judgement else None,
            "refresh_seconds": REFRESH_SECONDS,
            "can_act": can_act_for(request.user, application.organisation),
            "open": open_,
            "open_states": lifecycle.OPEN_STATES,
            "check_again_ids": {application.pk} if lifecycle.may_check_again(application) else set(),
            "can_review": reviewer and open_,
            "can_approve": lifecycle.may_approve(application),
            "decision_form": DecisionForm(),
            "page_title": _("Logo application %(number)d") % {"number": application.pk},
        },
    )


@login_required
@require_POST
def withdraw_application(request, pk):
    application = _visible_application(request, pk)
    if not can_act_for(request.user, application.organisation):
        raise PermissionDenied
    try:
        lifecycle.withdraw_application(application, request.user)
    except ValidationError as error:
        _say_errors(request, error.messages)
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("logo:application", pk=application.pk)


@login_required
@require_POST
def check_again(request, pk):
    application = _visible_application(request, pk)
    if not can_act_for(request.user, application.organisation):
        raise PermissionDenied
    try:
        lifecycle.check_again(application, request.user)
    except ValidationError as error:
        _say_errors(request, error.messages)
    else:
        if application.category == RESOLVER:
            messages.success(request, _("The resolver test runs are being judged again."))
        else:
            messages.success(request, _("The zones are being checked again."))
    return redirect("logo:application", pk=application.pk)


# Review


@login_required
@_only(is_logo_reviewer)
def review(request):
    waiting = Application.objects.select_related("organisation", "evaluation", "renews")
    return render(
        request,
        "members/logo/review.html",
        {
            "sections": [
                (
                    _("Waiting for review"),
                    waiting.filter(state=Application.State.READY).order_by("-created_at"),
                    _("No application waits for review."),
                ),
                (
                    _("Evidence being checked"),
                    waiting.filter(state=Application.State.CHECKING).order_by("-created_at"),
                    _("No application is being checked."),
                ),
            ],
            "page_title": _("Logo applications to review"),
        },
    )


@login_required
@_only(is_logo_reviewer)
@require_POST
def decide(request, pk):
    application = get_object_or_404(Application.objects.select_related("evaluation", "renews"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _say_errors(request, _form_errors(form))
        return redirect("logo:application", pk=application.pk)
    comment = form.cleaned_data["comment"].strip()
    try:
        if form.cleaned_data["decision"] == DecisionForm.APPROVE:
            certificate = lifecycle.approve(application, request.user, comment)
            messages.success(request, _("Approved: certificate %(number)s is valid.") % {"number": certificate.number})
        else:
            lifecycle.reject(application, request.user, comment)
            messages.success(request, _("The application is rejected."))
    except ValidationError as error:
        _say_errors(request, error.messages)
    return redirect("logo:application", pk=application.pk)


# A certificate's end or return


@login_required
@require_POST
def withdraw(request, number):
    certificate = get_object_or_404(Certificate, number=number)
    if not can_act_for(request.user, certificate.organisation):
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        _say_errors(request, _form_errors(form))
        return redirect("logo:mine")
    try:
        lifecycle.withdraw(certificate, request.user, form.cleaned_data["note"].strip())
    except ValidationError as error:
        _say_errors(request, error.messages)
    else:
        messages.success(request, _("Certificate %(number)s is withdrawn.") % {"number": certificate.number})
    return redirect("logo:mine")


@login_required
@_only(_is_administrator)  # staff handle revocation appeals
@require_POST
def reinstate(request, number):
    certificate = get_object_or_404(Certificate, number=number)
    form = ReinstateForm(request.POST)
    if not form.is_valid():
        _say_errors(request, _form_errors(form))
        return redirect("logo:mine")
    try:
        lifecycle.reinstate(certificate, request.user, form.cleaned_data["note"].strip())
    except ValidationError as error:
        _say_errors(request, error.messages)
    else:
        messages.success(request, _("Certificate %(number)s is valid again.") % {"number": certificate.number})
    return redirect("logo:mine")
