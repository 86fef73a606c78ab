from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from campaigns import admin_views
from members.admin_views import AdministratorMenuItem


@hooks.register("register_admin_urls")
def campaign_urls():
    return [
        path("campaigns/", admin_views.domain_lists, name="campaigns_lists"),
        path("campaigns/lists/<int:pk>/", admin_views.domain_list, name="campaigns_list"),
        path("campaigns/<int:pk>/", admin_views.campaign, name="campaigns_campaign"),
        path("campaigns/<int:pk>/results/", admin_views.campaign_download, name="campaigns_download"),
    ]


@hooks.register("register_admin_menu_item")
def campaigns_menu_item():
    return AdministratorMenuItem(
        _("Measurement campaigns"), reverse("campaigns_lists"), icon_name="list-ul", order=10003
    )
