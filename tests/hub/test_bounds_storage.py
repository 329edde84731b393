"""Whatever the bounded contracts accept, the hub stores and reads back unchanged: the log, the
catalogue projected from it and the members' reports, on SQLite and on PostgreSQL alike.

Values are drawn from the whole declared range: integers up to their bounds, free text of any
character the contracts admit (control characters, JSON escapes, characters beyond U+FFFF)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from common.catalogue.models import FederatedEntry, FederatedService
from contracts.api import SyncReport
from contracts.bounds import INT64_MAX
from contracts.envelope import open_envelope, parse_envelope
from contracts.messages import MESSAGE_TYPES, read_message, upcast
from hub.exchange.models import MemberSync, Message
from hub.exchange.projections import projection_rebuild
from hub.exchange.services import member_report, messages_ingest
from tests.factories import resolver_for, signed_message
from tests.hub.conftest import NodeClient
from tests.strategies import model_instances

pytestmark = pytest.mark.django_db
STORED = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
CATALOGUE = [
    (name, version)
    for name in (
        "catalogue.service",
        "catalogue.organization",
        "catalogue.location",
        "catalogue.service_at_location",
    )
    for version in MESSAGE_TYPES[name].versions
]


def _projected(data: BaseModel) -> Any:
    if isinstance(data, MESSAGE_TYPES["catalogue.service"].versions["1.0"]):
        return FederatedService.objects.get(service_id=data.id)  # type: ignore[attr-defined]
    return FederatedEntry.objects.get(entry_id=data.id)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "version"), CATALOGUE, ids=[f"{n}-{v}" for n, v in CATALOGUE])
def test_any_catalogue_entry_the_contracts_accept_is_logged_and_projected_unchanged(
    butel: NodeClient, name: str, version: str
) -> None:
    resolve = resolver_for(butel.key, butel.code)

    @STORED
    @given(
        data=model_instances(MESSAGE_TYPES[name].versions[version], wide=True),
        sequence=st.integers(min_value=1, max_value=INT64_MAX),
    )
    def stored(data: BaseModel, sequence: int) -> None:
        Message.objects.all().delete()  # each example starts a sender afresh: sequences only grow
        envelope = signed_message(
            key=butel.key, source=butel.code, message_type=name, data=data, sequence=sequence, version=version
        )
        [result] = messages_ingest(member_code=butel.code, raw_messages=[envelope.to_wire()])
        assert result.status == "accepted", result.error
        logged = Message.objects.get()
        assert (logged.sequence, bytes(logged.envelope)) == (sequence, envelope.to_bytes())
        event = upcast(
            read_message(open_envelope(parse_envelope(bytes(logged.envelope)), resolve_key=resolve))
        )
        report = projection_rebuild(name="catalogue")
        assert (report.applied, report.refused) == (1, 0)
        row = _projected(data)
        assert row.revision == data.revision  # type: ignore[attr-defined]
        assert type(event.data).model_validate(row.data) == event.data

    stored()


@STORED
@given(report=model_instances(SyncReport, wide=True))
def test_any_sync_report_the_contract_accepts_is_kept_unchanged(
    butel: NodeClient, report: SyncReport
) -> None:
    member_report(code=butel.code, report=report)
    kept = MemberSync.objects.get(member__code=butel.code)
    assert (
        SyncReport(
            outbox_pending=kept.outbox_pending,
            outbox_dead=kept.outbox_dead,
            inbox_dead=kept.inbox_dead,
            log_alarms=kept.log_alarms,
            last_error=kept.node_last_error,
        )
        == report
    )
