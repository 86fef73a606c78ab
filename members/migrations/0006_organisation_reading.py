from django.db import migrations, models

import portal.kana
from portal.demo import keep_fingerprints_after_new_fields


def keep_demo_fingerprints(apps, schema_editor):
    keep_fingerprints_after_new_fields(apps, "members", "Organisation", {"reading"}, translated={"name", "description"})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0005_staff_session_trace"),
        ("portal", "0002_demorecord"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="reading",
            field=models.CharField(
                blank=True,
                help_text="The Japanese name's reading in kana, without the legal form (株式会社, 一般社団法人), "
                "e.g. にほんれじすとりさーびす. The Japanese list is sorted by it; required when the name has kanji.",
                max_length=200,
                validators=[portal.kana.validate_reading],
                verbose_name="reading (yomi)",
            ),
        ),
        migrations.RunPython(keep_demo_fingerprints, migrations.RunPython.noop),
    ]
