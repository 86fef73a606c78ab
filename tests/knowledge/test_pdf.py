"""Publications as PDF (knowledge.pdf): made by a real Celery worker when a page is published, in its language,
with the Japanese fonts embedded, a table of contents and the version and date on every page; replaced when the
page is published again, deleted when it is unpublished; a reader who comes first is told it is being made."""

import io
import time

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import formats, translation
from pypdf import PdfReader

from knowledge import pdf
from knowledge.models import PublicationPage
from portal.celery import app
from tests import slots
from tests.celery_workers import WorkerProcess

GUIDE = "/{}/publications/trust-anchor-guide/"
# The Japanese text of "Version 2.1" in the footer and of the table of contents' title.
EDITION = {"ja": "第2.1版", "en": "Version 2.1"}
CONTENTS = {"ja": "目次", "en": "Contents"}


def guide(language):
    return PublicationPage.objects.get(locale__language_code=language, slug="trust-anchor-guide")


def wait_for(name, timeout=90):
    deadline = time.monotonic() + timeout
    while not default_storage.exists(name):
        assert time.monotonic() < deadline, f"{name} was not made within {timeout} s"
        time.sleep(0.2)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def embedded_fonts(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]).split("+", 1)[1])
    return names


@pytest.fixture
def worker(demo_content):
    app.control.purge()  # the demo content's own PDFs: this test makes those it reads
    process = WorkerProcess(["batch"], name=f"pdf{slots.slot()}")
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_publishing_makes_the_pdf_in_the_page_language_and_unpublishing_removes_it(worker, language):
    page = publish(guide(language))
    first = pdf.file_name(page)
    wait_for(first)
    response = Client().get(GUIDE.format(language) + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="trust-anchor-guide-{language}-2.1.pdf"'
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    texts = [sheet.extract_text() for sheet in reader.pages]
    assert "".join(page.title.split()) in "".join(texts[0].split())
    fonts = embedded_fonts(reader)
    assert {"Noto-Sans-CJK-JP", "Noto-Serif-CJK-JP"} <= fonts
    assert any(name.startswith("Noto-Sans-Mono-CJK-JP") for name in fonts)  # the code blocks
    # The table of contents, on the second sheet, names every heading with its page number.
    assert texts[1].startswith(CONTENTS[language])
    toc = page.table_of_contents()
    for line, item in zip(texts[1].splitlines()[1 : len(toc) + 1], toc, strict=True):
        assert line.startswith(item["text"]) and line[-1].isdigit(), line
    assert [entry.title for entry in reader.outline[:1]] == [page.title]
    with translation.override(language):
        date = formats.date_format(page.published_on, "DATE_FORMAT")
    for number, text in enumerate(texts[1:], start=2):
        assert f"{EDITION[language]} · {date}" in text, f"sheet {number} lacks the version and date"
        assert text.rstrip().endswith(f"{number} / {len(texts)}")

    again = publish(page)
    second = pdf.file_name(again)
    assert second != first
    wait_for(second)
    assert not default_storage.exists(first)

    again.unpublish()
    assert default_storage.listdir(pdf.folder(page.pk)) == ([], [])
    assert Client().get(GUIDE.format(language) + "pdf/").status_code == 404


@pytest.mark.django_db
def test_a_reader_before_the_pdf_exists_is_told_in_the_page_language(demo_content, client):
    pdf.remove(guide("ja").pk)
    response = client.get(GUIDE.format("ja") + "pdf/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "このバージョンのPDFは作成中です。1分ほどしてからもう一度お試しください。" in response.text
    page = client.get(GUIDE.format("ja")).text
    assert f'<a href="{GUIDE.format("ja")}pdf/" class="pdf-link">PDFをダウンロード（印刷用）</a>' in page


@pytest.mark.django_db
def test_without_weasyprint_libraries_the_page_says_pdfs_are_unavailable(demo_content, client, monkeypatch):
    monkeypatch.setattr(pdf, "available", lambda: False)
    page = client.get(GUIDE.format("ja")).text
    assert "このサーバーでは出版物のPDFを作成できません。" in page
    assert "pdf-link" not in page
    response = client.get(GUIDE.format("en") + "pdf/")
    assert response.status_code == 503
    assert "PDFs of publications are unavailable on this server." in response.text
