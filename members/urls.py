from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.organisation, name="organisation"),
]
