"""The DNS side's records: which queries are recorded, how they are batched, what a worker stores, when they expire."""

import logging
import time
from datetime import UTC, datetime, timedelta

import dns.name
import dns.rdatatype
import pytest

from checker.lab import ReceivedQuery
from portal import clock
from portal.celery import app
from resolvertest import models, recording, tasks
from resolvertest.models import ObservedQuery, RunToken
from resolvertest.recording import QueryRecorder, observation

ZONE = dns.name.from_text("rt.test")
WHEN = 1_796_000_000.25


def query(name, qtype="A", client="127.77.1.9", transport="udp", do_bit=True, edns_size=1232, when=WHEN):
    return ReceivedQuery(
        received_at=when,
        server_address="127.77.15.253",
        client_address=client,
        transport=transport,
        qname=dns.name.from_text(name),
        qtype=dns.rdatatype.from_text(qtype),
        do_bit=do_bit,
        edns_size=edns_size,
    )


def test_a_query_for_a_tokens_name_is_one_record():
    assert observation(query("abc123.secure.rt.test"), ZONE) == {
        "token": "abc123",
        "zone": "secure",
        "resolver_address": "127.77.1.9",
        "qtype": "A",
        "do_bit": True,
        "edns_size": 1232,
        "transport": "udp",
        "received_at": WHEN,
    }


def test_the_token_is_the_first_label_under_a_test_zone_in_lower_case():
    record = observation(query("www.AbC123.Alg8-Bogus.RT.test", "AAAA", transport="tcp", edns_size=None), ZONE)
    assert (record["token"], record["zone"], record["qtype"], record["transport"], record["edns_size"]) == (
        "abc123",
        "alg8-bogus",
        "AAAA",
        "tcp",
        None,
    )


@pytest.mark.parametrize(
    "name",
    [
        "rt.test",  # the parent's own data
        "secure.rt.test",  # a test zone's apex (its DNSKEY, SOA, NS)
        "abc.nosuchzone.rt.test",  # no test zone of that label
        "abc.secure.example.test",  # another zone
        f"{'a' * 33}.secure.rt.test",  # longer than any token handed out
        "a_b.secure.rt.test",  # not a token's characters
    ],
)
def test_queries_for_other_names_are_not_recorded(name):
    assert observation(query(name), ZONE) is None


def test_records_are_sent_in_batches_never_one_per_packet():
    batches = []
    recorder = QueryRecorder("rt.test", batches.append, batch_size=500)
    for n in range(1200):
        recorder.on_query(query(f"t{n}.secure.rt.test"))
    recorder.on_query(query("secure.rt.test", "DNSKEY"))  # not a token's name: no record
    assert recorder.flush() == 1200
    assert [len(batch) for batch in batches] == [500, 500, 200]
    assert [batch[0]["token"] for batch in batches] == ["t0", "t500", "t1000"]
    assert recorder.flush() == 0 and len(batches) == 3


def test_the_recorders_thread_sends_within_its_interval_and_what_waits_at_stop():
    batches = []
    recorder = QueryRecorder("rt.test", batches.append, batch_size=3, flush_seconds=3600)
    recorder.start()
    try:
        for n in range(3):  # a full batch wakes the thread before its interval
            recorder.on_query(query(f"t{n}.big.rt.test"))
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while not batches and datetime.now(UTC) < deadline:
            time.sleep(0.01)
        recorder.on_query(query("last.big.rt.test"))
    finally:
        recorder.stop()
    assert [[r["token"] for r in batch] for batch in batches] == [["t0", "t1", "t2"], ["last"]]


