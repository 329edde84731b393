from __future__ import annotations

from django.db import migrations, models

from common.db import streams_from_types

# Sequences so far were one stream per node, in which only the catalogue ever travelled, so
# they stay valid in their stream.


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
        streams_from_types("exchange", "OutboxMessage"),
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
