import json

import pytest
from django.test import Client

from portal import clock
from resolvertest.hosts import HostsWithTestZone
from resolvertest.models import ObservedQuery, RunToken
from resolvertest.zones import TEST_ZONES

# The labels a validating resolver that implements algorithms 8, 13, 15 and 16 refuses.
REFUSED = {"bogus", "bogus-ds", "alg8-bogus", "alg13-bogus", "alg15-bogus", "alg16-bogus"}


@pytest.fixture(autouse=True)
def deployed_hosts(settings):
    """ALLOWED_HOSTS as portal.settings builds it (resolvertest.hosts), with the host the tests ask for the page.

    Django's test set-up copies ALLOWED_HOSTS into a plain list (adding "testserver"), which would drop the test
    zone that the settings' list adds when a request asks."""
    settings.ALLOWED_HOSTS = HostsWithTestZone([*settings.ALLOWED_HOSTS, "portal.example"])


@pytest.fixture
def test_zone(monkeypatch):
    """The test zones' parent, as a deployment sets it (the lab's name)."""
    monkeypatch.setenv("RESOLVER_TEST_ZONE", "rt.test")
    return "rt.test"


@pytest.fixture
def visitor():
    """A visitor's browser: its address, and the CSRF checks a browser gets."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.7")


def csrf_token(visitor, language="en") -> str:
    response = visitor.get(f"/{language}/resolver-test/")
    return response.cookies["csrftoken"].value


def start(visitor, language="en"):
    """What the page's script does first: POST with the page's CSRF token; the response."""
    token = csrf_token(visitor, language)
    return visitor.post(f"/{language}/resolver-test/", b"{}", content_type="application/json", HTTP_X_CSRFTOKEN=token)


def send_report(visitor, url, body, language="en"):
    token = visitor.cookies["csrftoken"].value if "csrftoken" in visitor.cookies else csrf_token(visitor, language)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return visitor.post(url, data, content_type="application/json", HTTP_X_CSRFTOKEN=token)


def outcomes(started: dict, refused=frozenset()) -> dict:
    """A report: {token: outcome} for a started run's names, those whose label is in `refused` failed."""
    return {
        name["token"]: "failed" if name["url"].split("//")[1].split(".")[1] in refused else "loaded"
        for name in started["names"]
    }


def observe(run, address="192.0.2.53", labels=None, tcp=("big",)):
    """The queries the DNS side records for a run: one per label (UDP, DO set), and a TCP one for each of `tcp`."""
    now = clock.now()
    rows = []
    for token in RunToken.objects.filter(run=run):
        if labels is not None and token.zone not in labels:
            continue
        transports = ("udp", "tcp") if token.zone in tcp else ("udp",)
        rows += [
            ObservedQuery(
                token=token,
                resolver_address=address,
                qtype="A",
                do_bit=True,
                edns_size=1232,
                transport=transport,
                received_at=now,
            )
            for transport in transports
        ]
    ObservedQuery.objects.bulk_create(rows)
    return len(rows)


ALL_LABELS = [zone.label for zone in TEST_ZONES]
