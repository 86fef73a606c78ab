"""The shipped cache with Redis unreachable: a miss and a no-op, never an error.

tests/checker/portal/test_reliability.py (R3) stops and starts a real redis-server.
"""

import pytest
from django.core.cache import cache

from portal import cache as resilient
from portal.settings.base import redis_cache
from tests import slots


@pytest.fixture
def unreachable_cache(settings):
    # A port of the slot's block where nothing listens.
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{slots.port_base() + 78}/{slots.redis_db()}", "t-")
    resilient._down_until.clear()
    yield
    resilient._down_until.clear()


def test_an_unreachable_cache_is_a_miss_and_a_no_op(unreachable_cache):
    assert cache.get("k") is None and cache.get("k", 7) == 7
    cache.set("k", 1)
    assert cache.add("k", 1) is False and cache.get_many(["k"]) == {} and cache.get_or_set("k", 3) == 3
    with pytest.raises(ValueError):
        cache.incr("k")
    assert resilient._down_until, "after a failure Redis is left alone for a few seconds"


def test_pages_work_without_redis(demo_content, unreachable_cache, client):
    """Wagtail reads its site root paths from the cache: every page needs it."""
    for url in ("/ja/", "/en/", "/ja/check/", "/en/check/"):
        assert client.get(url).status_code == 200, url
