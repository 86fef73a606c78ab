"""The watch list, a watched domain's history, its settings, its Atom feed and the webhook page."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from checker.models import CheckRun
from checker.presenters import local_time
from members.models import Domain, Organisation
from members.roles import Role
from portal import clock
from tests import feeds
from tests.watch.reports import KSK, NEW_ZSK, ZSK, report
from watch.models import Alert, WatchedDomain, Webhook


@pytest.fixture
def member(organisation, make_user):
    client = Client()
    client.force_login(make_user(organisation, "ops@example-isp.jp", "ja"))
    return client


@pytest.fixture
def org_admin(organisation, make_user):
    client = Client()
    client.force_login(make_user(organisation, "kanri@example-isp.jp", "ja", role=[Role.MEMBER, Role.ORG_ADMIN]))
    return client


@pytest.fixture
def stranger(make_user):
    other = Organisation.objects.create(slug="other-dns", name_ja="別組織", name_en="Other DNS", category="hosting")
    client = Client()
    client.force_login(make_user(other, "someone@other-dns.jp", "en"))
    return client


def add_run(watched, result):
    now = clock.now()
    run = CheckRun.objects.create(
        domain=watched.domain,
        queue="monitor",
        created=now,
        deadline=now,
        state="done",
        report=result,
        verdict=result["verdict"],
    )
    watched.runs.add(run)
    return run


def test_a_member_watches_a_domain_of_the_organisation(member, organisation):
    Domain.objects.create(organisation=organisation, name="example-isp.jp")
    page = member.get("/ja/accounts/watch/")
    assert page.status_code == 200
    assert "example-isp.jp を監視する" in page.content.decode()
    answer = member.post("/ja/accounts/watch/", {"domain": "Example-ISP.jp."})
    assert (answer.status_code, answer["Location"]) == (302, "/ja/accounts/watch/")
    assert list(WatchedDomain.objects.values_list("organisation__slug", "domain")) == [
        ("example-isp", "example-isp.jp")
    ]


def test_another_organisations_watched_domain_is_not_found(stranger, watched):
    assert stranger.get(f"/en/accounts/watch/{watched.pk}/").status_code == 404
    assert stranger.post(f"/en/accounts/watch/{watched.pk}/remove/").status_code == 404
    assert stranger.post(f"/en/accounts/watch/{watched.pk}/settings/", {"mute_hours": "24"}).status_code == 404
    assert WatchedDomain.objects.filter(pk=watched.pk, muted_until=None).exists()


def test_the_history_shows_a_timeline_a_table_and_the_diff_of_two_runs(member, watched):
    add_run(watched, report(keys=(KSK, ZSK)))
    add_run(watched, report(keys=(KSK, ZSK, NEW_ZSK), verdict="bogus", findings=["rrsig_expired"]))
    page = member.get(f"/en/accounts/watch/{watched.pk}/").content.decode()
    assert '<svg class="chart timeline"' in page
    assert "<title>Verdicts and signature validity of example.jp</title>" in page
    timeline = page[page.index("<h2>Timeline</h2>") : page.index('<h2 id="keys">')]
    assert timeline.count("<tr>") == 3  # the header and one row a run
    assert "<dt>Keys added</dt><dd>ZSK 33333/13</dd>" in page
    assert "<dt>Verdict</dt><dd>Secure → Bogus</dd>" in page


def test_the_history_shows_each_key_and_ds_record_with_its_first_and_last_sighting(member, watched):
    first = add_run(watched, report(keys=(KSK, ZSK)))
    clock.advance(timedelta(hours=6))
    second = add_run(watched, report(keys=(KSK, NEW_ZSK)))
    page = member.get(f"/en/accounts/watch/{watched.pk}/").content.decode()
    keys = page[page.index('<h2 id="keys">') : page.index('<h2 id="diff">')]
    assert '<svg class="chart presence"' in keys
    assert "<title>Keys and DS records of example.jp over time</title>" in keys
    when = {run: local_time(run.created, "DATETIME_FORMAT") for run in (first, second)}
    assert f"<title>ZSK 22222/13, {when[first]}: published</title>" in keys
    assert f"<title>DS 11111/13/2, {when[second]}: at the parent</title>" in keys
    rows = re.findall(r"<tr>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>", keys)
    assert rows == [
        ("DNSKEY KSK 11111/13", when[first], when[second]),
        ("DNSKEY ZSK 22222/13", when[first], when[first]),
        ("DNSKEY ZSK 33333/13", when[second], when[second]),
        ("DS 11111/13/2", when[first], when[second]),
    ]


def test_muting_and_information_alerts_are_set_on_the_history_page(member, watched):
    answer = member.post(f"/ja/accounts/watch/{watched.pk}/settings/", {"mute_hours": "24"})
    assert answer["Location"] == f"/ja/accounts/watch/{watched.pk}/"
    watched.refresh_from_db()
    assert round((watched.muted_until - clock.now()).total_seconds() / 3600) == 24
    assert watched.info_alerts is False


def test_the_atom_feed_needs_only_its_token(watched):
    Alert.objects.create(
        watched=watched, at=clock.now(), kind="problem", conditions=[{"code": "indeterminate", "runs": 3}]
    )
    feed = Client().get(f"/en/accounts/watch/feed/{watched.feed_token}/")
    assert feed["Content-Type"] == "application/atom+xml; charset=utf-8"
    body = feed.content.decode()
    assert "<title>Problem: example.jp</title>" in body
    assert "The zone could not be judged in 3 checks in a row." in body
    root = feeds.assert_authors(feed.content)
    assert root.findtext(f"{feeds.ATOM}author/{feeds.ATOM}name") == "DNSSEC Japan"
    assert Client().get("/en/accounts/watch/feed/not-the-token/").status_code == 404


def test_removing_stops_watching(member, watched):
    answer = member.post(f"/en/accounts/watch/{watched.pk}/remove/")
    assert answer["Location"] == "/en/accounts/watch/"
    assert not WatchedDomain.objects.exists()


def test_the_webhook_secret_is_shown_once(org_admin, member, organisation, monkeypatch):
    monkeypatch.setattr("watch.webhooks.check_url", lambda url: url)  # no DNS lookup for the example address
    # Only the organisation's own administrators keep the webhook: it sends every alert out of the portal.
    assert member.post("/en/accounts/watch/webhook/", {"url": "https://hooks.example-isp.jp/x"}).status_code == 403
    answer = org_admin.post("/en/accounts/watch/webhook/", {"url": "https://hooks.example-isp.jp/dnssec"})
    webhook = Webhook.objects.get(organisation=organisation)
    assert webhook.secret in answer.content.decode()
    assert webhook.secret not in org_admin.get("/en/accounts/watch/webhook/").content.decode()
    org_admin.post("/en/accounts/watch/webhook/delete/")
    assert not Webhook.objects.exists()


def test_a_group_k_finding_page_explains_its_timing_with_a_picture_and_names_the_assumptions(db, client, settings):
    settings.WATCH_ASSUMED_PROPAGATION_SECONDS = 300
    page = client.get("/ja/findings/zsk_retired_too_early/").content.decode()
    assert '<svg class="chart timing"' in page
    assert "Iret = Dsgn + Dprp + TTLsig" in page
    assert "変更: 2回の検査の間のどこか</text>" in page  # the picture's labels are in the page's language
    assert (
        "伝搬の遅れ Dprp = 300 秒、署名の遅れ Dsgn = 0 秒"
        "（ポータルの設定 WATCH_ASSUMED_PROPAGATION_SECONDS と WATCH_ASSUMED_SIGNING_SECONDS）。"
    ) in page
    assert "この検査間隔では判定できませんでした" in page
    assert '<svg class="chart timing"' not in client.get("/en/findings/rrsig_expired/").content.decode()


def test_the_history_shows_each_checks_multi_signer_judgement(member, watched):
    add_run(watched, report())
    add_run(watched, report(findings=["multi_signer_detected"]))
    add_run(watched, report(findings=["multi_signer_detected", "multi_signer_consistency"], verdict="bogus"))
    page = member.get(f"/en/accounts/watch/{watched.pk}/").content.decode()
    timeline = page[page.index("<h2>Timeline</h2>") : page.index('<h2 id="keys">')]
    cells = re.findall(r'<td data-label="Multi-signer \(RFC 8901\)">([^<]*)</td>', timeline)
    assert cells == ["inconsistent (K5)", "consistent (K6)", "—"]  # newest first
    japanese = member.get(f"/ja/accounts/watch/{watched.pk}/").content.decode()
    assert re.findall(r'<td data-label="マルチサイナー（RFC 8901）">([^<]*)</td>', japanese) == [
        "不整合あり（K5）",
        "整合（K6）",
        "—",
    ]
