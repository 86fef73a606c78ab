"""Celery tasks of watched domains: the re-check (sent by portal.scheduler) and a webhook delivery."""

from celery import shared_task


@shared_task(name="watch.recheck")
def recheck(watched_id: int):
    from watch import monitor

    run = monitor.recheck(watched_id)
    return str(run.public_id) if run else None


@shared_task(name="watch.deliver")
def deliver(delivery_id: int):
    from watch import webhooks

    delay = webhooks.attempt(delivery_id)
    if delay is not None:  # failed, and may be tried again: later, with a longer wait each time
        webhooks.send(delivery_id, countdown=delay)
