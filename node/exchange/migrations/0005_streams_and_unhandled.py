from __future__ import annotations

from typing import Any

from django.db import migrations, models
from django.db.models.functions import Length


def streams_and_sizes(apps: Any, schema_editor: Any) -> None:
    """Each outbox message's stream is its type's family; sequences so far were one stream per
    node, in which only the catalogue ever travelled, so they stay valid in their stream."""
    outbox = apps.get_model("exchange", "OutboxMessage")
    for message_type in outbox.objects.values_list("type", flat=True).distinct():
        outbox.objects.filter(type=message_type).update(stream=message_type.split(".", 1)[0])
    outbox.objects.update(wire_bytes=Length("envelope"))


class Migration(migrations.Migration):
    dependencies = [("exchange", "0004_activity_and_heartbeats")]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="stream",
            field=models.CharField(
                default="", help_text="The type's family; sequences count within it.", max_length=40
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="wire_bytes",
            field=models.IntegerField(default=0, help_text="Bytes of the signed envelope."),
        ),
        migrations.RunPython(streams_and_sizes, migrations.RunPython.noop),
        migrations.AlterField(model_name="outboxmessage", name="sequence", field=models.BigIntegerField()),
        migrations.AddConstraint(
            model_name="outboxmessage",
            constraint=models.UniqueConstraint(fields=("stream", "sequence"), name="unique_outbox_stream_sequence"),
        ),
        migrations.RemoveIndex(model_name="outboxmessage", name="exchange_ou_sent_at_e3027e_idx"),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(fields=["sent_at", "stream", "sequence"], name="outbox_pending_index"),
        ),
        migrations.AlterField(
            model_name="inboxmessage",
            name="status",
            field=models.CharField(
                choices=[("applied", "Applied"), ("rejected", "Rejected"), ("unhandled", "Unhandled")],
                max_length=10,
            ),
        ),
    ]
