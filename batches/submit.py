"""A batch from a list of names: each normalised, refused with its reason or de-duplicated, within the token's quota."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Sum
from wagtail.models import APIToken

from checker.engine.names import InputError
from checker.forms import normalise_domain
from portal import clock

from . import conf
from .models import Batch, BatchName, Chunk

log = logging.getLogger(__name__)
MAX_REJECTIONS_KEPT = 100


@dataclass
class Reading:
    """The names of a request, read: the accepted in order, the refused with their codes, the duplicates."""

    names: list[str] = field(default_factory=list)
    rejected: int = 0
    rejections: list[dict] = field(default_factory=list)
    duplicates: int = 0


class QuotaExceeded(Exception):
    def __init__(self, remaining: int):
        super().__init__(remaining)
        self.remaining = remaining


def read_names(entries) -> Reading:
    reading, seen = Reading(), set()
    for entry in entries:
        text = entry.strip().lstrip("\ufeff") if isinstance(entry, str) else ""
        if isinstance(entry, str) and (not text or text.startswith("#")):
            continue  # blank lines and comments, as in a file
        try:
            name = normalise_domain(text) if text else None
            if name is None:
                raise InputError("input_empty")
        except InputError as error:
            reading.rejected += 1
            if len(reading.rejections) < MAX_REJECTIONS_KEPT:
                reading.rejections.append({"name": str(entry)[:300], "error": error.code})
            continue
        if name in seen:
            reading.duplicates += 1
            continue
        seen.add(name)
        reading.names.append(name)
    return reading


def used_today(token: APIToken) -> int:
    since = clock.now() - timedelta(days=1)
    return token.batches.filter(created_at__gte=since).aggregate(total=Sum("accepted"))["total"] or 0


def create(token: APIToken, reading: Reading) -> Batch:
    """Record the batch, its names and chunks, and send the chunks once committed. Raises QuotaExceeded."""
    with transaction.atomic():
        APIToken.objects.select_for_update().filter(pk=token.pk).first()  # one batch at a time per token
        remaining = conf.daily_quota() - used_today(token)
        if len(reading.names) > remaining:
            raise QuotaExceeded(max(0, remaining))
        batch = Batch.objects.create(
            token=token,
            user=token.user,
            created_at=clock.now(),
            accepted=len(reading.names),
            rejected=reading.rejected,
            duplicates=reading.duplicates,
            rejections=reading.rejections,
            finished_at=None if reading.names else clock.now(),
        )
        BatchName.objects.bulk_create(
            [BatchName(batch=batch, position=i, domain=name) for i, name in enumerate(reading.names)], batch_size=2000
        )
        size = conf.chunk_size()
        chunks = Chunk.objects.bulk_create(
            [
                Chunk(batch=batch, first=first, last=min(first + size, len(reading.names)) - 1)
                for first in range(0, len(reading.names), size)
            ]
        )
        ids = [chunk.pk for chunk in chunks]
        transaction.on_commit(lambda: send(ids))
    return batch


def send(chunk_ids: list[int]) -> int:
    """Hand chunks to the broker; a chunk it refuses keeps sent_at empty and the sweeper sends it later."""
    from portal.celery import app, queue_name

    from .tasks import check_chunk

    sent = 0
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, interval_max=0, timeout=1)
            for pk in chunk_ids:
                check_chunk.apply_async((pk,), queue=queue_name("batch"), retry=False, connection=connection)
                Chunk.objects.filter(pk=pk).update(sent_at=clock.now())
                sent += 1
    except Exception as error:  # kombu raises many types for an unreachable broker
        log.warning("batch chunks not sent (%d of %d sent): %s", sent, len(chunk_ids), error)
    return sent
