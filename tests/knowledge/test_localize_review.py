"""A translation goes through the Tech-WG review as an original does (knowledge/localize.py).

The three ways wagtail-localize would publish: requesting a translation, its editor's "Publish in …", and
"update translations" with "publish". Each now leaves readers' page as it was and puts a draft before the
reviewers.
"""

import json
import re
from html import unescape as html_unescape

import polib
import pytest
from django.urls import resolve, reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from knowledge.localize import UpdateTranslationsView
from knowledge.models import PublicationIndexPage, PublicationPage
from knowledge.workflow import WORKFLOW_NAME
from members.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(locales):
    index = PublicationIndexPage.objects.get(locale=locales[0])
    page = index.add_child(
        instance=PublicationPage(
            title="DS 登録の手引き",
            slug="ds-howto",
            kind="guideline",
            summary="DS レコードを登録する手順です。",
            body=[("text", "<p>鍵署名鍵の DS を SHA-256 で作成します。</p>")],
        )
    )
    page.save_revision().publish()
    return page


def request_translation(client, user, page, locale, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]}
        )
    assert response.status_code == 302
    return page.get_translation(locale)


def translate_everything(page, target, prefix="EN: "):
    """A translator's work, as an uploaded PO file."""
    job = Translation.objects.get(source=TranslationSource.objects.get_for_instance(page), target_locale=target)
    po = polib.pofile(str(job.export_po()))
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    job.import_po(po)
    return job


def publish_in_editor(client, user, page, django_capture_on_commit_callbacks):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == url
    return Page.objects.get(pk=page.pk).specific


def approve(page, reviewer, django_capture_on_commit_callbacks):
    state = page.current_workflow_state
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, reviewer, "approve")
    return Page.objects.get(pk=page.pk).specific


def test_requesting_a_translation_publishes_nothing(
    client, people, original, locales, django_capture_on_commit_callbacks
):
    editor = people[Role.EDITOR]
    translated = request_translation(client, editor, original, locales[1], django_capture_on_commit_callbacks)
    assert translated.live is False
    assert translated.live_revision is None
    assert translated.current_workflow_state is None
    assert client.get(f"/en/publications/{translated.slug}/").status_code == 404


def test_the_editors_publish_submits_to_the_review_and_only_approval_publishes(
    client, people, original, locales, django_capture_on_commit_callbacks
):
    editor, reviewer = people[Role.EDITOR], people[Role.REVIEWER]
    translated = request_translation(client, editor, original, locales[1], django_capture_on_commit_callbacks)
    translate_everything(original, locales[1])

    # An editor may not publish, yet wagtail-localize's editor offers them the action, which submits.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).content.decode()
    props = json.loads(html_unescape(re.search(r'data-props="([^"]*)"', html).group(1)))
    assert props["perms"]["canPublish"] is True

    submitted = publish_in_editor(client, editor, translated, django_capture_on_commit_callbacks)
    assert submitted.live is False
    state = submitted.current_workflow_state
    assert (state.status, state.workflow.name, state.requested_by) == ("in_progress", WORKFLOW_NAME, editor)
    assert submitted.get_latest_revision_as_object().title == "EN: DS 登録の手引き"

    published = approve(submitted, reviewer, django_capture_on_commit_callbacks)
    assert (published.live, published.title) == (True, "EN: DS 登録の手引き")

    # A reviewer's own publish in the editor goes to the review too, and readers keep the approved text meanwhile.
    StringTranslation.objects.filter(locale=locales[1]).update(data="EN2")
    again = publish_in_editor(client, reviewer, published, django_capture_on_commit_callbacks)
    assert (again.live, again.title, again.has_unpublished_changes) == (True, "EN: DS 登録の手引き", True)
    assert again.get_latest_revision_as_object().title == "EN2"
    assert again.current_workflow_state.status == "in_progress"
    assert client.get(published.url).content.decode().count("EN2") == 0


def test_update_translations_with_publish_makes_drafts_under_review(
    client, people, original, locales, django_capture_on_commit_callbacks
):
    editor, reviewer = people[Role.EDITOR], people[Role.REVIEWER]
    translated = request_translation(client, editor, original, locales[1], django_capture_on_commit_callbacks)
    translate_everything(original, locales[1])
    published = approve(
        publish_in_editor(client, editor, translated, django_capture_on_commit_callbacks),
        reviewer,
        django_capture_on_commit_callbacks,
    )

    original.summary = "DS レコードを登録する手順です（改訂）。"
    original.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(original)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert resolve(url).func.view_class is UpdateTranslationsView
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302

    after = Page.objects.get(pk=published.pk).specific
    assert (after.live, after.has_unpublished_changes) == (True, True)
    assert after.summary == "EN: DS レコードを登録する手順です。"
    assert after.get_latest_revision_as_object().summary == "DS レコードを登録する手順です（改訂）。"
    state = after.current_workflow_state
    assert (state.status, state.requested_by) == ("in_progress", reviewer)
