"""The query budget per name-server address that every worker of every host shares (issue 17 §2).

However many workers check a batch or a campaign, no server address gets more than
CHECKER_QUERY_RATE_PER_ADDRESS queries (50) in any one second. The budget hands out turns: points in time,
`spacing` apart for each address, reserved a few at a time (a block) so that a worker asks Redis once for
several packets. A turn is good from its time for `VALID_SECONDS` only; a turn its worker could not use by
then is dropped, never used late. Turns used within [t, t + VALID_SECONDS) of their time t, spaced
(1 + VALID_SECONDS) / rate apart, put at most `rate` packets in any one-second window at the server (within
the broker's round-trip time, a millisecond on a LAN).

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
from django.db import connection

from checker.engine.transport import rate_from_environment

log = logging.getLogger(__name__)
VALID_SECONDS = 0.1
MAX_BLOCK = 16
KEY = "budget:"
REDIS_RETRY_SECONDS = 10.0  # after Redis failed, the database keeps the turns this long before Redis is tried again

# KEYS[1]: the address's key; ARGV: spacing and block in microseconds and turns. The next free turn is kept
# as Redis's clock in microseconds; the answer is how long from now until the block's first turn.
RESERVE = """
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000000 + tonumber(now[2])
local spacing, count = tonumber(ARGV[1]), tonumber(ARGV[2])
local first = tonumber(redis.call('GET', KEYS[1]) or '0')
if first < now then first = now end
local after = first + spacing * count
redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.floor((after - now) / 1000) + 2000)
return first - now
"""


def spacing(rate: int) -> float:
    """Seconds between two turns of one address."""
    return (1 + VALID_SECONDS) / rate


def block(rate: int) -> int:
    """Turns reserved at once: a tenth of a second's worth (a turn not used is lost to everyone)."""
    return max(1, min(MAX_BLOCK, rate // 10))


class SharedBudget:
    """The turns of one process: `await wait(server)` until this process may send one packet to `server`.

    Made for one event loop (one chunk) and closed at its end (`aclose`)."""

    def __init__(self, rate: int | None = None, redis_url: str | None = None):
        self.rate = rate or rate_from_environment()
        self.spacing, self.block = spacing(self.rate), block(self.rate)
        self.redis_url = settings.REDIS_URL if redis_url is None else redis_url
        self._redis = None
        self._redis_down_until = 0.0
        self._database: ThreadPoolExecutor | None = None
        self._turns: dict[str, deque] = {}  # server -> monotonic times of the turns reserved
        self._locks: dict[str, asyncio.Lock] = {}
        self.reservations = 0  # round trips to Redis or the database

    async def wait(self, server: str):
        turns = self._turns.setdefault(server, deque())
        lock = self._locks.setdefault(server, asyncio.Lock())
        while True:
            async with lock:
                now = time.monotonic()
                while turns and turns[0] + VALID_SECONDS <= now:
                    turns.popleft()  # too late for it: dropped, never used late
                if not turns:
                    turns.extend(await self._reserve(server))
                    continue
                turn = turns.popleft()
            delay = turn - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if time.monotonic() < turn + VALID_SECONDS:
                return _nothing
            # the loop was busy past the turn's end: take another

    async def _reserve(self, server: str) -> list[float]:
        asked, delay = time.monotonic(), None
        if self.redis_url and asked >= self._redis_down_until:
            try:
                delay = await self._from_redis(server)
            except Exception as error:  # Redis unreachable: the database keeps the turns meanwhile
                log.warning("query budget: Redis not reached (%s); the database keeps the turns", error)
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
        if delay is None:
            asked = time.monotonic()
            delay = await self._from_database(server)
        self.reservations += 1
        return [asked + delay + i * self.spacing for i in range(self.block)]

    async def _from_redis(self, server: str) -> float:
        if self._redis is None:
            import redis.asyncio

            self._redis = redis.asyncio.from_url(self.redis_url, socket_connect_timeout=1, socket_timeout=2)
            self._script = self._redis.register_script(RESERVE)
        key = f"{settings.CELERY_QUEUE_PREFIX}{KEY}{server}"
        micro = await self._script(keys=[key], args=[round(self.spacing * 1_000_000), self.block])
        return int(micro) / 1_000_000

    async def _from_database(self, server: str) -> float:
        if self._database is None:
            self._database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="budget")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._database, reserve_in_database, server, self.spacing, self.block)

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


def reserve_in_database(server: str, spacing: float, count: int) -> float:
    """Reserve `count` turns of `server` in one statement (atomic on PostgreSQL and SQLite); seconds until
    the first. The time is this host's: the embedded broker runs on one host."""
    from .models import AddressBudget

    table = AddressBudget._meta.db_table
    larger = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    now = time.time()
    span = spacing * count
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (address, next_at) VALUES (%s, %s) ON CONFLICT (address) DO UPDATE "
            f"SET next_at = {larger}({table}.next_at, %s) + %s RETURNING next_at",
            [server, now + span, now, span],
        )
        (after,) = cursor.fetchone()
    return after - span - now


def prune(before: float | None = None) -> int:
    """Forget the database's turns of addresses idle for a minute (the sweeper's)."""
    from .models import AddressBudget

    return AddressBudget.objects.filter(next_at__lt=(before or time.time()) - 60).delete()[0]
