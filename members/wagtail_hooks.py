from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "category", "confirmed"]
    list_filter = ["category", "confirmed"]
    search_fields = ["name_ja", "name_en"]
    panels = [
        FieldRowPanel([FieldPanel("name_ja"), FieldPanel("name_en")]),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("confirmed")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description_ja"),
        FieldPanel("description_en"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        InlinePanel("domains", heading=_("Domains"), label=_("domain")),
    ]


register_snippet(OrganisationViewSet)


class InvitationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("members.add_invitation")


@hooks.register("register_admin_menu_item")
def invitation_menu_item():
    return InvitationMenuItem(_("Invite a user"), reverse("accounts:invite"), icon_name="mail", order=10000)
