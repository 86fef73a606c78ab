"""Every error page is the portal's own, in the page's language: 400, 403, CSRF failure (404 and 500 in
test_pages.py)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_refused_page_says_so_in_japanese_and_offers_the_login(django_user_model):
    # A signed-in user of no organisation may not file a failure report (failures.views.create).
    user = django_user_model.objects.create_user(username="nobody@example.jp", email="nobody@example.jp")
    client = Client()
    client.force_login(user)
    response = client.get("/ja/failures/new/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>このページは表示できません</h1>" in page
    assert "お使いのアカウントには、このページを表示する権限がありません。" in page
    assert "<title>このページは表示できません | DNSSEC Japan</title>" in page
    assert "アカウントでログイン" in page
    assert '<html lang="ja"' in page


def test_a_refused_page_under_en_is_in_english():
    client = Client()
    client.force_login(_user_without_organisation())
    page = client.get("/en/failures/new/").content.decode()
    assert "<h1>You cannot open this page</h1>" in page
    assert "Forbidden" not in page


def test_a_form_sent_without_its_csrf_token_gets_the_portals_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ja/check/", {"domain": "example.jp"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>フォームを受け付けられませんでした</h1>" in page
    assert "前のページに戻って再読み込みし、もう一度送信してください。" in page
    assert "CSRF verification failed" not in page
    english = client.post("/en/check/", {"domain": "example.jp"}).content.decode()
    assert "<h1>The form could not be accepted</h1>" in english


def test_a_request_for_an_unknown_host_gets_the_portals_400_page():
    response = Client(HTTP_HOST="unknown.example", raise_request_exception=False).get("/en/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Bad request</h1>" in page
    assert (
        Client(HTTP_HOST="unknown.example", raise_request_exception=False)
        .get("/ja/")
        .content.decode()
        .count("<h1>リクエストを処理できません</h1>")
        == 1
    )


def _user_without_organisation():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username="nobody-en@example.jp", email="nobody-en@example.jp")
