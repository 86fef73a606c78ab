"""The per-address query budget that every worker shares (batches.budget): several processes drawing turns
from Redis, or from the database on the embedded broker, never exceed the rate in any one-second window."""

import asyncio
import multiprocessing
import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from batches import budget
from batches.models import AddressBudget

ADDRESS = "127.77.47.250"  # a turn is only a time: nothing is sent to it


def busiest_second(times: list[float]) -> int:
    """The most events in any one-second window [t, t + 1)."""
    times = sorted(times)
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def _draw(rate, redis_url, count, sent):
    shared = budget.SharedBudget(rate=rate, redis_url=redis_url)
    try:
        for _ in range(count):
            ticket = await shared.wait(ADDRESS)
            sent.append(time.time())
            ticket()
    finally:
        await shared.aclose()
    return shared.reservations


def _process(rate, redis_url, count, queue):
    sent = []
    reservations = asyncio.run(_draw(rate, redis_url, count, sent))
    queue.put((sent, reservations))


def test_the_spacing_leaves_room_for_a_turns_validity():
    assert budget.spacing(50) == pytest.approx(0.022)
    assert (budget.block(50), budget.block(5), budget.block(1000)) == (5, 1, 16)


def test_three_processes_on_redis_stay_within_the_rate():
    import redis

    client = redis.from_url(settings.REDIS_URL)
    client.delete(f"{settings.CELERY_QUEUE_PREFIX}{budget.KEY}{ADDRESS}")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_process, args=(20, settings.REDIS_URL, 25, queue)) for _ in range(3)]
    started = time.time()
    for worker in workers:
        worker.start()
    outcomes = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(10)
    sent = [moment for times, _ in outcomes for moment in times]
    assert len(sent) == 75
    assert busiest_second(sent) <= 20
    # 75 turns at 20 a second less a validity's room (18.2 a second), blocks of 2: a round trip per 2 turns.
    assert time.time() - started >= 75 / 20
    assert sum(reservations for _, reservations in outcomes) <= 75 // 2 + 3 * 2


@pytest.mark.django_db(transaction=True)
def test_threads_on_the_database_stay_within_the_rate():
    """The embedded broker's budget: one statement per block, atomic; each thread its own event loop."""
    sent, outcomes = [], []

    def thread():
        outcomes.append(asyncio.run(_draw(10, "", 12, sent)))
        connection.close()

    threads = [threading.Thread(target=thread) for _ in range(3)]
    for each in threads:
        each.start()
    for each in threads:
        each.join(60)
    assert len(sent) == 36 and outcomes == [12, 12, 12]
    assert busiest_second(sent) <= 10
    assert AddressBudget.objects.get(address=ADDRESS).next_at > time.time() - 5
    assert budget.prune(before=time.time() + 120) == 1


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_database_keeps_the_turns(caplog):
    sent = []
    reservations = asyncio.run(_draw(10, "redis://127.0.0.1:1/0", 3, sent))
    assert (len(sent), reservations) == (3, 3)
    assert AddressBudget.objects.filter(address=ADDRESS).count() == 1
    assert caplog.text.count("the database keeps the turns") == 1, "Redis is not asked again at once"
