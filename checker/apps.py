from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckerConfig(AppConfig):
    name = "checker"
    verbose_name = _("DNSSEC checker")

    def ready(self):
        from checker import conf
        from portal.celery import app, queue_name

        # The sweeper on beat, beside the foundation's entries; it expires before the next one is due
        # (docs/RELIABILITY.md, R5).
        interval = float(conf.sweep_interval())
        app.conf.beat_schedule["checker-sweep"] = {
            "task": "checker.sweep",
            "schedule": interval,
            "options": {"queue": queue_name("interactive"), "expires": interval},
        }
