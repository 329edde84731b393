"""Exchanged messages: CloudEvents attributes around a typed, versioned ``data`` payload.

A message is an event signed by the node that wrote it (see ``contracts.envelope``). Its JSON
payload carries CloudEvents 1.0 attribute names: ``specversion``, ``id`` (a UUIDv7),
``source`` (the writing node's code), ``type``, ``time``, ``datacontenttype``, plus the
extensions ``dataversion`` (the payload schema version), ``sequence`` (per source and stream, from 1) and
``recipients`` (empty for everyone).

Types come in **families** (catalogue, statistics, case, control, and any a plug-in registers
with ``family_register``). A family is also a **stream**: ``sequence`` counts a source's
messages of one family, from 1, so a message held back in one family never holds back another,
while the messages of one sender in one family keep their order end to end (the hub refuses a
sequence lower than the last it logged for that source and stream).

Invariants:
- ``MESSAGE_TYPES`` is the single registry of exchanged types and their versions; a type's
  name starts with its family's name and a dot;
- ``read_message`` accepts only a ``VerifiedEnvelope`` and parses in strict mode; the event's
  ``type``/``dataversion`` must equal the signed payload type and ``source`` must equal the
  signer, or it raises;
- unknown fields are refused (``extra="forbid"``) at every level of a payload;
- a family's checks of data against envelope (a case names the recipient its envelope names, a
  statistics set reports for its own source, no payload above its type's size) run in
  ``read_message``, at the hub and at every node alike.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

import pydantic_core
import uuid_utils.compat
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, ValidationError

from contracts.bounds import INT64_MAX, NODE_CODE_PATTERN, MessageTypeName, NodeCode, SequenceNumber, Version
from contracts.cases import (
    ConsentWithdrawalV1,
    TransferAcceptV1,
    TransferDeclineV1,
    TransferRequestV1,
    WithdrawalConfirmationV1,
)
from contracts.catalogue import (
    CatalogueWithdrawalV1,
    LocationV1,
    OrganizationV1,
    ServiceAtLocationV1,
    ServiceV1,
    ServiceV1_1,
    ServiceV1_2,
)
from contracts.control import KeyRotationV1
from contracts.envelope import Envelope, LoggedEnvelope, VerifiedEnvelope, parse_envelope, seal_envelope_bytes
from contracts.errors import (
    DataEnvelopeMismatchError,
    FamilyRegistrationError,
    InvalidPeriodError,
    NotApprovedError,
    PayloadTooLargeError,
    PayloadTypeMismatchError,
    RecipientsError,
    SchemaViolationError,
    SourceMismatchError,
    UnknownMessageTypeError,
    UnsupportedVersionError,
    validation_detail,
)
from contracts.indicators import period_bounds
from contracts.limits import MAX_PAYLOAD_BYTES, check_json_depth
from contracts.statistics import DataValueSetV1, DataValueSetV2, data_value_set_2_0

_NODE_CODE = re.compile(NODE_CODE_PATTERN.strip("^$"))

DataT = TypeVar("DataT", bound=BaseModel)


class Event(BaseModel, Generic[DataT]):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID
    source: NodeCode
    type: MessageTypeName
    dataversion: Version
    time: dt.datetime
    sequence: SequenceNumber
    recipients: tuple[NodeCode, ...] = ()
    datacontenttype: Literal["application/json"] = "application/json"
    data: DataT


Routing = Literal["broadcast", "hub", "direct"]
"""Who receives a type: every other node, the hub alone (statistics), or exactly one named node."""


Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns the ``data`` of one version into the ``data`` of the next (as plain JSON values)."""


Check = Callable[["Event[Any]"], None]
"""A check of a parsed event's data against its envelope; raises a ``ContractError``."""


@dataclass(frozen=True, slots=True)
class MessageType:
    name: str
    versions: dict[str, type[BaseModel]]
    current: str
    routing: Routing
    upcasters: dict[str, tuple[str, Upcaster]] = field(default_factory=dict)
    """From version -> (next version, upcaster). Every supported version reaches ``current``."""
    checks: tuple[Check, ...] = ()
    """Checks of the data against the envelope, run by ``read_message`` after the schema."""
    max_payload_bytes: int = MAX_PAYLOAD_BYTES
    """The largest signed payload of this type (never above ``MAX_PAYLOAD_BYTES``)."""

    @property
    def family(self) -> str:
        """The family, which is also the stream its sequence numbers count in."""
        return self.name.split(".", 1)[0]

    def event_model(self, version: str) -> type[Event[Any]]:
        return _EVENT_MODELS[(self.name, version)]

    def reading_version(self, version: str, *, accept_newer_minor: bool) -> tuple[str, bool]:
        """The version to parse a payload of ``version`` with, and whether it is a newer minor.

        A newer minor of a known major is read with the highest known minor of that major,
        ignoring fields this reader does not know: the compatibility gate guarantees that
        within a major version such fields are optional.
        """
        if version in self.versions:
            return version, False
        major, minor = (int(part) for part in version.split("."))
        known = sorted(
            (tuple(int(p) for p in v.split(".")) for v in self.versions if int(v.split(".")[0]) == major),
        )
        if accept_newer_minor and known and minor > known[-1][1]:
            return f"{major}.{known[-1][1]}", True
        raise UnsupportedVersionError(
            f"{self.name} version {version} is not supported; supported: {', '.join(sorted(self.versions))}."
        )


