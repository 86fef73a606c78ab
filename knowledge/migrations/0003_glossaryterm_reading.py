from django.db import migrations, models

import portal.kana
from portal.demo import keep_fingerprints_after_new_fields


def keep_demo_fingerprints(apps, schema_editor):
    keep_fingerprints_after_new_fields(apps, "knowledge", "GlossaryTerm", {"reading"})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("knowledge", "0002_review_workflow"),
        ("portal", "0002_demorecord"),
    ]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="reading",
            field=models.CharField(
                blank=True,
                help_text="Japanese terms: the reading in kana, e.g. かぎしょめいかぎ for 鍵署名鍵; required when the term "
                "has kanji. Left empty, a term sorts by itself: Latin letters (A–Z) before kana.",
                max_length=100,
                validators=[portal.kana.validate_reading],
                verbose_name="reading (yomi)",
            ),
        ),
        migrations.RunPython(keep_demo_fingerprints, migrations.RunPython.noop),
    ]
