from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="ProbeNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("note_id", models.UUIDField(unique=True)),
                ("source", models.CharField(max_length=24)),
                ("type", models.CharField(max_length=40)),
                ("text", models.CharField(blank=True, default="", max_length=200)),
                ("size", models.IntegerField(default=0)),
                ("applied", models.IntegerField(default=0)),
            ],
        ),
    ]