def _v1(
    name: str,
    model: type[BaseModel],
    routing: Routing,
    *checks: Check,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
) -> MessageType:
    return MessageType(
        name=name,
        versions={"1.0": model},
        current="1.0",
        routing=routing,
        checks=checks,
        max_payload_bytes=max_payload_bytes,
    )


@dataclass(frozen=True, slots=True)
class Family:
    """A family of message types: its name (the types' prefix, and the stream they number in)
    and its types. The hub and the nodes add what they do with it (a projection at the hub, an
    applier at a node) in their own registries."""

    name: str
    types: tuple[MessageType, ...]


FAMILIES: dict[str, Family] = {}


def family_register(family: Family) -> None:
    """Make a family's types known to the readers and writers of this process.

    Registering the very same family again changes nothing (a process may load a plug-in twice);
    another family under a name already taken, or one whose types do not start with its name
    (so no family can claim another's types), raises ``FamilyRegistrationError``.
    """
    known = FAMILIES.get(family.name)
    if known is not None:
        if known == family:
            return
        raise FamilyRegistrationError(f"Family {family.name!r} is already registered otherwise.")
    for mtype in family.types:
        if mtype.family != family.name:
            raise FamilyRegistrationError(f"{mtype.name} does not belong to family {family.name!r}.")
        if mtype.current not in mtype.versions or mtype.max_payload_bytes > MAX_PAYLOAD_BYTES:
            raise FamilyRegistrationError(f"{mtype.name} declares a version or size it cannot have.")
    FAMILIES[family.name] = family
    for mtype in family.types:
        MESSAGE_TYPES[mtype.name] = mtype
        for version, model in mtype.versions.items():
            _EVENT_MODELS[(mtype.name, version)] = Event[model]  # type: ignore[valid-type]


def family_unregister(name: str) -> None:
    """Forget a family (a test that registered one of its own cleans up with this)."""
    family = FAMILIES.pop(name, None)
    for mtype in family.types if family is not None else ():
        MESSAGE_TYPES.pop(mtype.name, None)
        for version in mtype.versions:
            _EVENT_MODELS.pop((mtype.name, version), None)


# --- the federation's own families: their checks of data against envelope ------------------


def _recipient_is_the_envelopes(event: Event[Any]) -> None:
    recipient = getattr(event.data, "recipient", None)
    if recipient is not None and (recipient,) != tuple(event.recipients):
        raise DataEnvelopeMismatchError(
            f"The {event.type} names recipient {recipient} in its data "
            f"but {', '.join(event.recipients) or 'nobody'} on its envelope."
        )


def _period_begun_and_approved(event: Event[Any]) -> None:
    data = event.data
    if not isinstance(data, DataValueSetV2):
        return  # 1.0 named neither an approval nor a policy; it reads as 2.0 without them
    try:
        first, _ = period_bounds(data.period)
    except ValueError as exc:
        raise InvalidPeriodError(str(exc), detail={"field": "period"}) from None
    if first > event.time.date():
        raise InvalidPeriodError(
            f"{data.period} had not begun when this set was sent ({event.time.date()}).",
            detail={"field": "period"},
        )
    if data.approved_at is None or data.policy is None:
        raise NotApprovedError(
            f"{data.period} revision {data.revision} names no approval or no policy: "
            "a municipality sends only what its supervisor approved under the federation's policy."
        )


def _org_unit_is_the_source(event: Event[Any]) -> None:
    org_unit = getattr(event.data, "org_unit", None)
    if org_unit != event.source:
        raise DataEnvelopeMismatchError(
            f"The {event.type} reports for {org_unit}, but {event.source} sent it: "
            "a node reports only its own figures."
        )


_CONTROL_MAX_BYTES = 64 * 1024


def _optional_fields_added(data: dict[str, Any]) -> dict[str, Any]:
    # The next minor only adds optional fields: this entry is valid there with their defaults.
    return dict(data)


MESSAGE_TYPES: dict[str, MessageType] = {}
_EVENT_MODELS: dict[tuple[str, str], type[Event[Any]]] = {}

