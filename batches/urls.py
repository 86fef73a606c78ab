from django.urls import path

from batches import views

app_name = "batches"
urlpatterns = [
    path("", views.api_tokens, name="api_tokens"),
    path("<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
