"""Every registered type and version, with generated data: bytes, signing and verification
change nothing; any changed byte is caught; unknown fields are handled as documented."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from contracts.bounds import INT64_MAX
from contracts.envelope import b64_decode, b64_encode, open_envelope, parse_envelope, seal_envelope
from contracts.errors import BadSignatureError, SchemaViolationError
from contracts.keys import b64u_encode
from contracts.messages import (
    MESSAGE_TYPES,
    event_bytes,
    new_message_id,
    read_message,
    upcast,
    write_message,
    write_message_bytes,
)
from tests.factories import resolver_for
from tests.strategies import message_data

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-BUTEL")
VERSIONS = [(name, version) for name, mtype in MESSAGE_TYPES.items() for version in mtype.versions]
IDS = [f"{name}-{version}" for name, version in VERSIONS]
GENERATED = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _recipients(name: str) -> tuple[str, ...]:
    return ("MK-CAIR",) if MESSAGE_TYPES[name].routing == "direct" else ()


def _write(name: str, version: str, data: BaseModel, **overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "message_id": new_message_id(),
        "source": "MK-BUTEL",
        "message_type_name": name,
        "sequence": 1,
        "data": data,
        "key": KEY,
        "time": dt.datetime.now(dt.UTC),
        "recipients": _recipients(name),
        "version": version,
    }
    return arguments | overrides


@pytest.mark.parametrize(("name", "version"), VERSIONS, ids=IDS)
def test_every_type_and_version_round_trips_through_bytes_signing_and_verification(
    name: str, version: str
) -> None:
    @GENERATED
    @given(
        data=message_data(name, version),
        sequence=st.integers(min_value=1, max_value=INT64_MAX),
    )
    def round_trip(data: BaseModel, sequence: int) -> None:
        arguments = _write(name, version, data, sequence=sequence)
        wire = write_message_bytes(**arguments)
        event = read_message(open_envelope(parse_envelope(wire), resolve_key=RESOLVE))
        assert (event.type, event.dataversion, event.id, event.sequence) == (
            name,
            version,
            arguments["message_id"],
            sequence,
        )
        assert event.data == data
        assert upcast(event).dataversion == MESSAGE_TYPES[name].current

    round_trip()


@pytest.mark.parametrize(("name", "version"), VERSIONS, ids=IDS)
def test_the_fast_writer_gives_exactly_the_bytes_of_the_models(name: str, version: str) -> None:
    @GENERATED
    @given(data=message_data(name, version))
    def same_bytes(data: BaseModel) -> None:
        arguments = _write(name, version, data)
        envelope = write_message(**arguments)
        assert write_message_bytes(**arguments) == envelope.to_bytes()
        model = MESSAGE_TYPES[name].event_model(version)
        fields = {k: arguments[k] for k in ("source", "sequence", "time", "recipients", "data")}
        expected = model(id=arguments["message_id"], type=name, dataversion=version, **fields)
        assert b64_decode(envelope.payload) == expected.model_dump_json().encode()

    same_bytes()


@pytest.mark.parametrize(("name", "version"), VERSIONS, ids=IDS)
def test_any_changed_signed_byte_is_caught_for_every_type(name: str, version: str) -> None:
    @GENERATED
    @given(
        data=message_data(name, version),
        position=st.integers(min_value=0),
        bit=st.integers(min_value=0, max_value=7),
    )
    def tampered(data: BaseModel, position: int, bit: int) -> None:
        envelope = write_message(**_write(name, version, data))
        payload = bytearray(b64_decode(envelope.payload))
        payload[position % len(payload)] ^= 1 << bit
        changed = envelope.model_copy(update={"payload": b64_encode(bytes(payload))})
        with pytest.raises(BadSignatureError):
            open_envelope(changed, resolve_key=RESOLVE)

    tampered()


def _with_unknown_field(name: str, version: str, *, signed_as: str | None = None) -> object:
    @settings(max_examples=1, deadline=None, database=None)
    @given(data=message_data(name, version))
    def one(data: BaseModel) -> None:
        found.append(data)

    found: list[BaseModel] = []
    one()
    payload = json.loads(b64_decode(write_message(**_write(name, version, found[0])).payload))
    payload["data"]["surprise"] = {"added": "later"}
    payload["dataversion"] = signed_as or version
    envelope = seal_envelope(
        message_type=name, version=signed_as or version, payload=json.dumps(payload).encode(), key=KEY
    )
    return open_envelope(envelope, resolve_key=RESOLVE)


@pytest.mark.parametrize(("name", "version"), VERSIONS, ids=IDS)
def test_an_unknown_field_at_a_known_version_is_refused_and_named(name: str, version: str) -> None:
    with pytest.raises(SchemaViolationError) as raised:
        read_message(_with_unknown_field(name, version))  # type: ignore[arg-type]
    assert "data.surprise" in [item["field"] for item in raised.value.detail]


@pytest.mark.parametrize("name", list(MESSAGE_TYPES))
def test_a_receiving_node_ignores_unknown_fields_of_a_newer_minor_version(name: str) -> None:
    current = MESSAGE_TYPES[name].current
    major, minor = current.split(".")
    newer = f"{major}.{int(minor) + 1}"
    event = read_message(_with_unknown_field(name, current, signed_as=newer), accept_newer_minor=True)  # type: ignore[arg-type]
    assert event.dataversion == newer
    assert "surprise" not in event.data.model_dump()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "MK-BUTEL\n"}, "Node codes"),
        ({"source": 'MK-BUTEL","x":"'}, "Node codes"),
        ({"recipients": ("mk-cair",)}, "Node codes"),
        ({"sequence": 0}, "sequence"),
        ({"sequence": True}, "sequence"),
        ({"time": dt.datetime(2026, 11, 23, 10, 0)}, "time zone"),
    ],
)
def test_the_fast_writer_refuses_what_the_event_model_would(change: dict[str, Any], message: str) -> None:
    from tests.factories import service_data

    arguments: dict[str, Any] = {
        "message_id": uuid.uuid4(),
        "source": "MK-BUTEL",
        "type_name": "catalogue.service",
        "version": "1.2",
        "time": dt.datetime.now(dt.UTC),
        "sequence": 1,
        "recipients": (),
        "data": service_data(),
    }
    with pytest.raises(ValueError, match=message):
        event_bytes(**(arguments | change))


def test_envelope_base64_may_be_standard_or_url_safe_as_dsse_allows_but_not_a_mix() -> None:
    raw = bytes(range(256))
    assert b64_decode(b64_encode(raw)) == raw
    assert b64_decode(b64u_encode(raw)) == raw
    assert b64_decode(b64_encode(raw).rstrip("=")) == raw
    mixed = b64_encode(raw)
    position = mixed.index("+")
    with pytest.raises(ValueError, match="mixing"):
        b64_decode(mixed[:position] + "-" + mixed[position + 1 :].replace("+", "/", 0) + "_")
