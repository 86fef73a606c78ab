"""The query budget per name-server address that every worker of every host shares (issue 17 §2).

However many workers check a batch or a campaign, no server address gets more than
CHECKER_QUERY_RATE_PER_ADDRESS queries (50) in any one second. The budget hands out turns: points in time at
which one packet may leave for the address. A turn is good from its time for `VALID_SECONDS` only; a turn its
worker could not use by then is dropped, never used late. The rule (`grant`): a new turn comes no earlier
than the address's latest one, and no earlier than `WINDOW_SECONDS` (1 + VALID_SECONDS) after the turn
`rate` turns back. So `rate` turns may come at once, and any `rate` + 1 turns in a row span at least a second
and a turn's validity: used within their validity, they put at most `rate` packets in any one-second window
at the server. A process uses a turn only within the part of it that its clock can be sure of, whatever the
round trip to the store took (`_reserve`). A check's questions to one server leave together instead of one
every 1/rate seconds (evenly spaced turns held a light check's four questions to its zone's server for 66 ms:
campaigns ran at 126 domains a second instead of 265).

A process reserves the turns that its waiting questions for an address need, all at once (`wait` lets the
check's other questions line up first), so a check's questions to one server cost one round trip to the
broker and no turn is reserved for nobody.

Where the turns are kept: in Redis (a Lua script, atomic, on Redis's own clock, so the hosts' clocks need not
agree), or in the database on the embedded broker (dev mode: one host, its clock) and while Redis cannot be
reached. The engine's process cap (checker.engine.transport.AddressRate) stays the inner limit
(transport.Layered).
"""

import asyncio
import logging
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection, transaction

from checker.engine.transport import rate_from_environment

log = logging.getLogger(__name__)
VALID_SECONDS = 0.1
WINDOW_SECONDS = 1 + VALID_SECONDS  # any `rate` + 1 turns in a row span at least this
MAX_BLOCK = 16  # turns reserved in one round trip at most
KEY = "budget:"
REDIS_RETRY_SECONDS = 10.0  # after Redis failed, the database keeps the turns this long before Redis is tried again

# `grant` in Redis. KEYS[1]: the address's list of its latest turns (Redis's clock in microseconds, oldest
# first); ARGV: rate, window in microseconds, turns wanted. The answer: each new turn's delay from now, in µs.
RESERVE = """
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000000 + tonumber(now[2])
local rate, window, count = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local turns = redis.call('LRANGE', KEYS[1], -rate, -1)
for i = 1, #turns do turns[i] = tonumber(turns[i]) end
local delays = {}
for i = 1, count do
  local n, turn = #turns, now
  if n > 0 and turns[n] > turn then turn = turns[n] end
  if n >= rate and turns[n - rate + 1] + window > turn then turn = turns[n - rate + 1] + window end
  turns[n + 1] = turn
  delays[i] = turn - now
end
local kept = {}
for i = math.max(1, #turns - rate + 1), #turns do kept[#kept + 1] = string.format('%d', turns[i]) end
redis.call('DEL', KEYS[1])
redis.call('RPUSH', KEYS[1], unpack(kept))
redis.call('PEXPIRE', KEYS[1], math.floor((turns[#turns] + window - now) / 1000) + 1000)
return delays
"""


def grant(history: list[float], now: float, count: int, rate: int) -> tuple[list[float], list[float]]:
    """`count` new turns for an address whose latest turns (oldest first) are `history`, at `now`: the turns
    to keep, and the new ones. The rule that the Lua script RESERVE applies in Redis."""
    turns = list(history)
    for _ in range(count):
        turn = max(now, turns[-1]) if turns else now
        if len(turns) >= rate:
            turn = max(turn, turns[-rate] + WINDOW_SECONDS)
        turns.append(turn)
    return turns[-rate:], turns[len(history) :]


