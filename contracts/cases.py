"""Consent-based case transfers between municipalities.

What the hub sees is only the routing metadata of ``TransferRequestV1``; the case itself and
its consent record travel inside ``sealed``, a ciphertext only the recipient node can open
(HPKE, RFC 9180). ``SealedCaseV1`` is the plaintext inside.

The consent record follows FHIR R5 Consent (status, decision, provision with actor, purpose,
data and period) and ISO/IEC TS 27560 (principal, purposes, data categories, controller,
recipients, legal basis, how and when obtained, withdrawal method, event history).

Invariants:
- no field outside ``sealed`` carries personal data: ids are random UUIDs, not person ids;
- a transfer names exactly one recipient, which must equal the consent's recipient;
- a consent withdrawal reaches the recipient, which must stop processing and confirm.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.bounds import BASE64URL_PATTERN, KeyId, NodeCode, StorableText, Year
from contracts.vocabulary import DataCategory, LegalBasis, Purpose, RiskType

B64u = Annotated[str, StringConstraints(pattern=BASE64URL_PATTERN, max_length=1_400_000)]
Text = Annotated[str, StorableText(max_length=4000)]


class ConsentEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event: Literal["given", "renewed", "withdrawn", "expired"]
    at: dt.datetime
    by: Annotated[str, StorableText(max_length=200)] = Field(
        description="The employee who recorded it (role or staff id)."
    )


class ConsentRecordV1(BaseModel):
    """The recorded consent that allows one transfer (FHIR R5 Consent / ISO/IEC TS 27560)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consent_id: uuid.UUID
    status: Literal["active", "inactive"]
    decision: Literal["permit"] = "permit"
    principal: Text = Field(description="The person the data is about, as the controller names them.")
    controller: NodeCode
    recipient: NodeCode
    purposes: tuple[Purpose, ...] = Field(min_length=1)
    data_categories: tuple[DataCategory, ...] = Field(min_length=1)
    legal_basis: LegalBasis
    obtained_how: Literal[
        "in_person_signed", "in_person_oral_witnessed", "electronic", "legal_representative"
    ]
    obtained_at: dt.datetime
    expires_at: dt.datetime
    retention_days: int = Field(ge=1, le=3650)
    jurisdiction: Literal["MK", "BG", "RS"]
    withdrawal_method: Text
    events: tuple[ConsentEvent, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _expires_after_obtained(self) -> Self:
        if self.expires_at <= self.obtained_at:
            raise ValueError("expires_at must be after obtained_at")
        return self


class CaseFile(BaseModel):
    """The case itself: only the data categories the consent allows are filled in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    given_name: Text | None = None
    family_name: Text | None = None
    birth_year: Year | None = None
    risk_types: tuple[RiskType, ...] = ()
    summary: Text | None = None
    referrals: tuple[Text, ...] = ()
    services_received: tuple[Text, ...] = ()


CASE_FILE_CATEGORIES: tuple[DataCategory, ...] = (
    "identification",
    "risk_assessment",
    "referrals",
    "services_received",
)
"""The data categories a ``CaseFile`` 1.0 has fields for: what a transfer can carry today (a
consent to the others would promise what no transfer sends)."""


class SealedCaseV1(BaseModel):
    """The plaintext inside a transfer's ``sealed`` field, readable by the recipient only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transfer_id: uuid.UUID
    consent: ConsentRecordV1
    case: CaseFile


class TransferRequestV1(BaseModel):
    """``case.transfer_request`` 1.0: routing metadata the hub may see, and the sealed case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transfer_id: uuid.UUID
    recipient: NodeCode
    consent_id: uuid.UUID
    expires_at: dt.datetime = Field(description="When the consent expires: no delivery or acceptance after.")
    recipient_keyid: KeyId = Field(
        description="The recipient's encryption key the case is sealed to (its key id in the directory)."
    )
    content_type: Literal["application/vnd.socialhub.case+json; version=1.0"]
    size: int = Field(ge=1, le=1_000_000, description="Bytes of the plaintext before sealing.")
    suite: Literal["DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305"]
    enc: B64u = Field(description="The HPKE encapsulated key.")
    sealed: B64u = Field(
        description=(
            "The HPKE ciphertext of a SealedCaseV1, bound to the sender and every field above "
            "(contracts.sealing.SealingContext)."
        )
    )


class TransferAcceptV1(BaseModel):
    """``case.transfer_accept`` 1.0: the recipient took the case on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transfer_id: uuid.UUID
    accepted_at: dt.datetime


class TransferDeclineV1(BaseModel):
    """``case.transfer_decline`` 1.0: the recipient will not take the case; nothing was kept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transfer_id: uuid.UUID
    declined_at: dt.datetime
    reason: Literal["no_capacity", "not_competent", "consent_insufficient", "expired", "other"]
    note: Text = ""


class ConsentWithdrawalV1(BaseModel):
    """``case.consent_withdrawal`` 1.0: the person withdrew consent; the recipient must stop."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consent_id: uuid.UUID
    transfer_ids: tuple[uuid.UUID, ...] = Field(min_length=1)
    withdrawn_at: dt.datetime


class WithdrawalConfirmationV1(BaseModel):
    """``case.withdrawal_confirmation`` 1.0: the recipient stopped processing, and what it did."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consent_id: uuid.UUID
    confirmed_at: dt.datetime
    action: Literal["erased", "restricted_pending_legal_hold"]
    note: Text = ""
