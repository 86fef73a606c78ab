"""Who sees and does what: drafts stay with their organisation and the reviewers, whatever the URL."""

import pytest
from django.test import Client

from failures.models import Attachment, Category, Status
from members.roles import Role
from tests.failures.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_with_file(make_report, member):
    from django.core.files.base import ContentFile

    report = make_report(status=Status.SUBMITTED, title_ja="他組織には見えない下書き")
    Attachment.objects.create(
        report=report,
        file=ContentFile(b"zone excerpt\n", name="x"),
        original_name="zone.txt",
        kind="txt",
        size=13,
        sha256="0" * 64,
    )
    return report


def urls_of(report):
    attachment = report.attachments.first()
    return [
        f"/ja/failures/{report.pk}/",
        f"/en/failures/{report.pk}/",
        f"/ja/failures/{report.pk}/edit/",
        f"/ja/failures/{report.pk}/edit/?language=en",
        f"/ja/failures/{report.pk}/attachments/{attachment.pk}/",
    ]


def test_a_member_of_another_organisation_never_sees_a_draft(
    draft_with_file, other_member, make_user, other_organisation
):
    editor = make_user(Role.EDITOR, other_organisation, email="editor@other-dns.jp")
    for user in (None, other_member, editor):
        client = Client()
        if user:
            client.force_login(user)
        for url in urls_of(draft_with_file):
            response = client.get(url)
            assert response.status_code in (302, 404), (user, url)
            assert "他組織には見えない下書き" not in response.content.decode()
        assert client.post(f"/ja/failures/{draft_with_file.pk}/action/", {"action": "submit"}).status_code in (302, 404)
        for listing in (
            "/ja/failures/",
            "/ja/failures/mine/",
            "/ja/failures/feed/",
            "/ja/search/?q=他組織&type=failures.report",
        ):
            assert "他組織には見えない下書き" not in client.get(listing).content.decode(), listing
    draft_with_file.refresh_from_db()
    assert draft_with_file.status == Status.SUBMITTED


def test_the_owners_organisation_and_reviewers_see_it(draft_with_file, member, make_user, organisation, reviewer):
    colleague = make_user(Role.MEMBER, organisation, email="colleague@example-isp.jp")
    for user in (member, colleague, reviewer):
        client = Client()
        client.force_login(user)
        assert client.get(f"/ja/failures/{draft_with_file.pk}/").status_code == 200
        assert client.get(urls_of(draft_with_file)[-1]).status_code == 200
    client = Client()
    client.force_login(colleague)
    assert "他組織には見えない下書き" in client.get("/ja/failures/mine/").content.decode()


def test_the_review_desk_and_the_taxonomy_are_for_reviewers(client, categories, member, reviewer):
    client.force_login(member)
    assert client.get("/ja/failures/review/").status_code == 403
    assert client.post("/ja/failures/review/categories/", {"slug": "x"}).status_code == 403
    client.force_login(reviewer)
    assert client.get("/ja/failures/review/").status_code == 200
    response = client.post(
        "/ja/failures/review/categories/",
        {
            "slug": "monitoring",
            "name_ja": "監視の不備",
            "name_en": "Monitoring gaps",
            "description_ja": "",
            "description_en": "",
            "sort_order": 11,
        },
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="monitoring")
    client.post(
        f"/ja/failures/review/categories/{category.pk}/",
        {
            "slug": "monitoring",
            "name_ja": "監視の不足",
            "name_en": "Monitoring gaps",
            "description_ja": "",
            "description_en": "",
            "sort_order": 11,
        },
    )
    category.refresh_from_db()
    assert category.name_ja == "監視の不足"
    assert Client().get("/ja/failures/review/categories/").status_code == 302  # to the login page


def test_a_user_without_organisation_cannot_file(client, categories, make_user):
    lonely = make_user(Role.MEMBER, None, email="lonely@example.jp")
    client.force_login(lonely)
    assert client.post("/ja/failures/new/", form_data(categories)).status_code == 403


def test_authors_cannot_edit_while_in_review(client, categories, member, make_report):
    report = make_report(status=Status.IN_REVIEW)
    client.force_login(member)
    assert client.post(f"/ja/failures/{report.pk}/edit/", form_data(categories)).status_code == 403