class SharedBudget:
    """The turns of one process: `await wait(server)` until this process may send one packet to `server`.

    Made for one event loop (one chunk) and closed at its end (`aclose`)."""

    def __init__(self, rate: int | None = None, redis_url: str | None = None):
        self.rate = rate or rate_from_environment()
        self.redis_url = settings.REDIS_URL if redis_url is None else redis_url
        self._redis = None
        self._redis_down_until = 0.0
        self._database: ThreadPoolExecutor | None = None
        self._turns: dict[str, deque] = {}  # server -> the turns reserved: (start, end) on the monotonic clock
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}  # server -> questions waiting for a turn
        self.reservations = 0  # round trips to Redis or the database

    async def wait(self, server: str):
        turns = self._turns.setdefault(server, deque())
        lock = self._locks.setdefault(server, asyncio.Lock())
        while True:
            self._waiting[server] = self._waiting.get(server, 0) + 1
            try:
                async with lock:
                    _drop_late(turns)
                    while not turns:
                        # The check's other questions to this server, started with this one, now line up
                        # behind the lock: one reservation serves them all.
                        await asyncio.sleep(0)
                        turns.extend(await self._reserve(server, min(self._waiting[server], MAX_BLOCK, self.rate)))
                        _drop_late(turns)
                    start, end = turns.popleft()
            finally:
                self._waiting[server] -= 1
            delay = start - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if time.monotonic() < end:
                return _nothing
            # the loop was busy past the turn's end: take another

    async def _reserve(self, server: str, count: int) -> list[tuple[float, float]]:
        """`count` turns, each as the span of this process's clock in which its packet may leave.

        The store's clock read the turns somewhere within the round trip (asked .. answered): a turn may start
        only once it has surely come (answered + delay) and must be used before it surely ends (asked + delay
        + VALID_SECONDS). Starting at asked + delay had sent packets up to a round trip early: on a busy event
        loop the request reaches Redis tens of milliseconds after it was made, and 6 packets at a cap of 5
        reached one server within a second in CI. A round trip longer than a turn's validity yields no usable
        turn: the turns are dropped and reserved again, which only slows this process."""
        asked, delays = time.monotonic(), None
        if self.redis_url and asked >= self._redis_down_until:
            try:
                delays = await self._from_redis(server, count)
            except Exception as error:  # Redis unreachable: the database keeps the turns meanwhile
                log.warning("query budget: Redis not reached (%s); the database keeps the turns", error)
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
        if delays is None:
            asked = time.monotonic()
            delays = await self._from_database(server, count)
        answered = time.monotonic()
        self.reservations += 1
        return [(answered + delay, asked + delay + VALID_SECONDS) for delay in delays]

    async def _from_redis(self, server: str, count: int) -> list[float]:
        if self._redis is None:
            import redis.asyncio

            self._redis = redis.asyncio.from_url(self.redis_url, socket_connect_timeout=1, socket_timeout=2)
            self._script = self._redis.register_script(RESERVE)
        key = f"{settings.CELERY_QUEUE_PREFIX}{KEY}{server}"
        micro = await self._script(keys=[key], args=[self.rate, round(WINDOW_SECONDS * 1_000_000), count])
        return [int(delay) / 1_000_000 for delay in micro]

    async def _from_database(self, server: str, count: int) -> list[float]:
        if self._database is None:
            self._database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="budget")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._database, reserve_in_database, server, count, self.rate)

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None
        if self._database is not None:
            await asyncio.get_running_loop().run_in_executor(self._database, _close_connection)
            self._database.shutdown(wait=True)
            self._database = None


def _close_connection() -> None:
    connection.close()  # the executor thread's own connection (`connection` is per thread)


def _nothing() -> None:
    """The ticket of a turn: the turn was counted when it was reserved."""


def _drop_late(turns: deque) -> None:
    now = time.monotonic()
    while turns and turns[0][1] <= now:
        turns.popleft()  # too late for it: dropped, never used late


def reserve_in_database(server: str, count: int, rate: int) -> list[float]:
    """`count` turns of `server` by `grant`, in one transaction holding the address's row (PostgreSQL and
    SQLite); each turn's delay from now in seconds. The time is this host's: the embedded broker runs on one
    host."""
    from .models import AddressBudget

    table = AddressBudget._meta.db_table
    now = time.time()
    with transaction.atomic(), connection.cursor() as cursor:
        # Writing the row first takes its lock (on SQLite the database's write lock) before it is read.
        cursor.execute(
            f"INSERT INTO {table} (address, last_at, turns) VALUES (%s, %s, '') "
            f"ON CONFLICT (address) DO UPDATE SET address = excluded.address RETURNING turns",
            [server, now],
        )
        (stored,) = cursor.fetchone()
        kept, new = grant([float(turn) for turn in stored.split()], now, count, rate)
        cursor.execute(
            f"UPDATE {table} SET last_at = %s, turns = %s WHERE address = %s",
            [kept[-1], " ".join(f"{turn:.6f}" for turn in kept), server],
        )
    return [turn - now for turn in new]


def prune(before: float | None = None) -> int:
    """Forget the database's turns of addresses idle for a minute (the sweeper's)."""
    from .models import AddressBudget

    return AddressBudget.objects.filter(last_at__lt=(before or time.time()) - 60).delete()[0]
