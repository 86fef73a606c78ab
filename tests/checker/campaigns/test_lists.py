"""Domain lists: files read as members' batch files are (BOM, CRLF, CSV, IDN, duplicates, invalid names, gzip),
too large files and gzip bombs refused with their reason, derived lists that follow the portal's records; the
staff admin's pages."""

import gzip
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from batches import upload
from campaigns import lists
from campaigns.models import DomainList, DomainListEntry
from members.models import Domain, Organisation
from tests.checker.campaigns.conftest import make_list

pytestmark = pytest.mark.django_db

LINES = (
    "\ufeffAlg13.test\r\n"  # a BOM and CRLF line ends
    "expired.test,customer 7,2024-01-01\r\n"  # a CSV's first column
    "例え.jp\r\n"  # an IDN
    "alg13.test.\r\n"  # a duplicate
    "bad..name\r\n"  # invalid
    "-dash.jp\r\n"  # invalid
    "# a comment\r\n"
    "\r\n"
    "nsec3.test\tnote\r\n"  # a tab-separated line
    "例え.JP\r\n"  # the IDN again
)


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def send(client, domain_list, content, name="names.txt"):
    return client.post(
        f"/admin/campaigns/lists/{domain_list.pk}/",
        {"action": "upload", "file": SimpleUploadedFile(name, content)},
    )


def read_now(domain_list):
    """The reading the broker would run (this test's transaction never commits, so nothing is sent)."""
    domain_list.refresh_from_db()
    assert domain_list.upload
    report = lists.read(domain_list.pk)
    domain_list.refresh_from_db()
    return report


@pytest.mark.parametrize("compress", [False, True], ids=["text", "gzip"])
def test_a_file_replaces_the_lists_entries_with_its_names(administrator, compress):
    domain_list = make_list("jp-sample", ["old.jp"])
    content = LINES.encode()
    response = send(admin_client(administrator), domain_list, gzip.compress(content) if compress else content)
    assert response.status_code == 302
    report = read_now(domain_list)
    assert (report["accepted"], report["rejected"], report["duplicates"]) == (4, 2, 2)
    assert list(domain_list.entries.values_list("domain", flat=True)) == [
        "alg13.test",
        "expired.test",
        "nsec3.test",
        "xn--r8jz45g.jp",
    ]
    assert [r["name"] for r in report["rejections"]] == ["bad..name", "-dash.jp"]
    assert domain_list.upload == "" and domain_list.updated_at is not None
    assert not list(upload.folder().glob(f"list-{domain_list.pk}-*")), "the file is deleted once read"
    page = admin_client(administrator).get(f"/admin/campaigns/lists/{domain_list.pk}/")
    assert "Last file: 4 names accepted, 2 refused, 2 duplicates left out." in page.content.decode()


def test_a_file_read_in_parts_counts_duplicates_across_parts(monkeypatch):
    monkeypatch.setattr(lists, "PART", 3)
    domain_list = make_list("parts", [])
    path = upload.folder() / f"list-{domain_list.pk}-parts"
    path.write_text("".join(f"n{i % 5}.jp\n" for i in range(12)))
    DomainList.objects.filter(pk=domain_list.pk).update(upload=str(path))
    report = lists.read(domain_list.pk)
    assert (report["accepted"], report["rejected"], report["duplicates"]) == (5, 0, 7)
    assert domain_list.entries.count() == 5


def test_a_70_mb_file_is_refused_before_it_is_read(administrator):
    domain_list = make_list("big", ["kept.jp"])
    response = send(admin_client(administrator), domain_list, b"a.jp\n" * (14 * 1024 * 1024))
    assert response.status_code == 200
    assert "The file is larger than 64 MB. Split it, or compress it with gzip." in response.content.decode()
    domain_list.refresh_from_db()
    assert domain_list.upload == "" and list(domain_list.entries.values_list("domain", flat=True)) == ["kept.jp"]


