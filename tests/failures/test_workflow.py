"""The workflow from draft to published, with the e-mail of each step, the audit trail, revisions and corrections."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from failures import workflow
from failures.models import AuditEntry, FailureReport, Status
from members.roles import Role
from tests.failures.conftest import form_data

pytestmark = pytest.mark.django_db
BASE = "https://portal.example.jp"


def test_a_member_files_a_draft_and_a_reviewer_publishes_it(client, categories, member, reviewer):
    client.force_login(member)
    response = client.post("/ja/failures/new/", form_data(categories))
    report = FailureReport.objects.get()
    assert response.status_code == 302 and response.url == f"/ja/failures/{report.pk}/"
    assert report.status == Status.DRAFT and report.organisation == member.membership.organisation
    assert report.title_ja == "DS の更新漏れで検証に失敗" and report.title_en in ("", None)
    assert [e.text_ja for e in report.timeline.all()] == ["NS を変更", "SERVFAIL の報告"]
    assert report.finding_ids == ["chain_bogus", "ds_but_unsigned"]
    assert mail.outbox == []

    client.post(f"/ja/failures/{report.pk}/action/", {"action": "submit"})
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    # The reviewer reads English: the mail about the submission is in English.
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert "submitted for review" in mail.outbox[0].body and "[DNSSEC Japan failure report]" in mail.outbox[0].subject

    reviewer_client = client.__class__()
    reviewer_client.force_login(reviewer)
    reviewer_client.post(f"/en/failures/{report.pk}/action/", {"action": "start_review"})
    reviewer_client.post(
        f"/en/failures/{report.pk}/action/",
        {"action": "request_changes", "note": "タイムラインに復旧時刻を加えてください。"},
    )
    report.refresh_from_db()
    assert report.status == Status.CHANGES_REQUESTED
    # The member reads Japanese: their mails are in Japanese and carry the reviewer's comment.
    to_member = [m for m in mail.outbox if m.to == [member.email]]
    assert len(to_member) == 2 and all("【DNSSEC Japan 障害事例】" in m.subject for m in to_member)
    assert "タイムラインに復旧時刻を加えてください。" in to_member[-1].body
    page = client.get(f"/ja/failures/{report.pk}/").content.decode()
    assert "タイムラインに復旧時刻を加えてください。" in page  # the author sees the reviewer's comment

    data = form_data(categories, timeline="2024-04-01 09:00 NS を変更\n2024-04-01 12:00 復旧")
    assert client.post(f"/ja/failures/{report.pk}/edit/?language=ja", data).status_code == 302
    client.post(f"/ja/failures/{report.pk}/action/", {"action": "submit"})
    reviewer_client.post(f"/en/failures/{report.pk}/action/", {"action": "publish"})
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.published_at is not None
    assert "公開" in mail.outbox[-1].body and "（公開）" in mail.outbox[-1].subject
    assert client.__class__().get(f"/en/failures/{report.pk}/").status_code == 200

    actions = list(AuditEntry.objects.filter(report=report).values_list("action", "actor__email"))
    assert actions == [
        ("create", member.email),
        ("submit", member.email),
        ("start_review", reviewer.email),
        ("request_changes", reviewer.email),
        ("edit", member.email),
        ("submit", member.email),
        ("publish", reviewer.email),
    ]
    assert report.revisions.count() == 1
    trail = reviewer_client.get(f"/ja/failures/{report.pk}/").content.decode()
    assert all(label in trail for label in ("作成", "レビューに提出", "レビュー開始", "修正依頼", "公開"))
    # submit, start, changes, submit, publish: one mail each; none for the draft or the edit before resubmission.
    assert [m.to for m in mail.outbox] == [
        [reviewer.email],
        [member.email],
        [member.email],
        [reviewer.email],
        [member.email],
    ]


def test_an_authors_correction_waits_for_review_and_the_published_version_stays(
    client, categories, member, reviewer, make_report
):
    report = make_report(status=Status.PUBLISHED)
    workflow.record_revision(report, reviewer, correction_note="")
    client.force_login(member)
    edit = client.get(f"/ja/failures/{report.pk}/edit/").content.decode()
    assert "レビュー担当者が承認するまで、公開中の版が表示されます" in edit and 'name="attachments"' not in edit
    data = form_data(categories, title="署名の期限切れ（訂正版）", correction_note="復旧時刻を 12:00 に訂正しました。")
    assert client.post(f"/ja/failures/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    # Nothing of the edit is public yet: the report, its revisions and its page are as published.
    assert report.status == Status.PUBLISHED and report.title_ja == "署名の期限切れ"
    assert report.timeline.count() == 0 and report.revisions.count() == 1
    public = client.__class__().get(f"/ja/failures/{report.pk}/").content.decode()
    assert "訂正版" not in public and "復旧時刻を 12:00 に訂正しました。" not in public
    assert [m.to for m in mail.outbox] == [[reviewer.email]]  # the reviewers hear of the proposal
    assert "waits for review" in mail.outbox[0].body
    # The author cannot approve their own correction.
    assert workflow.allowed_actions(member, report) == []
    assert client.post(f"/ja/failures/{report.pk}/action/", {"action": "approve_correction"}).status_code == 403

    reviewer_client = client.__class__()
    reviewer_client.force_login(reviewer)
    assert "Published — A correction waits for review" in reviewer_client.get("/en/failures/review/").content.decode()
    desk = reviewer_client.get(f"/en/failures/{report.pk}/").content.decode()
    assert "A correction waits for review" in desk and "署名の期限切れ（訂正版）" in desk
    assert workflow.allowed_actions(reviewer, report) == ["approve_correction", "decline_correction", "comment"]
    reviewer_client.post(f"/en/failures/{report.pk}/action/", {"action": "approve_correction"})
    report.refresh_from_db()
    assert report.title_ja == "署名の期限切れ（訂正版）" and report.timeline.count() == 2
    assert list(report.revisions.values_list("number", "correction_note")) == [
        (1, ""),
        (2, "復旧時刻を 12:00 に訂正しました。"),
    ]
    assert report.revisions.get(number=1).content["title_ja"] == "署名の期限切れ"
    page = client.__class__().get(f"/ja/failures/{report.pk}/").content.decode()
    assert "署名の期限切れ（訂正版）" in page and "復旧時刻を 12:00 に訂正しました。" in page
    assert not hasattr(FailureReport.objects.get(pk=report.pk), "proposed_correction")
    assert [m.to for m in mail.outbox][-1] == [member.email] and "訂正" in mail.outbox[-1].body
    assert list(AuditEntry.objects.filter(report=report).values_list("action", flat=True)) == [
        "propose_correction",
        "approve_correction",
    ]


def test_a_declined_correction_changes_nothing(client, categories, member, reviewer, make_report):
    report = make_report(status=Status.PUBLISHED)
    client.force_login(member)
    client.post(f"/ja/failures/{report.pk}/edit/", form_data(categories, title="別の題名", correction_note="題名"))
    client.force_login(reviewer)
    client.post(f"/en/failures/{report.pk}/action/", {"action": "decline_correction"})
    assert FailureReport.objects.get(pk=report.pk).proposed_correction  # a note is required
    client.post(f"/en/failures/{report.pk}/action/", {"action": "decline_correction", "note": "根拠がありません。"})
    report = FailureReport.objects.get(pk=report.pk)
    assert report.title_ja == "署名の期限切れ" and not hasattr(report, "proposed_correction")
    assert "根拠がありません。" in mail.outbox[-1].body and mail.outbox[-1].to == [member.email]


def test_a_reviewer_of_the_reporting_organisation_does_not_decide_its_report(make_user, organisation, make_report):
    """Reviewer and author apart, as for the logo: not their own organisation's report, never their own."""
    colleague = make_user(Role.REVIEWER, organisation, email="reviewer@example-isp.jp")
    report = make_report(status=Status.SUBMITTED)
    assert workflow.allowed_actions(colleague, report) == ["comment"]
    with pytest.raises(PermissionDenied):
        workflow.transition(report, "publish", colleague)
    # An administrator may decide for their own organisation (appeals), but never a report they wrote.
    administrator = make_user(Role.ADMINISTRATOR, organisation, email="admin@example-isp.jp")
    assert "publish" in workflow.allowed_actions(administrator, report)
    own = make_report(status=Status.SUBMITTED, author=administrator)
    assert "publish" not in workflow.allowed_actions(administrator, own)


