from __future__ import annotations

from typing import Any

from django.db import migrations


def cursor_to_projector(apps: Any, schema_editor: Any) -> None:
    """The catalogue's own cursor becomes its row among the projector's cursors."""
    old = apps.get_model("hub_catalogue", "CatalogueProjection").objects.first()
    if old is None:
        return
    apps.get_model("exchange", "ProjectionCursor").objects.update_or_create(
        name="catalogue",
        defaults={
            "position": old.position,
            "applied_total": old.applied_total,
            "refused_total": old.refused_total,
            "last_refusal": old.last_refusal,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("hub_catalogue", "0001_initial"), ("exchange", "0005_streams_and_projections")]

    operations = [
        migrations.RunPython(cursor_to_projector, migrations.RunPython.noop),
        migrations.DeleteModel(name="CatalogueProjection"),
    ]
