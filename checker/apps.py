from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckerConfig(AppConfig):
    name = "checker"
    verbose_name = _("DNSSEC checker")
