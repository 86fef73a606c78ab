"""Wagtail's users app, with its user and group views bound to the role table (members/admin_users.py).

Its own module: members/apps.py must hold one AppConfig for Django to pick the members app's.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAdminConfig(WagtailUsersAppConfig):
    user_viewset = "members.admin_users.RoleUserViewSet"
    group_viewset = "members.admin_users.RoleTableGroupViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from members import roles
        from members.admin_users import RoleTableGroupPolicy

        register_permission_policy(Group, RoleTableGroupPolicy(Group))
        # Every form that offers groups (a private page's "users in specific groups", a workflow task's reviewers)
        # labels a choice with str(group): the role's name in the reader's language, not the stored English name.
        Group.__str__ = lambda group: roles.group_label(group.name)
