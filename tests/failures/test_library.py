"""The public library: filters, detail, feed, statistics, search, the finding registry, translations, anonymity."""

import datetime
import uuid

import pytest

from failures.models import FailureReport, SearchEntry, Status
from portal import findingrefs, search
from tests import feeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_report, other_organisation):
    named = make_report(
        organisation=other_organisation,
        status=Status.PUBLISHED,
        title_ja="鍵署名鍵の更新漏れ",
        title_en="A missed KSK update",
        summary_en="The DS was not updated.",
        finding_ids=["no_secure_entry_point"],
        incident_date=datetime.date(2022, 3, 1),
    )
    secret = make_report(
        status=Status.PUBLISHED,
        anonymous=True,
        title_ja="匿名で公開したトラストアンカーの事例",
        summary_ja="古いトラストアンカーでフルリゾルバーが全滅した。",
        finding_ids=["trust_anchor_not_signing"],
        incident_date=datetime.date(2018, 10, 12),
    )
    draft = make_report(title_ja="下書きの事例", finding_ids=["no_secure_entry_point"])
    return named, secret, draft


def listed(client, query=""):
    return client.get(f"/ja/failures/{query}").content.decode()


def test_filters_by_category_role_year_finding_and_language(client, published):
    named, secret, draft = published
    page = listed(client)
    assert named.title_ja in page and secret.title_ja in page and draft.title_ja not in page
    assert secret.title_ja not in listed(client, "?year=2022") and named.title_ja in listed(client, "?year=2022")
    assert named.title_ja not in listed(client, "?finding=trust_anchor_not_signing")
    assert secret.title_ja in listed(client, "?finding=trust_anchor_not_signing")
    assert named.title_ja in listed(client, "?language=en") and secret.title_ja not in listed(client, "?language=en")
    assert named.title_ja in listed(client, "?category=signature-expiry&role=registry")
    assert named.title_ja not in listed(client, "?role=enterprise")
    # Unknown values are ignored, never an error.
    assert client.get("/ja/failures/?year=abcd&finding=<script>&category=nope&role=x&language=fr").status_code == 200


def test_a_missing_translation_is_shown_as_such(client, published):
    named, secret, _draft = published
    page = client.get(f"/en/failures/{secret.pk}/").content.decode()
    assert "has not been translated into this language yet" in page and secret.title_ja in page
    assert 'lang="ja"' in page
    page = client.get(f"/en/failures/{named.pk}/").content.decode()
    assert "A missed KSK update" in page and "not been translated" not in page
    waiting = client.get("/en/failures/translations/").content.decode()
    assert secret.title_ja in waiting and "A missed KSK update" not in waiting
    # The "help translate" registry lists it too.
    from portal.helptranslate import pending

    ours = [(p.title, p.url, p.source_language) for p in pending("en") if p.url.startswith("/ja/failures/")]
    assert ours == [(secret.title_ja, f"/ja/failures/{secret.pk}/", "ja")]
    assert [p for p in pending("ja") if "/failures/" in p.url] == []


def test_anonymous_reports_never_show_their_organisation(client, published, organisation, other_organisation):
    named, secret, _draft = published
    names = (organisation.name_ja, organisation.name_en)
    pages = [
        f"/ja/failures/{secret.pk}/",
        f"/en/failures/{secret.pk}/",
        "/ja/failures/feed/",
        "/en/failures/feed/",
        "/ja/search/?q=トラストアンカー&type=failures.report",
        "/ja/failures/?finding=trust_anchor_not_signing",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert not any(name in body for name in names), url
    # A named report does show its organisation, so the check above is not vacuous.
    assert other_organisation.name_ja in client.get(f"/ja/failures/{named.pk}/").content.decode()
    assert other_organisation.name_ja in client.get("/ja/failures/feed/").content.decode()
    entry = SearchEntry.objects.get(report=secret, language="ja")
    assert organisation.name_ja not in entry.plain_text()
    assert len(search.site_search("例示プロバイダー", "ja", "failures.report")) == 0
    assert [r.title for r in search.site_search("別組織", "ja", "failures.report")] == [named.title_ja]


def test_search_finds_japanese_words_inside_sentences_in_the_readers_language(published):
    named, secret, draft = published
    assert [r.title for r in search.site_search("署名鍵", "ja", "failures.report")] == [named.title_ja]
    assert [r.title for r in search.site_search("トラストアンカー", "ja", "failures.report")] == [secret.title_ja]
    assert len(search.site_search("下書き", "ja", "failures.report")) == 0
    assert [r.url for r in search.site_search("KSK", "en", "failures.report")] == [f"/en/failures/{named.pk}/"]
    assert len(search.site_search("トラストアンカー", "en", "failures.report")) == 0
    # Unpublishing takes a report out of the search.
    secret.status = Status.REJECTED
    secret.save()
    assert len(search.site_search("トラストアンカー", "ja", "failures.report")) == 0


def test_reports_are_registered_for_their_finding_ids(published):
    named, _secret, _draft = published
    refs = findingrefs.references("no_secure_entry_point", "en")
    assert [(r.kind, r.title, r.url) for r in refs if r.kind == "failure-report"] == [
        ("failure-report", "A missed KSK update", f"/en/failures/{named.pk}/")
    ]
    refs = findingrefs.references("no_secure_entry_point", "ja")
    assert [r.url for r in refs if r.kind == "failure-report"] == [f"/ja/failures/{named.pk}/"]
    assert [r for r in findingrefs.references("rrsig_expired", "ja") if r.kind == "failure-report"] == []


def test_the_feed_is_atom_in_the_readers_language(client, published):
    named, secret, draft = published
    response = client.get("/en/failures/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "A missed KSK update" in body and secret.title_ja in body and draft.title_ja not in body
    assert f"/en/failures/{named.pk}/" in body
    # The anonymous report's entry names nobody: the feed's own author stands for it (RFC 4287 §4.1.1).
    root = feeds.assert_authors(response.content)
    assert root.findtext(f"{feeds.ATOM}author/{feeds.ATOM}name") == "DNSSEC Japan"


def test_statistics_draw_svg_charts_on_the_server(client, published):
    body = client.get("/ja/failures/statistics/").content.decode()
    # Each chart twice: wide, and stacked for phones (the style sheet shows one).
    assert body.count('<svg class="chart chart-wide"') == 2 and body.count('<svg class="chart chart-stacked"') == 2
    assert "<script" not in body
    assert "署名の期限切れと再署名" in body and ">2018<" in body and ">2022<" in body
    assert 'class="chart-count">2<' in body  # two published reports in one category


def test_the_check_run_link_is_an_optional_uuid(client, categories, member, make_report):
    from tests.failures.conftest import form_data

    client.force_login(member)
    run_id = uuid.uuid4()
    response = client.post("/ja/failures/new/", form_data(categories, check_run_id=str(run_id)))
    report = FailureReport.objects.get()
    assert response.status_code == 302 and report.check_run_id == run_id
    page = client.get(report.get_absolute_url()).content.decode()
    assert str(run_id) in page
    response = client.post("/ja/failures/new/", form_data(categories, check_run_id="javascript:alert(1)"))
    assert response.status_code == 200 and "check_run_id" in response.context["form"].errors
