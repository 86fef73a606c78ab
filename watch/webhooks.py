"""Organisation webhooks: a JSON POST per alert, signed, to an https address whose addresses are all global.

The payload is docs/watch-webhook.md's. Headers: `X-Portal-Timestamp` (Unix seconds) and
`X-Portal-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. A delivery is a
database row; the `watch.deliver` task tries it on the batch queue, waiting twice as long after each
failure, at most WATCH_WEBHOOK_ATTEMPTS times; then the webhook is disabled and its organisation told.
"""

import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import time
import urllib.error
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from checker import conf
from checker.engine.addresses import AddressGuard
from portal import clock
from portal.baseurl import base_url
from watch.models import Alert, Delivery, Webhook

log = logging.getLogger(__name__)
SCHEMA_VERSION = 2  # 2: the links are given in every language
TIMEOUT_SECONDS = 10


def guard() -> AddressGuard:
    """The checker's address rules: global addresses only, except in lab mode (never in production)."""
    return conf.engine_options().guard()


def check_url(url: str) -> str:
    """The URL if it is https and every address its host resolves to may be reached; else ValidationError."""
    allowed_addresses(url)
    return url


def allowed_addresses(url: str) -> list[str]:
    """The addresses of the URL's host, once all are checked (https only; ValidationError otherwise)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError(_("The webhook's address must start with https://."))
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise ValidationError(_("The host name %(host)s does not resolve.") % {"host": parts.hostname}) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    rules = guard()
    refused = sorted(address for address in addresses if rules.refusal(address))
    if refused:
        raise ValidationError(
            _("The webhook's host resolves to addresses that are not global: %(addresses)s.")
            % {"addresses": ", ".join(refused)}
        )
    return addresses


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to an address checked beforehand, with the URL's host name in the Host header and TLS (SNI and the
    certificate's name): a host that resolves differently a moment later (DNS rebinding) is never reached."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        self.address, self.tls = address, ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def payload(alert: Alert) -> dict:
    watched = alert.watched
    run = alert.run
    return {
        "schema_version": SCHEMA_VERSION,
        "id": alert.pk,
        "kind": alert.kind,
        "at": alert.at.isoformat(),
        "domain": watched.domain,
        "organisation": watched.organisation.slug,
        "conditions": alert.conditions,
        "verdict": run.verdict if run is not None else None,
        "run": {"id": str(run.public_id), "url": links("checker:run", run_id=run.public_id)} if run else None,
        "history": links("watch:history", pk=watched.pk),
    }


def links(name: str, **kwargs) -> dict[str, str]:
    """The page's address under each of the portal's languages: the organisation's users read either."""
    found = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found[language] = base_url() + reverse(name, kwargs=kwargs)
    return found


def deliver_alert(alert: Alert) -> Delivery | None:
    webhook = Webhook.objects.filter(organisation=alert.watched.organisation, disabled_at=None).first()
    if webhook is None:
        return None
    body = json.dumps(payload(alert), ensure_ascii=False, sort_keys=True)
    delivery = Delivery.objects.create(webhook=webhook, alert=alert, body=body, created_at=clock.now())
    transaction.on_commit(lambda: send(delivery.pk))
    return delivery


def send(delivery_id: int, countdown: int = 0) -> None:
    from portal.celery import queue_name
    from watch.tasks import deliver

    try:
        deliver.apply_async((delivery_id,), countdown=countdown, queue=queue_name("batch"))
    except Exception as error:  # the broker is down: the row stays pending
        log.warning("webhook delivery %s not queued: %s", delivery_id, error)


def post(webhook: Webhook, body: str) -> None:
    """One signed POST; raises on any failure (an answer outside 2xx included)."""
    # Checked again (the host's addresses may have changed since it was saved), and sent to the address checked.
    (address, *_others) = allowed_addresses(webhook.url)
    parts = urlsplit(webhook.url)
    # The receiver holds it against its own clock (5 minutes): the real time, even where a demo moved the portal's.
    timestamp = str(int(time.time()))
    data = body.encode()
    connection = PinnedHTTPSConnection(parts.hostname, parts.port or 443, address, TIMEOUT_SECONDS)
    try:
        connection.request(
            "POST",
            (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
            body=data,
            headers={
                "Content-Type": "application/json",
                "User-Agent": "DNSSEC-Japan-portal-webhook/1",
                "X-Portal-Timestamp": timestamp,
                "X-Portal-Signature": signature(webhook.secret, timestamp, data),
            },
        )
        response = connection.getresponse()
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(webhook.url, response.status, response.reason, response.headers, None)
    finally:
        connection.close()


def attempt(delivery_id: int) -> int | None:
    """Try a pending delivery once; returns the seconds to wait before the next try, or None when done."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id, state=Delivery.State.PENDING).first()
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
    webhook = delivery.webhook
    try:
        if webhook.disabled_at is not None:
            raise RuntimeError("webhook disabled")
        post(webhook, delivery.body)
    except Exception as error:
        delivery.last_error = str(error)[:200]
        if delivery.attempts < settings.WATCH_WEBHOOK_ATTEMPTS and webhook.disabled_at is None:
            delivery.save(update_fields=["last_error"])
            return settings.WATCH_WEBHOOK_FIRST_DELAY_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.state = Delivery.State.FAILED
        delivery.save(update_fields=["last_error", "state"])
        disable(webhook, delivery)
        return None
    delivery.state = Delivery.State.DELIVERED
    delivery.save(update_fields=["state"])
    return None


def disable(webhook: Webhook, delivery: Delivery) -> None:
    if not Webhook.objects.filter(pk=webhook.pk, disabled_at=None).update(disabled_at=clock.now()):
        return  # already disabled, and its organisation told
    from watch.monitor import mail_organisation

    mail_organisation(webhook.organisation, "webhook_disabled", {"webhook": webhook, "delivery": delivery})
