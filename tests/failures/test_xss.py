"""docs/RELIABILITY.md, S7: no XSS from anything a person can type into the failure library.

Every payload goes into every typed field through the real forms (report
form, review comments, correction notes, category names, attachment file
names, search and filter queries); every page that shows them is parsed
and must hold 0 <script> elements, 0 on* attributes and 0 javascript: URLs.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from failures.models import Category, FailureReport, Status
from tests.failures.conftest import form_data
from tests.failures.xss_payloads import payloads

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"}


class Dangers(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]+", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def dangers(html):
    parser = Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


def check(client, url, hits):
    response = client.get(url)
    assert response.status_code == 200, url
    hits.extend(f"{url}: {d}" for d in dangers(response.content.decode()))
    return response


def test_no_payload_survives_into_any_page(categories, member, reviewer):
    texts = payloads()
    assert len(texts) >= 100
    author, desk = Client(), Client()
    author.force_login(member)
    desk.force_login(reviewer)
    for i, text in enumerate(texts):
        Category.objects.create(slug=f"xss-{i}", name_ja=text, name_en=text, description_ja=text)
    rich = ("symptoms", "detection", "root_cause", "fix", "lessons")
    reports = []
    for i, text in enumerate(texts):
        data = form_data(
            categories,
            title=text[:200],
            summary=text,
            timeline=f"2024-04-01 09:00 {text}".replace("\n", " "),
            category=str(Category.objects.get(slug=f"xss-{i}").pk),
            anonymous="on" if i % 2 else "",
            **{name: text for name in rich},
        )
        # Browsers send quotes in file names as %22, and ";" ends the header parameter.
        name = re.sub(r"[\n/\\\\\";]", "", text)[:80] + ".txt"
        data["attachments"] = SimpleUploadedFile(name, b"plain log line\n", content_type="text/html")
        response = author.post("/ja/failures/new/", data)
        assert response.status_code == 302, (text, response.context["form"].errors if response.context else "")
        report = FailureReport.objects.latest("pk")
        author.post(f"/ja/failures/{report.pk}/action/", {"action": "submit"})
        desk.post(f"/ja/failures/{report.pk}/action/", {"action": "comment", "note": text})
        desk.post(f"/ja/failures/{report.pk}/action/", {"action": "publish"})
        reports.append(report)
    assert FailureReport.objects.filter(status=Status.PUBLISHED).count() == len(texts)
    # Every stored rich-text field lost its scripts before it was saved (Wagtail's whitelist).
    for report in FailureReport.objects.all():
        for name in rich:
            assert not dangers(getattr(report, f"{name}_ja")), (name, getattr(report, f"{name}_ja"))
    # A correction note after publication.
    correcting = reports[0]
    author.post(
        f"/ja/failures/{correcting.pk}/edit/",
        form_data(categories, correction_note=texts[0], category=str(correcting.category_id)),
    )

    hits = []
    visitor = Client()
    for client in (visitor, author, desk):
        for language in ("ja", "en"):
            for url in ("", "feed/", "statistics/", "translations/"):
                check(client, f"/{language}/failures/{url}", hits)
    for url in ("/ja/failures/mine/", "/ja/failures/review/categories/"):
        check(author if "mine" in url else desk, url, hits)
    for i, report in enumerate(reports):
        # The reviewer's view shows everything the public sees plus comments and the audit trail.
        for client in (visitor, desk) if i % 10 else (visitor, author, desk):
            page = check(client, f"/ja/failures/{report.pk}/", hits)
        # The payload is there, as text: the check above is not vacuous.
        report.refresh_from_db()
        assert escape(report.title_ja) in page.content.decode()
        if i % 10 == 0:
            check(author, f"/ja/failures/{report.pk}/edit/", hits)
    for text in texts:
        check(visitor, f"/ja/search/?{urlencode({'type': 'failures.report', 'q': text})}", hits)
        check(
            visitor, f"/ja/failures/?{urlencode({'finding': text, 'category': text, 'year': text, 'role': text})}", hits
        )
    assert hits == []
