"""/healthz: the state of the database, the broker, the workers and beat.

503 only when the database is down: a broker or worker outage shows as
"degraded", so that it never takes the site off a load balancer.
`?strict=1` (for monitoring) answers 503 for anything but "ok".
"""

import time
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from portal.celery import app as celery_app


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


# A load balancer's probe waits a second or two: every part of the answer is bounded well below that.
BROKER_PROBE_SECONDS = 0.4


def broker_state():
    started = time.monotonic()
    url = celery_app.conf.broker_url or ""
    try:
        if url.startswith(("redis://", "rediss://")):
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            # One attempt, connect and reply each bounded (kombu's ensure_connection retries and waits seconds).
            client = redis.Redis.from_url(
                url,
                socket_connect_timeout=BROKER_PROBE_SECONDS,
                socket_timeout=BROKER_PROBE_SECONDS,
                retry=Retry(NoBackoff(), 0),
            )
            try:
                client.ping()
            finally:
                client.close()
        else:
            # The embedded broker is a local SQLite file: opening it cannot hang on the network.
            with celery_app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=0, timeout=BROKER_PROBE_SECONDS)
        return {"ok": True, "seconds": round(time.monotonic() - started, 3)}
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__, "seconds": round(time.monotonic() - started, 3)}


def heartbeat_state():
    from portal.models import ServiceHeartbeat

    fresh_after = timezone.now() - timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)
    beats = list(ServiceHeartbeat.objects.filter(last_seen__gte=fresh_after))
    workers = [b for b in beats if b.kind == ServiceHeartbeat.Kind.WORKER]
    return {
        "workers": {
            "ok": bool(workers),
            "alive": [{"name": w.name, "queues": w.queues, "last_seen": w.last_seen.isoformat()} for w in workers],
        },
        "beat": {"ok": any(b.kind == ServiceHeartbeat.Kind.BEAT for b in beats)},
    }


@never_cache
def healthz(request):
    checks = {"database": database_state(), "broker": broker_state()}
    if checks["database"]["ok"]:
        checks.update(heartbeat_state())
    else:
        checks.update({"workers": {"ok": False}, "beat": {"ok": False}})
    if not checks["database"]["ok"]:
        status = "down"
    elif all(part["ok"] for part in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    strict = request.GET.get("strict") == "1"
    code = 503 if status == "down" or (strict and status != "ok") else 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
