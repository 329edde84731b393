"""What the hub checks of a case transfer before it logs it, from the metadata alone: the consent
has not expired, the case is sealed to an encryption key the recipient holds now, and the sealed
case is of the suite's shape for the size declared. The case itself stays sealed: nothing here
(or anywhere at the hub) can open it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from contracts.cases import TransferRequestV1
from contracts.errors import ConsentExpiredError, SealedPayloadMalformedError, UnknownRecipientKeyError
from contracts.keys import b64u_decode
from contracts.messages import Event
from contracts.sealing import ENC_LENGTH, TAG_LENGTH
from hub.federation.selectors import encryption_key_current

TRANSFER_REQUEST = "case.transfer_request"


def transfer_admit(event: Event[Any]) -> None:
    data = event.data
    assert isinstance(data, TransferRequestV1)
    now = timezone.now()
    if data.expires_at <= now:
        raise ConsentExpiredError(
            f"The consent of transfer {data.transfer_id} expired at {data.expires_at.isoformat()}.",
            detail={"transfer_id": str(data.transfer_id), "expires_at": data.expires_at.isoformat()},
        )
    if not encryption_key_current(member=data.recipient, keyid=data.recipient_keyid, at=now):
        raise UnknownRecipientKeyError(
            f"{data.recipient} holds no current encryption key {data.recipient_keyid}: seal the case "
            "to its key in the directory now.",
            detail={"recipient": data.recipient, "recipient_keyid": data.recipient_keyid},
        )
    try:
        enc, sealed = b64u_decode(data.enc), b64u_decode(data.sealed)
    except ValueError as exc:
        raise SealedPayloadMalformedError("enc or sealed is not base64url.") from exc
    if len(enc) != ENC_LENGTH or len(sealed) != data.size + TAG_LENGTH:
        raise SealedPayloadMalformedError(
            f"A sealed case of {data.size} bytes has a {ENC_LENGTH}-byte enc and {data.size + TAG_LENGTH} "
            f"bytes of ciphertext; this one has {len(enc)} and {len(sealed)}.",
            detail={"size": data.size, "enc": len(enc), "sealed": len(sealed)},
        )
