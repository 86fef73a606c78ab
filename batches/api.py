"""The batch API, mounted on the checker's API at /api/v1/batches (portal/urls.py); a bearer token for each call."""

import json
import uuid

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from checker.engine.names import InputError
from checker.forms import input_error_text
from checker.web_api import bilingual, error_body
from portal import clock

from . import conf, results, submit, tokens, upload
from .models import Batch

router = Router(tags=["batches"])


def _json(body: dict, status: int) -> StreamingHttpResponse:
    from django.http import JsonResponse

    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _unauthorised():
    response = _json(
        bilingual(
            "unauthorised",
            lambda lang: _(
                "This call needs an API token: 'Authorization: Bearer <token>'. Members create tokens in their account."
            ),
        ),
        401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _batch_of(request, batch_id: str):
    """(the batch, None) for the token's user; (None, an error response) otherwise."""
    token = tokens.from_request(request)
    if token is None:
        return None, _unauthorised()
    try:
        return Batch.objects.get(public_id=uuid.UUID(batch_id), user=token.user), None
    except (ValueError, Batch.DoesNotExist):
        return None, _json(bilingual("not_found", lambda lang: _("No batch with this id is yours.")), 404)


def _rejection_text(rejection: dict):
    return lambda lang: input_error_text(InputError(rejection["error"]), lang)


def _progress(batch: Batch) -> dict:
    checked = batch.names.filter(checked_at__isnull=False).count()
    now = clock.now()
    elapsed = ((batch.finished_at or now) - batch.created_at).total_seconds()
    rate = checked / elapsed if elapsed > 0 else 0.0
    left = batch.accepted - checked
    return {
        "id": str(batch.public_id),
        "state": batch.state,
        "refusal": bilingual(batch.refusal, lambda lang: upload.refusal_text(batch)) if batch.refusal else None,
        "created": batch.created_at.isoformat(),
        "finished": batch.finished_at.isoformat() if batch.finished_at else None,
        "accepted": batch.accepted,
        "rejected": batch.rejected,
        "duplicates": batch.duplicates,
        "rejections": [
            rejection | {"message": bilingual(rejection["error"], _rejection_text(rejection))["message"]}
            for rejection in batch.rejections
        ],
        "checked": checked,
        "names_per_second": round(rate, 2),
        "seconds_left": round(left / rate) if left and rate else (0 if not left else None),
    }


@router.post("", url_name="batch_create", response={202: dict, 400: dict, 401: dict, 413: dict, 429: dict})
def create_batch(request: HttpRequest):
    """Submit names to check, with `Authorization: Bearer <token>`: JSON `{"names": ["example.jp", ...]}`, or a
    multipart form with a `file` of names (text or CSV, one a line, gzip accepted), read in the background."""
    token = tokens.from_request(request)
    if token is None:
        return _unauthorised()
    if request.content_type == "multipart/form-data":
        return _create_from_file(request, token)
    try:
        body = json.loads(request.body or b"null")
    except RequestDataTooBig:
        return _json(error_body(413), 413)
    except (ValueError, UnicodeDecodeError):
        body = None
    names = body.get("names") if isinstance(body, dict) else None
    if not isinstance(names, list) or not names:
        return _json(
            bilingual(
                "invalid_request",
                lambda lang: _('The request must be a JSON object such as {"names": ["example.jp"]}.'),
            ),
            400,
        )
    if len(names) > conf.max_names():
        limit = conf.max_names()
        return _json(
            bilingual(
                "too_many_names",
                lambda lang: (
                    _("At most %(limit)s names in one request; send the rest in another batch.")
                    % {"limit": f"{limit:,}"}
                ),
            ),
            413,
        )
    reading = submit.read_names(names)
    try:
        batch = submit.create(token, token.user, reading)
    except submit.QuotaExceeded as exceeded:
        quota, remaining = conf.daily_quota(), exceeded.remaining
        response = _json(
            bilingual(
                "quota_exceeded",
                lambda lang: (
                    _(
                        "This token may submit %(quota)s names in 24 hours; %(remaining)s remain, and this batch has "
                        "%(count)s."
                    )
                    % {
                        "quota": f"{quota:,}",
                        "remaining": f"{remaining:,}",
                        "count": f"{len(reading.names):,}",
                    }
                ),
            ),
            429,
        )
        response["Retry-After"] = "3600"
        return response
    return _json(_progress(batch), 202)


def file_too_large_text(lang=None) -> str:
    limit = conf.max_upload_bytes() // (1024 * 1024)
    return _("The file is larger than %(limit)s MB. Split it, or compress it with gzip.") % {"limit": f"{limit:,}"}


def _create_from_file(request, token):
    if int(request.META.get("CONTENT_LENGTH") or 0) > conf.max_upload_bytes() + 64 * 1024:
        return _json(bilingual("file_too_large", file_too_large_text), 413)  # refused before it is read
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return _json(
            bilingual("invalid_request", lambda lang: _("The form must carry the list of names as a field `file`.")),
            400,
        )
    if uploaded.size > conf.max_upload_bytes():
        return _json(bilingual("file_too_large", file_too_large_text), 413)
    return _json(_progress(upload.accept(token, token.user, uploaded)), 202)


@router.get("/{batch_id}", url_name="batch_detail", response={200: dict, 401: dict, 404: dict})
def batch_detail(request: HttpRequest, batch_id: str):
    """A batch's progress: names checked, the rate, the seconds left."""
    batch, error = _batch_of(request, batch_id)
    return error or _json(_progress(batch), 200)


@router.get("/{batch_id}/results", url_name="batch_results", response={200: dict, 400: dict, 401: dict, 404: dict})
def batch_results(request: HttpRequest, batch_id: str, format: str = "json"):
    """One row per name, in the order submitted, streamed: `?format=csv` or `?format=json`."""
    batch, error = _batch_of(request, batch_id)
    if error:
        return error
    if format not in ("csv", "json"):
        return _json(bilingual("invalid_format", lambda lang: _("The format must be csv or json.")), 400)
    return results.download(batch.pk, format, f"batch-{batch.public_id}")
