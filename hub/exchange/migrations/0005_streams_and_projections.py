from __future__ import annotations

from django.db import migrations, models

from common.db import streams_from_types


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
        streams_from_types("exchange", "Message"),
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