def test_a_reviewer_of_the_reporting_organisation_proposes_corrections_too(
    client, categories, make_user, organisation, make_report
):
    colleague = make_user(Role.REVIEWER, organisation, email="reviewer@example-isp.jp")
    report = make_report(status=Status.PUBLISHED)
    client.force_login(colleague)
    client.post(f"/ja/failures/{report.pk}/edit/", form_data(categories, title="身内の訂正", correction_note="題名"))
    report = FailureReport.objects.get(pk=report.pk)
    assert report.title_ja == "署名の期限切れ" and report.proposed_correction.data["title"] == "身内の訂正"


def test_a_correction_needs_a_note(client, categories, member, make_report):
    report = make_report(status=Status.PUBLISHED)
    client.force_login(member)
    response = client.post(f"/ja/failures/{report.pk}/edit/", form_data(categories, title="変えた題名"))
    assert response.status_code == 200 and "correction_note" in response.context["form"].errors
    report.refresh_from_db()
    assert report.title_ja == "署名の期限切れ"


def test_steps_out_of_order_and_by_the_wrong_role_are_refused(client, member, reviewer, make_report):
    report = make_report()
    client.force_login(member)
    for action in ("publish", "start_review", "reject"):
        assert client.post(f"/ja/failures/{report.pk}/action/", {"action": action}).status_code == 403
    client.force_login(reviewer)
    # A reviewer cannot submit a member's draft, nor publish before it is submitted.
    assert client.post(f"/ja/failures/{report.pk}/action/", {"action": "publish"}).status_code == 403
    assert client.post(f"/ja/failures/{report.pk}/action/", {"action": "submit"}).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert client.get(f"/ja/failures/{report.pk}/action/").status_code == 405


def test_rejection_needs_a_comment_and_is_final(client, member, reviewer, make_report):
    report = make_report(status=Status.SUBMITTED)
    client.force_login(reviewer)
    client.post(f"/ja/failures/{report.pk}/action/", {"action": "reject"})
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    client.post(f"/ja/failures/{report.pk}/action/", {"action": "reject", "note": "個人情報が含まれています。"})
    report.refresh_from_db()
    assert report.status == Status.REJECTED
    assert workflow.allowed_actions(member, report) == []
    assert client.__class__().get(f"/ja/failures/{report.pk}/").status_code == 404


def test_a_failure_status_mail_links_to_the_base_url(settings, make_report, member, reviewer):
    """Status mails link on PORTAL_BASE_URL (they linked to 127.0.0.1:8000 while invitations used the real host)."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    report = make_report(status=Status.DRAFT)
    report = workflow.transition(report, "submit", member)
    workflow.transition(report, "request_changes", reviewer, note="時刻を加えてください。")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = re.findall(r"https?://\S+", message.body)
        language = "en" if message.to == [reviewer.email] else "ja"
        assert links == [f"{BASE}/{language}/failures/{report.pk}/"]
