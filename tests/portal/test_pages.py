"""Home, about, members directory, errors, health and headers."""

import re
import socket

import pytest
from django.db import OperationalError
from django.test import Client

from members.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_content_is_idempotent_and_bilingual(demo_content, client):
    from django.core.management import call_command
    from wagtail.models import Page

    pages_before = Page.objects.count()
    call_command("load_initial_data", verbosity=0)
    assert Page.objects.count() == pages_before
    assert Organisation.objects.filter(demo=False).count() == 35
    jprs = Organisation.objects.get(slug="jprs")
    assert (jprs.name_ja, jprs.name_en, jprs.category, jprs.confirmed) == (
        "株式会社日本レジストリサービス",
        "Japan Registry Services Co., Ltd.",
        "registry-registrar",
        False,
    )


def test_about_page_shows_the_structure_in_both_languages(client, demo_content):
    ja = client.get("/ja/about/").content.decode()
    assert "技術検証ワーキンググループ" in ja and "豊野 剛" in ja and "2009年11月24日" in ja
    en = client.get("/en/about/").content.decode()
    assert "Technology Verification WG" in en and "Miki Takata" in en and "Chairman" in en


UNCONFIRMED = '<span class="badge-unconfirmed" title="掲載内容は広報WGの確認待ちです">要確認</span>'


def test_officers_names_that_the_seed_does_not_state_are_marked_to_be_confirmed(client, demo_content):
    # The seed names the officers and the chairs in Latin letters only: their names in kanji are ours.
    ja = client.get("/ja/about/").content.decode()
    officers = re.search(r'<dl class="officers">(.*?)</dl>', ja).group(1)
    assert officers == (
        f"<dt>会長</dt><dd>石田 慶樹 {UNCONFIRMED}</dd>"
        f"<dt>副会長</dt><dd>豊野 剛 {UNCONFIRMED}</dd>"
        f"<dt>副会長</dt><dd>米谷 嘉朗 {UNCONFIRMED}</dd>"
    )
    chairs = re.findall(r'<td data-label="主査">(.*?)</td>', ja)
    assert chairs == [f"豊野 剛 {UNCONFIRMED}", f"高田 美紀 {UNCONFIRMED}"]
    # The English page states what the seed states.
    en = client.get("/en/about/").content.decode()
    assert re.search(r'<dl class="officers">(.*?)</dl>', en).group(1) == (
        "<dt>Chairman</dt><dd>Yoshiki Ishida</dd>"
        "<dt>Co-Chairman</dt><dd>Tsuyoshi Toyono</dd>"
        "<dt>Co-Chairman</dt><dd>Yoshiro Yoneya</dd>"
    )
    assert "badge-unconfirmed" not in en


def test_members_directory_filters_by_category(client, demo_content):
    html = client.get("/ja/members/").content.decode()
    assert "DNSSEC Japan には 35 の組織が参加しています。" in html
    assert "要確認" in html
    isp = client.get("/en/members/", {"category": "isp"}).content.decode()
    assert "Internet Initiative Japan Inc." in isp
    assert "Japan Registry Services Co., Ltd." not in isp
    assert client.get("/en/members/", {"category": "bogus"}).status_code == 200


def test_server_error_page_is_bilingual_and_plain():
    from portal.views import server_error

    body = server_error(None).content.decode()
    assert "サーバーで問題が発生しました" in body and "Something went wrong on our side" in body


def test_public_pages_forbid_framing_and_admin_allows_its_own_preview(client, demo_content):
    public = client.get("/ja/")
    csp = public.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert public.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    admin = client.get("/admin/login/")
    assert "frame-ancestors 'self'" in admin.headers["Content-Security-Policy"]


def test_healthz_is_503_only_when_the_database_is_down(monkeypatch):
    from portal import health

    monkeypatch.setattr(health, "broker_state", lambda: {"ok": True})

    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


def test_healthz_reports_an_unreachable_broker_as_degraded(monkeypatch):
    from portal import health

    # Port 1 on loopback refuses at once.
    monkeypatch.setattr(health.celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_healthz_gives_up_on_a_broker_that_accepts_and_never_answers(monkeypatch):
    """The probe makes one attempt, with its connect and its reply bounded (a load balancer waits a second or two)."""
    from portal import health

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        monkeypatch.setattr(health.celery_app.conf, "broker_url", f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        response = Client().get("/healthz")
    finally:
        silent.close()
    broker = response.json()["checks"]["broker"]
    print(f"silent broker: /healthz's probe gave up after {broker['seconds']} s")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert broker["ok"] is False
    assert broker["error"] == "TimeoutError"
