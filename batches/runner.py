"""Chunks of a batch: claimed by one worker at a time, checked together, recorded once; the sweeper's rules."""

import asyncio
import dataclasses
import logging
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F, Q
from django.dispatch import Signal

from checker import conf as checker_conf
from portal import clock

from . import budget, conf
from .models import Batch, BatchName, Chunk
from .results import compact

log = logging.getLogger(__name__)
GRACE_SECONDS = 30  # beyond a chunk's time limit before its worker counts as lost
# Sent (batch_id=) once a batch's last chunk is recorded, after the commit: campaigns settle their figures.
batch_finished = Signal()


def _stale(now):
    return now - timedelta(seconds=conf.chunk_time_limit() + GRACE_SECONDS)


def claim(chunk_id: int, worker: str) -> Chunk | None:
    """Take an unfinished chunk no live worker holds; None when another has it or it is done."""
    now = clock.now()
    taken = (
        Chunk.objects.filter(pk=chunk_id, finished_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=_stale(now)))
        .update(claimed_at=now, attempts=F("attempts") + 1, worker=worker[:200])
    )
    return Chunk.objects.select_related("batch").get(pk=chunk_id) if taken else None


def pending(chunk: Chunk) -> list[BatchName]:
    """The chunk's names still without a result: what another attempt recorded is never checked again."""
    return list(
        BatchName.objects.filter(
            batch_id=chunk.batch_id, position__gte=chunk.first, position__lte=chunk.last, checked_at__isnull=True
        )
    )


async def _check_all(domains: list[str], options, now: int, profile: str) -> dict[str, dict]:
    from checker.engine.api import check
    from checker.engine.names import InputError
    from checker.engine.transport import Layered

    gate = asyncio.Semaphore(conf.concurrency())
    # Every worker of every host draws from one budget per server address; the process cap stays inside it.
    shared = budget.SharedBudget()
    options = dataclasses.replace(options, rate=Layered(shared))

    async def one(domain: str) -> tuple[str, dict]:
        async with gate:
            try:
                report = await check(domain, options=options, now=now, profile=profile)
            except InputError as error:
                return domain, {"error": error.code}
            except Exception as error:  # one name's failure must not lose the chunk's other results
                log.exception("batch check of %s failed", domain)
                return domain, {"error": f"engine_error:{type(error).__name__}"[:64]}
            return domain, compact(report.to_dict())

    try:
        return dict(await asyncio.gather(*(one(domain) for domain in domains)))
    finally:
        await shared.aclose()


def run(chunk: Chunk) -> int:
    """Check the chunk's pending names and record them in one transaction; the number recorded."""
    names = pending(chunk)
    if chunk.attempts > conf.max_attempts():
        results = {name.domain: {"error": "worker_lost"} for name in names}
    else:
        # Settings and the clock are read here: the database is out of reach inside the event loop.
        options = checker_conf.engine_options()
        options = dataclasses.replace(
            options, limits=dataclasses.replace(options.limits, deadline=max(5, checker_conf.hard_limit() - 5))
        )
        now = checker_conf.now_reference()
        domains = [name.domain for name in names]
        results = asyncio.run(_check_all(domains, options, now, chunk.batch.profile)) if names else {}
    now = clock.now()
    fields = ["checked_at", "verdict", "worst_severity", "finding_ids", "algorithms", "ds_digest_types", "denial"]
    fields += ["ns_operator", "error"]
    for name in names:
        name.checked_at = now
        for key, value in results[name.domain].items():
            setattr(name, key, value)
    with transaction.atomic():
        # The batch's row is locked first: of two chunks recorded at once, the later one sees the other
        # finished, so that the last chunk always marks its batch done.
        Batch.objects.select_for_update().filter(pk=chunk.batch_id).first()
        _write(names, fields)
        Chunk.objects.filter(pk=chunk.pk).update(finished_at=now)
        if not Chunk.objects.filter(batch_id=chunk.batch_id, finished_at__isnull=True).exists():
            if Batch.objects.filter(pk=chunk.batch_id, finished_at__isnull=True).update(
                finished_at=now, state=Batch.State.DONE
            ):
                batch_id = chunk.batch_id
                transaction.on_commit(lambda: batch_finished.send(sender=Batch, batch_id=batch_id))
    return len(names)


def _write(names: list[BatchName], fields: list[str]) -> None:
    """The names' results: one UPDATE a row, sent together (psycopg pipelines an executemany).  Django's
    bulk_update writes one statement of a CASE per field and row: 3 ms of CPU a name in the worker, and as much
    again in PostgreSQL, where a light check takes about 5 (bench/campaign_bench.py)."""
    columns = [BatchName._meta.get_field(field) for field in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, key = quote(BatchName._meta.db_table), quote(BatchName._meta.pk.column)
    statement = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    rows = [
        [column.get_db_prep_save(getattr(name, column.attname), connection) for column in columns] + [name.pk]
        for name in names
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(statement, rows)


def to_resend(now=None) -> list[int]:
    """Unfinished chunks that no worker is working on: never accepted by the broker, lost in it, or whose
    worker died (claimed longer ago than the time limit and a grace)."""
    now = now or clock.now()
    lost_message = now - timedelta(seconds=checker_conf.queued_timeout())
    return list(
        Chunk.objects.filter(finished_at__isnull=True)
        .filter(
            Q(sent_at__isnull=True)
            | Q(claimed_at__isnull=True, sent_at__lt=lost_message)
            | Q(claimed_at__lt=_stale(now))
        )
        .values_list("pk", flat=True)[:1000]
    )


def unread(now=None) -> list[int]:
    """Files whose reading the broker refused or lost (a reading that runs holds its batch's row locked and
    ends in one transaction, so sending it again is harmless)."""
    now = now or clock.now()
    lost_message = now - timedelta(seconds=checker_conf.queued_timeout())
    return list(
        Batch.objects.filter(state=Batch.State.READING, created_at__lt=lost_message).values_list("pk", flat=True)[:100]
    )
