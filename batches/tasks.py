"""Celery tasks of the batch checks: one chunk, and the sweeper that sends again what was lost."""

import logging

from celery import shared_task

from . import budget, conf, runner, upload
from .submit import send

log = logging.getLogger(__name__)


@shared_task(name="batches.check_chunk", bind=True, soft_time_limit=conf.chunk_time_limit(), acks_late=False)
def check_chunk(self, chunk_id: int):
    chunk = runner.claim(chunk_id, self.request.hostname or "")
    if chunk is None:
        return 0
    return runner.run(chunk)


@shared_task(name="batches.read_upload")
def read_upload(batch_id: int):
    upload.read(batch_id)


@shared_task(name="batches.sweep")
def sweep():
    for batch_id in runner.unread():
        upload.send_reading(batch_id)
    budget.prune()
    chunks = runner.to_resend()
    return send(chunks) if chunks else 0
