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

        from members.admin_users import RoleTableGroupPolicy

        register_permission_policy(Group, RoleTableGroupPolicy(Group))
