"""Campaigns through real Celery workers on the lab: exact verdicts of zones built signed, unsigned and bogus;
two workers with their own node names sharing one campaign, each name checked once; a worker killed
mid-campaign; and the query budget per server address that every worker shares, counted on the loopback interface."""

import os
import signal
from collections import defaultdict
from datetime import timedelta

import pytest
from django.test import Client

from batches import runner
from batches.models import BatchName, Chunk
from batches.submit import send
from bench.address_rates import AddressRates
from campaigns import runs
from campaigns.models import Campaign
from portal import clock
from tests.checker.campaigns.conftest import make_list
from tests.checker.portal.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
SIGNED = ["alg13.test", "alg8.test", "alg15.test", "nsec3.test", "alg16.test"]
UNSIGNED = ["unsigned.test"]
BOGUS = ["expired.test", "bogus-sig.test", "ds-mismatch.test"]
NAMES = SIGNED + UNSIGNED + BOGUS


def finished(campaign, timeout=180):
    return wait_for(
        lambda: (c := Campaign.objects.get(pk=campaign.pk)).finished_at and c, timeout, message="campaign finished"
    )


def verdicts(campaign):
    counts = defaultdict(int)
    for verdict in BatchName.objects.filter(batch=campaign.batch).values_list("verdict", flat=True):
        counts[verdict] += 1
    return dict(counts)


def test_two_workers_share_a_campaign_and_check_each_name_once(lab_env, processes, settings, administrator):
    settings.BATCH_CHUNK_SIZE = 1
    processes.worker(["batch"], "camp-a", extra_env=lab_env)
    processes.worker(["batch"], "camp-b", extra_env=lab_env)
    campaign = runs.start(make_list("lab", NAMES), administrator)
    done = finished(campaign)
    assert verdicts(done) == {"secure": 5, "insecure": 1, "bogus": 3}
    rows = dict(BatchName.objects.filter(batch=done.batch).values_list("domain", "verdict"))
    assert {name for name, verdict in rows.items() if verdict == "bogus"} == set(BOGUS)
    assert {name for name, verdict in rows.items() if verdict == "insecure"} == set(UNSIGNED)
    assert list(Chunk.objects.filter(batch=done.batch).values_list("attempts", flat=True)) == [1] * 9
    nodes = [worker.split("@")[0] for worker in Chunk.objects.filter(batch=done.batch).values_list("worker", flat=True)]
    assert sorted(set(nodes)) == ["camp-a", "camp-b"] and len(nodes) == 9
    assert done.finished_at == done.batch.finished_at and done.batch.state == "done"

    client = Client()
    client.force_login(administrator)
    page = client.get(f"/admin/campaigns/{done.pk}/").content.decode()
    assert "9 of 9 names checked (100 %)." in page
    assert "<td>camp-a</td>" in page and "<td>camp-b</td>" in page
    body = b"".join(client.get(f"/admin/campaigns/{done.pk}/results/?format=csv").streaming_content).decode()
    assert body.splitlines()[0].startswith("position,domain,verdict") and len(body.splitlines()) == 10


@pytest.mark.slow
def test_a_worker_killed_mid_campaign_loses_nothing_and_nothing_is_checked_twice(lab_env, processes, settings):
    settings.BATCH_CHUNK_SIZE = 1
    # A slow worker (1 query a second to an address: the 9 referrals share the TLD's 2 addresses) is killed while
    # some of the 9 one-name chunks are still to do, however fast the machine.
    first = processes.worker(["batch"], "doomed", extra_env={**lab_env, "CHECKER_QUERY_RATE_PER_ADDRESS": "1"})
    campaign = runs.start(make_list("lab", NAMES))
    wait_for(
        lambda: Chunk.objects.filter(batch=campaign.batch, finished_at__isnull=False).count() >= 2,
        120,
        message="two chunks done",
    )
    os.killpg(first.pid, signal.SIGKILL)
    first.proc.wait()
    recorded = dict(
        BatchName.objects.filter(batch=campaign.batch, checked_at__isnull=False).values_list("domain", "checked_at")
    )
    assert Campaign.objects.get(pk=campaign.pk).finished_at is None and 2 <= len(recorded) < 9

    clock.advance(timedelta(seconds=3600))  # what the dead worker held counts as lost
    processes.worker(["batch"], "rescue", extra_env=lab_env)
    send(runner.to_resend())
    done = finished(campaign)
    assert verdicts(done) == {"secure": 5, "insecure": 1, "bogus": 3}
    again = dict(BatchName.objects.filter(domain__in=recorded, batch=done.batch).values_list("domain", "checked_at"))
    assert again == recorded, "what the dead worker recorded stands and was not checked again"
    assert not Chunk.objects.filter(batch=done.batch, finished_at__isnull=True).exists()


def test_three_workers_send_no_server_address_more_than_the_rate(lab, lab_env, processes, python_lab, settings):
    """Each worker's own cap is 5 queries a second to an address; three of them together stay within 5.

    Counted as the kernel received the packets (bench/address_rates.py: a packet socket with SO_TIMESTAMPNS),
    not when the lab's thread in this process got round to them: on a loaded machine that thread reads a
    backlog at once, and its clock put packets a second apart into one second."""
    settings.BATCH_CHUNK_SIZE = 2
    env = {**lab_env, "CHECKER_QUERY_RATE_PER_ADDRESS": "5"}
    for name in ("budget-a", "budget-b", "budget-c"):
        processes.worker(["batch"], name, extra_env=env)
    counter = AddressRates(lab.network, python_lab.port)
    counter.start()
    try:
        # The engine's cache of ancestor answers lives in each worker: three cold workers ask the root and
        # the TLD the same questions at once, and the names' own zones share the lab's few addresses.
        names = [f"{condition}.test" for condition in ("alg8", "alg13", "alg15", "alg16", "nsec3", "unsigned")]
        names += [f"{condition}.test" for condition in ("expired", "bogus-sig", "ds-mismatch", "notyet", "island")]
        names += [f"{condition}.test" for condition in ("ns-one", "nsec3-optout", "rsasha512", "ds-digest3")]
        done = finished(runs.start(make_list("budget", names)), timeout=300)
    finally:
        rates = counter.stop()
    assert BatchName.objects.filter(batch=done.batch, checked_at__isnull=False).count() == 15
    assert max(rates.counts.values()) > 15, "the cap was binding: the busiest address had more than 3 seconds' worth"
    assert {address: most for address, most in rates.highest.items() if most > 5} == {}
    workers = {w.split("@")[0] for w in Chunk.objects.filter(batch=done.batch).values_list("worker", flat=True)}
    assert workers == {"budget-a", "budget-b", "budget-c"}
