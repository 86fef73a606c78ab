from django.urls import path

from checker import views

app_name = "checker"
# Ids travel as strings and are checked in the views, so a malformed one is a 404, never a 500.
urlpatterns = [
    path("check/", views.check_form, name="check"),
    path("check/<str:run_id>/", views.run_page, name="run"),
    path("check/domain/<str:domain>/", views.domain_history, name="history"),
    path("findings/", views.finding_index, name="findings"),
    path("findings/<str:finding_id>/", views.finding_page, name="finding"),
]
