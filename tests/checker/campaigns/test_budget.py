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


def test_a_burst_of_rate_turns_comes_at_once_and_the_next_after_a_window():
    kept, new = budget.grant([], 100.0, 25, 20)
    assert new == [100.0] * 20 + [101.1] * 5
    assert kept == [100.0] * 15 + [101.1] * 5
    # Later turns never come before the latest one, and each comes a window after the one `rate` turns back.
    assert budget.grant([100.0, 100.5, 101.0], 100.2, 2, 3) == ([101.0, 101.1, 101.6], [101.1, 101.6])
    assert budget.grant([100.0, 100.5, 101.0], 103.0, 1, 3) == ([100.5, 101.0, 103.0], [103.0])


def test_redis_grants_the_same_turns_as_the_rule():
    import redis

    client = redis.from_url(settings.REDIS_URL)
    key = f"{settings.CELERY_QUEUE_PREFIX}{budget.KEY}{ADDRESS}"
    client.delete(key)
    script = client.register_script(budget.RESERVE)
    window = round(budget.WINDOW_SECONDS * 1_000_000)
    assert script(keys=[key], args=[20, window, 25]) == [0] * 20 + [1_100_000] * 5
    assert client.llen(key) == 20, "only the latest `rate` turns are kept"
    assert 3_100 < client.pttl(key) <= 3_200, "kept a second beyond the last turn's window"
    client.delete(key)


class SlowStore:
    """A turn store on this process's clock whose requests take `there` seconds to arrive and whose replies
    take `back`: the store reads its clock in the middle of the round trip, as Redis does."""

    def __init__(self, rate: int, there: float, back: float):
        self.rate, self.there, self.back = rate, there, back
        self.history: list[float] = []
        self.granted: list[float] = []

    async def __call__(self, server: str, count: int) -> list[float]:
        await asyncio.sleep(self.there)
        now = time.monotonic()
        self.history, new = budget.grant(self.history, now, count, self.rate)
        self.granted += new
        await asyncio.sleep(self.back)
        return [turn - now for turn in new]


@pytest.mark.parametrize(("there", "back"), [(0.04, 0.01), (0.01, 0.04)])
def test_each_packet_leaves_within_its_turn_however_the_round_trip_is_split(there, back):
    """Neither before its turn (a slow request) nor after its validity (a slow reply), by the store's clock."""
    store = SlowStore(rate=2, there=there, back=back)

    async def draw() -> list[float]:
        shared = budget.SharedBudget(rate=2, redis_url="redis://store.invalid")
        shared._from_redis = store
        sent = []
        for _ in range(5):
            await shared.wait(ADDRESS)
            sent.append(time.monotonic())
        return sent

    sent = asyncio.run(draw())
    assert len(store.granted) == 5, "no turn was lost"
    after_turn = [moment - turn for moment, turn in zip(sent, store.granted, strict=True)]
    assert [0 <= seconds < budget.VALID_SECONDS for seconds in after_turn] == [True] * 5


@pytest.mark.sqlite  # the embedded broker's budget runs on SQLite
@pytest.mark.django_db(transaction=True)
def test_a_checks_questions_to_one_server_take_one_reservation():
    async def four_at_once():
        shared = budget.SharedBudget(rate=50, redis_url="")
        try:
            await asyncio.gather(*(shared.wait(ADDRESS) for _ in range(4)))
        finally:
            await shared.aclose()
        return shared.reservations

    assert asyncio.run(four_at_once()) == 1
    assert len(AddressBudget.objects.get(address=ADDRESS).turns.split()) == 4


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
    assert busiest_second(sent) == 20
    # Turns 21 to 40 come a window (1.1 s) after the first 20, and so on: the last 15 at 3.3 s.
    assert time.time() - started >= 3 * budget.WINDOW_SECONDS
    # Each process asks for one turn at a time: a reservation each (and one more for a turn the loop missed).
    assert 75 <= sum(reservations for _, reservations in outcomes) <= 80


@pytest.mark.sqlite
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
    assert busiest_second(sent) == 10
    assert AddressBudget.objects.get(address=ADDRESS).last_at > time.time() - 5
    assert budget.prune(before=time.time() + 120) == 1


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_database_keeps_the_turns(caplog):
    sent = []
    reservations = asyncio.run(_draw(10, "redis://127.0.0.1:1/0", 3, sent))
    assert (len(sent), reservations) == (3, 3)
    assert AddressBudget.objects.filter(address=ADDRESS).count() == 1
    assert caplog.text.count("the database keeps the turns") == 1, "Redis is not asked again at once"
