"""The checker's JSON API (django-ninja), served at /api/v1/ with its schema at /api/v1/openapi.json."""

import functools
import uuid
from datetime import datetime

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import HttpError, ValidationError

from checker import catalog, presenters, runs
from checker.engine.names import InputError
from checker.engine.report import stored_severity, stored_texts
from checker.forms import input_error_text, normalise_domain
from checker.models import CheckRun
from portal.clientaddress import client_address

api = NinjaAPI(
    title="DNSSEC Japan checker", version="1", urls_namespace="checker_api", docs_url=None, openapi_url="/openapi.json"
)
HISTORY_LENGTH = 50


class CheckRequest(Schema):
    domain: str
    fresh: bool = False


class Texts(Schema):
    title: str
    message: str
    why: str
    fix: str


class FindingOut(Schema):
    id: str
    severity: str
    zone: str | None = None
    servers: list[str] = []
    url_ja: str
    url_en: str
    messages: dict[str, Texts]


class ProgressOut(Schema):
    event: str
    zone: str | None = None
    server: str | None = None
    queries: int | None = None
    answered: int | None = None
    errors: dict[str, int] | None = None
    status: str | None = None
    text: dict[str, str]


class CheckOut(Schema):
    id: uuid.UUID
    domain: str
    unicode_domain: str = Field(description="The domain as people write it: 例え.jp for xn--r8jz45g.jp.")
    state: str
    retrying: bool = False
    fresh: bool
    reused: bool = False
    reused_at: datetime | None = Field(
        None,
        description="With reused: when the reused run finished, or, while it is queued or running, when it "
        "started (or was requested).",
    )
    fresh_check_from: datetime | None = Field(
        None,
        description="With reused: from this time the same request makes a new check instead of returning this "
        "run; null while the run is queued or running. With fresh: true a new check is made as soon as the run "
        "has finished.",
    )
    created: datetime
    started: datetime | None = None
    finished: datetime | None = None
    verdict: str | None = None
    verdict_label: dict[str, str] | None = None
    worst_severity: str | None = None
    name_exists: bool | None = Field(
        None,
        description="false: the checked name does not exist (its zone answers NXDOMAIN; the verdict says whether "
        "that answer validates); null while the run is not finished or when no answer decided it.",
    )
    error: str | None = Field(None, description="Why a failed run failed: time_limit, engine_error, worker_lost, …")
    error_message: dict[str, str] | None = None
    progress: list[ProgressOut] = []
    findings: list[FindingOut] = []
    upstream: list[FindingOut] = Field(
        [],
        description="Problems of the parent zones, for their operators to fix: they do not count for worst_severity.",
    )
    url: str
    page_ja: str
    page_en: str


class Message(Schema):
    error: str
    message: dict[str, str]


def bilingual(code: str, text_of) -> dict:
    """The API's error shape: a code and the message in Japanese and English."""
    out = {}
    for language in ("ja", "en"):
        with override(language):
            out[language] = str(text_of(language))
    return {"error": code, "message": out}


def _page(run: CheckRun, language: str) -> str:
    with override(language):
        return reverse("checker:run", kwargs={"run_id": run.public_id})


def _finding_url(finding_id: str, language: str) -> str:
    with override(language):
        return reverse("checker:finding", kwargs={"finding_id": finding_id})


def _findings_out(report: dict | None, section: str) -> list[dict]:
    """A stored report's findings (either schema version), texts rendered from today's catalog."""
    return [
        {
            "id": f["id"],
            "severity": stored_severity(f),
            "zone": f.get("zone"),
            "servers": f.get("servers") or ([f["server"]] if f.get("server") else []),
            "url_ja": _finding_url(f["id"], "ja"),
            "url_en": _finding_url(f["id"], "en"),
            "messages": {lang: stored_texts(f, lang) for lang in ("ja", "en")},
        }
        for f in (report or {}).get(section, [])
    ]


