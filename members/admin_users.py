"""Wagtail's Users and Groups admin, closed to every change that would bypass the role table.

A user's access comes from the roles on their membership (members/roles.py), so:
- the user forms ask for roles, organisation and e-mail language instead of groups and a superuser flag,
  and save them as the user's Membership;
- the "Assign role" bulk action gives a role of the table, not a group;
- groups are shown, never added, changed or deleted here: their permissions follow the table at every migrate.
Whatever gets past these (the shell, a fixture), members.signals takes back.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.groups import GroupViewSet
from wagtail.users.views.groups import IndexView as GroupIndexView
from wagtail.users.views.users import UserViewSet

from members import roles
from members.forms import RolesCheckedForm
from members.models import Membership, Organisation, check_roles

ROLE_FIELDS = ("roles", "organisation", "language")


class RolesFormMixin(RolesCheckedForm):
    """Roles, organisation and language on Wagtail's user form, saved as the user's Membership."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("is_superuser", None)
        self.fields.pop("groups", None)
        membership = getattr(self.instance, "membership", None) if self.instance.pk else None
        self.fields["roles"] = Membership._meta.get_field("roles").formfield(
            initial=membership.roles if membership else []
        )
        self.fields["organisation"] = forms.ModelChoiceField(
            Organisation.objects.order_by("name_en"),
            label=capfirst(_("organisation")),
            required=False,
            initial=membership.organisation_id if membership else None,
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of e-mails"),
            choices=settings.LANGUAGES,
            initial=membership.language if membership else settings.LANGUAGE_CODE,
        )
        if getattr(self, "editing_self", False):
            # As Wagtail does with its superuser flag: nobody takes their own administrator role away by mistake.
            for name in ROLE_FIELDS:
                self.fields[name].disabled = True

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            Membership.objects.update_or_create(
                user=user, defaults={name: self.cleaned_data[name] for name in ROLE_FIELDS}
            )
        return user


class RoleUserCreationForm(RolesFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields - {"is_superuser", "groups"}
        widgets = {}


class RoleUserEditForm(RolesFormMixin, UserEditForm):
    def __init__(self, *args, **kwargs):
        self.editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields - {"is_superuser", "groups"}
        widgets = {}


class RoleUserViewSet(UserViewSet):
    create_template_name = "members/admin/user_create.html"
    edit_template_name = "members/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return RoleUserEditForm if for_update else RoleUserCreationForm


class RoleTableGroupPolicy(ModelPermissionPolicy):
    """Groups belong to the role table: administrators may look at them, nobody adds, changes or deletes one."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm("auth.view_group")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class RoleTableGroupIndexView(GroupIndexView):
    columns = [
        TitleColumn(
            "label",
            label=_("Role"),
            accessor=lambda group: roles.group_label(group.name),
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
        Column("name", label=_("Group name")),
    ]


class RoleTableGroupViewSet(GroupViewSet):
    """Wagtail's groups views under RoleTableGroupPolicy (registered for Group in members/users_app.py), listed by
    their roles' names in the reader's language."""

    index_view_class = RoleTableGroupIndexView


class RoleChoiceForm(forms.Form):
    role = forms.ChoiceField(label=pgettext_lazy("membership", "role"), choices=roles.ASSIGNABLE_CHOICES)


class AssignTableRoleBulkAction(AssignRoleBulkAction):
    """Wagtail's "Assign role", giving a role of the table (added to the roles each user holds)."""

    form_class = RoleChoiceForm

    @classmethod
    def execute_action(cls, objects, role=None, **kwargs):
        given = 0
        for user in objects:
            membership = getattr(user, "membership", None) or Membership(user=user)
            membership.roles = [*membership.roles, role]
            try:
                check_roles(membership.roles, membership.organisation)
            except ValidationError:
                continue  # a role that needs an organisation, for a user without one: left out, and counted
            membership.save()
            given += 1
        return given, len(objects) - given

    def get_success_message(self, num_parent_objects, num_child_objects):
        label = roles.Role(self.cleaned_form.cleaned_data["role"]).label
        message = ngettext(
            "%(count)d user now holds the role %(role)s.",
            "%(count)d users now hold the role %(role)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "role": label}
        if num_child_objects:
            message += " " + ngettext(
                "%(count)d user was left out: the role belongs to an organisation, and the user has none.",
                "%(count)d users were left out: the role belongs to an organisation, and they have none.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message
