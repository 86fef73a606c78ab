import datetime

import pytest

from failures.management.commands.load_failure_reports import seed_categories
from failures.models import Category, FailureReport, Status
from members.models import Membership, Organisation
from members.roles import Role

PASSWORD = "correct horse battery staple 7"


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.FAILURES_ATTACHMENT_ROOT = str(tmp_path / "attachments")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "attachments"


@pytest.fixture
def categories(db):
    seed_categories()
    return Category.objects.all()


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(
        slug="other-dns", name_ja="別組織株式会社", name_en="Other DNS Ltd.", category="hosting"
    )


@pytest.fixture
def make_user(db, django_user_model):
    def make(role, organisation=None, email=None, language="ja"):
        email = email or f"{role}@example.jp"
        user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, roles=[role], language=language)
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def member(make_user, organisation):
    return make_user(Role.MEMBER, organisation, email="member@example-isp.jp", language="ja")


@pytest.fixture
def other_member(make_user, other_organisation):
    return make_user(Role.MEMBER, other_organisation, email="member@other-dns.jp")


@pytest.fixture
def reviewer(make_user, other_organisation):
    return make_user(Role.REVIEWER, other_organisation, email="reviewer@dnssec.jp.invalid", language="en")


@pytest.fixture
def make_report(categories, organisation, member):
    def make(status=Status.DRAFT, **fields):
        values = dict(
            organisation=organisation,
            author=member,
            title_ja="署名の期限切れ",
            summary_ja="再署名が止まり、署名の有効期限が切れた。",
            symptoms_ja="<p>SERVFAIL が返った。</p>",
            incident_date=datetime.date(2024, 5, 1),
            category=Category.objects.get(slug="signature-expiry"),
            status=status,
        )
        values.update(fields)
        finding_ids = values.pop("finding_ids", ["rrsig_expired"])
        report = FailureReport(**values)
        report.finding_ids = finding_ids
        report.roles = ["registry"]
        report.save()
        return report

    return make


def form_data(categories, **overrides):
    import uuid

    data = {
        "language": "ja",
        "title": "DS の更新漏れで検証に失敗",
        "summary": "DNS 事業者の変更後に古い DS が残った。",
        "incident_date": "2024-04-01",
        "impact_minutes": "120",
        "category": str(categories.get(slug="operator-transfer").pk),
        "roles": ["registrant", "dns-provider"],
        "timeline": "2024-04-01 09:00 NS を変更\n2024-04-01 10:30 SERVFAIL の報告",
        "symptoms": "検証を行うフルリゾルバーで SERVFAIL。",
        "detection": "利用者からの連絡。",
        "root_cause": "移転手順に DS がなかった。",
        "fix": "DS を削除した。",
        "lessons": "移転の前に DS を確認する。",
        "finding_ids": "ds_but_unsigned chain_bogus",
        "references": "https://www.rfc-editor.org/rfc/rfc8901",
        "check_run_id": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data
