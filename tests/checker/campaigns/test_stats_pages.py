"""DNSSEC in Japan (/<lang>/stats/): the pages, their charts and tables, downloads, and the members-only bogus list."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign, DomainList
from members.models import Membership
from members.roles import Role
from portal import charts
from tests.members.conftest import PASSWORD

from .conftest import AT, ROWS, make_campaign


@pytest.fixture
def member_client(client, members, django_user_model):
    user = django_user_model.objects.create_user(username="m@example.jp", email="m@example.jp", password=PASSWORD)
    Membership.objects.create(user=user, organisation=members["isp-member"], roles=[Role.MEMBER], language="ja")
    client.force_login(user)
    return client


@pytest.fixture
def two_campaigns(domain_list):
    """An earlier campaign over the first four names (all secure), then the whole list."""
    first = make_campaign(domain_list, ROWS[:4], AT - timedelta(days=14), demo=True)
    second = make_campaign(domain_list, ROWS, AT, demo=True)
    return first, second


def _get(client, name, language="en", **kwargs):
    with translation.override(language):
        return client.get(reverse(name, kwargs=kwargs))


def test_the_empty_page_renders_cleanly(client, db):
    for language, text in (("en", "No campaign has finished yet"), ("ja", "まだ終わったキャンペーンはありません")):
        response = _get(client, "campaigns:stats", language)
        assert response.status_code == 200
        page = response.content.decode()
        assert text in page
        assert "<svg" not in page.split("<main", 1)[-1]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_overview_draws_the_latest_campaign_and_the_trend_with_tables(client, two_campaigns, language):
    first, second = two_campaigns
    page = _get(client, "campaigns:stats", language).content.decode()
    assert page.count('class="chart chart-wide"') == 2  # the latest campaign's verdicts, the trend
    assert f"/{language}/stats/campaign/{second.pk}/" in page
    assert f"/{language}/stats/campaign/{first.pk}/" in page
    # The trend table: 4 measured names all secure, then 8 of which 4 secure.
    assert "100.0 %" in page and "50.0 %" in page
    label = {"en": "Secure", "ja": "検証成功"}[language]
    assert {"en": "1 November 2026", "ja": "2026年11月1日"}[language] in page  # dates in the page's language
    assert label in page


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_campaign_page_has_every_chart_and_table(client, two_campaigns, language):
    _first, second = two_campaigns
    page = _get(client, "campaigns:campaign", language, pk=second.pk).content.decode()
    for text in ("13 ECDSAP256SHA256", "8 RSASHA256", "2 SHA-256", "dns-host.jp", "other-dns.jp", "NSEC3"):
        assert text in page
    assert page.count('class="chart chart-wide"') == 10
    assert page.count("<table") == 10
    assert reverse("campaigns:bogus", kwargs={"pk": second.pk}) not in page  # anonymous: no link to the bogus list


@pytest.mark.sqlite
@pytest.mark.parametrize(
    ("language", "seen", "unseen"),
    [
        (
            "en",
            "With opt-out: 1 (50.0 % of the 2 NSEC3 names whose NSEC3 records the checks saw).",
            "Opt-out: not measured.",
        ),
        (
            "ja",
            "オプトアウトあり: 1（NSEC3 レコードを確認できた NSEC3 の 2 件のうち 50.0 %）。",
            "オプトアウト: 測定していません。",
        ),
    ],
)
def test_opt_out_is_counted_where_the_nsec3_records_were_seen_and_said_unmeasured_elsewhere(
    client, domain_list, language, seen, unseen
):
    """The NSEC3PARAM never shows opt-out (RFC 5155 §4.1.2): a light check, which sees no NSEC3 record, measures
    none, and the page says so instead of 0 %."""
    checked = make_campaign(domain_list, ROWS, AT)
    assert (checked.figures["nsec3_opt_out"], checked.figures["nsec3_opt_out_unknown"]) == (1, 0)
    page = _get(client, "campaigns:campaign", language, pk=checked.pk).content.decode()
    assert seen in page and unseen not in page
    light = [(name, {**row, "denial": {**row["denial"], "opt_out": None}}, owner) for name, row, owner in ROWS[2:4]]
    unmeasured = make_campaign(domain_list, light, AT + timedelta(days=1))
    assert (unmeasured.figures["nsec3_opt_out"], unmeasured.figures["nsec3_opt_out_unknown"]) == (0, 2)
    page = _get(client, "campaigns:campaign", language, pk=unmeasured.pk).content.decode()
    assert unseen in page and "With opt-out" not in page and "オプトアウトあり" not in page


def test_an_unfinished_or_private_campaign_is_not_shown(client, domain_list, two_campaigns):
    running = make_campaign(domain_list, ROWS, AT, finished=False)
    assert _get(client, "campaigns:campaign", pk=running.pk).status_code == 404
    DomainList.objects.filter(pk=domain_list.pk).update(public=False)
    assert _get(client, "campaigns:campaign", pk=two_campaigns[1].pk).status_code == 404
    assert _get(client, "campaigns:list", slug=domain_list.slug).status_code == 404
    assert "No campaign has finished yet" in _get(client, "campaigns:stats").content.decode()


def test_the_figures_download_as_json_and_csv(client, two_campaigns):
    second = two_campaigns[1]
    response = _get(client, "campaigns:figures_download", pk=second.pk, fmt="json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert (data["campaign"], data["demo"], data["figures"]) == (second.pk, True, second.figures)
    response = _get(client, "campaigns:figures_download", pk=second.pk, fmt="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["group", "name", "measure", "value"]
    assert ["all", "", "verdicts.bogus", "1"] in rows
    assert ["operator", "dns-host.jp", "verdicts.secure", "3"] in rows
    assert ["category", "isp", "verdicts.bogus", "1"] in rows
    assert ["operator-category", "hosting", "checked", "4"] in rows
    assert _get(client, "campaigns:figures_download", pk=second.pk, fmt="xml").status_code == 404


def test_the_trend_downloads_as_json_and_csv_oldest_first(client, domain_list, two_campaigns):
    first, second = two_campaigns
    data = json.loads(_get(client, "campaigns:trend_download", slug=domain_list.slug, fmt="json").content)
    assert [(row["campaign"], row["measured"], row["secure"], row["bogus"]) for row in data["campaigns"]] == [
        (first.pk, 4, 4, 0),
        (second.pk, 8, 4, 1),
    ]
    response = _get(client, "campaigns:trend_download", slug=domain_list.slug, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["campaign"], row["signed"], row["nsec3"]) for row in rows] == [
        (str(first.pk), "4", "2"),
        (str(second.pk), "7", "2"),
    ]


def test_the_bogus_names_are_for_members_only(member_client, two_campaigns, django_user_model):
    second = two_campaigns[1]
    url = reverse("campaigns:bogus", kwargs={"pk": second.pk})
    client = Client()
    assert client.get(url).status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user(username="o@example.jp", password=PASSWORD)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    page = member_client.get(url).content.decode()
    assert "e.example.jp" in page and "a.example.jp" not in page
    assert reverse("checker:check") + "?domain=e.example.jp" in page
    assert "rrsig_expired" in page
    campaign_page = member_client.get(reverse("campaigns:campaign", kwargs={"pk": second.pk})).content.decode()
    assert url in campaign_page


def test_a_chart_renders_with_data_and_with_none():
    parts = [("Secure", "#1a7f37"), ("Bogus", "#b42318")]
    drawn = str(charts.shares([("All", [3, 1]), ("Nothing yet", [0, 0])], parts, "Verdicts"))
    assert drawn.count("<svg") == 2 and drawn.count("<title>Verdicts</title>") == 2
    assert "<title>All, Secure: 3 (75.0 %)</title>" in drawn
    assert "Nothing yet" in drawn and 'fill="none"' in drawn  # an empty row is an outline, not an error
    empty = str(charts.shares([], parts, "Verdicts"))
    assert empty.count("<svg") == 2 and "%)</title>" not in empty  # the legend, no bar
    at = Campaign(created_at=AT).created_at
    line = str(
        charts.trend([(at, "1 Nov"), (at + timedelta(days=7), "8 Nov")], [("Secure", "#1a7f37", [50.0, 75.0])], "Trend")
    )
    assert "<polyline" in line and "<title>8 Nov, Secure: 75.0 %</title>" in line
    single = str(charts.trend([(at, "1 Nov")], [("Secure", "#1a7f37", [None])], "Trend"))
    assert "<polyline" not in single and "<circle" not in single and "1 Nov" in single
    assert str(charts.trend([], [], "Trend")).count("<svg") == 2


def test_the_japanese_pages_hold_no_english_string_of_the_catalogue(member_client, two_campaigns):
    """Every msgid of campaigns' catalogue that the pages use is shown translated, never as written in English."""
    from pathlib import Path

    import polib

    po = polib.pofile(str(Path(__file__).resolve().parents[3] / "campaigns/locale/ja/LC_MESSAGES/django.po"))
    english = {
        entry.msgid.split("%(")[0].strip()
        for entry in po
        if any(not path.endswith("models.py") for path, _line in entry.occurrences) and entry.msgid != entry.msgstr
    }
    english = {text for text in english if len(text) > 4}  # "demo" is also a CSS class
    # What the Japanese itself keeps in English (the name "Public Suffix List") is not an untranslated string.
    english = {text for text in english if not any(text in entry.msgstr for entry in po)}
    first, second = two_campaigns
    pages = ""
    for name, kwargs in (
        ("campaigns:stats", {}),
        ("campaigns:list", {"slug": second.domain_list.slug}),
        ("campaigns:campaign", {"pk": second.pk}),
        ("campaigns:bogus", {"pk": second.pk}),
    ):
        with translation.override("ja"):
            response = member_client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200
        pages += response.content.decode()
    assert sorted(text for text in english if text in pages) == []