for _family in (
    Family(
        "catalogue",
        (
            MessageType(
                name="catalogue.service",
                versions={"1.0": ServiceV1, "1.1": ServiceV1_1, "1.2": ServiceV1_2},
                current="1.2",
                routing="broadcast",
                upcasters={"1.0": ("1.1", _optional_fields_added), "1.1": ("1.2", _optional_fields_added)},
            ),
            _v1("catalogue.organization", OrganizationV1, "broadcast"),
            _v1("catalogue.location", LocationV1, "broadcast"),
            _v1("catalogue.service_at_location", ServiceAtLocationV1, "broadcast"),
            _v1("catalogue.withdrawal", CatalogueWithdrawalV1, "broadcast"),
        ),
    ),
    Family(
        "statistics",
        (
            MessageType(
                name="statistics.data_value_set",
                versions={"1.0": DataValueSetV1, "2.0": DataValueSetV2},
                current="2.0",
                routing="hub",
                upcasters={"1.0": ("2.0", data_value_set_2_0)},
                checks=(_org_unit_is_the_source, _period_begun_and_approved),
            ),
        ),
    ),
    Family(
        "case",
        (
            _v1("case.transfer_request", TransferRequestV1, "direct", _recipient_is_the_envelopes),
            _v1("case.transfer_accept", TransferAcceptV1, "direct", _recipient_is_the_envelopes),
            _v1("case.transfer_decline", TransferDeclineV1, "direct", _recipient_is_the_envelopes),
            _v1("case.consent_withdrawal", ConsentWithdrawalV1, "direct", _recipient_is_the_envelopes),
            _v1(
                "case.withdrawal_confirmation",
                WithdrawalConfirmationV1,
                "direct",
                _recipient_is_the_envelopes,
            ),
        ),
    ),
    Family(
        "control",
        (_v1("control.key_rotation", KeyRotationV1, "broadcast", max_payload_bytes=_CONTROL_MAX_BYTES),),
    ),
):
    family_register(_family)


def message_type(name: str, version: str, *, accept_newer_minor: bool = False) -> MessageType:
    """The registered type, or raise ``UnknownMessageTypeError``/``UnsupportedVersionError``."""
    try:
        mtype = MESSAGE_TYPES[name]
    except KeyError:
        raise UnknownMessageTypeError(f"Message type {name!r} is not known.") from None
    mtype.reading_version(version, accept_newer_minor=accept_newer_minor)
    return mtype


def new_message_id() -> uuid.UUID:
    """A UUIDv7: unique, and sortable by creation time."""
    return uuid_utils.compat.uuid7()


def write_message(
    *,
    message_id: uuid.UUID,
    source: str,
    message_type_name: str,
    sequence: int,
    data: BaseModel,
    key: Ed25519PrivateKey,
    time: dt.datetime,
    recipients: tuple[str, ...] = (),
    version: str | None = None,
) -> Envelope:
    """``write_message_bytes``, parsed as an ``Envelope``."""
    return parse_envelope(
        write_message_bytes(
            message_id=message_id,
            source=source,
            message_type_name=message_type_name,
            sequence=sequence,
            data=data,
            key=key,
            time=time,
            recipients=recipients,
            version=version,
        )
    )


def write_message_bytes(
    *,
    message_id: uuid.UUID,
    source: str,
    message_type_name: str,
    sequence: int,
    data: BaseModel,
    key: Ed25519PrivateKey,
    time: dt.datetime,
    recipients: tuple[str, ...] = (),
    version: str | None = None,
) -> bytes:
    """Build and sign a message, at the current version of its type unless ``version`` is given
    (a node that has not upgraded yet writes the version it declares); the envelope's wire
    bytes, built without models (the path a node's outbox takes for every message it sends)."""
    try:
        mtype = MESSAGE_TYPES[message_type_name]
    except KeyError:
        raise UnknownMessageTypeError(f"Message type {message_type_name!r} is not known.") from None
    version = version or mtype.current
    model = mtype.versions.get(version)
    if model is None:
        raise UnsupportedVersionError(f"{message_type_name} has no version {version} to write.")
    if type(data) is not model:
        # Data built with another version's model: it must fit this version's schema exactly.
        data = model.model_validate(data.model_dump(mode="json", exclude_defaults=True))
    payload = event_bytes(message_id, source, message_type_name, version, time, sequence, recipients, data)
    if len(payload) > mtype.max_payload_bytes:
        # Refused here, at the writer, so that nothing too large ever waits in an outbox.
        raise PayloadTooLargeError(
            f"A {message_type_name} payload is at most {mtype.max_payload_bytes} bytes; "
            f"this one would be {len(payload)}."
        )
    return seal_envelope_bytes(message_type_name, version, payload, key)


