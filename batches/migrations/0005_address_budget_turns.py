from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("batches", "0004_address_budget"),
    ]

    operations = [
        migrations.RenameField(model_name="addressbudget", old_name="next_at", new_name="last_at"),
        migrations.AddField(
            model_name="addressbudget",
            name="turns",
            field=models.TextField(blank=True, default=""),
        ),
    ]
