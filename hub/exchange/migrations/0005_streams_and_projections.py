from __future__ import annotations

from typing import Any

from django.db import migrations, models
from django.db.models.functions import Length


def streams_and_sizes(apps: Any, schema_editor: Any) -> None:
    """Each logged entry's stream is its type's family; its wire size is envelope and receipt."""
    message = apps.get_model("exchange", "Message")
    for message_type in message.objects.values_list("type", flat=True).distinct():
        message.objects.filter(type=message_type).update(stream=message_type.split(".", 1)[0])
    message.objects.update(wire_bytes=Length("envelope") + Length("receipt"))


class Migration(migrations.Migration):
    dependencies = [("exchange", "0004_projection_dead_letters")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="stream",
            field=models.CharField(
                default="",
                help_text="The type's family: a source's sequence numbers count within it.",
                max_length=40,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="message",
            name="wire_bytes",
            field=models.IntegerField(
                default=0, help_text="Bytes of envelope and receipt: what the entry adds to a pulled page."
            ),
        ),
        migrations.RunPython(streams_and_sizes, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="message", name="unique_source_sequence"),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(
                fields=("source", "stream", "sequence"), name="unique_source_stream_sequence"
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["type", "log_index"], name="message_type_index"),
        ),
        # 0004 named this constraint otherwise than the model does.
        migrations.RemoveConstraint(model_name="projectiondeadletter", name="one_dead_letter_per_entry"),
        migrations.AddConstraint(
            model_name="projectiondeadletter",
            constraint=models.UniqueConstraint(
                fields=("consumer", "log_index"), name="one_dead_letter_per_consumer_entry"
            ),
        ),
        migrations.CreateModel(
            name="ProjectionCursor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40, unique=True)),
                ("position", models.BigIntegerField(default=0, help_text="The last log index read.")),
                ("applied_total", models.BigIntegerField(default=0)),
                ("refused_total", models.BigIntegerField(default=0)),
                ("last_refusal", models.TextField(blank=True, default="")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={"ordering": ["name"]},
        ),
    ]
