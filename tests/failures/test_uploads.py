"""docs/RELIABILITY.md, S8: attachments are checked by content, capped, and served only as downloads."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from failures.models import Attachment, FailureReport
from tests.failures.conftest import form_data

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def jpg():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "JPEG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
GOOD = {
    "report.pdf": PDF,
    "graph.png": png(),
    "photo.jpg": jpg(),
    "named.log": b"2024-04-01 09:00:00 unbound: validation failure <example.jp. DNSKEY IN>\n",
    "zone.txt": "example.jp. 3600 IN DS 12345 13 2 ABCDEF\n署名の期限切れ\n".encode(),
}


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def pixel_bomb():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")  # 400 megapixels, a few kB compressed
    return buffer.getvalue()


BAD = {
    "page.html": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "page.txt": b"<html><body><script>alert(1)</script></body></html>",
    "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "image.png": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "code.js": b"alert(document.cookie)\n",
    "polyglot.pdf": PDF + b"<html><script>alert(1)</script></html>",
    "setup.pdf": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
    "program.txt": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
    "bomb.zip": zip_bomb(),
    "bomb.txt": zip_bomb(),
    "huge.png": pixel_bomb(),
    "broken.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
    "photo.pdf": jpg(),
    "big.txt": b"a" * (11 * 1024 * 1024),
}


@pytest.fixture
def author(client, member):
    client.force_login(member)
    return client


def post(client, categories, files, **extra):
    data = form_data(categories, **extra)
    data["attachments"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post("/ja/failures/new/", data)


def test_allowed_types_are_kept_and_stored_outside_the_media_folder(author, categories, attachment_root, settings):
    response = post(author, categories, list(GOOD.items()))
    assert response.status_code == 302
    stored = {a.original_name: a for a in Attachment.objects.all()}
    assert {name: a.kind for name, a in stored.items()} == {
        "report.pdf": "pdf",
        "graph.png": "png",
        "photo.jpg": "jpg",
        "named.log": "txt",
        "zone.txt": "txt",
    }
    for attachment in stored.values():
        path = Path(attachment.file.path)
        assert path.is_relative_to(attachment_root) and not path.is_relative_to(settings.MEDIA_ROOT)
        assert "." not in path.name  # the stored name is random and has no extension


@pytest.mark.parametrize("name", sorted(BAD))
def test_everything_else_is_refused(author, categories, name):
    response = post(author, categories, [(name, BAD[name])])
    assert response.status_code == 200
    assert response.context["form"].errors["attachments"]
    assert FailureReport.objects.count() == 0 and Attachment.objects.count() == 0


def test_at_most_five_files_per_request_and_101_is_refused_outright(author, categories):
    response = post(author, categories, [(f"log{i}.txt", b"line\n") for i in range(6)])
    assert response.status_code == 200 and "5" in response.context["form"].errors["attachments"][0]
    response = post(author, categories, [(f"log{i}.txt", b"line\n") for i in range(101)])
    assert response.status_code == 400  # Django's DATA_UPLOAD_MAX_NUMBER_FILES, before any view code
    assert FailureReport.objects.count() == 0


def test_a_request_larger_than_five_full_files_is_refused_before_it_is_read(author, categories):
    response = author.post("/ja/failures/new/", form_data(categories), CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert response.status_code == 413


def test_downloads_are_attachments_that_cannot_run(author, categories, client):
    post(author, categories, [("evidence.txt", b"plain text\n"), ("graph.png", png())])
    report = FailureReport.objects.get()
    for attachment in report.attachments.all():
        response = author.get(attachment.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] in ("text/plain; charset=utf-8", "image/png")
        assert b"".join(response.streaming_content) == Path(attachment.file.path).read_bytes()
    # Nothing under /media/ serves it, whatever the guess.
    attachment = report.attachments.first()
    for path in (f"/media/{attachment.file.name}", f"/media/failure-attachments/{attachment.file.name}"):
        response = author.get(path, follow=True)
        assert response.status_code == 404 and b"plain text" not in response.content
