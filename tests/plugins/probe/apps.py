"""The probe plug-in: installed with SOCIALHUB_PLUGINS=tests.plugins.probe at the hub and at
the nodes, it registers its family, a projection at the hub and appliers at a node, through
the plug-in points alone."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.db.models import F

from contracts.errors import ContractError


def probe_apply(events: list[Any]) -> dict[int, ContractError]:
    from tests.plugins.probe.models import ProbeNote

    for event in events:
        note, _ = ProbeNote.objects.get_or_create(
            note_id=event.data.note_id,
            defaults={
                "source": event.source,
                "type": event.type,
                "text": getattr(event.data, "text", ""),
                "size": len(getattr(event.data, "filler", "")),
            },
        )
        ProbeNote.objects.filter(pk=note.pk).update(applied=F("applied") + 1)
    return {}


def probe_forget() -> None:
    from tests.plugins.probe.models import ProbeNote

    ProbeNote.objects.all().delete()


class ProbeConfig(AppConfig):
    name = "tests.plugins.probe"
    label = "probe"

    def ready(self) -> None:
        from contracts.messages import family_register
        from tests.plugins.probe.family import PROBE

        family_register(PROBE)
        names = frozenset(t.name for t in PROBE.types)
        if apps.is_installed("hub.exchange"):
            from hub.exchange.projections import Projection, projection_register

            projection_register(
                Projection(
                    name="probe",
                    types=names,
                    apply=lambda _type, entries: probe_apply([e.event for e in entries]),
                    reset=probe_forget,
                )
            )
        if apps.is_installed("node.exchange"):
            from node.exchange.inbox import applier_register

            for name in sorted(names):
                applier_register(name, probe_apply)
