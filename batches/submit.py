"""A batch from names sent in a request or in a file: each normalised, refused with its reason or de-duplicated,
within the quota of its token (or, from the page, of its user)."""

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
    """The names of a request or a file, read: the accepted in order, the refused with their codes, the duplicates."""

    names: list[str] = field(default_factory=list)
    rejected: int = 0
    rejections: list[dict] = field(default_factory=list)
    duplicates: int = 0
    beyond: bool = False  # it held more names than the limit it was read with


class QuotaExceeded(Exception):
    def __init__(self, remaining: int):
        super().__init__(remaining)
        self.remaining = remaining


def read_names(entries, limit: int | None = None, seen: set | None = None) -> Reading:
    """Normalise each entry; stop (with `beyond`) at the first name past `limit` accepted ones. `seen`: the
    names accepted so far, for a file read in parts (campaigns.lists)."""
    reading, seen = Reading(), set() if seen is None else seen
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
                reading.rejections.append({"name": str(entry).strip()[:300], "error": error.code})
            continue
        if name in seen:
            reading.duplicates += 1
            continue
        if limit is not None and len(reading.names) >= limit:
            reading.beyond = True
            break
        seen.add(name)
        reading.names.append(name)
    return reading


def _lock_and_remaining(token: APIToken | None, user) -> int:
    """Names the token (or the user, from the page) may still submit in these 24 hours; holds a lock on it
    until the transaction ends, so that two batches cannot both pass the quota."""
    since = clock.now() - timedelta(days=1)
    if token is not None:
        APIToken.objects.select_for_update().filter(pk=token.pk).first()
        batches = Batch.objects.filter(token=token)
    else:
        type(user).objects.select_for_update().filter(pk=user.pk).first()
        batches = Batch.objects.filter(user=user, token__isnull=True)
    used = batches.filter(created_at__gte=since).aggregate(total=Sum("accepted"))["total"] or 0
    return max(0, conf.daily_quota() - used)


def _record(batch: Batch, reading: Reading) -> None:
    """The batch's counts, names and chunks; the chunks are sent once the transaction commits."""
    now = clock.now()
    batch.accepted, batch.rejected, batch.duplicates = len(reading.names), reading.rejected, reading.duplicates
    batch.rejections = reading.rejections
    batch.state = Batch.State.CHECKING if reading.names else Batch.State.DONE
    batch.finished_at = None if reading.names else now
    batch.save()
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


def create(token: APIToken | None, user, reading: Reading) -> Batch:
    """A batch of names sent in a request. Raises QuotaExceeded."""
    with transaction.atomic():
        remaining = _lock_and_remaining(token, user)
        if len(reading.names) > remaining:
            raise QuotaExceeded(remaining)
        batch = Batch(token=token, user=user, created_at=clock.now())
        _record(batch, reading)
    return batch


def refuse(batch: Batch, refusal: str, **figures) -> None:
    batch.state, batch.refusal, batch.refusal_figures = Batch.State.REFUSED, refusal, figures
    batch.finished_at = clock.now()
    batch.save(update_fields=["state", "refusal", "refusal_figures", "finished_at"])


def fill_from(batch: Batch, entries) -> None:
    """A file's batch, once read: its names recorded, or the whole file refused over the quota."""
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked.state != Batch.State.READING:
            return  # another attempt read it
        remaining = _lock_and_remaining(locked.token, locked.user)
        reading = read_names(entries, limit=remaining)
        if reading.beyond:
            refuse(locked, "quota_exceeded", quota=conf.daily_quota(), remaining=remaining)
            return
        _record(locked, reading)


def send(chunk_ids: list[int]) -> int:
    """Hand chunks to the broker; a chunk it refuses keeps sent_at empty and the sweeper sends it later."""
    from portal.celery import broker_at_once, queue_name

    from .tasks import check_chunk

    sent = 0
    try:
        with broker_at_once() as connection:
            for pk in chunk_ids:
                check_chunk.apply_async((pk,), queue=queue_name("batch"), retry=False, connection=connection)
                Chunk.objects.filter(pk=pk).update(sent_at=clock.now())
                sent += 1
    except Exception as error:  # an unreachable broker (portal.celery.broker_at_once)
        log.warning("batch chunks not sent (%d of %d sent): %s", sent, len(chunk_ids), error)
    return sent
