from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.bounds import INT32_MAX, INT64_MAX
from contracts.envelope import b64_decode, b64_encode, open_envelope, seal_envelope
from contracts.errors import (
    BadSignatureError,
    PayloadTypeMismatchError,
    SchemaViolationError,
    SourceMismatchError,
    UnknownMessageTypeError,
    UnsupportedVersionError,
)
from contracts.messages import new_message_id, read_message
from tests.factories import resolver_for, service_data, signed_service_message

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-BUTEL")


def _event_bytes(**overrides: object) -> bytes:
    event = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "MK-BUTEL",
        "type": "catalogue.service",
        "dataversion": "1.2",
        "time": "2026-11-23T10:00:00Z",
        "sequence": 1,
        "recipients": [],
        "datacontenttype": "application/json",
        "data": json.loads(service_data().model_dump_json()),
    }
    event.update(overrides)
    return json.dumps(event).encode()


def _read(payload: bytes, *, message_type: str = "catalogue.service", version: str = "1.2") -> object:
    envelope = seal_envelope(message_type=message_type, version=version, payload=payload, key=KEY)
    return read_message(open_envelope(envelope, resolve_key=RESOLVE))


def test_a_written_message_reads_back_unchanged() -> None:
    data = service_data()
    message_id = new_message_id()
    envelope = signed_service_message(
        key=KEY, source="MK-BUTEL", sequence=7, data=data, message_id=message_id
    )
    event = read_message(open_envelope(envelope, resolve_key=RESOLVE))
    assert (event.id, event.sequence, event.source, event.data) == (message_id, 7, "MK-BUTEL", data)


def test_message_ids_are_uuid_version_7() -> None:
    assert new_message_id().version == 7


def test_it_rejects_a_message_claiming_another_node_as_its_source() -> None:
    with pytest.raises(SourceMismatchError, match="Signed by MK-BUTEL but claims source MK-CAIR"):
        _read(_event_bytes(source="MK-CAIR"))


def test_it_rejects_a_payload_whose_type_differs_from_the_signed_type() -> None:
    with pytest.raises(PayloadTypeMismatchError, match="signed as catalogue.service"):
        _read(_event_bytes(dataversion="1.0"))


def test_it_rejects_an_unknown_message_type() -> None:
    with pytest.raises(UnknownMessageTypeError, match="catalogue.recipe"):
        _read(_event_bytes(type="catalogue.recipe"), message_type="catalogue.recipe")


def test_it_rejects_an_unsupported_version() -> None:
    with pytest.raises(UnsupportedVersionError, match="supported: 1.0, 1.1, 1.2"):
        _read(_event_bytes(dataversion="9.0"), version="9.0")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": {"de": "Beratung"}}, "data.name.de.[key]"),
        ({"target_groups": ["astronauts"]}, "data.target_groups.0"),
        ({"revision": "2"}, "data.revision"),
        ({"surprise": True}, "data.surprise"),
    ],
)
def test_it_rejects_a_payload_that_violates_the_schema_and_names_the_field(
    change: dict[str, object], field: str
) -> None:
    data = json.loads(service_data().model_dump_json()) | change
    with pytest.raises(SchemaViolationError) as raised:
        _read(_event_bytes(data=data))
    assert field in [item["field"] for item in raised.value.detail]


def test_it_rejects_an_unknown_top_level_attribute() -> None:
    with pytest.raises(SchemaViolationError):
        _read(_event_bytes(priority="high"))


@settings(max_examples=60, deadline=None)
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_any_change_of_a_signed_byte_is_detected(position: int, bit: int) -> None:
    envelope = signed_service_message(key=KEY, source="MK-BUTEL")
    payload = bytearray(b64_decode(envelope.payload))
    payload[position % len(payload)] ^= 1 << bit
    tampered = envelope.model_copy(update={"payload": b64_encode(bytes(payload))})
    with pytest.raises(BadSignatureError):
        open_envelope(tampered, resolve_key=RESOLVE)


@settings(max_examples=40, deadline=None)
@given(
    name=st.dictionaries(
        st.sampled_from(["mk", "bg", "sr-Cyrl", "sr-Latn", "sq", "en"]),
        # Any text the contracts can store: everything but NUL and lone surrogates (which no
        # UTF-8 encodes).
        st.text(
            st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=50
        ).filter(lambda s: s.strip() == s and s),
        min_size=1,
    ),
    sequence=st.integers(min_value=1, max_value=INT64_MAX),
    revision=st.integers(min_value=1, max_value=INT32_MAX),
)
def test_every_service_round_trips_through_signing_and_verification(
    name: dict[str, str], sequence: int, revision: int
) -> None:
    data = service_data(name=name, revision=revision)
    envelope = signed_service_message(key=KEY, source="MK-BUTEL", sequence=sequence, data=data)
    event = read_message(open_envelope(envelope, resolve_key=RESOLVE))
    assert event.data == data
    assert event.sequence == sequence
    assert event.time <= dt.datetime.now(dt.UTC)
