from __future__ import annotations

from typing import Any

from django.db import migrations

MINISTRY_GROUP = "ministry"


def create_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.get_or_create(name=MINISTRY_GROUP)


def remove_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=MINISTRY_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("hub_statistics", "0002_totals_policy_tokens"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
