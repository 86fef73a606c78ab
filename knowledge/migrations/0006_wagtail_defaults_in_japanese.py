"""What Wagtail's own migrations put in the database in English takes a Japanese name, since Wagtail shows these
names as they are: its default workflow and task (wagtailcore 0048), "Moderators approval", in the workflow
and task lists, and the title of the tree's root page, "Root", in the admin's breadcrumbs. The portal's pages go
through the Tech-WG review (0002, 0005); the default workflow stays for any page an administrator assigns it to."""

from django.db import migrations

WORKFLOW = ("Moderators approval", "モデレーターの承認")
ROOT_TITLE = ("Root", "ルート")


def rename(apps, schema_editor, back=False):
    old, new = (1, 0) if back else (0, 1)
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=WORKFLOW[old]).update(name=WORKFLOW[new])
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_TITLE[old])
    root.update(title=ROOT_TITLE[new], draft_title=ROOT_TITLE[new])


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0005_review_workflow_names_in_japanese"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
