from django.urls import path

from members import status_views, views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    # Before the organisations' pattern: "status" is a reserved slug (members.models.RESERVED_SLUGS).
    path("status/", status_views.registry, name="status"),
    path("status/export.csv", status_views.registry_csv, name="status_csv"),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:slug>/status/", status_views.manage, name="status_manage"),
    path("<slug:slug>/status/new/<slug:kind>/", status_views.create, name="status_create"),
    path("<slug:slug>/status/<int:pk>/", status_views.edit, name="status_edit"),
    path("<slug:slug>/status/<int:pk>/delete/", status_views.delete, name="status_delete"),
]
