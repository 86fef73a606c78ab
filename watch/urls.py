from django.urls import path

from watch import views

app_name = "watch"
urlpatterns = [
    path("", views.watch_list, name="list"),
    path("webhook/", views.webhook, name="webhook"),
    path("webhook/delete/", views.webhook_delete, name="webhook_delete"),
    path("feed/<str:token>/", views.feed, name="feed"),
    path("<int:pk>/", views.history, name="history"),
    path("<int:pk>/settings/", views.update, name="update"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
