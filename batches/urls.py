from django.urls import path

from batches import views

app_name = "batches"
urlpatterns = [
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/<uuid:batch_id>/results/", views.batch_download, name="batch_download"),
]
