from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SETTLE_SECONDS = 60.0


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Measurement campaigns")

    def ready(self):
        from django.db.models.signals import post_save

        from batches.runner import batch_finished
        from campaigns import runs
        from campaigns.models import DomainList
        from portal.celery import app, queue_name

        runs.register_with_scheduler()
        # The worker that records a campaign's last chunk computes its figures ...
        batch_finished.connect(runs.on_batch_finished, dispatch_uid="campaigns.on_batch_finished")
        # ... and beat settles any whose worker died first, and sends again a file's reading the broker lost.
        app.conf.beat_schedule["campaigns-settle"] = {
            "task": "campaigns.settle",
            "schedule": SETTLE_SECONDS,
            "options": {"queue": queue_name("batch"), "expires": SETTLE_SECONDS},
        }
        post_save.connect(_schedule_changed, sender=DomainList, dispatch_uid="campaigns.schedule")


def _schedule_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    from campaigns import runs

    # A save of other fields (an import's report, a refresh's time) leaves the schedule as it was.
    if not raw and (update_fields is None or "schedule" in update_fields):
        runs.sync_schedule(instance)
