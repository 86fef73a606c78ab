"""S4: per-client limits (5 concurrent, 30 a minute by default), counted in the database across processes."""

import threading

import pytest
from django.test import Client

from checker.models import CheckRun

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def unpublished(monkeypatch):
    # No worker here: runs stay queued, which is what the concurrency limit counts.
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)


def post(address, domain, path="/api/v1/checks"):
    client = Client(REMOTE_ADDR=address)
    if path.startswith("/api/"):
        return client.post(path, {"domain": domain}, content_type="application/json")
    return client.post(path, {"domain": domain})


def test_ten_concurrent_requests_from_one_address_start_at_most_five_checks():
    answers = []

    def submit(i):
        answers.append(post("198.51.100.7", f"c{i}.example.jp"))

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [202] * 5 + [429] * 5
    refused = [r for r in answers if r.status_code == 429]
    assert all(int(r["Retry-After"]) > 0 for r in refused)
    body = refused[0].json()
    assert (
        body["error"] == "rate_limited"
        and "待機中または検査中" in body["message"]["ja"]
        and "waiting or running" in body["message"]["en"]
    )
    assert CheckRun.objects.count() == 5

    assert post("203.0.113.9", "other.example.jp").status_code == 202, "another address is unaffected"


def test_hundred_requests_in_a_burst_start_at_most_thirty_checks_a_minute(settings):
    settings.CHECKER_RATE_CONCURRENT = 1000
    statuses = [post("198.51.100.8", f"m{i}.example.jp").status_code for i in range(100)]
    assert statuses.count(202) == 30 and statuses.count(429) == 70
    form = post("198.51.100.8", "form.example.jp", path="/ja/check/")
    assert form.status_code == 429 and 0 < int(form["Retry-After"]) <= 60
    assert "直近1分間に 30 件" in form.content.decode()
    assert post("203.0.113.10", "m0.example.jp", path="/en/check/").status_code == 302, "another address is unaffected"


def test_reused_runs_do_not_count_against_the_limit():
    first = post("198.51.100.9", "same.example.jp")
    assert first.status_code == 202
    for _ in range(10):
        again = post("198.51.100.9", "same.example.jp")
        assert again.status_code == 200 and again.json()["reused"] and again.json()["id"] == first.json()["id"]
    assert CheckRun.objects.count() == 1