def event_bytes(
    message_id: uuid.UUID,
    source: str,
    type_name: str,
    version: str,
    time: dt.datetime,
    sequence: int,
    recipients: tuple[str, ...],
    data: BaseModel,
) -> bytes:
    """The JSON of an ``Event`` with these attributes, byte for byte what
    ``Event(...).model_dump_json()`` gives (a test holds the two together), without building
    the event model: ``data`` is already validated and each attribute is checked here, so the
    sender's hot path serialises the data once and spends its time on the signature.

    Raises ``ValueError`` on an attribute the ``Event`` model would refuse.
    """
    if _NODE_CODE.fullmatch(source) is None or (
        recipients and not all(_NODE_CODE.fullmatch(r) for r in recipients)
    ):
        raise ValueError(f"Node codes must match {NODE_CODE_PATTERN}: {source!r}, {recipients!r}.")
    if type(sequence) is not int or not 1 <= sequence <= INT64_MAX:
        raise ValueError(f"sequence must be an integer from 1 to 2**63 - 1, not {sequence!r}.")
    if time.tzinfo is None:
        raise ValueError("time must carry a time zone.")
    # Type and version come from the registry and node codes match a pattern: none holds a
    # character JSON escapes, so only time and data need a serialiser.
    return _EVENT_JSON % (
        pydantic_core.to_json(message_id),
        source.encode(),
        type_name.encode(),
        version.encode(),
        pydantic_core.to_json(time),
        sequence,
        ",".join(f'"{r}"' for r in recipients).encode() if recipients else b"",
        data.__pydantic_serializer__.to_json(data),
    )


_EVENT_JSON = (
    b'{"specversion":"1.0","id":%s,"source":"%s","type":"%s","dataversion":"%s","time":%s,'
    b'"sequence":%d,"recipients":[%s],"datacontenttype":"application/json","data":%s}'
)


def read_message(
    verified: VerifiedEnvelope | LoggedEnvelope, *, accept_newer_minor: bool = False
) -> Event[Any]:
    """Parse a verified envelope's payload (or one the hub logged after verifying it) as its
    registered type, in strict mode.

    The event keeps the version it was signed at; ``upcast`` brings it to the current one.
    With ``accept_newer_minor`` (receiving nodes), a newer minor version of a known major is
    read with the newest known minor, ignoring the fields added since; the hub, which must
    speak every version it logs, reads without it.
    """
    # 1. The signed payload type must be a known type at a supported version.
    mtype = message_type(verified.type, verified.version, accept_newer_minor=accept_newer_minor)
    reading, newer = mtype.reading_version(verified.version, accept_newer_minor=accept_newer_minor)
    # 2. Parse the signed bytes, strictly, against that version's schema (no larger than its
    #    type allows and no deeper than any schema could be: the parser is not the place to
    #    find out).
    if len(verified.payload) > mtype.max_payload_bytes:
        raise PayloadTooLargeError(
            f"A {verified.type} payload is at most {mtype.max_payload_bytes} bytes; "
            f"this one is {len(verified.payload)}."
        )
    check_json_depth(verified.payload, what="The payload")
    try:
        event = mtype.event_model(reading).model_validate_json(
            verified.payload, strict=True, extra="ignore" if newer else None
        )
    except ValidationError as exc:
        raise SchemaViolationError(
            f"The {verified.type} {verified.version} payload does not match its schema.",
            detail=validation_detail(exc),
        ) from exc
    # 3. The attributes inside must agree with what was signed around them.
    if event.type != verified.type or event.dataversion != verified.version:
        raise PayloadTypeMismatchError(
            f"The payload says {event.type} {event.dataversion}; "
            f"it was signed as {verified.type} {verified.version}."
        )
    # 4. A node may only speak for itself.
    if event.source != verified.signer:
        raise SourceMismatchError(f"Signed by {verified.signer} but claims source {event.source}.")
    # 5. The recipients must fit the type: one for a case message, none for broadcast or the hub.
    if mtype.routing == "direct" and len(event.recipients) != 1:
        raise RecipientsError(f"A {event.type} message names exactly one recipient.")
    if mtype.routing != "direct" and event.recipients:
        audience = "everyone" if mtype.routing == "broadcast" else "the hub"
        raise RecipientsError(f"A {event.type} message goes to {audience}; it names no recipients.")
    # 6. The family's own checks of the data against the envelope.
    for check in mtype.checks:
        check(event)
    return event


def upcast(event: Event[Any]) -> Event[Any]:
    """The same event at its type's current version, through each upcaster in turn.

    An event newer than current (read with ``accept_newer_minor``) is returned as parsed.
    """
    mtype = MESSAGE_TYPES[event.type]
    version, data = event.dataversion, event.data.model_dump(mode="json")
    if version not in mtype.versions:
        return event
    while version != mtype.current:
        version, step = mtype.upcasters[version][0], mtype.upcasters[version][1]
        data = step(data)
    if version == event.dataversion:
        return event
    model = mtype.event_model(version)
    return model.model_validate(event.model_dump(mode="json") | {"dataversion": version, "data": data})
