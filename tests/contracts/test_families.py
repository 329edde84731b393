"""Message families: registration, the checks of data against envelope, the types that say
whether an envelope was verified."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.envelope import VerifiedEnvelope, logged_envelope, open_envelope, parse_envelope, seal_envelope
from contracts.errors import DataEnvelopeMismatchError, FamilyRegistrationError, PayloadTooLargeError
from contracts.examples import EXAMPLES
from contracts.messages import (
    FAMILIES,
    MESSAGE_TYPES,
    Family,
    MessageType,
    family_register,
    family_unregister,
    new_message_id,
    read_message,
    write_message_bytes,
)
from tests.factories import resolver_for
from tests.plugins.probe.family import PROBE, ProbeNoteV1

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-BUTEL")


def _read(name: str, data: dict[str, object], *, recipients: tuple[str, ...] = ()) -> object:
    mtype = MESSAGE_TYPES[name]
    model = mtype.versions[mtype.current]
    wire = write_message_bytes(
        message_id=new_message_id(),
        source="MK-BUTEL",
        message_type_name=name,
        sequence=1,
        data=model.model_validate(data),
        key=KEY,
        time=dt.datetime.now(dt.UTC),
        recipients=recipients,
    )
    return read_message(open_envelope(parse_envelope(wire), resolve_key=RESOLVE))


@pytest.fixture
def probe() -> Iterator[Family]:
    family_register(PROBE)
    yield PROBE
    family_unregister("probe")


def test_every_type_belongs_to_the_family_its_name_starts_with_and_numbers_in_its_stream() -> None:
    assert set(FAMILIES) >= {"catalogue", "statistics", "case", "control"}
    for name, mtype in MESSAGE_TYPES.items():
        assert name.startswith(mtype.family + ".")
        assert mtype in FAMILIES[mtype.family].types


def test_a_case_message_naming_another_recipient_than_its_envelope_is_refused() -> None:
    data = EXAMPLES[("case.transfer_request", "1.0")] | {"recipient": "RS-RUMA"}
    with pytest.raises(DataEnvelopeMismatchError, match="names recipient RS-RUMA in its data but MK-CAIR"):
        _read("case.transfer_request", data, recipients=("MK-CAIR",))


def test_a_case_message_naming_the_recipient_of_its_envelope_is_read() -> None:
    event = _read(
        "case.transfer_request", EXAMPLES[("case.transfer_request", "1.0")], recipients=("MK-CAIR",)
    )
    assert event.data.recipient == "MK-CAIR"  # type: ignore[attr-defined]


def test_a_statistics_set_for_another_municipality_than_its_sender_is_refused() -> None:
    data = EXAMPLES[("statistics.data_value_set", "2.0")] | {"org_unit": "MK-CAIR"}
    with pytest.raises(DataEnvelopeMismatchError, match="reports for MK-CAIR, but MK-BUTEL sent it"):
        _read("statistics.data_value_set", data)


def test_a_payload_larger_than_its_type_allows_is_refused_before_it_is_parsed() -> None:
    limit = MESSAGE_TYPES["control.key_rotation"].max_payload_bytes
    payload = json.dumps({"padding": "x" * limit}).encode()
    envelope = seal_envelope(message_type="control.key_rotation", version="1.0", payload=payload, key=KEY)
    with pytest.raises(PayloadTooLargeError, match=f"at most {limit} bytes"):
        read_message(open_envelope(envelope, resolve_key=RESOLVE))


def test_a_registered_family_is_written_and_read_like_the_federations_own(probe: Family) -> None:
    note = ProbeNoteV1(note_id=uuid.uuid4(), text="from a plug-in")
    wire = write_message_bytes(
        message_id=new_message_id(),
        source="MK-BUTEL",
        message_type_name="probe.note",
        sequence=1,
        data=note,
        key=KEY,
        time=dt.datetime.now(dt.UTC),
    )
    event = read_message(open_envelope(parse_envelope(wire), resolve_key=RESOLVE))
    assert (event.type, event.data, MESSAGE_TYPES["probe.note"].family) == ("probe.note", note, "probe")


def test_registering_the_same_family_twice_changes_nothing(probe: Family) -> None:
    family_register(PROBE)
    assert FAMILIES["probe"] is PROBE


def test_a_family_whose_types_do_not_carry_its_name_cannot_be_registered() -> None:
    stray = MessageType(name="other.note", versions={"1.0": ProbeNoteV1}, current="1.0", routing="broadcast")
    with pytest.raises(FamilyRegistrationError, match="does not belong to family 'probe'"):
        family_register(Family("probe", (stray,)))
    assert "probe" not in FAMILIES
    assert "other.note" not in MESSAGE_TYPES


def test_a_family_cannot_take_over_the_name_or_types_of_another() -> None:
    taken = MessageType(
        name="catalogue.service", versions={"1.0": ProbeNoteV1}, current="1.0", routing="broadcast"
    )
    with pytest.raises(FamilyRegistrationError, match="'catalogue' is already registered otherwise"):
        family_register(Family("catalogue", (taken,)))
    assert MESSAGE_TYPES["catalogue.service"].versions["1.0"] is not ProbeNoteV1


def test_only_the_verifier_makes_a_verified_envelope() -> None:
    with pytest.raises(TypeError, match="made only by open_envelope"):
        VerifiedEnvelope(type="catalogue.service", version="1.2", payload=b"{}", keyid="k", signer="MK-BUTEL")


def test_what_the_hub_rereads_from_its_log_is_a_logged_envelope_and_reads_as_the_same_event() -> None:
    wire = write_message_bytes(
        message_id=new_message_id(),
        source="MK-BUTEL",
        message_type_name="catalogue.withdrawal",
        sequence=4,
        data=MESSAGE_TYPES["catalogue.withdrawal"]
        .versions["1.0"]
        .model_validate(EXAMPLES[("catalogue.withdrawal", "1.0")]),
        key=KEY,
        time=dt.datetime.now(dt.UTC),
    )
    logged = logged_envelope(wire, signer="MK-BUTEL")
    assert not isinstance(logged, VerifiedEnvelope)
    verified = open_envelope(parse_envelope(wire), resolve_key=RESOLVE)
    assert read_message(logged) == read_message(verified)
