"""A test-only message family, ``probe``: what a plug-in's contracts look like.

``probe.note`` goes to every node; ``probe.parcel`` carries up to a megabyte (a stand-in for a
sealed case among small messages). Nothing here is known to the exchange's own code.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.messages import Family, MessageType


class ProbeNoteV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note_id: uuid.UUID
    text: Annotated[str, StringConstraints(max_length=200)]


class ProbeParcelV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note_id: uuid.UUID
    filler: Annotated[str, StringConstraints(pattern=r"^[a-z]*$", max_length=1_100_000)] = Field(
        description="Bytes that make the message large."
    )


PROBE = Family(
    "probe",
    (
        MessageType(name="probe.note", versions={"1.0": ProbeNoteV1}, current="1.0", routing="broadcast"),
        MessageType(name="probe.parcel", versions={"1.0": ProbeParcelV1}, current="1.0", routing="broadcast"),
    ),
)
