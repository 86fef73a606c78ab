"""A user holds a set of roles (members/roles.py) instead of one: each role becomes a list of one, and
administrators made by `createsuperuser` before this get their membership."""

from django.db import migrations

import members.models


def roles_from_role(apps, schema_editor):
    for model_name in ("Membership", "Invitation"):
        model = apps.get_model("members", model_name)
        for row in model.objects.all():
            row.roles = [row.role]
            row.save(update_fields=["roles"])
    User = apps.get_model("auth", "User")
    Membership = apps.get_model("members", "Membership")
    for user in User.objects.filter(is_superuser=True, membership__isnull=True):
        Membership.objects.create(user=user, roles=["administrator"])


def role_from_roles(apps, schema_editor):
    for model_name in ("Membership", "Invitation"):
        model = apps.get_model("members", model_name)
        for row in model.objects.all():
            # The highest of the roles held (the table's last), since one role is all the old field holds.
            row.role = row.roles[-1] if row.roles else "member"
            row.save(update_fields=["role"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0008_service_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="roles",
            field=members.models.RolesField(default=list, verbose_name="roles"),
        ),
        migrations.AddField(
            model_name="membership",
            name="roles",
            field=members.models.RolesField(default=list, verbose_name="roles"),
        ),
        migrations.RunPython(roles_from_role, role_from_roles),
        migrations.RemoveField(model_name="invitation", name="role"),
        migrations.RemoveField(model_name="membership", name="role"),
    ]
