"""The resolver test's statistics: the share of runs that validate, by month, and by operator for members."""

from datetime import datetime, timedelta

import pytest
from django.test import Client

from members.models import Membership, Organisation
from members.roles import Role
from portal import clock
from resolvertest import stats, verdict
from resolvertest.models import ResolverPrefix, TestRun
from resolvertest.zones import TEST_ZONES

pytestmark = pytest.mark.django_db
REFUSED = {"bogus", "bogus-ds", "alg8-bogus", "alg13-bogus", "alg15-bogus", "alg16-bogus"}


def fetches(kind: str) -> dict:
    if kind == "validates":
        return {zone.label: "failed" if zone.label in REFUSED else "loaded" for zone in TEST_ZONES}
    if kind == "does-not-validate":
        return {zone.label: "loaded" for zone in TEST_ZONES}
    return {zone.label: "failed" for zone in TEST_ZONES}


def make_run(kind: str, resolver: str | None, when: datetime) -> TestRun:
    observations = {"queries": 20, "resolvers": [{"address": resolver, "queries": 20, "tcp": True}]} if resolver else {}
    return TestRun.objects.create(
        public_id=f"run-{TestRun.objects.count()}",
        created_at=when,
        finished_at=when,
        language="ja",
        fetches=fetches(kind),
        observations=observations,
    )


@pytest.fixture
def runs():
    now = clock.now()
    isp = Organisation.objects.create(
        slug="isp", name_ja="例示ISP", name_en="Example ISP", category="isp", named_in_resolver_statistics=True
    )
    shy = Organisation.objects.create(slug="shy", name_ja="非公開ISP", name_en="Shy ISP", category="isp")
    ResolverPrefix.objects.create(organisation=isp, prefix="192.0.2.0/24")
    ResolverPrefix.objects.create(organisation=shy, prefix="198.51.100.0/24")
    last_month = now - timedelta(days=31)
    made = [
        make_run("validates", "192.0.2.1", now),
        make_run("validates", "192.0.2.2", now),
        make_run("does-not-validate", "198.51.100.9", now),
        make_run("validates", "203.0.113.5", last_month),
        make_run("does-not-validate", "203.0.113.6", last_month),
        make_run("indeterminate", None, last_month),
        make_run("validates", "192.0.2.1", now - timedelta(days=400)),  # outside the twelve months
    ]
    TestRun.objects.create(public_id="unfinished", created_at=now, language="en")
    return made


def test_each_run_counts_once_by_its_outcome_month_and_operator(runs):
    finished = runs[:6]
    assert [stats.outcome(run) for run in finished] == [
        "validates",
        "validates",
        "does-not-validate",
        "validates",
        "does-not-validate",
        "indeterminate",
    ]
    months = stats.by_month(finished)
    assert [(month, tally.runs, tally.share) for month, tally in months] == [
        (runs[3].finished_at.strftime("%Y-%m"), 3, 0.5),
        (runs[0].finished_at.strftime("%Y-%m"), 3, 2 / 3),
    ]
    entries = {"192.0.2.1": ("Example ISP", True), "192.0.2.2": ("Example ISP", True), "198.51.100.9": ("Shy", False)}
    by_operator = [
        (key, tally.runs, tally.counts[verdict.VALIDATES]) for key, tally in stats.by_operator(finished, entries)
    ]
    assert by_operator == [
        ("Example ISP", 2, 2),
        (stats.OTHER_MEMBERS, 1, 0),
        (stats.NOT_MEMBERS, 2, 1),
        (stats.NO_RESOLVER, 1, 0),
    ]
    assert stats.Tally().share is None


def test_the_public_page_shows_the_share_and_months_but_no_operator(runs, client):
    page = client.get("/ja/resolver-test/stats/").content.decode()
    assert "6 件の実行が終わり" in page and "60 %" in page
    assert "フルリゾルバーの運用者別" not in page and "例示ISP" not in page


def test_members_see_operators_named_only_with_their_consent(runs, django_user_model):
    member = django_user_model.objects.create_user(username="m@example.jp", email="m@example.jp")
    organisation = Organisation.objects.get(slug="isp")
    Membership.objects.create(user=member, organisation=organisation, roles=[Role.MEMBER], language="ja")
    client = Client()
    client.force_login(member)
    page = client.get("/ja/resolver-test/stats/").content.decode()
    assert "フルリゾルバーの運用者別（会員のみ）" in page
    assert '<th scope="row">例示ISP</th><td>2</td><td>2</td><td>0</td><td>0</td><td>100 %</td>' in page
    assert "非公開ISP" not in page
    assert "ほかの会員のフルリゾルバー（同意がないため名前を出しません）" in page


def test_with_no_runs_the_page_says_so(client):
    page = client.get("/en/resolver-test/stats/").content.decode()
    assert "No finished runs yet." in page and "<svg" not in page
    assert "0 runs of the resolver test finished; none of them showed either way yet." in page
