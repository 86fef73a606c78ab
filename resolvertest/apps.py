from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolverTestConfig(AppConfig):
    name = "resolvertest"
    verbose_name = _("Resolver test")
