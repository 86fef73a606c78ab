"""Editors submit, Tech-WG reviewers approve (Wagtail moderation with the roles' groups); revisions and scheduled
publishing."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from knowledge.models import NewsIndexPage, NewsPage
from knowledge.workflow import TASK_NAME, WORKFLOW_NAME
from members.roles import Role
from portal.celery import PUBLISH_SCHEDULED_SECONDS, app
from tests import slots
from tests.celery_workers import WorkerProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo_content):
    index = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="ja"))
    page = index.add_child(
        instance=NewsPage(title="総会のお知らせ", slug="plenary", summary="次回の総会です。", live=False)
    )
    page.save_revision()
    return page


def test_the_review_workflow_is_the_migrations_and_asks_the_reviewers(draft):
    workflow = draft.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert task.name == TASK_NAME
    assert [g.name for g in task.groups.all()] == ["Reviewers"]


def test_an_editor_submits_and_only_a_reviewer_approves(draft, people):
    editor, reviewer = people[Role.EDITOR], people[Role.REVIEWER]
    state = draft.get_workflow().start(draft, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert [name for name, *_ in task.get_actions(draft, editor)] == []
    assert "approve" in [name for name, *_ in task.get_actions(draft, reviewer)]
    task.on_action(task_state, reviewer, "approve")
    state.refresh_from_db()
    draft.refresh_from_db()
    assert state.status == "approved" and draft.live


def test_revisions_are_kept(draft):
    draft.summary = "日程が決まりました。"
    draft.save_revision()
    assert draft.revisions.count() == 2


def test_scheduled_publishing(draft):
    go_live = timezone.now() + datetime.timedelta(seconds=2)
    draft.go_live_at = go_live
    revision = draft.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert not Page.objects.get(pk=draft.pk).live and revision.approved_go_live_at == go_live
    call_command("publish_scheduled", verbosity=0)
    assert not Page.objects.get(pk=draft.pk).live  # not yet
    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.1)
    call_command("publish_scheduled", verbosity=0)
    assert Page.objects.get(pk=draft.pk).live


def test_beat_runs_scheduled_publishing():
    entry = app.conf.beat_schedule["publish-scheduled"]
    assert entry["task"] == "portal.tasks.publish_scheduled"
    assert entry["schedule"] == PUBLISH_SCHEDULED_SECONDS == 30.0


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_page_goes_live_by_a_worker_with_beat_alone(draft):
    """Nobody runs a command: the beat of `celery worker -B` (as dev.py runs it) publishes the page on time."""
    go_live = timezone.now() + datetime.timedelta(seconds=5)
    draft.go_live_at = go_live
    draft.save_revision().publish()
    worker = WorkerProcess(["interactive", "batch", "monitor"], name=f"sched{slots.slot()}", embedded_beat=True)
    try:
        worker.wait_ready()
        deadline = time.monotonic() + PUBLISH_SCHEDULED_SECONDS + 30
        while time.monotonic() < deadline and not Page.objects.get(pk=draft.pk).live:
            time.sleep(0.5)
        page = Page.objects.get(pk=draft.pk)
    finally:
        worker.stop()
    assert page.live and page.first_published_at >= go_live
