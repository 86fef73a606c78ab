from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from batches.api import router as batches_router
from checker.web_api import api as checker_api
from knowledge.localize import UpdateTranslationsView
from portal import health, pagecache, views
from portal.sitemaps import sitemaps

wagtail_serve = re_path(wagtail_urls.serve_pattern, pagecache.serve, name="wagtail_serve")
if wagtail_urls.urlpatterns[-1].name != wagtail_serve.name:
    raise ImproperlyConfigured("Wagtail's page view is no longer the last of wagtail.urls: see portal/urls.py")


def sitemap_view(request):
    return sitemap(request, sitemaps=sitemaps())


checker_api.add_router("/batches", batches_router)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    # Wagtail's error test raises on purpose, so any staff member could fill the error log and the
    # administrators' mail at will; the error path is tested by the project's own tests instead.
    path("admin/failwhale/", views.page_not_found),
    # Before wagtail-localize's own view at the same address (still reversed as
    # "wagtail_localize:update_translations"): "publish" there submits drafts for review (knowledge/localize.py).
    path("admin/localize/update/<int:translation_source_id>/", UpdateTranslationsView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", checker_api.urls),
]

urlpatterns += i18n_patterns(
    path("search/", views.search_view, name="search"),
    path("members/", include("members.urls")),
    path("accounts/watch/", include("watch.urls")),
    path("accounts/", include("batches.urls")),
    path("accounts/", include("members.account_urls")),
    path("", include("checker.urls")),
    path("resolver-test/", include("resolvertest.urls")),
    path("stats/", include("campaigns.urls")),
    path("translation-missing/", views.translation_missing, name="translation_missing"),
    path("failures/", include("failures.urls")),
    path("logo/", include("members.logo.urls")),
    path("", include("knowledge.urls")),
    # Wagtail's URLs with its page view, the last of them, replaced by the portal's (portal.pagecache.serve: the same
    # address and name), after Wagtail's own _util/ views (a password-protected page's form, its login).
    path("", include([*wagtail_urls.urlpatterns[:-1], wagtail_serve])),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
