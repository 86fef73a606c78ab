from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# How often beat expires old query records: an hour past the retention at most.
EXPIRE_SECONDS = 3600.0


class ResolverTestConfig(AppConfig):
    name = "resolvertest"
    verbose_name = _("Resolver test")

    def ready(self):
        from portal.celery import app, queue_name

        from .recording import EXPIRE_TASK

        app.conf.beat_schedule["resolvertest-expire-queries"] = {
            "task": EXPIRE_TASK,
            "schedule": EXPIRE_SECONDS,
            "options": {"queue": queue_name("batch"), "expires": EXPIRE_SECONDS},
        }
