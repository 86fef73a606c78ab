from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.overview, name="stats"),
    path("list/<slug:slug>/", views.list_page, name="list"),
    path("list/<slug:slug>/trend.<str:fmt>", views.trend_download, name="trend_download"),
    path("campaign/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaign/<int:pk>/figures.<str:fmt>", views.figures_download, name="figures_download"),
    path("campaign/<int:pk>/bogus/", views.bogus_names, name="bogus"),
]
