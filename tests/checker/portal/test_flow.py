"""The whole flow with real workers and the lab: form and API, progress, result, reuse, history, changes."""

import pytest
from django.test import Client

from checker import catalog
from checker.models import CheckRun
from tests.checker.portal.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def finished(public_id, timeout=90):
    return wait_for(
        lambda: CheckRun.objects.filter(public_id=public_id, state__in=("done", "failed")).first(),
        timeout,
        message=f"run {public_id} finished",
    )


def test_form_to_result_with_progress_reuse_history_and_changes(lab_env, processes):
    processes.worker(["interactive"], "flow", extra_env=lab_env)
    client = Client()

    response = client.post("/ja/check/", {"domain": "https://www.Alg13.test/path"})
    assert response.status_code == 302
    run = CheckRun.objects.get()
    assert run.domain == "www.alg13.test" and response["Location"] == f"/ja/check/{run.public_id}/"
    run = finished(run.public_id)
    assert run.state == "done" and run.verdict == "secure" and run.attempts == 1
    kinds = {event["event"] for event in run.progress}
    assert kinds == {"server", "zone"}, "the engine's events are kept as the run's progress"

    page = client.get(response["Location"]).content.decode()
    assert catalog.verdict_label("secure", "ja") in page
    assert page.count("<svg") >= 3, "a chain picture per zone: root, test., alg13.test."
    assert "KSK" in page and 'class="server-table"' in page and "<details" in page

    again = client.post("/ja/check/", {"domain": "www.alg13.test"})
    assert again["Location"] == f"/ja/check/{run.public_id}/?reused=1", (
        "a second check within the window reuses the run"
    )
    reused = client.get(again["Location"]).content.decode()
    assert run.finished.astimezone().strftime("%H:%M") in reused and 'class="notice reuse-note"' in reused

    fresh = client.post("/ja/check/", {"domain": "www.alg13.test", "fresh": "on"})
    second = CheckRun.objects.exclude(pk=run.pk).get()
    assert fresh["Location"] == f"/ja/check/{second.public_id}/"
    finished(second.public_id)
    second_page = client.get(fresh["Location"]).content.decode()
    assert "前回の検査からの変化" in second_page and "変化はありません" in second_page

    history = client.get("/en/check/domain/www.alg13.test/").content.decode()
    assert str(run.public_id) in history and str(second.public_id) in history
    assert CheckRun.objects.count() == 2


def test_api_submit_poll_and_history(lab_env, processes):
    processes.worker(["interactive"], "api", extra_env=lab_env)
    client = Client()
    response = client.post(
        "/api/v1/checks", {"domain": "expired.test", "fresh": False}, content_type="application/json"
    )
    assert response.status_code == 202
    body = response.json()
    assert body["state"] == "queued" and body["page_en"] == f"/en/check/{body['id']}/"
    finished(body["id"])
    result = client.get(body["url"]).json()
    assert result["state"] == "done" and result["verdict"] == "bogus"
    assert result["verdict_label"] == {
        "ja": catalog.verdict_label("bogus", "ja"),
        "en": catalog.verdict_label("bogus", "en"),
    }
    expired = next(f for f in result["findings"] if f["id"] == "rrsig_expired")
    assert expired["messages"]["ja"]["fix"] and expired["messages"]["en"]["fix"]
    assert expired["url_ja"] == "/ja/findings/rrsig_expired/"
    assert client.get(expired["url_en"]).status_code == 200

    history = client.get("/api/v1/domains/EXPIRED.test./checks").json()
    assert [h["id"] for h in history] == [body["id"]]
    page = client.get(f"/en/check/{body['id']}/").content.decode()
    assert "rrsig_expired" in page and "How to fix it" in page


def test_openapi_schema_lists_the_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/checks",
        "/api/v1/checks/{run_id}",
        "/api/v1/domains/{domain}/checks",
        "/api/v1/batches",
        "/api/v1/batches/{batch_id}",
        "/api/v1/batches/{batch_id}/results",
    }
    assert set(schema["components"]["schemas"]["CheckRequest"]["properties"]) == {"domain", "fresh"}
