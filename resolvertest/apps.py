"""The resolver test: does the visitor's DNS resolver validate DNSSEC? (issue 16)

A page in the visitor's browser fetches a unique name under each test zone; the test zones'
own authoritative server records which resolver asked for which name, and how.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# How often beat expires old query records (a delete by an indexed time; every beat entry stays within the
# visibility timeout, docs/RELIABILITY.md R5).
EXPIRE_SECONDS = 60.0
# How often beat erases the client hash of runs older than a day (resolvertest.runs).
FORGET_INTERVAL_SECONDS = 60.0


class ResolverTestConfig(AppConfig):
    name = "resolvertest"
    verbose_name = _("Resolver test")

    def ready(self):
        from portal.celery import app, queue_name
        from resolvertest import runs  # noqa: F401  (registers its task with Celery)

        from .recording import EXPIRE_TASK

        app.conf.beat_schedule["resolvertest-expire-queries"] = {
            "task": EXPIRE_TASK,
            "schedule": EXPIRE_SECONDS,
            "options": {"queue": queue_name("batch"), "expires": EXPIRE_SECONDS},
        }
        app.conf.beat_schedule["resolvertest-forget-client-hashes"] = {
            "task": "resolvertest.forget_client_hashes",
            "schedule": FORGET_INTERVAL_SECONDS,
            "options": {"queue": queue_name("batch"), "expires": FORGET_INTERVAL_SECONDS},
        }
