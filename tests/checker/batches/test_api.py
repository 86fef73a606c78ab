"""The batch API's contract without workers: tokens, what a request may hold, quotas, who sees which batch."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import APIToken

from batches import upload
from batches.models import Batch, BatchName, Chunk
from members.models import Membership
from members.roles import Role
from portal import clock
from tests.checker.batches.conftest import bearer
from tests.members.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def post(client, body, token=None, **extra):
    headers = bearer(token) if token else {}
    return client.post("/api/v1/batches", json.dumps(body), content_type="application/json", **headers, **extra)


def test_without_a_token_the_call_is_refused_in_both_languages(client):
    response = post(client, {"names": ["example.jp"]})
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "unauthorised"
    assert body["message"]["ja"].startswith("この操作には API トークンが必要です")
    assert body["message"]["en"].startswith("This call needs an API token")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert Batch.objects.count() == 0


def test_a_revoked_token_a_forged_one_and_one_of_a_user_without_membership_are_refused(client, member, token):
    assert post(client, {"names": ["example.jp"]}, token + "x").status_code == 401
    outsider = type(member).objects.create_user(username="o@example.jp", email="o@example.jp", password=PASSWORD)
    outsider_token = APIToken.create_token(user=outsider, name="x")[1]
    assert post(client, {"names": ["example.jp"]}, outsider_token).status_code == 401
    APIToken.objects.get(user=member).revoke()
    assert post(client, {"names": ["example.jp"]}, token).status_code == 401
    assert Batch.objects.count() == 0


def test_names_are_normalised_refused_with_their_reason_and_deduplicated(client, token, settings):
    settings.BATCH_CHUNK_SIZE = 2
    names = ["Alg13.test.", "alg13.test", "https://expired.test/x", "bad..name", "例え.jp", "", "# comment", 7]
    response = post(client, {"names": names}, token)
    assert response.status_code == 202
    body = response.json()
    assert (body["accepted"], body["rejected"], body["duplicates"]) == (3, 2, 1)
    assert body["rejections"] == [
        {
            "name": "bad..name",
            "error": "input_empty_label",
            "message": {
                "ja": "空のラベル（連続したドットなど）があります。",
                "en": "The name has an empty label (two dots in a row, or a leading dot).",
            },
        },
        {
            "name": "7",
            "error": "input_empty",
            "message": {"ja": "名前が入力されていません。", "en": "No name was given."},
        },
    ]
    batch = Batch.objects.get(public_id=body["id"])
    assert list(batch.names.values_list("position", "domain")) == [
        (0, "alg13.test"),
        (1, "expired.test"),
        (2, "xn--r8jz45g.jp"),
    ]
    assert list(Chunk.objects.filter(batch=batch).values_list("first", "last")) == [(0, 1), (2, 2)]
    assert body["finished"] is None and body["checked"] == 0


@pytest.mark.parametrize(
    "payload, code",
    [
        ("not json", "invalid_request"),
        ('{"names": []}', "invalid_request"),
        ('{"names": "example.jp"}', "invalid_request"),
        ('["example.jp"]', "invalid_request"),
    ],
)
def test_a_body_that_is_not_a_list_of_names_is_refused(client, token, payload, code):
    response = client.post("/api/v1/batches", payload, content_type="application/json", **bearer(token))
    assert response.status_code == 400
    assert response.json()["error"] == code
    assert response.json()["message"]["en"] == 'The request must be a JSON object such as {"names": ["example.jp"]}.'


def test_more_names_than_one_request_may_hold_are_refused(client, token, settings):
    settings.BATCH_MAX_NAMES_PER_REQUEST = 3
    response = post(client, {"names": ["a.jp", "b.jp", "c.jp", "d.jp"]}, token)
    assert response.status_code == 413
    assert response.json()["error"] == "too_many_names"
    assert response.json()["message"]["ja"] == "1 回に送れる名前は 3 件までです。残りは別のバッチで送ってください。"
    assert Batch.objects.count() == 0


def test_the_daily_quota_counts_accepted_names_per_token(client, member, token, settings):
    settings.BATCH_DAILY_QUOTA = 3
    assert post(client, {"names": ["a.jp", "b.jp", "a.jp", "bad..jp"]}, token).status_code == 202
    response = post(client, {"names": ["c.jp", "d.jp"]}, token)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    body = response.json()
    assert body["error"] == "quota_exceeded"
    assert body["message"]["en"] == "This token may submit 3 names in 24 hours; 1 remain, and this batch has 2."
    assert post(client, {"names": ["c.jp"]}, token).status_code == 202
    other = APIToken.create_token(user=member, name="second")[1]
    assert post(client, {"names": ["e.jp", "f.jp"]}, other).status_code == 202, "the quota is the token's"
    assert BatchName.objects.count() == 5


def test_a_batch_is_seen_only_with_a_token_of_its_user(client, token, organisation, django_user_model):
    batch_id = post(client, {"names": ["a.jp"]}, token).json()["id"]
    assert client.get(f"/api/v1/batches/{batch_id}", **bearer(token)).json()["accepted"] == 1
    colleague = django_user_model.objects.create_user(username="c@example.jp", email="c@example.jp")
    Membership.objects.create(user=colleague, organisation=organisation, roles=[Role.MEMBER], language="en")
    theirs = APIToken.create_token(user=colleague, name="theirs")[1]
    for url in (f"/api/v1/batches/{batch_id}", f"/api/v1/batches/{batch_id}/results"):
        response = client.get(url, **bearer(theirs))
        assert response.status_code == 404 and response.json()["error"] == "not_found"
        assert client.get(url).status_code == 401
    assert client.get("/api/v1/batches/not-a-uuid", **bearer(token)).status_code == 404


def test_results_in_an_unknown_format_are_refused(client, token):
    batch_id = post(client, {"names": ["a.jp"]}, token).json()["id"]
    response = client.get(f"/api/v1/batches/{batch_id}/results?format=xml", **bearer(token))
    assert response.status_code == 400 and response.json()["error"] == "invalid_format"


def test_a_member_makes_a_token_sees_it_once_and_revokes_it(member):
    client = Client()
    client.force_login(member)
    page = client.get("/ja/accounts/api-tokens/")
    assert page.status_code == 200 and "API トークン" in page.content.decode()
    made = client.post("/ja/accounts/api-tokens/", {"name": "顧客ゾーン 夜間"})
    assert made.status_code == 200 and "no-store" in made["Cache-Control"].split(", ")
    row = APIToken.objects.get(user=member)
    plaintext = made.context["created"]["plaintext"]
    assert plaintext.startswith("wagtail_") and plaintext in made.content.decode()
    assert row.name == "顧客ゾーン 夜間" and plaintext not in (row.key_hash, row.prefix)
    assert plaintext not in client.get("/ja/accounts/api-tokens/").content.decode(), "shown once"
    assert post(Client(), {"names": ["a.jp"]}, plaintext).status_code == 202
    assert APIToken.objects.get(pk=row.pk).last_used_at is not None
    revoked = client.post(f"/ja/accounts/api-tokens/{row.pk}/revoke/", follow=True)
    assert "失効させました" in revoked.content.decode()
    assert post(Client(), {"names": ["a.jp"]}, plaintext).status_code == 401


def test_the_token_page_is_for_member_users_only(django_user_model):
    client = Client()
    assert client.get("/en/accounts/api-tokens/")["Location"].startswith("/en/accounts/login/")
    outsider = django_user_model.objects.create_user(username="o@example.jp", email="o@example.jp")
    client.force_login(outsider)
    assert client.get("/en/accounts/api-tokens/").status_code == 403


def test_a_member_cannot_revoke_a_colleagues_token(member, organisation, django_user_model):
    colleague = django_user_model.objects.create_user(username="c@example.jp", email="c@example.jp")
    Membership.objects.create(user=colleague, organisation=organisation, roles=[Role.MEMBER], language="en")
    theirs, _ = APIToken.create_token(user=colleague, name="theirs")
    client = Client()
    client.force_login(member)
    assert client.post(f"/en/accounts/api-tokens/{theirs.pk}/revoke/").status_code == 404
    assert APIToken.objects.get(pk=theirs.pk).revoked_at is None


def test_a_body_larger_than_a_request_may_be_is_refused_whole(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, {"names": [f"name{i}.example.jp" for i in range(100)]}, token)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert Batch.objects.count() == 0


def test_the_batches_page_takes_a_file_and_shows_each_batch_with_its_refused_names(member, settings):
    client = Client()
    client.force_login(member)
    page = client.get("/ja/accounts/batches/")
    assert page.status_code == 200 and "まだバッチを送っていません" in page.content.decode()
    sent = client.post("/ja/accounts/batches/", {"file": SimpleUploadedFile("names.csv", b"alg13.test\nbad..name\n")})
    assert sent.status_code == 302 and sent["Location"] == "/ja/accounts/batches/"
    batch = Batch.objects.get(user=member)
    assert (batch.token, batch.state) == (None, "reading")
    upload.read(batch.pk)
    page = client.get("/ja/accounts/batches/").content.decode()
    assert "1 件を受け付け、1 件を受け付けず、重複 0 件を除きました" in page
    assert "<code>bad..name</code>: 空のラベル（連続したドットなど）があります。" in page
    assert '<meta http-equiv="refresh" content="5">' in page, "a batch in progress refreshes the page"
    assert client.get(f"/ja/accounts/batches/{batch.public_id}/results/?format=csv").status_code == 200


def test_a_batch_is_downloaded_only_by_its_user(member, organisation, django_user_model):
    batch = Batch.objects.create(user=member, created_at=clock.now(), state="done")
    colleague = django_user_model.objects.create_user(username="c@example.jp", email="c@example.jp")
    Membership.objects.create(user=colleague, organisation=organisation, roles=[Role.MEMBER], language="en")
    client = Client()
    client.force_login(colleague)
    assert client.get(f"/en/accounts/batches/{batch.public_id}/results/").status_code == 404
