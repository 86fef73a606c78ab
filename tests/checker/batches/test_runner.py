"""Chunks: checked against the lab in this process, recorded once, taken back after a lost worker, sent again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from batches import runner, submit
from batches.models import Batch, BatchName, Chunk
from portal import clock
from tests.checker.conftest import LAB_NOW
from tests.checker.portal.conftest import lab_environment

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab_mode(lab, python_lab, monkeypatch):
    """Lab mode as a deployment has it: no CHECKER_NOW, the time is the portal's clock (moved to the lab's)."""
    for key, value in lab_environment(lab).items():
        if key != "CHECKER_NOW":
            monkeypatch.setenv(key, value)
    clock.advance(LAB_NOW - timezone.now())


def make_batch(member, names, settings, chunk_size=50):
    settings.BATCH_CHUNK_SIZE = chunk_size
    token = APIToken.create_token(user=member, name="t")[0]
    return submit.create(token, member, submit.read_names(names))


def results(batch):
    return {
        name.domain: (
            name.verdict,
            name.worst_severity,
            name.algorithms,
            name.ds_digest_types,
            (name.denial or {}).get("type"),
            name.ns_operator,
            name.error,
        )
        for name in BatchName.objects.filter(batch=batch)
    }


def test_a_chunk_records_each_name_compactly(member, settings, lab_mode):
    batch = make_batch(member, ["alg13.test", "unsigned.test", "expired.test", "nsec3.test", "alg8.test"], settings)
    chunk = runner.claim(Chunk.objects.get(batch=batch).pk, "host-a")
    assert runner.run(chunk) == 5
    assert results(batch) == {
        "alg13.test": ("secure", "NOTE", [13], [2], "nsec", "alg13.test", ""),
        "unsigned.test": ("insecure", "NOTE", [], [], None, "unsigned.test", ""),
        "expired.test": ("bogus", "CRIT", [13], [2], "nsec", "expired.test", ""),
        "nsec3.test": ("secure", "NOTE", [13], [2], "nsec3", "nsec3.test", ""),
        "alg8.test": ("secure", "NOTE", [8], [2], "nsec", "alg8.test", ""),
    }
    expired = BatchName.objects.get(batch=batch, domain="expired.test")
    assert {"rrsig_expired", "chain_bogus"} <= set(expired.finding_ids)
    assert BatchName.objects.get(batch=batch, domain="nsec3.test").denial == {
        "type": "nsec3",
        "source": "NSEC3PARAM",
        "algorithm": 1,
        "flags": 0,
        "iterations": 0,
        "salt": "",
        "opt_out": False,  # a full check sees the zone's NSEC3 records in its probe name's proof
    }
    batch.refresh_from_db()
    assert batch.finished_at is not None and Chunk.objects.get(batch=batch).worker == "host-a"


def test_a_chunk_is_held_by_one_worker_until_its_time_limit_and_a_grace_have_passed(member, settings):
    batch = make_batch(member, ["a.jp"], settings)
    chunk_id = Chunk.objects.get(batch=batch).pk
    assert runner.claim(chunk_id, "host-a").attempts == 1
    assert runner.claim(chunk_id, "host-b") is None, "the first worker still holds it"
    held_for = timedelta(seconds=600)  # batches.conf.chunk_time_limit()'s default
    Chunk.objects.filter(pk=chunk_id).update(
        claimed_at=clock.now() - held_for - timedelta(seconds=runner.GRACE_SECONDS - 5)
    )
    assert runner.claim(chunk_id, "host-a") is None, "5 s before the limit and grace have passed it is still held"
    Chunk.objects.filter(pk=chunk_id).update(
        claimed_at=clock.now() - held_for - timedelta(seconds=runner.GRACE_SECONDS + 1)
    )
    again = runner.claim(chunk_id, "host-b")
    assert (again.attempts, again.worker) == (2, "host-b")


def test_a_name_already_recorded_is_never_checked_again(member, settings, lab_mode):
    batch = make_batch(member, ["alg13.test", "expired.test"], settings)
    BatchName.objects.filter(batch=batch, domain="alg13.test").update(checked_at=clock.now(), verdict="insecure")
    chunk = runner.claim(Chunk.objects.get(batch=batch).pk, "host-a")
    assert runner.run(chunk) == 1
    assert results(batch)["alg13.test"][0] == "insecure", "the earlier attempt's record stands"
    assert results(batch)["expired.test"][0] == "bogus"


def test_a_chunk_whose_workers_were_lost_too_often_records_why(member, settings):
    settings.BATCH_CHUNK_MAX_ATTEMPTS = 2
    batch = make_batch(member, ["a.jp", "b.jp"], settings)
    Chunk.objects.filter(batch=batch).update(attempts=2)
    chunk = runner.claim(Chunk.objects.get(batch=batch).pk, "host-a")
    assert runner.run(chunk) == 2
    assert set(BatchName.objects.filter(batch=batch).values_list("verdict", "error")) == {("", "worker_lost")}
    assert Batch.objects.get(pk=batch.pk).finished_at is not None


def test_the_sweeper_sends_again_what_the_broker_refused_or_lost_and_what_a_dead_worker_held(member, settings):
    settings.BATCH_CHUNK_SIZE = 1
    batch = make_batch(member, ["a.jp", "b.jp", "c.jp", "d.jp", "e.jp"], settings, chunk_size=1)
    refused, lost, running, dead, done = Chunk.objects.filter(batch=batch).order_by("first")
    now = clock.now()
    Chunk.objects.filter(pk=refused.pk).update(sent_at=None)
    Chunk.objects.filter(pk=lost.pk).update(sent_at=now - timedelta(seconds=121), claimed_at=None)
    Chunk.objects.filter(pk=running.pk).update(sent_at=now - timedelta(seconds=121), claimed_at=now)
    Chunk.objects.filter(pk=dead.pk).update(sent_at=now - timedelta(hours=1), claimed_at=now - timedelta(seconds=631))
    Chunk.objects.filter(pk=done.pk).update(sent_at=None, finished_at=now)
    assert sorted(runner.to_resend(now)) == sorted([refused.pk, lost.pk, dead.pk])
