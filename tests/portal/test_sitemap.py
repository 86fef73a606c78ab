"""sitemap.xml lists every public page that has a URL, on PORTAL_BASE_URL, with hreflang alternates."""

import re

import pytest
from django.urls import resolve
from django.utils import translation
from wagtail.models import Page, Site

from checker import catalog
from failures.models import FailureReport
from members.models import Organisation
from portal import baseurl

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.jp"


@pytest.fixture
def entries(client, demo_content, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"
    xml = client.get("/sitemap.xml").content.decode()
    found = {}
    for url in re.findall(r"<url>(.*?)</url>", xml, re.S):
        (loc,) = re.findall(r"<loc>([^<]+)</loc>", url)
        found[loc] = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/>', url))
    return found


def test_every_url_is_on_the_base_url_and_answers(client, entries):
    assert all(loc.startswith(BASE + "/ja/") or loc.startswith(BASE + "/en/") for loc in entries)
    # One URL of each kind answers (all 300 finding pages would take a minute); every one resolves.
    kinds = {}
    for loc in entries:
        path = loc.removeprefix(BASE)
        with translation.override(path.split("/")[1]):
            assert resolve(path)
        kinds.setdefault(re.sub(r"[^/]+/$", "*", path), path)
    assert len(kinds) == 21
    for path in kinds.values():
        assert client.get(path).status_code == 200, path


def test_organisations_terms_reports_and_findings_are_listed_in_both_languages(entries):
    for path in (
        "/{}/",
        "/{}/about/",
        "/{}/publications/dnssec-overview/",
        "/{}/glossary/",
        "/{}/glossary/ksk/",
        "/{}/members/",
        "/{}/members/iij/",
        "/{}/failures/",
        "/{}/failures/statistics/",
        "/{}/findings/",
        "/{}/check/",
        "/{}/stats/",
    ):
        ja, en = BASE + path.format("ja"), BASE + path.format("en")
        assert entries[ja] == entries[en] == {"ja": ja, "en": en}, path
    organisations = {loc for loc in entries if "/members/" in loc and not loc.endswith("/members/")}
    assert len(organisations) == 2 * Organisation.objects.filter(demo=False).count() == 70
    findings = {loc for loc in entries if "/findings/" in loc and not loc.endswith("/findings/")}
    assert len(findings) == 2 * len(catalog.ids())
    reports = {loc for loc in entries if re.search(r"/failures/\d+/$", loc)}
    published = FailureReport.published.all()
    assert len(reports) == sum(report.has_language("ja") + report.has_language("en") for report in published)
    report = published.first()
    assert f"{BASE}/ja/failures/{report.pk}/" in reports


def test_the_wagtail_site_takes_its_address_from_the_base_url(demo_content, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    baseurl.sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("portal.example.jp", 443, BASE)
    assert Page.objects.get(slug="about", locale__language_code="en").full_url == BASE + "/en/about/"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8600/"
    baseurl.sync_default_site()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8600"
