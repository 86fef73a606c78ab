from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from portal import search
        from members.models import Organisation

        search.register(
            search.SearchSource(
                kind="members.organisation",
                label=Organisation._meta.verbose_name,
                queryset=lambda language: Organisation.objects.all(),
                url=lambda org, language: org.get_absolute_url(),
            )
        )
