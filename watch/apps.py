from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchConfig(AppConfig):
    name = "watch"
    verbose_name = _("Watched domains")

    def ready(self):
        from checker.signals import run_ended
        from watch import monitor

        monitor.register_with_scheduler()
        run_ended.connect(monitor.on_run_ended, dispatch_uid="watch.on_run_ended")
