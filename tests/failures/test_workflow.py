"""The workflow from draft to published, with the e-mail of each step, the audit trail, revisions and corrections."""

import pytest
from django.core import mail

from failures import workflow
from failures.models import AuditEntry, FailureReport, Status
from tests.failures.conftest import form_data

pytestmark = pytest.mark.django_db


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


def test_a_correction_after_publication_is_a_visible_revision(client, categories, member, reviewer, make_report):
    report = make_report(status=Status.PUBLISHED)
    workflow.record_revision(report, reviewer, correction_note="")
    client.force_login(member)
    data = form_data(categories, title="署名の期限切れ（訂正版）", correction_note="復旧時刻を 12:00 に訂正しました。")
    assert client.post(f"/ja/failures/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.title_ja == "署名の期限切れ（訂正版）"
    assert list(report.revisions.values_list("number", "correction_note")) == [
        (1, ""),
        (2, "復旧時刻を 12:00 に訂正しました。"),
    ]
    assert report.revisions.get(number=1).content["title_ja"] == "署名の期限切れ"
    page = client.__class__().get(f"/ja/failures/{report.pk}/").content.decode()
    assert "訂正" in page and "復旧時刻を 12:00 に訂正しました。" in page
    assert [m.to for m in mail.outbox] == [[reviewer.email]]  # the reviewers hear of the correction


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
