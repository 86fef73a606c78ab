from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.db.models.signals import post_migrate

        from members import signals
        from portal import search

        post_migrate.connect(signals.reapply_roles, dispatch_uid="members.reapply_roles")
        signals.connect()
        from members.logo import lifecycle

        lifecycle.register_with_scheduler()
        from members.models import Organisation

        search.register(
            search.SearchSource(
                kind="members.organisation",
                label=Organisation._meta.verbose_name,
                model=Organisation,
                queryset=lambda language, lookups: Organisation.objects.filter(demo=False),
                url=lambda org, language, lookups: org.get_absolute_url(),
                names=lambda org: [str(org), *org.alias_list()],
            )
        )
