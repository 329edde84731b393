"""Whatever the bounded contracts accept, a node stores and reads back unchanged when it pulls
it: the inbox row and the federated catalogue, on SQLite and on PostgreSQL alike.

Values are drawn from the whole declared range: integers up to their bounds, free text of any
character the contracts admit (control characters, JSON escapes, characters beyond U+FFFF)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from common.catalogue.models import FederatedEntry, FederatedService
from contracts.bounds import INT64_MAX
from contracts.messages import MESSAGE_TYPES
from node.exchange.inbox import PullReport, inbox_accept
from node.exchange.models import InboxMessage
from tests.factories import signed_message
from tests.node.conftest import Federation
from tests.strategies import model_instances

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


@pytest.mark.parametrize(("name", "version"), CATALOGUE, ids=[f"{n}-{v}" for n, v in CATALOGUE])
def test_any_catalogue_entry_the_contracts_accept_is_kept_unchanged_by_a_receiver(
    federation: Federation, name: str, version: str
) -> None:
    current = MESSAGE_TYPES[name].versions[MESSAGE_TYPES[name].current]

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
        ],
    )
    @given(
        data=model_instances(MESSAGE_TYPES[name].versions[version], wide=True),
        sequence=st.integers(min_value=1, max_value=INT64_MAX),
    )
    def kept(data: BaseModel, sequence: int) -> None:
        # Each example starts a catalogue afresh: an id drawn again must not meet a newer revision.
        FederatedService.objects.all().delete()
        FederatedEntry.objects.all().delete()
        envelope = signed_message(
            key=federation.peer_key,
            source="MK-CAIR",
            message_type=name,
            data=data,
            sequence=sequence,
            version=version,
        )
        report = PullReport()
        inbox_accept(federation.pulled(envelope), report)  # type: ignore[arg-type]
        assert report.applied == 1
        received = InboxMessage.objects.get(log_index=federation.next_index - 1)
        assert (received.sequence, bytes(received.envelope)) == (sequence, envelope.to_bytes())
        model = FederatedService if name == "catalogue.service" else FederatedEntry
        row = model.objects.get(**{"service_id" if model is FederatedService else "entry_id": data.id})  # type: ignore[attr-defined]
        assert row.revision == data.revision  # type: ignore[attr-defined]
        assert current.model_validate(row.data) == current.model_validate(data.model_dump(mode="json"))

    kept()
