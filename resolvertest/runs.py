"""Starting a run (a token per test zone), finishing it with the browser's report, forgetting who ran it.

The visitor's address is kept only as the checker's keyed hash (checker.runs.client_hash), for the rate
limits, and erased after CHECKER_CLIENT_HASH_HOURS as a check's is.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db import transaction

from checker import conf as checker_conf
from checker.runs import client_hash, lock_client, retry_after_a_minute
from portal import clock
from resolvertest import observations, verdict
from resolvertest.conf import reports_per_minute, runs_per_minute
from resolvertest.models import RunToken, TestRun
from resolvertest.zones import TEST_ZONES

# A browser reports within its fetches' time limit (the page's script waits 10 s); a report later than this
# is refused, so a run's result cannot be rewritten long after it was shown.
REPORT_WINDOW = timedelta(minutes=5)
MAX_REPORT_BYTES = 4096


@dataclass
class Start:
    run: TestRun | None
    tokens: dict[str, str] = field(default_factory=dict)  # label -> token
    retry_after: int = 0  # seconds, when refused


def start(address: str, language: str) -> Start:
    """A new run with a fresh random token per test zone, unless the address started too many in the last minute."""
    now = clock.now()
    digest = client_hash(address)
    with transaction.atomic():
        lock_client(digest)
        recent = TestRun.objects.filter(client_hash=digest, created_at__gte=now - timedelta(seconds=60))
        if recent.count() >= runs_per_minute():
            oldest = recent.order_by("created_at").values_list("created_at", flat=True).first()
            return Start(None, retry_after=retry_after_a_minute(oldest, now))
        run = TestRun.objects.create(
            public_id=secrets.token_urlsafe(16), created_at=now, language=language, client_hash=digest
        )
        # Lower-case hex: a DNS label that survives resolvers' case randomisation (0x20) unchanged.
        tokens = {zone.label: secrets.token_hex(10) for zone in TEST_ZONES}
        RunToken.objects.bulk_create(RunToken(run=run, zone=label, token=token) for label, token in tokens.items())
    return Start(run, tokens)


class ReportRefused(Exception):
    """Why a report was refused; the run is left as it was."""

    MALFORMED = "malformed"
    TOO_LARGE = "too-large"
    UNKNOWN_TOKEN = "unknown-token"
    OTHER_RUN = "other-run"
    INCOMPLETE = "incomplete"
    FINISHED = "finished"
    EXPIRED = "expired"
    TOO_MANY = "too-many"

    def __init__(self, code: str, retry_after: int = 0):
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


def count_report(address: str) -> None:
    """Count a report against its address's minute; refuse it past reports_per_minute()."""
    key = f"resolvertest:reports:{client_hash(address)}:{int(clock.now().timestamp()) // 60}"
    cache.add(key, 0, 120)
    if cache.incr(key) > reports_per_minute():
        raise ReportRefused(ReportRefused.TOO_MANY, retry_after=60 - int(clock.now().timestamp()) % 60)


def parse_report(body: bytes) -> dict[str, str]:
    """{token: "loaded" | "failed"} from the browser's JSON body {"fetches": {token: outcome}}."""
    if len(body) > MAX_REPORT_BYTES:
        raise ReportRefused(ReportRefused.TOO_LARGE)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ReportRefused(ReportRefused.MALFORMED) from None
    fetches = data.get("fetches") if isinstance(data, dict) else None
    if (
        not isinstance(fetches, dict)
        or len(fetches) > len(TEST_ZONES)
        or not all(isinstance(token, str) and outcome in verdict.OUTCOMES for token, outcome in fetches.items())
    ):
        raise ReportRefused(ReportRefused.MALFORMED)
    return fetches


def finish(run: TestRun, reported: dict[str, str]) -> TestRun:
    """Record the browser's report of its fetches and summarise what the servers saw; once per run."""
    now = clock.now()
    if run.finished_at is not None:
        raise ReportRefused(ReportRefused.FINISHED)
    labels = dict(run.tokens.values_list("token", "zone"))
    strangers = set(reported) - set(labels)
    if strangers:
        if RunToken.objects.filter(token__in=strangers).exists():
            raise ReportRefused(ReportRefused.OTHER_RUN)
        raise ReportRefused(ReportRefused.UNKNOWN_TOKEN)
    if set(reported) != set(labels):
        raise ReportRefused(ReportRefused.INCOMPLETE)
    if now > run.created_at + REPORT_WINDOW:
        raise ReportRefused(ReportRefused.EXPIRED)
    fetches = {labels[token]: outcome for token, outcome in reported.items()}
    # Two reports at once: the conditional update lets exactly one finish the run.
    if not TestRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(finished_at=now, fetches=fetches):
        raise ReportRefused(ReportRefused.FINISHED)
    run.refresh_from_db()
    observations.refresh(run, now)
    return run


def forget_client_hashes(now=None) -> int:
    """Erase the client hash of runs older than CHECKER_CLIENT_HASH_HOURS; returns how many were erased."""
    now = now or clock.now()
    return (
        TestRun.objects.filter(created_at__lt=now - timedelta(hours=checker_conf.client_hash_hours()))
        .exclude(client_hash="")
        .update(client_hash="")
    )


@shared_task(name="resolvertest.forget_client_hashes")
def forget_client_hashes_task():
    return forget_client_hashes()
