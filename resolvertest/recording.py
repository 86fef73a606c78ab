"""From the test zones' server to ObservedQuery rows: one record per query for a token's name, sent in batches.

The DNS service (serve_resolver_test) calls ``QueryRecorder.on_query`` for every query it answers
(checker.lab's per-query callback). A query for `<token>.<label>.<zone>` (or a name below it) becomes a
record; others (the zones' own DNSKEY, NS, ...) are not recorded. The recorder buffers records in
memory and a thread of its own sends them every FLUSH_SECONDS, or as soon as BATCH_SIZE wait, as one
Celery task per batch (RECORD_TASK on the `interactive` queue: a visitor's result waits for them),
never one write per packet. While the broker is down, the service keeps answering and the records
wait in memory (at most MAX_PENDING; beyond that the oldest are dropped and counted in the log), to
be sent when it is back. A worker stores the records whose token exists in RunToken under the same
zone label (``store``) and drops and counts the others; ``expire`` deletes rows older than the
retention (resolvertest.conf.query_retention_hours), run by beat.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import dns.name
import dns.rdatatype

from .zones import BY_LABEL

log = logging.getLogger(__name__)

RECORD_TASK = "resolvertest.record_queries"
EXPIRE_TASK = "resolvertest.expire_queries"
FLUSH_SECONDS = 1.0
BATCH_SIZE = 500
MAX_PENDING = 50_000  # about 15 MB of records: some minutes of a busy day's queries while the broker is down
TOKEN = re.compile(r"[a-z0-9-]{1,32}")  # RunToken.token's length; anything else was never handed out


def observation(query, zone: dns.name.Name) -> dict | None:
    """The record of one ``checker.lab.ReceivedQuery``, or None when it asks for no token's name under ``zone``.

    The token is the first label under a test zone (`<token>.<label>.<zone>`); names are compared in
    lower case (a resolver may randomise the case of the names it asks, draft-vixie-dnsext-dns0x20)."""
    if query.client_address is None or not query.qname.is_subdomain(zone):
        return None
    relative = query.qname.relativize(zone).labels
    if len(relative) < 2:
        return None
    label = relative[-1].decode("ascii", "replace").lower()
    token = relative[-2].decode("ascii", "replace").lower()
    if label not in BY_LABEL or not TOKEN.fullmatch(token):
        return None
    return {
        "token": token,
        "zone": label,
        "resolver_address": query.client_address,
        "qtype": dns.rdatatype.to_text(query.qtype)[:10],
        "do_bit": query.do_bit,
        "edns_size": query.edns_size,
        "transport": query.transport,
        "received_at": query.received_at,
    }


class QueryRecorder:
    """Buffers query records and sends them in batches from a thread of its own; never blocks the server."""

    def __init__(
        self,
        zone: str,
        send: Callable[[list[dict]], None],
        batch_size: int = BATCH_SIZE,
        flush_seconds: float = FLUSH_SECONDS,
        max_pending: int = MAX_PENDING,
    ):
        self.zone = dns.name.from_text(zone)
        self.send = send
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.pending: deque[dict] = deque()
        self.max_pending = max_pending
        self.sent = 0  # records handed to the broker
        self.overflowed = 0  # records dropped because the broker was down too long
        self.failing = False  # the last send failed (said once in the log, and once when it works again)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def on_query(self, query) -> None:
        """checker.lab's per-query callback: keep the record, if any; called in the server's thread."""
        record = observation(query, self.zone)
        if record is None:
            return
        with self._lock:
            if len(self.pending) >= self.max_pending:
                self.pending.popleft()
                self.overflowed += 1
                if self.overflowed % 1000 == 1:
                    log.error(
                        "resolver test: %d query record(s) dropped so far: %d wait for the broker",
                        self.overflowed,
                        len(self.pending),
                    )
            self.pending.append(record)
            full = len(self.pending) >= self.batch_size
        if full:
            self._wake.set()

    def flush(self) -> int:
        """Send what waits, a batch per task; returns how many records were sent. A batch the broker does not
        take goes back in front, for the next flush."""
        sent = 0
        while True:
            with self._lock:
                batch = [self.pending.popleft() for _ in range(min(self.batch_size, len(self.pending)))]
            if not batch:
                break
            try:
                self.send(batch)
            except Exception as error:  # the broker is down: keep the records and keep answering
                with self._lock:
                    self.pending.extendleft(reversed(batch))
                    while len(self.pending) > self.max_pending:
                        self.pending.popleft()
                        self.overflowed += 1
                if not self.failing:
                    log.warning(
                        "resolver test: cannot send query records (%s); %d wait in memory", error, len(self.pending)
                    )
                self.failing = True
                break
            if self.failing:
                log.warning("resolver test: sending query records again")
                self.failing = False
            sent += len(batch)
            self.sent += len(batch)
        return sent

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            self.flush()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="resolvertest-recorder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and send what waits (once; what the broker does not take then is lost, and said)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.flush()
        if self.pending:
            log.warning("resolver test: %d query record(s) not sent at shutdown", len(self.pending))


def send_batch(records: list[dict]) -> None:
    """One Celery task for a batch of records, on the `interactive` queue."""
    from portal.celery import app, queue_name

    app.send_task(RECORD_TASK, args=[records], queue=queue_name("interactive"))


def store(records: list[dict]) -> dict:
    """Store the records whose token exists in RunToken under the same zone label; drop and count the rest."""
    from portal import clock

    from .models import ObservedQuery, RunToken

    tokens = {record["token"] for record in records}
    known = {
        token: (pk, zone)
        for pk, token, zone in RunToken.objects.filter(token__in=tokens).values_list("pk", "token", "zone")
    }
    offset = clock.offset()  # the portal's clock, as every time it keeps (moved in demos and tests)
    rows = [
        ObservedQuery(
            token_id=known[record["token"]][0],
            resolver_address=record["resolver_address"],
            qtype=record["qtype"],
            do_bit=record["do_bit"],
            edns_size=record["edns_size"],
            transport=record["transport"],
            received_at=datetime.fromtimestamp(record["received_at"], UTC) + offset,
        )
        for record in records
        if known.get(record["token"], (None, None))[1] == record["zone"]
    ]
    ObservedQuery.objects.bulk_create(rows)
    dropped = len(records) - len(rows)
    if dropped:
        log.warning("resolver test: %d query record(s) for unknown tokens dropped, %d stored", dropped, len(rows))
    return {"stored": len(rows), "dropped": dropped}


def expire(now: datetime | None = None) -> int:
    """Delete the records older than the retention; returns how many went."""
    from portal import clock

    from . import conf
    from .models import ObservedQuery

    cutoff = (now or clock.now()) - timedelta(hours=conf.query_retention_hours())
    deleted, _ = ObservedQuery.objects.filter(received_at__lt=cutoff).delete()
    return deleted
