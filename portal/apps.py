from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from portal import baseurl, languages, pagecache, search

        pagecache.connect()

        post_migrate.connect(baseurl.sync_default_site, sender=self, dispatch_uid="portal.sync_default_site")
        post_migrate.connect(languages.ensure_locales, sender=self, dispatch_uid="portal.ensure_locales")
        # Objects indexed before the search kept documents get theirs (one query per source when none is missing).
        post_migrate.connect(search.store_missing_documents, sender=self, dispatch_uid="portal.search_documents")
        checks.register(baseurl.check_base_url, checks.Tags.security, deploy=True)
        from portal.models import AboutPage, HomePage

        # The site's own pages come after the content when both match as well (portal.search).
        for page_type in (HomePage, AboutPage):
            search.register_page_type(page_type, weight=0)
