"""The moderation workflow of the knowledge base: editors submit, Tech-WG reviewers approve."""
from django.db import migrations


def create_workflow(apps, schema_editor):
    from knowledge.workflow import ensure_review_workflow

    ensure_review_workflow(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0001_initial"),
        ("members", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
