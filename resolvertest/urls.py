from django.urls import path

from resolvertest import views

app_name = "resolvertest"
# The pixel is no URL pattern: resolvertest.pixel answers it on the test names only, before the session.
urlpatterns = [
    path("", views.start_page, name="start"),
    path("stats/", views.stats_page, name="stats"),
    path("<str:public_id>/", views.result_page, name="result"),
    path("<str:public_id>/report", views.report, name="report"),
]