def run_out(run: CheckRun, reused: bool = False) -> dict:
    reused_at, fresh_check_from = runs.reuse_times(run) if reused else (None, None)
    return {
        "id": run.public_id,
        "domain": run.domain,
        "unicode_domain": presenters.unicode_domain(run.domain),
        "state": run.state,
        "retrying": run.is_retrying,
        "fresh": run.fresh,
        "reused": reused,
        "reused_at": reused_at,
        "fresh_check_from": fresh_check_from,
        "created": run.created,
        "started": run.started,
        "finished": run.finished,
        "verdict": run.verdict or None,
        "verdict_label": {lang: catalog.verdict_label(run.verdict, lang) for lang in ("ja", "en")}
        if run.verdict
        else None,
        "worst_severity": run.worst_severity or None,
        "name_exists": (run.report or {}).get("name_exists"),
        "error": presenters.reason_code(run.error) or None,
        "error_message": presenters.in_both_languages(lambda: presenters.failure_text(run))
        if run.state == CheckRun.State.FAILED
        else None,
        "progress": [
            {**event, "text": presenters.in_both_languages(functools.partial(presenters.progress_text, event))}
            for event in (run.progress if not run.is_finished else [])
            if event.get("event") in ("server", "zone")
        ],
        "findings": _findings_out(run.report, "findings"),
        "upstream": _findings_out(run.report, "upstream"),
        "url": reverse("checker_api:check_detail", kwargs={"run_id": run.public_id}),
        "page_ja": _page(run, "ja"),
        "page_en": _page(run, "en"),
    }


# Every error under /api/ is {"error": code, "message": {"ja": ..., "en": ...}}: the operations' own answers,
# ninja's exceptions below, and (portal.middleware) whatever Django answers there: unknown paths, 405, 500.
ERRORS = {
    400: ("bad_request", _("The request could not be read.")),
    403: ("forbidden", _("This request is not allowed.")),
    404: (
        "not_found",
        _("There is nothing at this address of the API. The operations are listed in /api/v1/openapi.json."),
    ),
    405: ("method_not_allowed", _("This address of the API does not accept this HTTP method.")),
    413: ("too_large", _("The request is too large.")),
    422: ("invalid_request", _('The request must be a JSON object such as {"domain": "example.jp", "fresh": false}.')),
    429: ("too_many_requests", _("Too many requests. Please try again later.")),
    500: ("server_error", _("The server could not answer this request. Please try again later.")),
}


def error_body(status: int) -> dict:
    """The bilingual body of an error status (500's for any status not listed)."""
    code, text = ERRORS.get(status, ERRORS[500] if status >= 500 else ERRORS[400])
    return bilingual(code, lambda lang: text)


def error_response(status: int) -> JsonResponse:
    return JsonResponse(error_body(status), status=status, json_dumps_params={"ensure_ascii": False})


@api.exception_handler(ValidationError)
def invalid_body(request, exc):
    return api.create_response(request, error_body(422) | {"detail": exc.errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        # ninja's only 400: a body that is not JSON
        body = bilingual("malformed_json", lambda lang: gettext("The request body is not valid JSON."))
    else:
        body = error_body(exc.status_code)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, error_body(404), status=404)


@api.post(
    "/checks",
    response={202: CheckOut, 200: CheckOut, 400: Message, 422: Message, 429: Message},
    url_name="check_create",
)
def create_check(request: HttpRequest, body: CheckRequest):
    """Submit a check. Only public options: `fresh` skips the reuse window."""
    try:
        domain = normalise_domain(body.domain)
    except InputError as error:
        return Status(400, bilingual(error.code, functools.partial(input_error_text, error)))
    submission = runs.submit(
        domain, query=body.domain, fresh=body.fresh, user=request.user, address=client_address(request)
    )
    if submission.run is None:
        from checker.views import limit_text

        response = api.create_response(
            request, bilingual("rate_limited", lambda lang: limit_text(submission)), status=429
        )
        response["Retry-After"] = str(submission.retry_after)
        return response
    return Status(200 if submission.reused else 202, run_out(submission.run, submission.reused))


@api.get("/checks/{run_id}", response={200: CheckOut, 404: Message}, url_name="check_detail")
def check_detail(request: HttpRequest, run_id: str):
    try:
        run = CheckRun.objects.get(public_id=uuid.UUID(run_id))
    except (ValueError, CheckRun.DoesNotExist):
        return Status(404, bilingual("not_found", lambda lang: gettext("No check with this id.")))
    return Status(200, run_out(run))


@api.get("/domains/{domain}/checks", response={200: list[CheckOut], 400: Message}, url_name="domain_checks")
def domain_checks(request: HttpRequest, domain: str):
    """The domain's checks, newest first (at most 50)."""
    try:
        name = normalise_domain(domain)
    except InputError as error:
        return Status(400, bilingual(error.code, functools.partial(input_error_text, error)))
    return Status(
        200, [run_out(run) for run in CheckRun.objects.filter(domain=name).order_by("-created")[:HISTORY_LENGTH]]
    )
