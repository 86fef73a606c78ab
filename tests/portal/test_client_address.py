"""Behind the production proxy: the visitor's address comes from X-Forwarded-For only through TRUSTED_PROXIES."""

import pytest
from django.test import Client, RequestFactory

from checker.models import CheckRun
from members.models import LoginFailure
from portal.clientaddress import client_address

PROXY = "10.0.0.5"


def address(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert address(PROXY, "203.0.113.1") == PROXY


def test_through_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16", "2001:db8:1::/48"]
    assert address(PROXY, "203.0.113.1") == "203.0.113.1"
    # The client wrote 192.0.2.66 itself; the proxies appended what they saw, and only that counts.
    assert address(PROXY, "192.0.2.66, 203.0.113.1, 10.1.2.3") == "203.0.113.1"
    assert address("2001:db8:1::9", "2001:db8:ffff::1") == "2001:db8:ffff::1"
    assert address(PROXY) == PROXY, "no header: the proxy itself"
    assert address(PROXY, "10.1.0.1, 10.1.0.2") == "10.1.0.1", "every hop trusted: the leftmost"
    assert address(PROXY, "not-an-address") == PROXY
    assert address(PROXY, "203.0.113.1, garbage, 10.1.0.9") == "10.1.0.9"


def test_a_spoofed_header_from_elsewhere_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert address("198.51.100.7", PROXY) == "198.51.100.7"


def post_form(remote, forwarded, domain):
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded).post("/en/check/", {"domain": domain})


@pytest.mark.django_db
def test_two_visitors_behind_the_trusted_proxy_have_separate_buckets(settings, monkeypatch):
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)
    settings.TRUSTED_PROXIES = [PROXY]
    settings.CHECKER_RATE_CONCURRENT = 1000
    settings.CHECKER_RATE_PER_MINUTE = 3
    statuses = [post_form(PROXY, "203.0.113.1", f"a{i}.example.jp").status_code for i in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert post_form(PROXY, "203.0.113.2", "b0.example.jp").status_code == 302, "the second visitor has a bucket"
    assert CheckRun.objects.count() == 4


@pytest.mark.django_db
def test_a_spoofed_header_cannot_escape_the_form_limit(settings, monkeypatch):
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)
    settings.TRUSTED_PROXIES = [PROXY]
    settings.CHECKER_RATE_CONCURRENT = 1000
    settings.CHECKER_RATE_PER_MINUTE = 3
    statuses = [post_form("198.51.100.7", f"203.0.113.{i}", f"s{i}.example.jp").status_code for i in range(4)]
    assert statuses == [302, 302, 302, 429]
    api = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99").post(
        "/api/v1/checks", {"domain": "s9.example.jp"}, content_type="application/json"
    )
    assert api.status_code == 429


@pytest.mark.django_db
def test_login_failures_record_the_visitor_behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.44").post(
        "/en/accounts/login/", {"username": "nobody@example.jp", "password": "wrong password"}
    )
    Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.45").post(
        "/en/accounts/login/", {"username": "nobody@example.jp", "password": "wrong password"}
    )
    assert list(LoginFailure.objects.order_by("failed_at").values_list("address", flat=True)) == [
        "203.0.113.44",
        "198.51.100.7",
    ]


def test_trusted_proxies_come_from_the_environment_and_a_wrong_entry_stops_start_up():
    from tests.portal.test_settings import PRODUCTION_ENV, run_python

    code = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    result = run_python(
        code, "portal.settings.production", {**PRODUCTION_ENV, "TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16"}
    )
    assert result.returncode == 0 and result.stdout.strip() == "['10.0.0.5', '10.1.0.0/16']"
    result = run_python(code, "portal.settings.production", {**PRODUCTION_ENV, "TRUSTED_PROXIES": "proxy.example.jp"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.example.jp' is not an IP address or network" in result.stderr
