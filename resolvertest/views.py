"""The resolver test's pages: the start page (its script runs the fetches), the report, the result, the statistics."""

from datetime import timedelta

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from checker import presenters
from members.permissions import organisation_of
from portal import charts, clock
from portal.clientaddress import client_address
from resolvertest import observations, operators, runs, stats, verdict
from resolvertest.conf import runs_per_minute, zone
from resolvertest.models import TestRun
from resolvertest.pixel import PATH as PIXEL_PATH
from resolvertest.zones import BY_LABEL

# The page's script gives up on a fetch after this long (data-timeout); a resolver that takes longer
# counts as not loading the name.
FETCH_TIMEOUT_MS = 10_000
DEFAULT_PORTS = {"http": "80", "https": "443"}


def test_origin(request, parent: str, first_labels: str) -> str:
    """`<scheme>://<first_labels>.<parent>[:port]`: the test names are served by the portal's own web server, on
    the scheme and port the visitor reached the page with."""
    _host, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port and port != DEFAULT_PORTS.get(request.scheme) else ""
    return f"{request.scheme}://{first_labels}.{parent}{suffix}"


def refusal_text(code: str) -> str:
    texts = {
        runs.ReportRefused.MALFORMED: _("The report of the test was not understood. Please start the test again."),
        runs.ReportRefused.TOO_LARGE: _("The report of the test is too large. Please start the test again."),
        runs.ReportRefused.UNKNOWN_TOKEN: _(
            "The report names a test name that the portal never issued. Please start the test again."
        ),
        runs.ReportRefused.OTHER_RUN: _("The report names a test name of another run. Please start the test again."),
        runs.ReportRefused.INCOMPLETE: _(
            "The report does not cover every test name of this run. Please start the test again."
        ),
        runs.ReportRefused.FINISHED: _("This run already has its result; it cannot be reported again."),
        runs.ReportRefused.EXPIRED: _("This run was started too long ago to be reported. Please start the test again."),
        runs.ReportRefused.TOO_MANY: _("Too many reports from your address. Please wait a minute and try again."),
    }
    return texts[code]


REFUSAL_STATUS = {
    runs.ReportRefused.MALFORMED: 400,
    runs.ReportRefused.TOO_LARGE: 413,
    runs.ReportRefused.UNKNOWN_TOKEN: 400,
    runs.ReportRefused.OTHER_RUN: 400,
    runs.ReportRefused.INCOMPLETE: 400,
    runs.ReportRefused.FINISHED: 409,
    runs.ReportRefused.EXPIRED: 409,
    runs.ReportRefused.TOO_MANY: 429,
}


