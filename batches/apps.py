from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SWEEP_SECONDS = 30.0


class BatchesConfig(AppConfig):
    name = "batches"
    verbose_name = _("Batch checks")

    def ready(self):
        from portal.celery import app, queue_name

        # Chunks the broker refused or lost, or whose worker died, are sent again (batches.runner.to_resend).
        app.conf.beat_schedule["batches-sweep"] = {
            "task": "batches.sweep",
            "schedule": SWEEP_SECONDS,
            "options": {"queue": queue_name("batch"), "expires": SWEEP_SECONDS},
        }