def test_a_gzip_bomb_is_refused_and_the_list_stays_as_it_was(administrator):
    domain_list = make_list("bomb", ["kept.jp"])
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as out:
        zeros = b"0" * (1024 * 1024)
        for _ in range(300):  # 300 MB of the same line, about 300 KB compressed
            out.write(zeros)
    send(admin_client(administrator), domain_list, bomb.getvalue(), name="names.txt.gz")
    report = read_now(domain_list)
    assert report == {"refusal": "expanded_too_large", "limit": 256 * 1024 * 1024}
    assert list(domain_list.entries.values_list("domain", flat=True)) == ["kept.jp"]
    page = admin_client(administrator).get(f"/admin/campaigns/lists/{domain_list.pk}/")
    assert "The gzip file expands to more than 256 MB; it was refused and the list is unchanged." in (
        page.content.decode()
    )


def test_a_damaged_gzip_file_is_refused(administrator):
    domain_list = make_list("damaged", ["kept.jp"])
    send(admin_client(administrator), domain_list, gzip.compress(b"a.jp\n")[:-12])
    assert read_now(domain_list) == {"refusal": "unreadable_file"}
    assert domain_list.entries.count() == 1


def test_derived_lists_follow_member_domains_and_current_certificates(administrator):
    from members.logo.models import Certificate

    isp = Organisation.objects.create(slug="isp", name_ja="ISP", name_en="ISP", category="isp")
    registrar = Organisation.objects.create(slug="reg", name_ja="登録", name_en="Reg", category="registrar")
    Domain.objects.create(organisation=isp, name="isp.jp")
    Domain.objects.create(organisation=isp, name="例え.jp")
    Domain.objects.create(organisation=registrar, name="pending.jp", verified=False)
    now = timezone.now()
    for number, state, zones in (("2026-0001", "valid", ["a.jp", "b.jp"]), ("2026-0002", "revoked", ["c.jp"])):
        Certificate.objects.create(
            number=number,
            organisation=registrar,
            category="registrar",
            zones=zones,
            criteria_version="2026.1",
            state=state,
            state_since=now,
            issued_at=now,
            expires_at=now + timedelta(days=365),
        )
    members = DomainList.objects.create(name_ja="会員", name_en="Members", slug="members", source="member-domains")
    certified = DomainList.objects.create(name_ja="認定", name_en="Certified", slug="cert", source="certified-zones")
    assert lists.refresh(members) == {"added": 2, "removed": 0, "kept": 0}
    assert lists.refresh(certified) == {"added": 2, "removed": 0, "kept": 0}
    assert sorted(members.entries.values_list("domain", "organisation__slug")) == [
        ("isp.jp", "isp"),
        ("xn--r8jz45g.jp", "isp"),
    ]
    assert sorted(certified.entries.values_list("domain", "organisation__slug")) == [("a.jp", "reg"), ("b.jp", "reg")]

    Domain.objects.filter(name="isp.jp").delete()
    Domain.objects.filter(name="pending.jp").update(verified=True)
    response = admin_client(administrator).post(f"/admin/campaigns/lists/{members.pk}/", {"action": "refresh"})
    assert response.status_code == 302
    assert sorted(members.entries.values_list("domain", "organisation__slug")) == [
        ("pending.jp", "reg"),
        ("xn--r8jz45g.jp", "isp"),
    ]
    assert DomainListEntry.objects.count() == 4


def test_the_admin_makes_a_list_and_sets_its_schedule(administrator):
    from portal.models import ScheduledJob

    client = admin_client(administrator)
    fields = {"name_ja": "日本の例", "name_en": "Japanese sample", "slug": "jp", "source": "upload", "schedule": ""}
    response = client.post("/admin/campaigns/", {**fields, "public": "on"})
    domain_list = DomainList.objects.get(slug="jp")
    assert response.status_code == 302 and response["Location"] == f"/admin/campaigns/lists/{domain_list.pk}/"
    assert (domain_list.name_en, domain_list.public, ScheduledJob.objects.count()) == ("Japanese sample", True, 0)
    client.post(f"/admin/campaigns/lists/{domain_list.pk}/", {**fields, "action": "settings", "schedule": "weekly"})
    job = ScheduledJob.objects.get()
    assert (job.kind, job.subject_id) == ("campaign", domain_list.pk)
    client.post(f"/admin/campaigns/lists/{domain_list.pk}/", {**fields, "action": "settings", "schedule": ""})
    assert ScheduledJob.objects.count() == 0
    assert "Japanese sample" in client.get("/admin/campaigns/").content.decode()
