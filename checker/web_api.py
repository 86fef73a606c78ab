"""The checker's JSON API (django-ninja), served at /api/v1/ with its schema at /api/v1/openapi.json."""

import functools
import uuid
from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import override
from ninja import NinjaAPI, Schema, Status
from ninja.errors import ValidationError

from checker import catalog, runs
from checker.engine.names import InputError
from checker.forms import input_error_text, normalise_domain
from checker.models import CheckRun
from checker.views import client_address

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


class CheckOut(Schema):
    id: uuid.UUID
    domain: str
    state: str
    retrying: bool = False
    fresh: bool
    reused: bool = False
    created: datetime
    started: datetime | None = None
    finished: datetime | None = None
    verdict: str | None = None
    verdict_label: dict[str, str] | None = None
    worst_severity: str | None = None
    error: str | None = None
    progress: list[dict] = []
    findings: list[FindingOut] = []
    url: str
    page_ja: str
    page_en: str


class Message(Schema):
    error: str
    message: dict[str, str]


def _both(code: str, text_of) -> dict:
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


def run_out(run: CheckRun, reused: bool = False) -> dict:
    findings = []
    for f in (run.report or {}).get("findings", []):
        findings.append(
            {
                "id": f["id"],
                "severity": f["severity"],
                "zone": f.get("zone"),
                "servers": f.get("servers") or ([f["server"]] if f.get("server") else []),
                "url_ja": _finding_url(f["id"], "ja"),
                "url_en": _finding_url(f["id"], "en"),
                "messages": {
                    lang: f.get("messages", {}).get(lang) or catalog.render(f["id"], lang, f.get("evidence"))
                    for lang in ("ja", "en")
                },
            }
        )
    return {
        "id": run.public_id,
        "domain": run.domain,
        "state": run.state,
        "retrying": run.is_retrying,
        "fresh": run.fresh,
        "reused": reused,
        "created": run.created,
        "started": run.started,
        "finished": run.finished,
        "verdict": run.verdict or None,
        "verdict_label": {lang: catalog.verdict_label(run.verdict, lang) for lang in ("ja", "en")}
        if run.verdict
        else None,
        "worst_severity": run.worst_severity or None,
        "error": run.error or None,
        "progress": run.progress if not run.is_finished else [],
        "findings": findings,
        "url": reverse("checker_api:check_detail", kwargs={"run_id": run.public_id}),
        "page_ja": _page(run, "ja"),
        "page_en": _page(run, "en"),
    }


@api.exception_handler(ValidationError)
def invalid_body(request, exc):
    return api.create_response(
        request, _both("invalid_request", lambda lang: _invalid_text(lang)) | {"detail": exc.errors}, status=422
    )


def _invalid_text(language):
    from django.utils.translation import gettext

    return gettext('The request must be a JSON object such as {"domain": "example.jp", "fresh": false}.')


@api.post("/checks", response={202: CheckOut, 200: CheckOut, 400: Message, 429: Message}, url_name="check_create")
def create_check(request: HttpRequest, body: CheckRequest):
    """Submit a check. Only public options: `fresh` skips the reuse window."""
    try:
        domain = normalise_domain(body.domain)
    except InputError as error:
        return Status(400, _both(error.code, functools.partial(input_error_text, error)))
    submission = runs.submit(
        domain, query=body.domain, fresh=body.fresh, user=request.user, address=client_address(request)
    )
    if submission.run is None:
        from checker.views import limit_text

        response = api.create_response(request, _both("rate_limited", lambda lang: limit_text(submission)), status=429)
        response["Retry-After"] = str(submission.retry_after)
        return response
    return Status(200 if submission.reused else 202, run_out(submission.run, submission.reused))


@api.get("/checks/{run_id}", response={200: CheckOut, 404: Message}, url_name="check_detail")
def check_detail(request: HttpRequest, run_id: str):
    try:
        run = CheckRun.objects.get(public_id=uuid.UUID(run_id))
    except (ValueError, CheckRun.DoesNotExist):
        return Status(404, _both("not_found", lambda lang: _not_found_text()))
    return Status(200, run_out(run))


def _not_found_text():
    from django.utils.translation import gettext

    return gettext("No check with this id.")


@api.get("/domains/{domain}/checks", response={200: list[CheckOut], 400: Message}, url_name="domain_checks")
def domain_checks(request: HttpRequest, domain: str):
    """The domain's checks, newest first (at most 50)."""
    try:
        name = normalise_domain(domain)
    except InputError as error:
        return Status(400, _both(error.code, functools.partial(input_error_text, error)))
    return Status(
        200, [run_out(run) for run in CheckRun.objects.filter(domain=name).order_by("-created")[:HISTORY_LENGTH]]
    )
