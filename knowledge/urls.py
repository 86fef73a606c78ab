from django.urls import path

from knowledge import feeds, views

app_name = "knowledge"
urlpatterns = [
    path("feeds/<slug:kind>.atom", feeds.KnowledgeFeed(), name="feed"),
    path("help-translate/", views.help_translate, name="help_translate"),
]
