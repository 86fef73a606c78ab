"""Celery tasks of the campaigns, all on the `batch` queue (the checks themselves are batches.check_chunk)."""

from celery import shared_task

from . import lists, runs


@shared_task(name="campaigns.read_list")
def read_list(list_id: int):
    lists.read(list_id)


@shared_task(name="campaigns.scheduled")
def scheduled(list_id: int):
    """portal.scheduler's kind "campaign": a list's campaign on its schedule."""
    campaign = runs.scheduled(list_id)
    return campaign.pk if campaign else None


@shared_task(name="campaigns.settle")
def settle():
    return runs.settle()
