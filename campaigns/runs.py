"""Campaigns: one domain list measured at one time, as a light-profile batch of the batches app.

`start` takes the list's entries as they are (a snapshot: a later change of the list does not touch a
running campaign) into a Batch with its BatchNames and Chunks; the batches app's machinery does the rest
(chunks on the `batch` queue, claims, the sweeper, a recorded name never checked again). A campaign's batch
has no token and no user: it is staff's work, counted against no member's daily quota (batches.submit
counts a token's or a user's batches; `Campaign.started_by` says who started it). When the batch is done,
`finish_if_done` computes the campaign's figures once (campaigns.figures.compute).
"""

import logging
import time
from datetime import timedelta
from pathlib import Path

from django.db import transaction

from batches import conf as batch_conf
from batches.models import Batch, BatchName, Chunk
from checker import conf as checker_conf
from portal import clock, scheduler

from .models import Campaign, DomainList

log = logging.getLogger(__name__)
KIND = "campaign"  # portal.scheduler's kind: one ScheduledJob per domain list with a schedule
WRITE = 5000


def start(domain_list: DomainList, user=None, *, send: bool = True) -> Campaign:
    """A campaign over the list's present entries: Campaign, Batch (light), BatchNames and Chunks; its
    chunks go to the broker once the transaction commits (unless `send` is false)."""
    now = clock.now()
    size = batch_conf.chunk_size()
    with transaction.atomic():
        batch = Batch.objects.create(token=None, user=None, created_at=now, state=Batch.State.CHECKING, profile="light")
        names = domain_list.entries.order_by("domain").values_list("domain", flat=True).iterator(chunk_size=WRITE)
        count, part = 0, []
        for domain in names:
            part.append(BatchName(batch=batch, position=count, domain=domain))
            count += 1
            if len(part) >= WRITE:
                BatchName.objects.bulk_create(part)
                part = []
        BatchName.objects.bulk_create(part)
        chunks = Chunk.objects.bulk_create(
            [Chunk(batch=batch, first=first, last=min(first + size, count) - 1) for first in range(0, count, size)],
            batch_size=WRITE,
        )
        batch.accepted = count
        if not count:
            batch.state, batch.finished_at = Batch.State.DONE, now
        batch.save(update_fields=["accepted", "state", "finished_at"])
        campaign = Campaign.objects.create(
            domain_list=domain_list, batch=batch, started_by=user, created_at=now, started_at=now, demo=domain_list.demo
        )
        if send and chunks:
            from batches.submit import send as send_chunks

            ids = [chunk.pk for chunk in chunks]
            transaction.on_commit(lambda: send_chunks(ids))
    if not count:
        finish_if_done(campaign)
    return campaign


def _compute(campaign: Campaign) -> dict:
    try:
        from campaigns import figures
    except ImportError:  # campaigns.figures (the statistics) not installed yet
        log.warning("campaigns.figures is missing: campaign %s keeps no figures", campaign.pk)
        return {}
    return figures.compute(campaign)


def finish_if_done(campaign: Campaign) -> bool:
    """Whether the campaign is finished; when its batch has just got done, its finish time and figures are
    recorded (once: the campaign's row is locked)."""
    if campaign.finished_at is not None:
        return True
    if campaign.batch_id is None:
        return False
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.finished_at is None:
            batch = Batch.objects.select_for_update().get(pk=locked.batch_id)
            if batch.finished_at is None:
                if Chunk.objects.filter(batch=batch, finished_at__isnull=True).exists():
                    return False
                # Every chunk is recorded but none marked the batch done (it cannot happen since chunks lock
                # their batch; kept so that a campaign never stays open for it).
                batch.finished_at, batch.state = clock.now(), Batch.State.DONE
                batch.save(update_fields=["finished_at", "state"])
            locked.batch = batch
            locked.finished_at = batch.finished_at
            locked.figures = _compute(locked)
            locked.save(update_fields=["finished_at", "figures"])
    campaign.refresh_from_db()
    return True


def on_batch_finished(sender, batch_id: int, **kwargs) -> None:
    """batches.runner.batch_finished: the worker that recorded a campaign's last chunk settles it."""
    campaign = Campaign.objects.filter(batch_id=batch_id).first()
    if campaign is not None:
        finish_if_done(campaign)


def settle() -> int:
    """Beat's: campaigns whose batch is done but whose worker died before settling them; files whose
    reading the broker lost. The number of campaigns finished."""
    from . import lists

    finished = 0
    for campaign in Campaign.objects.filter(finished_at__isnull=True, batch__isnull=False).select_related("batch"):
        if not Chunk.objects.filter(batch_id=campaign.batch_id, finished_at__isnull=True).exists():
            finished += finish_if_done(campaign)
    # A file stored longer ago than a queued task may wait was lost by the broker (a reading under way holds
    # its list's row locked, so a second one finds it read).
    lost = time.time() - checker_conf.queued_timeout()
    for pk, path in DomainList.objects.exclude(upload="").values_list("pk", "upload"):
        if not Path(path).exists() or Path(path).stat().st_mtime < lost:
            lists.send_reading(pk)
    return finished


def running(domain_list: DomainList) -> Campaign | None:
    return domain_list.campaigns.filter(finished_at__isnull=True, batch__isnull=False).first()


# The schedule: a list with one has one portal.scheduler job; the task starts a campaign and sets the next.


def interval_after(domain_list: DomainList, moment):
    if domain_list.schedule == DomainList.Schedule.WEEKLY:
        return moment + timedelta(days=7)
    # monthly: the same day of the next month (the 28th at most, so that every month has it)
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def register_with_scheduler() -> None:
    scheduler.register(KIND, task="campaigns.scheduled", queue="batch", every=timedelta(days=7))


def sync_schedule(domain_list: DomainList) -> None:
    """One job for a list with a schedule (due one interval after its last campaign, or now), none without."""
    if not domain_list.schedule:
        scheduler.unschedule(KIND, domain_list.pk)
        return
    if scheduler.due_at(KIND, domain_list.pk) is not None:
        return
    last = domain_list.campaigns.order_by("-created_at").values_list("created_at", flat=True).first()
    scheduler.schedule(KIND, domain_list.pk, interval_after(domain_list, last) if last else clock.now())


def scheduled(list_id: int) -> Campaign | None:
    """The scheduled task: a derived list refreshed, then its campaign started, unless one still runs; the
    next due time set by the list's schedule (the dispatcher's claim only holds it a week)."""
    from . import lists

    domain_list = DomainList.objects.filter(pk=list_id).first()
    if domain_list is None or not domain_list.schedule:
        scheduler.unschedule(KIND, list_id)
        return None
    now = clock.now()
    scheduler.schedule(KIND, list_id, interval_after(domain_list, now))
    if running(domain_list) is not None:
        log.info("domain list %s: a campaign still runs; none started", domain_list.slug)
        return None
    if domain_list.source != DomainList.Source.UPLOAD:
        lists.refresh(domain_list)
    return start(domain_list)
