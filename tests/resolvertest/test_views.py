"""The resolver test's pages: a run from start to result, the pixel, CSP and hosts, and what is refused."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from members.models import Organisation
from portal import clock
from resolvertest import runs
from resolvertest.models import ObservedQuery, ResolverPrefix, RunToken
from resolvertest.models import TestRun as Run  # "Test…" would be taken for a class of tests
from tests.resolvertest.conftest import ALL_LABELS, REFUSED, observe, outcomes, send_report, start

pytestmark = pytest.mark.django_db


def test_without_a_test_zone_the_page_says_the_test_is_not_available(visitor):
    response = visitor.get("/ja/resolver-test/")
    assert response.status_code == 200
    assert "このサイトではリゾルバーテストを利用できません" in response.content.decode()
    assert "resolvertest/run.js" not in response.content.decode()
    assert "connect-src 'self'" in response["Content-Security-Policy"].split("; ")  # the directives' order varies
    english = visitor.get("/en/resolver-test/").content.decode()
    assert "The resolver test is not available on this site" in english
    assert Client(REMOTE_ADDR="198.51.100.7").post("/en/resolver-test/").status_code == 404


def test_the_page_allows_exactly_the_test_names_fetches(visitor, test_zone):
    response = visitor.get("/en/resolver-test/", HTTP_HOST="portal.example:8104")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["connect-src"] == "'self' http://*.rt.test:8104"
    assert policy["img-src"] == "'self' data: http://*.rt.test:8104"
    assert policy["script-src"] == "'self'"
    secure = visitor.get("/en/resolver-test/", HTTP_HOST="portal.example", secure=True)
    assert "connect-src 'self' https://*.rt.test" in secure["Content-Security-Policy"].split("; ")


def test_one_post_starts_a_run_with_a_token_per_test_zone(visitor, test_zone):
    response = start(visitor)
    assert response.status_code == 201
    data = response.json()
    run = Run.objects.get()
    assert data["report_url"] == f"/en/resolver-test/{run.public_id}/report"
    assert data["result_url"] == f"/en/resolver-test/{run.public_id}/"
    tokens = dict(RunToken.objects.filter(run=run).values_list("zone", "token"))
    assert sorted(tokens) == sorted(ALL_LABELS)
    assert [name["url"] for name in data["names"]] == [
        f"http://{tokens[label]}.{label}.rt.test/resolver-test/pixel" for label in ALL_LABELS
    ]
    assert all(re.fullmatch("[0-9a-f]{20}", token) for token in tokens.values())
    assert len(set(tokens.values())) == len(ALL_LABELS)
    assert run.language == "en"
    assert run.finished_at is None
    assert run.client_hash == runs.client_hash("198.51.100.7")


def test_starting_needs_the_pages_csrf_token(visitor, test_zone):
    assert visitor.post("/en/resolver-test/", b"{}", content_type="application/json").status_code == 403
    assert Run.objects.count() == 0


def finished_run(visitor, refused=REFUSED, address="192.0.2.53", language="en"):
    started = start(visitor, language).json()
    run = Run.objects.get(public_id=started["result_url"].split("/")[-2])
    observe(run, address=address)
    response = send_report(visitor, started["report_url"], {"fetches": outcomes(started, refused)})
    assert response.status_code == 200
    assert response.json() == {"result_url": started["result_url"]}
    run.refresh_from_db()
    return run, started


def test_a_validating_resolver_from_report_to_result(visitor, test_zone):
    run, started = finished_run(visitor)
    assert run.fetches == {label: "failed" if label in REFUSED else "loaded" for label in ALL_LABELS}
    assert run.observations == {
        "queries": 15,
        "resolvers": [{"address": "192.0.2.53", "queries": 15, "tcp": True}],
        "zones": {
            label: {"queries": 2 if label == "big" else 1, "tcp": label == "big", "do": True}
            for label in sorted(ALL_LABELS)
        },
    }
    page = visitor.get(started["result_url"]).content.decode()
    assert 'data-verdict="validates"' in page
    assert "Your resolver validates DNSSEC" in page
    assert page.count("<td>supported</td>") == 4
    assert 'data-tcp="yes"' in page
    assert "<code>192.0.2.53</code>" in page
    japanese = visitor.get(started["result_url"].replace("/en/", "/ja/")).content.decode()
    assert "お使いのフルリゾルバーはDNSSEC検証をしています" in japanese
    assert "TCPにフォールバックします" in japanese


def test_a_resolver_that_loads_the_bogus_zones_does_not_validate(visitor, test_zone):
    run, started = finished_run(visitor, refused=set())
    page = visitor.get(started["result_url"]).content.decode()
    assert 'data-verdict="does-not-validate"' in page
    assert "Your resolver does not validate DNSSEC" in page
    assert "DNSSEC algorithms" not in page  # every algorithm "unsupported" would only repeat the verdict
    japanese = visitor.get(started["result_url"].replace("/en/", "/ja/")).content.decode()
    assert "お使いのフルリゾルバーはDNSSEC検証をしていません" in japanese


def test_fetches_that_all_fail_are_indeterminate(visitor, test_zone):
    run, started = finished_run(visitor, refused=set(ALL_LABELS))
    page = visitor.get(started["result_url"]).content.decode()
    assert 'data-verdict="indeterminate"' in page
    assert "None of the test names loaded" in page
    assert "does not validate" not in page


def test_no_tcp_query_for_the_big_name_says_no_fallback(visitor, test_zone):
    started = start(visitor).json()
    run = Run.objects.get()
    observe(run, tcp=())
    send_report(visitor, started["report_url"], {"fetches": outcomes(started, REFUSED)})
    page = visitor.get(started["result_url"]).content.decode()
    assert 'data-tcp="no"' in page
    assert "did not ask over TCP" in page


def test_the_operator_is_named_by_the_longest_registered_prefix(visitor, test_zone):
    isp = Organisation.objects.create(slug="isp", name_ja="例示回線株式会社", name_en="Example Lines", category="isp")
    carrier = Organisation.objects.create(slug="carrier", name_ja="例示通信", name_en="Example Carrier")
    ResolverPrefix.objects.create(organisation=carrier, prefix="192.0.2.0/24")
    ResolverPrefix.objects.create(organisation=isp, prefix="192.0.2.48/28")
    ResolverPrefix.objects.create(organisation=isp, prefix="2001:db8::/32")
    run, started = finished_run(visitor, address="192.0.2.53")
    observe(run, address="203.0.113.9", labels={"secure"})
    observe(run, address="2001:db8::53", labels={"secure", "unsigned"})
    page = visitor.get(started["result_url"]).content.decode()
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td><td>([^<]+)</td><td>(\d+)</td>", page)
    assert rows == [
        ("192.0.2.53", "Example Lines", "15"),
        ("2001:db8::53", "Example Lines", "2"),
        ("203.0.113.9", "—", "1"),
    ]
    japanese = visitor.get(started["result_url"].replace("/en/", "/ja/")).content.decode()
    assert "<td>例示回線株式会社</td>" in japanese


def test_queries_that_arrive_after_the_report_are_summarised_until_the_run_settles(visitor, test_zone):
    started = start(visitor).json()
    run = Run.objects.get()
    send_report(visitor, started["report_url"], {"fetches": outcomes(started, REFUSED)})
    first = visitor.get(started["result_url"]).content.decode()
    assert "The result is indeterminate" in first
    assert '<meta http-equiv="refresh" content="5">' in first
    observe(run)  # the DNS side's batch arrives
    second = visitor.get(started["result_url"]).content.decode()
    assert "Your resolver validates DNSSEC" in second
    clock.advance(timedelta(seconds=31))
    settled = visitor.get(started["result_url"]).content.decode()
    assert '<meta http-equiv="refresh"' not in settled
    run.refresh_from_db()
    assert run.observations["settled"] is True
    ObservedQuery.objects.all().delete()  # the raw rows expire; the permanent link keeps its summary
    assert "Your resolver validates DNSSEC" in visitor.get(started["result_url"]).content.decode()


def test_a_forged_token_is_refused_and_the_run_can_still_be_reported(visitor, test_zone):
    started = start(visitor).json()
    forged = {**outcomes(started, REFUSED)}
    forged.pop(started["names"][0]["token"])
    forged["0123456789abcdef0123"] = "loaded"
    response = send_report(visitor, started["report_url"], {"fetches": forged})
    assert response.status_code == 400
    assert response.json() == {
        "error": "unknown-token",
        "message": "The report names a test name that the portal never issued. Please start the test again.",
    }
    run = Run.objects.get()
    assert (run.finished_at, run.fetches) == (None, {})
    assert send_report(visitor, started["report_url"], {"fetches": outcomes(started, REFUSED)}).status_code == 200


def test_a_replayed_report_is_refused_and_changes_nothing(visitor, test_zone):
    run, started = finished_run(visitor)
    fetches, finished_at = run.fetches, run.finished_at
    response = send_report(visitor, started["report_url"], {"fetches": outcomes(started, set())})
    assert response.status_code == 409
    assert response.json()["error"] == "finished"
    japanese = send_report(visitor, started["report_url"].replace("/en/", "/ja/"), {"fetches": outcomes(started)})
    assert japanese.json()["message"] == "この実行の結果はすでに記録されています。もう一度報告することはできません。"
    run.refresh_from_db()
    assert (run.fetches, run.finished_at) == (fetches, finished_at)


def test_a_token_of_another_run_is_refused(visitor, test_zone):
    first = start(visitor).json()
    second = start(visitor).json()
    mixed = outcomes(first, REFUSED)
    mixed.pop(first["names"][0]["token"])
    mixed[second["names"][0]["token"]] = "loaded"
    response = send_report(visitor, first["report_url"], {"fetches": mixed})
    assert (response.status_code, response.json()["error"]) == (400, "other-run")
    assert Run.objects.filter(finished_at__isnull=False).count() == 0


def test_an_incomplete_or_late_report_is_refused(visitor, test_zone):
    started = start(visitor).json()
    partial = dict(list(outcomes(started).items())[:-1])
    assert send_report(visitor, started["report_url"], {"fetches": partial}).json()["error"] == "incomplete"
    clock.advance(runs.REPORT_WINDOW + timedelta(seconds=1))
    late = send_report(visitor, started["report_url"], {"fetches": outcomes(started)})
    assert (late.status_code, late.json()["error"]) == (409, "expired")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"fetches": []}',
        b'{"fetches": {"abc": "maybe"}}',
        b'{"fetches": {"abc": 1}}',
        b"{}",
    ],
)
def test_a_malformed_report_is_refused(visitor, test_zone, body):
    started = start(visitor).json()
    response = send_report(visitor, started["report_url"], body)
    assert (response.status_code, response.json()["error"]) == (400, "malformed")
    assert Run.objects.get().finished_at is None


def test_an_oversized_report_is_refused(visitor, test_zone):
    started = start(visitor).json()
    body = {"fetches": outcomes(started), "padding": "x" * runs.MAX_REPORT_BYTES}
    response = send_report(visitor, started["report_url"], body)
    assert (response.status_code, response.json()["error"]) == (413, "too-large")
    too_many = {f"{n:020x}": "loaded" for n in range(15)}
    assert send_report(visitor, started["report_url"], {"fetches": too_many}).json()["error"] == "malformed"


def test_a_flood_of_runs_is_limited_per_address(visitor, test_zone):
    for _ in range(runs.runs_per_minute()):
        assert start(visitor).status_code == 201
    refused = start(visitor)
    assert refused.status_code == 429
    assert refused.json()["error"] == "too-many"
    assert refused.json()["message"] == (
        f"You have started 10 tests in the last minute. Please try again in {refused['Retry-After']} seconds."
    )
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert Run.objects.count() == 10
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.8")
    assert start(other).status_code == 201
    clock.advance(timedelta(seconds=61))
    assert start(visitor).status_code == 201


def test_a_flood_of_reports_is_limited_per_address(visitor, test_zone):
    started = start(visitor).json()
    for _ in range(runs.reports_per_minute()):
        assert send_report(visitor, started["report_url"], b"{}").status_code == 400
    refused = send_report(visitor, started["report_url"], {"fetches": outcomes(started)})
    assert (refused.status_code, refused.json()["error"]) == (429, "too-many")
    assert Run.objects.get().finished_at is None


def test_the_client_hash_is_erased_after_24_hours(visitor, test_zone):
    start(visitor)
    clock.advance(timedelta(hours=23, minutes=59))
    assert runs.forget_client_hashes() == 0
    clock.advance(timedelta(minutes=2))
    assert runs.forget_client_hashes() == 1
    assert Run.objects.get().client_hash == ""


def test_an_unknown_run_is_404(visitor):
    assert visitor.get("/en/resolver-test/no-such-run/").status_code == 404


def test_the_pixel_answers_on_test_names_only_without_session_or_cache(test_zone, django_assert_num_queries):
    browser = Client(HTTP_HOST="0123456789abcdef0123.secure.rt.test:8104")
    with django_assert_num_queries(0):  # answered before the session, as a static file is
        response = browser.get("/resolver-test/pixel", HTTP_ORIGIN="http://portal.example:8104")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert len(response.content) == 42
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Vary" not in response
    # On the portal's own host the path is the portal's own 404 (after its language redirect).
    assert Client().get("/resolver-test/pixel", follow=True).status_code == 404
    # The test names serve the pixel and nothing else.
    for refused in (browser.post("/resolver-test/pixel"), browser.get("/ja/resolver-test/"), browser.get("/admin/")):
        assert (refused.status_code, refused.content, refused.cookies) == (404, b"", {})


def test_test_names_are_refused_hosts_when_the_test_is_not_set_up():
    response = Client(HTTP_HOST="0123456789abcdef0123.secure.rt.test").get("/resolver-test/pixel")
    assert response.status_code == 400


def test_two_reports_at_once_finish_the_run_once(visitor, test_zone):
    started = start(visitor).json()
    first, second = Run.objects.get(), Run.objects.get()  # both read before either finished the run
    tokens = outcomes(started, REFUSED)
    runs.finish(first, tokens)
    with pytest.raises(runs.ReportRefused) as refused:
        runs.finish(second, {token: "loaded" for token in tokens})
    assert refused.value.code == "finished"
    assert Run.objects.get().fetches == first.fetches
