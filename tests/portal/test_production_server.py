"""gunicorn with whitenoise serves the site with the production settings."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import slots
from tests.celery_workers import worker_database_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def gunicorn(tmp_path, demo_content):
    port = slots.port_base() + 80
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "gunicorn-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def test_gunicorn_serves_pages_and_whitenoise_serves_static_files(gunicorn):
    https = {"X-Forwarded-Proto": "https"}
    status, headers, body = fetch(gunicorn + "/ja/", https)
    assert status == 200
    assert "DNSSEC Japan（DNSSEC.jp）は" in body.decode()
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    css = next(line for line in body.decode().splitlines() if "site." in line and ".css" in line)
    css_path = css.split('href="')[1].split('"')[0]
    assert css_path != "/static/portal/site.css"  # hashed name from the manifest
    status, headers, _ = fetch(gunicorn + css_path, https)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_plain_http_is_redirected_to_https(gunicorn):
    request = urllib.request.Request(gunicorn + "/ja/")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as error:
        opener.open(request, timeout=10)
    assert error.value.code == 301
    assert error.value.headers["Location"].startswith("https://127.0.0.1")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_healthz_answers_a_plain_http_probe(gunicorn):
    """A load balancer probes over plain HTTP and reads a redirect as a failure (pages still go to https, above)."""
    status, headers, body = fetch(gunicorn + "/healthz")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["checks"]["database"] == {"ok": True}
