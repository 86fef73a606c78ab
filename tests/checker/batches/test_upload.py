"""Files of names through the API: read in the background, line by line; oversized files and gzip bombs refused."""

import gzip
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from batches import upload
from batches.models import Batch, BatchName
from tests.checker.batches.conftest import bearer

pytestmark = pytest.mark.django_db

LINES = (
    "\ufeffAlg13.test\r\n"  # a BOM and CRLF line ends
    "expired.test,customer 7,2024-01-01\r\n"  # a CSV's first column
    "例え.jp\r\n"  # an IDN
    "alg13.test.\r\n"  # a duplicate
    "bad..name\r\n"  # invalid
    "# a comment\r\n"
    "\r\n"
    "nsec3.test\tnote\r\n"  # a tab-separated line
)


def send(token, content: bytes, name="names.txt", client=None):
    client = client or Client()
    return client.post("/api/v1/batches", {"file": SimpleUploadedFile(name, content)}, **bearer(token))


def read_now(response):
    """The reading the broker would run (this test's transaction never commits, so nothing is sent)."""
    batch = Batch.objects.get(public_id=response.json()["id"])
    assert batch.state == "reading" and response.status_code == 202
    upload.read(batch.pk)
    batch.refresh_from_db()
    return batch


@pytest.mark.parametrize("compress", [False, True], ids=["text", "gzip"])
def test_a_file_is_read_line_by_line_with_a_bom_crlf_csv_idn_duplicates_and_invalid_names(token, compress):
    content = LINES.encode()
    batch = read_now(send(token, gzip.compress(content) if compress else content))
    assert (batch.state, batch.accepted, batch.rejected, batch.duplicates) == ("checking", 4, 1, 1)
    assert list(BatchName.objects.filter(batch=batch).values_list("domain", flat=True)) == [
        "alg13.test",
        "expired.test",
        "xn--r8jz45g.jp",
        "nsec3.test",
    ]
    assert batch.rejections == [{"name": "bad..name", "error": "input_empty_label"}]
    assert not upload.folder().joinpath(str(batch.public_id)).exists(), "the file is deleted once read"


def test_a_file_over_the_days_quota_is_refused_whole(token, settings):
    settings.BATCH_DAILY_QUOTA = 3
    batch = read_now(send(token, b"a.jp\nb.jp\nc.jp\nd.jp\n"))
    assert (batch.state, batch.refusal, batch.accepted) == ("refused", "quota_exceeded", 0)
    assert BatchName.objects.count() == 0
    body = Client().get(f"/api/v1/batches/{batch.public_id}", **bearer(token)).json()
    assert body["refusal"]["error"] == "quota_exceeded"
    assert body["refusal"]["message"]["en"] == (
        "The file holds more names than the 3 a day allowed: 3 remained. "
        "Nothing of it was checked; send a shorter list."
    )


def test_a_gzip_bomb_is_refused_once_it_expands_past_the_limit(token, tmp_path):
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as out:
        zeros = b"0" * (1024 * 1024)
        for _ in range(300):  # 300 MB of the same line, about 300 KB compressed
            out.write(zeros)
    batch = read_now(send(token, bomb.getvalue(), name="names.txt.gz"))
    assert (batch.state, batch.refusal, batch.refusal_figures) == (
        "refused",
        "expanded_too_large",
        {"limit": 256 * 1024 * 1024},
    )
    assert BatchName.objects.count() == 0
    with pytest.raises(upload.ExpandedTooLarge):
        list(upload.names_in(_write(tmp_path, bomb.getvalue())))


def test_a_damaged_gzip_file_is_refused_with_its_reason(token):
    batch = read_now(send(token, gzip.compress(b"a.jp\n")[:-12]))
    assert (batch.state, batch.refusal) == ("refused", "unreadable_file")


def test_a_70_mb_file_is_refused_before_it_is_read(token):
    response = send(token, b"a.jp\n" * (14 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"] == "file_too_large"
    assert response.json()["message"]["ja"] == (
        "ファイルが 64 MB を超えています。分割するか、gzip で圧縮してください。"
    )
    assert Batch.objects.count() == 0


def test_a_form_without_a_file_field_is_refused(token):
    response = Client().post("/api/v1/batches", {"names": "a.jp"}, **bearer(token))
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def _write(folder, content):
    path = folder / "bomb.gz"
    path.write_bytes(content)
    return path
