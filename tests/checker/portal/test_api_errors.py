"""Every error under /api/ is JSON: {"error": code, "message": {"ja": ..., "en": ...}}, never a redirect or HTML."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

UNKNOWN = "00000000-0000-4000-8000-000000000000"
NOT_FOUND = {
    "error": "not_found",
    "message": {
        "ja": "API のこのアドレスには何もありません。使える操作は /api/v1/openapi.json にあります。",
        "en": "There is nothing at this address of the API. The operations are listed in /api/v1/openapi.json.",
    },
}


def test_an_unknown_check_id_is_a_bilingual_json_404(client):
    for run_id in (UNKNOWN, "not-a-uuid"):
        response = client.get(f"/api/v1/checks/{run_id}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json() == {
            "error": "not_found",
            "message": {"ja": "この ID の検査はありません。", "en": "No check with this id."},
        }


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/nothing", "/api/", "/api/v2/checks", "/api/v1/checks/a/b"])
def test_an_unknown_path_under_api_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_a_wrong_method_is_a_json_405_that_names_the_allowed_ones(client):
    response = client.delete(f"/api/v1/checks/{UNKNOWN}")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {
        "error": "method_not_allowed",
        "message": {
            "ja": "API のこのアドレスはこの HTTP メソッドを受け付けません。",
            "en": "This address of the API does not accept this HTTP method.",
        },
    }
    assert client.get("/api/v1/checks").status_code == 405


@pytest.mark.parametrize("body", ["{bad", "domain=example.jp", '{"domain": "example.jp"'])
def test_malformed_json_is_a_bilingual_400(client, body):
    response = client.post("/api/v1/checks", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "error": "malformed_json",
        "message": {
            "ja": "リクエストの本文が正しい JSON ではありません。",
            "en": "The request body is not valid JSON.",
        },
    }


@pytest.mark.parametrize("body", ["[]", "", '{"fresh": true}'])
def test_a_body_of_the_wrong_shape_is_a_bilingual_422(client, body):
    response = client.post("/api/v1/checks", body, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["message"] == {
        "ja": 'リクエストは {"domain": "example.jp", "fresh": false} のような JSON オブジェクトにしてください。',
        "en": 'The request must be a JSON object such as {"domain": "example.jp", "fresh": false}.',
    }


def test_a_server_error_under_api_is_json(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("checker.web_api.CheckRun.objects.get", broken)
    response = Client(raise_request_exception=False).get(f"/api/v1/checks/{UNKNOWN}")
    assert response.status_code == 500
    assert response.json() == {
        "error": "server_error",
        "message": {
            "ja": "サーバーがこのリクエストに答えられませんでした。しばらくしてからもう一度お試しください。",
            "en": "The server could not answer this request. Please try again later.",
        },
    }


def test_pages_outside_api_keep_the_language_redirect(client):
    response = client.get("/check/")
    assert response.status_code == 302 and response["Location"] == "/ja/check/"


def test_too_many_checks_is_a_bilingual_429(client, settings, monkeypatch):
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)
    settings.CHECKER_RATE_CONCURRENT = 2
    for name in ("a", "b"):
        answer = client.post("/api/v1/checks", {"domain": f"{name}.example.jp"}, content_type="application/json")
        assert answer.status_code == 202
    response = client.post("/api/v1/checks", {"domain": "c.example.jp"}, content_type="application/json")
    assert response.status_code == 429 and response["Retry-After"] == "10"
    assert response.json() == {
        "error": "rate_limited",
        "message": {
            "ja": "待機中または検査中の依頼がすでに 2 件あります。10 秒後にもう一度お試しください。",
            "en": "You already have 2 checks waiting or running. Please try again in 10 seconds.",
        },
    }


def test_the_schema_promises_what_the_api_answers(client):
    schema = client.get("/api/v1/openapi.json").json()
    check = schema["components"]["schemas"]["CheckOut"]["properties"]
    assert check["unicode_domain"]["type"] == "string"
    for field in ("reused_at", "fresh_check_from"):
        assert {"type": "string", "format": "date-time"} in check[field]["anyOf"], field
    operations = schema["paths"]
    assert set(operations["/api/v1/checks/{run_id}"]["get"]["responses"]) == {"200", "404"}
    assert set(operations["/api/v1/checks"]["post"]["responses"]) == {"200", "202", "400", "422", "429"}
    message = schema["components"]["schemas"]["Message"]["properties"]
    assert set(message) == {"error", "message"}
