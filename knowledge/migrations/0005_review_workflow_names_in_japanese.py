"""The workflow and its task take Japanese names (knowledge.workflow): Wagtail shows them untranslated."""

from django.db import migrations

RENAMES = (("Tech-WG review", "Tech-WG レビュー"), ("Tech-WG reviewer approval", "Tech-WG レビュアーの承認"))


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    workflow, task = RENAMES
    Workflow.objects.filter(name=workflow[0]).update(name=workflow[1])
    Task.objects.filter(name=task[0]).update(name=task[1])


def rename_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    workflow, task = RENAMES
    Workflow.objects.filter(name=workflow[1]).update(name=workflow[0])
    Task.objects.filter(name=task[1]).update(name=task[0])


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_role_guides_and_equipment_verification")]

    operations = [migrations.RunPython(rename, rename_back)]
