"""Every settings module: eager mode off, environment-driven, production clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 30 + "-production-test-key-0123456789abcdef",
    "ALLOWED_HOSTS": "portal.example.jp",
    "PORTAL_BASE_URL": "https://portal.example.jp",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_python(code, settings_module, extra_env=None, args=()):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **(extra_env or {})})
    return subprocess.run(
        [sys.executable, *(args or ["-c", code])], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "module, extra_env",
    [
        ("portal.settings.base", {}),
        ("portal.settings.dev", {}),
        ("portal.settings.test", {}),
        ("portal.settings.production", PRODUCTION_ENV),
    ],
)
def test_celery_eager_mode_is_off_in_every_settings_module(module, extra_env):
    code = (
        "import django; django.setup(); from django.conf import settings; from portal.celery import app;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager)"
    )
    result = run_python(code, module, extra_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_production_deploy_check_reports_nothing():
    result = run_python(
        None,
        "portal.settings.production",
        PRODUCTION_ENV,
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_deploy_check_asks_for_the_public_base_url():
    env = dict(PRODUCTION_ENV)
    del env["PORTAL_BASE_URL"]
    result = run_python(
        None, "portal.settings.production", env, args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    )
    assert result.returncode == 1
    assert (
        "?: (portal.W001) PORTAL_BASE_URL is 'http://127.0.0.1:8000': links in mails and sitemap.xml, and the "
        "Wagtail Site, point there."
    ) in result.stderr + result.stdout


def test_production_refuses_to_start_without_its_secrets():
    env = dict(PRODUCTION_ENV)
    del env["SECRET_KEY"]
    result = run_python("import django; django.setup()", "portal.settings.production", env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_a_malformed_database_url_stops_setup_with_two_plain_lines():
    """What a person sees after `python3 dev.py setup`: which variable is wrong and an example, no traceback,
    and never the URL's password."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    env["DATABASE_URL"] = "postgres://portal:s3cret-word@db.example:notaport/portal"
    result = subprocess.run(
        [sys.executable, "dev.py", "setup"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "manage.py: DATABASE_URL is not a valid database URL (This string is not a valid url, possibly because some of"
        " its parts is not properly urllib.parse.quote()'ed.). Examples: postgres://user@127.0.0.1:5432/portal or"
        " sqlite:///var/db.sqlite3",
        "[dev] ERROR: this step failed: .venv/bin/python manage.py preflight",
    ]


def test_a_database_url_of_an_unknown_kind_is_named_without_its_text():
    result = run_python(
        None,
        "portal.settings.dev",
        {"DATABASE_URL": "postgress://portal:pw-123@db/portal"},
        args=["manage.py", "check"],
    )
    assert result.returncode == 1
    assert result.stderr.startswith("manage.py: DATABASE_URL is not a valid database URL (Scheme 'postgress://'")
    assert "pw-123" not in result.stderr
    assert "Traceback" not in result.stderr


def test_preflight_names_an_unreachable_redis():
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    result = run_python(
        None, "portal.settings.dev", {"REDIS_URL": "redis://127.0.0.1:1/0"}, args=["manage.py", "preflight"]
    )
    assert result.returncode != 0
    assert "Cannot reach Redis at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_follow_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL.split(':')[0], "
        "settings.ALLOWED_HOSTS)"
    )
    embedded = run_python(code, "portal.settings.dev", {"ALLOWED_HOSTS": "a.example,b.example"})
    assert embedded.stdout.split()[:2] == ["django.db.backends.sqlite3", "sqla+sqlite"]
    assert "'a.example', 'b.example'" in embedded.stdout
    services = run_python(
        code,
        "portal.settings.dev",
        {"DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"], "REDIS_URL": PRODUCTION_ENV["REDIS_URL"]},
    )
    assert services.stdout.split()[:2] == ["django.db.backends.postgresql", "redis"]


def test_embedded_sqlite_uses_wal_and_a_busy_timeout():
    from portal.settings.base import sqlite_options

    options = sqlite_options()
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_a_pool_process_is_replaced_after_as_many_tasks_as_the_environment_says():
    """Unset: never (Celery's default); the batch worker's 20 keeps a campaign's checking process at the memory
    of its first chunks (README, "Campaigns at scale")."""
    code = (
        "import django; django.setup(); from django.conf import settings; from portal.celery import app;"
        "print(settings.CELERY_WORKER_MAX_TASKS_PER_CHILD, app.conf.worker_max_tasks_per_child)"
    )
    unset = run_python(code, "portal.settings.dev", {"CELERY_WORKER_MAX_TASKS_PER_CHILD": ""})
    assert unset.stdout.split() == ["None", "None"], unset.stderr
    replaced = run_python(code, "portal.settings.dev", {"CELERY_WORKER_MAX_TASKS_PER_CHILD": "20"})
    assert replaced.stdout.split() == ["20", "20"], replaced.stderr
