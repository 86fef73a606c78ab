"""Celery tasks of the resolver test: storing the DNS service's query records, and expiring them."""

from celery import shared_task

from . import recording


@shared_task(name=recording.RECORD_TASK)
def record_queries(records):
    return recording.store(records)


@shared_task(name=recording.EXPIRE_TASK)
def expire_queries():
    return recording.expire()