def test_a_broker_outage_keeps_the_records_for_later_and_drops_the_oldest_beyond_the_limit(caplog):
    batches, down = [], [True]

    def send(batch):
        if down[0]:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        batches.append(batch)

    recorder = QueryRecorder("rt.test", send, batch_size=4, max_pending=6)
    for n in range(5):
        recorder.on_query(query(f"t{n}.secure.rt.test"))
    with caplog.at_level(logging.WARNING, logger="resolvertest.recording"):
        assert recorder.flush() == 0
        assert recorder.flush() == 0  # said once per outage
    assert [r.getMessage() for r in caplog.records] == [
        "resolver test: cannot send query records (Error 111 connecting to 127.0.0.1:6379. Connection refused.); "
        "5 wait in memory"
    ]
    for n in range(5, 8):
        recorder.on_query(query(f"t{n}.secure.rt.test"))
    assert (len(recorder.pending), recorder.overflowed) == (6, 2)
    down[0] = False
    assert recorder.flush() == 6
    assert [[r["token"] for r in batch] for batch in batches] == [["t2", "t3", "t4", "t5"], ["t6", "t7"]]


def _token(label, token):
    run = models.TestRun.objects.create(public_id=f"run-{token}", created_at=clock.now(), language="ja")
    return RunToken.objects.create(run=run, zone=label, token=token)


def _record(token, label, **fields):
    return {**observation(query(f"{token}.{label}.rt.test"), ZONE), **fields}


@pytest.mark.django_db
def test_a_worker_stores_the_records_of_known_tokens_and_drops_and_counts_the_others(caplog):
    secure, big = _token("secure", "tok1"), _token("big", "tok2")
    records = [
        _record("tok1", "secure"),
        _record("tok2", "big", transport="tcp", qtype="AAAA", do_bit=False, edns_size=None, resolver_address="::1"),
        _record("forged", "secure"),  # never handed out
        _record("tok1", "bogus"),  # a run's token asked under another zone than its own
    ]
    with caplog.at_level(logging.WARNING, logger="resolvertest.recording"):
        assert recording.store(records) == {"stored": 2, "dropped": 2}
    assert [r.getMessage() for r in caplog.records] == [
        "resolver test: 2 query record(s) for unknown tokens dropped, 2 stored"
    ]
    stored = ObservedQuery.objects.order_by("pk").values_list(
        "token", "resolver_address", "qtype", "do_bit", "edns_size", "transport", "received_at"
    )
    moment = datetime.fromtimestamp(WHEN, UTC)
    assert list(stored) == [
        (secure.pk, "127.77.1.9", "A", True, 1232, "udp", moment),
        (big.pk, "::1", "AAAA", False, None, "tcp", moment),
    ]


@pytest.mark.django_db
def test_the_records_times_follow_the_portals_clock():
    _token("secure", "tok1")
    clock.advance(timedelta(days=15))
    recording.store([_record("tok1", "secure")])
    assert ObservedQuery.objects.get().received_at == datetime.fromtimestamp(WHEN, UTC) + timedelta(days=15)


@pytest.mark.django_db
def test_records_older_than_the_retention_expire(monkeypatch):
    token = _token("secure", "tok1")
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    for hours in (25, 24, 23):
        ObservedQuery.objects.create(
            token=token,
            resolver_address="127.0.0.1",
            qtype=f"A{hours}",
            do_bit=True,
            edns_size=1232,
            transport="udp",
            received_at=now - timedelta(hours=hours, seconds=1 if hours == 24 else 0),
        )
    assert recording.expire(now) == 2
    assert list(ObservedQuery.objects.values_list("qtype", flat=True)) == ["A23"]
    monkeypatch.setenv("RESOLVER_TEST_QUERY_RETENTION_HOURS", "1")
    assert recording.expire(now) == 1


def test_beat_expires_the_records_every_minute_on_the_batch_queue():
    from portal.celery import queue_name

    assert app.conf.beat_schedule["resolvertest-expire-queries"] == {
        "task": "resolvertest.expire_queries",
        "schedule": 60.0,
        "options": {"queue": queue_name("batch"), "expires": 60.0},
    }
    assert (tasks.record_queries.name, tasks.expire_queries.name) == (recording.RECORD_TASK, recording.EXPIRE_TASK)