def error_response(text: str, status: int, code: str, retry_after: int = 0) -> JsonResponse:
    response = JsonResponse({"error": code, "message": text}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@never_cache
def start_page(request):
    """GET: the page with its button; POST (the script's): a new run, and the names its script fetches."""
    parent = zone()
    if request.method == "POST":
        if parent is None:
            raise Http404
        return _start_run(request, parent)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {"page_title": _("Resolver test"), "available": parent is not None, "timeout": FETCH_TIMEOUT_MS}
    response = render(request, "resolvertest/start.html", context)
    if parent is not None:
        # Exactly the test names, on this page's scheme and port: the script fetches them, nothing else.
        sources = [test_origin(request, parent, "*")]
        response._csp_update = {"connect-src": sources, "img-src": sources}
    return response


def _start_run(request, parent):
    started = runs.start(client_address(request), presenters.language_code(get_language()))
    if started.run is None:
        text = _("You have started %(count)d tests in the last minute. Please try again in %(seconds)d seconds.") % {
            "count": runs_per_minute(),
            "seconds": started.retry_after,
        }
        return error_response(text, 429, "too-many", started.retry_after)
    public_id = started.run.public_id
    return JsonResponse(
        {
            "names": [
                {"token": token, "url": test_origin(request, parent, f"{token}.{label}") + PIXEL_PATH}
                for label, token in started.tokens.items()
            ],
            "report_url": reverse("resolvertest:report", kwargs={"public_id": public_id}),
            "result_url": reverse("resolvertest:result", kwargs={"public_id": public_id}),
        },
        status=201,
    )


def get_run(public_id: str) -> TestRun:
    try:
        return TestRun.objects.get(public_id=public_id)
    except TestRun.DoesNotExist:
        raise Http404 from None


def report(request, public_id):
    """The script's report of its fetches (JSON, with the page's CSRF token); once per run."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run = get_run(public_id)
    try:
        runs.count_report(client_address(request))
        runs.finish(run, runs.parse_report(request.body))
    except runs.ReportRefused as refused:
        return error_response(
            refusal_text(refused.code), REFUSAL_STATUS[refused.code], refused.code, refused.retry_after
        )
    return JsonResponse({"result_url": reverse("resolvertest:result", kwargs={"public_id": public_id})})


@never_cache
def result_page(request, public_id):
    run = get_run(public_id)
    settling = observations.refresh(run, clock.now())
    context = {
        "run": run,
        "page_title": _("Resolver test result"),
        "settling": settling,
        "settle_seconds": observations.SETTLE_SECONDS,
    }
    if run.finished_at is not None:
        context.update(result_context(run))
    return render(request, "resolvertest/result.html", context)


def result_context(run: TestRun) -> dict:
    outcome = verdict.validation(run.fetches, run.observations)
    addresses = verdict.resolver_addresses(run.observations)
    names = operators.operators(addresses)
    algorithm_labels = {
        verdict.SUPPORTED: _("supported"),
        verdict.UNSUPPORTED: _("not supported (treated as unsigned)"),
        verdict.UNKNOWN: _("unknown (its correctly signed zone did not load)"),
    }
    return {
        "verdict": outcome,
        "algorithms": [
            {"number": number, "state": state, "label": algorithm_labels[state]}
            for number, state in verdict.algorithm_support(run.fetches).items()
        ],
        "tcp": verdict.tcp_fallback(run.observations),
        "resolvers": [
            {**resolver, "operator": names.get(resolver["address"], "")}
            for resolver in run.observations.get("resolvers", [])
        ],
        "fetch_rows": [
            {"label": label, "loaded": verdict.loaded(run.fetches, label), "bogus": BY_LABEL[label].bogus}
            for label in BY_LABEL
            if label in run.fetches
        ],
    }


STATS_DAYS = 365
OUTCOME_LABELS = {
    verdict.VALIDATES: gettext_lazy("Validates"),
    verdict.DOES_NOT_VALIDATE: gettext_lazy("Does not validate"),
    verdict.INDETERMINATE: gettext_lazy("Indeterminate"),
}
GROUP_LABELS = {
    stats.OTHER_MEMBERS: gettext_lazy("Other members' resolvers (not named without their consent)"),
    stats.NOT_MEMBERS: gettext_lazy("Resolvers outside the members' registered prefixes"),
    stats.NO_RESOLVER: gettext_lazy("No query reached the test zones' servers"),
}


def _percent(share) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


def _rows(tallies, label_of) -> list[dict]:
    return [
        {
            "label": label_of(key),
            "runs": tally.runs,
            "counts": [tally.counts[outcome] for outcome in stats.OUTCOMES],
            "share": _percent(tally.share),
        }
        for key, tally in tallies
    ]


@never_cache
def stats_page(request):
    """The share of runs that validate, over time; by resolver operator for members."""
    since = clock.now() - timedelta(days=STATS_DAYS)
    finished = list(TestRun.objects.filter(finished_at__gte=since).only("finished_at", "fetches", "observations"))
    months = stats.by_month(finished)
    total = stats.Tally()
    for run in finished:
        total.add(stats.outcome(run))
    member = organisation_of(request.user) is not None
    operator_rows = []
    if member:
        addresses = {address for run in finished if (address := stats.main_resolver(run))}
        entries = operators.operator_entries(sorted(addresses))
        operator_rows = _rows(stats.by_operator(finished, entries), lambda key: GROUP_LABELS.get(key, key))
    chart_rows = [(month, tally.counts[verdict.VALIDATES]) for month, tally in months]
    return render(
        request,
        "resolvertest/stats.html",
        {
            "page_title": _("Resolver test statistics"),
            "total": total,
            "share": _percent(total.share),
            "outcome_labels": [OUTCOME_LABELS[outcome] for outcome in stats.OUTCOMES],
            "month_rows": _rows(months, str),
            "chart": charts.responsive_bar_chart(chart_rows, _("Validating runs per month")) if months else "",
            "member": member,
            "operator_rows": operator_rows,
        },
    )
