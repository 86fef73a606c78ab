import hashlib
import json

from django.db import migrations, models

# Fields whose value is each language's column (name_ja, name_en, ...): portal.demo.fingerprint skips them.
TRANSLATED = {"name", "description"}


def _fingerprint(obj, skip=()):
    """portal.demo.fingerprint() for an organisation, on the historical model."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in TRANSLATED or field.name in skip:
            continue
        values[field.attname] = field.value_to_string(obj)
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def keep_demo_fingerprints(apps, schema_editor):
    """A new column changes every organisation's fingerprint, which would make the demo loader take each one
    for edited and never give it its aliases. A record whose fingerprint matched before the column gets the
    fingerprint with it (nobody has edited that organisation); an edited one stays edited."""
    DemoRecord = apps.get_model("portal", "DemoRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Organisation = apps.get_model("members", "Organisation")
    content_type = ContentType.objects.filter(app_label="members", model="organisation").first()
    if content_type is None:
        return
    organisations = Organisation.objects.in_bulk()
    for record in DemoRecord.objects.filter(content_type=content_type, found=False):
        obj = organisations.get(record.object_id)
        if obj is not None and record.fingerprint == _fingerprint(obj, skip={"search_aliases"}):
            record.fingerprint = _fingerprint(obj)
            record.save(update_fields=["fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0003_roles"),
        ("portal", "0002_demorecord"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_aliases",
            field=models.CharField(
                blank=True,
                help_text="Other names the organisation is known by, such as an acronym (IIJ, JPRS), separated by "
                "commas.",
                max_length=200,
                verbose_name="search aliases",
            ),
        ),
        migrations.RunPython(keep_demo_fingerprints, migrations.RunPython.noop),
    ]
