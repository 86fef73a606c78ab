"""Webhooks: https to global addresses only (the checker's rules, lab mode aside), signed so that the secret
shown once verifies them, tried again with back-off and then disabled with an e-mail, never forever."""

import hashlib
import hmac
import json
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from portal import clock
from portal.baseurl import base_url
from tests.watch.receiver import receiver
from watch import webhooks
from watch.models import Alert, Delivery, Webhook


@pytest.fixture
def lab_mode(monkeypatch):
    """Lab mode on loopback, as the test lab runs: the receiver on 127.0.0.1 is allowed."""
    monkeypatch.setenv("CHECKER_LAB_RANGE", "127.0.0.0/8")
    monkeypatch.setenv("CHECKER_ALLOW_PRIVATE", "1")


@pytest.fixture
def hook(tmp_path, monkeypatch, lab_mode):
    with receiver(tmp_path) as (state, url, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))  # the receiver's certificate is trusted
        yield state, url


@pytest.fixture
def alert(watched):
    return Alert.objects.create(
        watched=watched,
        at=clock.now(),
        kind=Alert.Kind.PROBLEM,
        conditions=[{"code": "verdict_worse", "before": "secure", "after": "bogus"}],
    )


def test_only_https_addresses_that_are_all_global_are_accepted(english):
    with pytest.raises(ValidationError) as plain:
        webhooks.check_url("http://hooks.example.net/")
    assert plain.value.messages == ["The webhook's address must start with https://."]
    with pytest.raises(ValidationError) as private:
        webhooks.check_url("https://127.0.0.1:8443/hook")
    assert private.value.messages == ["The webhook's host resolves to addresses that are not global: 127.0.0.1."]
    with pytest.raises(ValidationError) as documentation:
        webhooks.check_url("https://[2001:db8::1]/hook")
    assert documentation.value.messages == [
        "The webhook's host resolves to addresses that are not global: 2001:db8::1."
    ]
    assert webhooks.check_url("https://8.8.8.8/hook") == "https://8.8.8.8/hook"


def test_lab_mode_allows_the_lab_range_only(lab_mode):
    assert webhooks.check_url("https://127.0.0.1:8443/hook") == "https://127.0.0.1:8443/hook"
    with pytest.raises(ValidationError):
        webhooks.check_url("https://10.0.0.1/hook")


def test_a_delivery_verifies_with_the_secret_shown_once(hook, alert, organisation):
    state, url = hook
    webhook = Webhook.objects.create(organisation=organisation, url=url, created_at=clock.now())
    clock.advance(timedelta(days=3))  # a demo's moved clock: the receiver still gets the real time
    delivery = webhooks.deliver_alert(alert)
    assert webhooks.attempt(delivery.pk) is None
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.DELIVERED, 1)
    ((headers, body),) = state.requests
    timestamp = headers["X-Portal-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 5
    expected = hmac.new(webhook.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["X-Portal-Signature"] == f"sha256={expected}"
    assert headers["Content-Type"] == "application/json"
    payload = json.loads(body)
    assert (payload["schema_version"], payload["kind"], payload["domain"], payload["organisation"]) == (
        2,
        "problem",
        "example.jp",
        "example-isp",
    )
    assert payload["conditions"] == [{"code": "verdict_worse", "before": "secure", "after": "bogus"}]
    history = f"accounts/watch/{alert.watched.pk}/"
    assert payload["history"] == {"ja": f"{base_url()}/ja/{history}", "en": f"{base_url()}/en/{history}"}


def test_a_delivery_goes_to_the_address_checked_with_the_hosts_name(tmp_path, monkeypatch, lab_mode, alert):
    """The host resolves to an allowed address when checked and to a refused one a moment later (DNS rebinding):
    the POST goes to the address checked, with the host's name in the Host header and TLS."""
    host = "hooks.example-isp.test"
    with receiver(tmp_path, names=[host]) as (state, url, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        port = urlsplit(url).port
        resolve, answers = socket.getaddrinfo, iter(["127.0.0.1", "10.0.0.1"])
        asked = []

        def rebinding(name, *args, **kwargs):
            if name != host:
                return resolve(name, *args, **kwargs)
            asked.append(name)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        Webhook.objects.create(
            organisation=alert.watched.organisation, url=f"https://{host}:{port}/hook", created_at=clock.now()
        )
        delivery = webhooks.deliver_alert(alert)
        assert webhooks.attempt(delivery.pk) is None
        delivery.refresh_from_db()
        assert (delivery.state, delivery.last_error) == (Delivery.State.DELIVERED, "")
        ((headers, _body),) = state.requests
        assert headers["Host"] == f"{host}:{port}"
        assert asked == [host]  # resolved once: the address checked is the one connected to


def test_a_failing_webhook_is_tried_with_back_off_then_disabled_with_an_email(hook, alert, organisation, make_user):
    make_user(organisation, "ops@example-isp.jp", "en")
    state, url = hook
    state.status = 500
    webhook = Webhook.objects.create(organisation=organisation, url=url, created_at=clock.now())
    delivery = webhooks.deliver_alert(alert)
    waits = [webhooks.attempt(delivery.pk) for _attempt in range(6)]
    assert waits == [30, 60, 120, 240, None, None]  # the sixth finds nothing pending: never retried forever
    assert len(state.requests) == 5
    delivery.refresh_from_db()
    webhook.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.FAILED, 5)
    assert delivery.last_error == "HTTP Error 500: Internal Server Error"
    assert webhook.disabled_at is not None
    assert [message.subject for message in mail.outbox] == ["[DNSSEC Japan] Your webhook is disabled"]
    assert webhooks.deliver_alert(alert) is None  # a disabled webhook is sent nothing
