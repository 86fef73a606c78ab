"""Django's Redis cache, degraded to no cache while Redis cannot be reached.

Every page reads the cache (Wagtail keeps its site root paths there, the staff
session limit its idle trace), so with the plain RedisCache a Redis outage made
every HTML page a 500. Here a connection error or timeout makes a read a miss
and a write a no-op; after one, Redis is left alone for RETRY_SECONDS, so that
a request never waits on an unreachable Redis more than once. The outage and
the recovery are each logged once per process.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
RETRY_SECONDS = 5
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_lock = threading.Lock()
_down_until: dict[str, float] = {}  # per LOCATION, shared by the per-thread backend instances


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = str(server)

    def _call(self, method, fallback, *args, **kwargs):
        if time.monotonic() < _down_until.get(self._location, 0):
            return fallback()
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except UNREACHABLE as error:
            with _lock:
                if self._location not in _down_until:
                    log.warning(
                        "the cache at %s is unreachable (%s): pages are served without it", self._location, error
                    )
                _down_until[self._location] = time.monotonic() + RETRY_SECONDS
            return fallback()
        if self._location in _down_until:
            with _lock:
                if _down_until.pop(self._location, None) is not None:
                    log.warning("the cache at %s is reachable again", self._location)
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")

        return self._call("incr", missing, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: False)
