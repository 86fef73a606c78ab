"""Campaigns run in this process over the lab: a light-profile batch of the list's names, its figures computed
once when the last chunk is recorded, no member's quota touched; the schedule."""

import sys
import types
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from batches import runner, submit
from batches.models import Batch, BatchName, Chunk
from campaigns import runs
from campaigns.models import Campaign
from portal import clock, scheduler
from portal.models import ScheduledJob
from tests.checker.batches.conftest import member, organisation  # noqa: F401
from tests.checker.campaigns.conftest import make_list
from tests.checker.conftest import LAB_NOW
from tests.checker.portal.conftest import lab_environment

pytestmark = pytest.mark.django_db
NAMES = ["alg13.test", "alg8.test", "nsec3.test", "unsigned.test", "expired.test", "bogus-sig.test"]


@pytest.fixture
def lab_mode(lab, python_lab, monkeypatch):
    for key, value in lab_environment(lab).items():
        if key != "CHECKER_NOW":
            monkeypatch.setenv(key, value)
    clock.advance(LAB_NOW - timezone.now())


@pytest.fixture
def figures(monkeypatch):
    """campaigns.figures as the statistics give it: here, what it was called with."""
    calls = []
    module = types.ModuleType("campaigns.figures")
    module.compute = lambda campaign: calls.append(campaign.pk) or {"names": campaign.batch.accepted}
    monkeypatch.setitem(sys.modules, "campaigns.figures", module)
    return calls


def test_a_campaign_is_a_light_batch_of_the_lists_names_and_settles_once(
    settings, lab_mode, figures, administrator, django_capture_on_commit_callbacks
):
    settings.BATCH_CHUNK_SIZE = 4
    domain_list = make_list("lab", NAMES, demo=False)
    campaign = runs.start(domain_list, administrator, send=False)
    batch = campaign.batch
    assert (batch.profile, batch.token, batch.user, batch.accepted, batch.state) == ("light", None, None, 6, "checking")
    assert (campaign.started_by, campaign.finished_at) == (administrator, None)
    assert campaign.started_at == campaign.created_at
    assert list(Chunk.objects.filter(batch=batch).values_list("first", "last")) == [(0, 3), (4, 5)]
    assert list(BatchName.objects.filter(batch=batch).values_list("domain", flat=True)) == sorted(NAMES)
    assert runs.finish_if_done(campaign) is False

    first, second = Chunk.objects.filter(batch=batch)
    with django_capture_on_commit_callbacks(execute=True):
        runner.run(runner.claim(first.pk, "w1@host-a"))
    campaign.refresh_from_db()
    assert campaign.finished_at is None and figures == []
    with django_capture_on_commit_callbacks(execute=True):
        runner.run(runner.claim(second.pk, "w2@host-b"))
    campaign.refresh_from_db()
    batch.refresh_from_db()
    assert (campaign.finished_at, campaign.figures, figures) == (batch.finished_at, {"names": 6}, [campaign.pk])
    assert runs.finish_if_done(campaign) is True and figures == [campaign.pk], "figures computed once"
    verdicts = dict(BatchName.objects.filter(batch=batch).values_list("domain", "verdict"))
    assert verdicts == {
        "alg13.test": "secure",
        "alg8.test": "secure",
        "nsec3.test": "secure",
        "unsigned.test": "insecure",
        "expired.test": "bogus",
        "bogus-sig.test": "bogus",
    }


def test_a_campaign_counts_against_no_members_quota(member, settings, figures):  # noqa: F811
    settings.BATCH_DAILY_QUOTA = 5
    domain_list = make_list("big", [f"n{i}.jp" for i in range(8)])
    runs.start(domain_list, member, send=False)
    token = APIToken.create_token(user=member, name="t")[0]
    batch = submit.create(token, member, submit.read_names([f"m{i}.jp" for i in range(5)]))
    assert batch.accepted == 5
    assert submit._lock_and_remaining(None, member) == 5, "the member's own page quota is untouched"


def test_an_empty_list_gives_a_finished_campaign(figures):
    campaign = runs.start(make_list("empty", []), send=False)
    assert campaign.finished_at is not None and campaign.batch.state == Batch.State.DONE and figures == [campaign.pk]


def test_the_schedule_starts_a_campaign_and_sets_the_next_one(figures):
    domain_list = make_list("weekly", ["a.jp", "b.jp"], schedule="weekly")
    job = ScheduledJob.objects.get(kind="campaign", subject_id=domain_list.pk)
    assert abs((job.due_at - clock.now()).total_seconds()) < 5, "a first campaign at once"
    ScheduledJob.objects.filter(pk=job.pk).update(due_at=clock.now() - timedelta(seconds=1))
    campaign = runs.scheduled(domain_list.pk)
    assert campaign.started_by is None and campaign.batch.accepted == 2
    due = scheduler.due_at("campaign", domain_list.pk)
    assert timedelta(days=6, hours=23) < due - clock.now() <= timedelta(days=7)
    assert runs.scheduled(domain_list.pk) is None, "none while one still runs"
    assert Campaign.objects.filter(domain_list=domain_list).count() == 1
    domain_list.schedule = "monthly"
    domain_list.save()
    moment = datetime(2026, 1, 31, 3, 0, tzinfo=UTC)
    assert runs.interval_after(domain_list, moment) == datetime(2026, 2, 28, 3, 0, tzinfo=UTC)
    domain_list.schedule = ""
    domain_list.save()
    assert not ScheduledJob.objects.filter(kind="campaign").exists()
