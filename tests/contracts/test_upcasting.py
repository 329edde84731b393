from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.catalogue import ServiceV1_2
from contracts.envelope import b64_decode, open_envelope, seal_envelope
from contracts.errors import UnsupportedVersionError
from contracts.messages import MESSAGE_TYPES, read_message, upcast
from tests.factories import resolver_for, service_data, signed_service_message

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-BUTEL")


@pytest.mark.parametrize("name", sorted(MESSAGE_TYPES))
def test_every_supported_version_has_an_upcaster_path_to_the_current_one(name: str) -> None:
    mtype = MESSAGE_TYPES[name]
    for version in mtype.versions:
        steps = 0
        while version != mtype.current:
            version = mtype.upcasters[version][0]
            steps += 1
            assert steps <= len(mtype.versions)


def test_a_message_from_a_node_one_minor_version_behind_is_upcast_to_the_current_version() -> None:
    envelope = signed_service_message(key=KEY, source="MK-BUTEL", version="1.0")
    event = read_message(open_envelope(envelope, resolve_key=RESOLVE))
    assert event.dataversion == "1.0"
    current = upcast(event)
    assert (current.dataversion, current.id, current.data.name) == ("1.2", event.id, event.data.name)
    assert isinstance(current.data, ServiceV1_2)
    assert (current.data.schedules, current.data.taxonomy_terms) == ((), ())


def _newer_minor(version: str) -> object:
    payload = json.loads(b64_decode(signed_service_message(key=KEY, source="MK-BUTEL").payload))
    payload["dataversion"] = version
    payload["data"]["accessibility"] = {"en": "Step-free entrance"}
    envelope = seal_envelope(
        message_type="catalogue.service", version=version, payload=json.dumps(payload).encode(), key=KEY
    )
    return open_envelope(envelope, resolve_key=RESOLVE)


def test_a_receiving_node_reads_a_newer_minor_version_ignoring_the_fields_it_does_not_know() -> None:
    event = read_message(_newer_minor("1.4"), accept_newer_minor=True)  # type: ignore[arg-type]
    assert event.dataversion == "1.4"
    assert isinstance(event.data, ServiceV1_2)
    assert "accessibility" not in event.data.model_dump()


def test_the_hub_refuses_a_minor_version_it_does_not_speak() -> None:
    with pytest.raises(UnsupportedVersionError, match="1.4"):
        read_message(_newer_minor("1.4"))  # type: ignore[arg-type]


def test_nobody_reads_a_newer_major_version() -> None:
    with pytest.raises(UnsupportedVersionError, match="2.0"):
        read_message(_newer_minor("2.0"), accept_newer_minor=True)  # type: ignore[arg-type]


def test_a_current_node_cannot_write_data_that_an_older_version_lacks_fields_for() -> None:
    data = service_data(schedules=({"byday": ("MO",), "opens_at": "08:00", "closes_at": "16:00"},))
    with pytest.raises(ValueError, match="schedules"):
        signed_service_message(key=KEY, source="MK-BUTEL", data=data, version="1.0")
