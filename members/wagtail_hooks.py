from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members import admin_users, admin_views, colleagues, domain_views, entry_review, volunteers
from members.models import Membership, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["__str__", "category", "confirmed"]
    list_filter = ["category", "confirmed"]
    search_fields = ["name_ja", "name_en", "reading"]
    panels = [
        FieldRowPanel([FieldPanel("name_ja"), FieldPanel("name_en")]),
        FieldPanel("reading"),
        FieldPanel("slug"),
        FieldPanel("search_aliases"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("confirmed"), FieldPanel("demo")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description_ja"),
        FieldPanel("description_en"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        InlinePanel("domains", heading=_("Domains"), label=_("domain")),
        # resolvertest.models.ResolverPrefix: names the operator of a resolver test's resolver.
        InlinePanel("resolver_prefixes", heading=_("Resolver address prefixes"), label=_("prefix")),
        FieldPanel("named_in_resolver_statistics"),
    ]


register_snippet(OrganisationViewSet)


class MembershipViewSet(ModelViewSet):
    """Where an administrator changes a user's organisation or role; the groups follow on save.

    A plain model viewset, not a snippet: a snippet brings a chooser that would
    list every user's address to anyone in the admin.
    """

    model = Membership
    icon = "user"
    menu_label = _("Users' roles")
    add_to_admin_menu = True
    menu_order = 10001
    list_display = ["user", "organisation", "roles_display", "language"]
    list_filter = ["organisation", "language"]
    search_fields = ["user__username", "user__email"]
    form_fields = ["user", "organisation", "roles", "language"]


@hooks.register("register_admin_viewset")
def membership_viewset():
    return MembershipViewSet("members_membership")


# Wagtail's "Assign role" gives a group; this one gives a role of the table (same action type, registered after).
hooks.register("register_bulk_action", admin_users.AssignTableRoleBulkAction, order=100)


class InvitationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("members.add_invitation")


@hooks.register("register_admin_menu_item")
def invitation_menu_item():
    return InvitationMenuItem(_("Invite a user"), reverse("accounts:invite"), icon_name="mail", order=10000)


@hooks.register("register_admin_urls")
def login_failure_urls():
    return [
        path("login-failures/", admin_views.login_failures, name="members_login_failures"),
        path("login-failures/clear/", admin_views.clear_login_failures, name="members_login_failures_clear"),
    ]


@hooks.register("register_admin_menu_item")
def login_failures_menu_item():
    return admin_views.AdministratorMenuItem(
        _("Failed logins"), reverse("members_login_failures"), icon_name="lock", order=10002
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(admin_views.CLEAR_ACTION, _("Clear failed logins"), _("Failed logins cleared"))
    actions.register_action(colleagues.INVITED, _("Invite a colleague"), _("Colleague invited"))
    actions.register_action(
        colleagues.INVITATION_WITHDRAWN, _("Withdraw a colleague's invitation"), _("Colleague's invitation withdrawn")
    )
    actions.register_action(colleagues.ROLES_CHANGED, _("Change a colleague's role"), _("Colleague's role changed"))
    actions.register_action(colleagues.REMOVED, _("Remove a colleague"), _("Colleague removed from the organisation"))
    actions.register_action(domain_views.ADDED, _("Add a domain"), _("Domain added"))
    actions.register_action(domain_views.REMOVED, _("Remove a domain"), _("Domain removed"))
    actions.register_action(
        entry_review.PROPOSED, _("Propose changes to the entry"), _("Changes to the entry proposed")
    )
    actions.register_action(entry_review.APPROVED, _("Approve proposed changes"), _("Proposed changes approved"))
    actions.register_action(entry_review.REJECTED, _("Reject proposed changes"), _("Proposed changes rejected"))
    actions.register_action(volunteers.APPLIED, _("Apply to translate"), _("Applied to translate"))
    actions.register_action(volunteers.APPROVED, _("Approve a translator"), _("Translator approved"))
    actions.register_action(
        volunteers.REJECTED, _("Reject a translator application"), _("Translator application rejected")
    )
