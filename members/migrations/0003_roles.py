"""Create the roles' groups and permissions from members.roles.ROLES (the one table).

Later `migrate` runs re-apply the table (post_migrate in members.apps), so
permissions that later features add to it reach the groups too.
"""
from django.db import migrations


def apply_roles(apps, schema_editor):
    from members.roles import apply_roles as apply

    apply(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0002_accounts_domains_invitations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
