"""The hub routes a sealed case from its metadata alone: it refuses what it can tell is wrong
(an expired consent, a key the recipient does not hold now, a sealed case of the wrong shape)
and delivers the rest to the named recipient only."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from contracts.cases import TransferRequestV1
from contracts.envelope import b64_decode
from contracts.keys import b64u_encode
from contracts.sealing import SealingContext, seal
from hub.exchange.models import Message
from tests.factories import signed_message
from tests.hub.conftest import NodeClient, encryption_key, enrolled_node

pytestmark = pytest.mark.django_db

NOW = dt.datetime.now(dt.UTC)


def _request(sender: NodeClient, recipient: str, keyid: str, key: X25519PrivateKey, **changes: Any) -> Any:
    fields: dict[str, Any] = {
        "transfer_id": uuid.uuid4(),
        "recipient": recipient,
        "consent_id": uuid.uuid4(),
        "expires_at": NOW + dt.timedelta(days=30),
        "recipient_keyid": keyid,
    }
    fields |= {k: v for k, v in changes.items() if k in fields}
    plaintext = b'{"case": "a synthetic person"}'
    context = SealingContext(sender=sender.code, **fields)
    sealed = seal(plaintext, recipient_key=key.public_key(), context=context)
    body = fields | {
        "content_type": "application/vnd.socialhub.case+json; version=1.0",
        "size": len(plaintext),
        "suite": context.suite,
        "enc": b64u_encode(sealed.enc),
        "sealed": b64u_encode(sealed.ciphertext),
    }
    return TransferRequestV1.model_validate(body | {k: v for k, v in changes.items() if k not in fields})


def _send(sender: NodeClient, request: TransferRequestV1, sequence: int = 1) -> tuple[int, str]:
    """The hub's answer: its status and the message's status (accepted) or error code."""
    envelope = signed_message(
        key=sender.key,
        source=sender.code,
        message_type="case.transfer_request",
        data=request,
        sequence=sequence,
        recipients=(request.recipient,),
    )
    response = sender.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
    body = response.json()
    if response.status_code == 200:
        return 200, body["results"][0]["status"]
    return response.status_code, body["code"]


def test_a_sealed_case_reaches_its_recipient_and_no_other_node(butel: NodeClient, cair: NodeClient) -> None:
    cucer = enrolled_node("MK-CUCER")
    key, keyid = encryption_key(cair)
    assert _send(butel, _request(butel, "MK-CAIR", keyid, key)) == (200, "accepted")
    assert len(cair.get("/api/v1/messages?after=0").json()["messages"]) == 1
    assert cucer.get("/api/v1/messages?after=0").json()["messages"] == []
    assert butel.get("/api/v1/messages?after=0").json()["messages"] == []


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("consent expired", "consent-expired"),
        ("a key of another member", "unknown-recipient-key"),
        ("a revoked key", "unknown-recipient-key"),
        ("a key past its validity", "unknown-recipient-key"),
        ("a signing key's id", "unknown-recipient-key"),
        ("a size that is not the sealed case's", "sealed-payload-malformed"),
        ("an enc cut short", "sealed-payload-malformed"),
        ("an enc of 31 bytes", "sealed-payload-malformed"),
    ],
)
def test_the_hub_refuses_what_the_metadata_shows_wrong_and_logs_nothing(
    butel: NodeClient, cair: NodeClient, case: str, code: str
) -> None:
    from hub.federation.models import MemberKey

    key, keyid = encryption_key(cair)
    request = _request(butel, "MK-CAIR", keyid, key)
    if case == "consent expired":
        request = _request(butel, "MK-CAIR", keyid, key, expires_at=NOW - dt.timedelta(seconds=1))
    elif case == "a key of another member":
        other, other_id = encryption_key(butel)
        request = _request(butel, "MK-CAIR", other_id, other)
    elif case == "a revoked key":
        MemberKey.objects.filter(keyid=keyid).update(status=MemberKey.Status.REVOKED)
    elif case == "a key past its validity":
        MemberKey.objects.filter(keyid=keyid).update(valid_until=NOW - dt.timedelta(minutes=1))
    elif case == "a signing key's id":
        request = _request(butel, "MK-CAIR", cair.keyid, key)
    elif case == "a size that is not the sealed case's":
        request = request.model_copy(update={"size": request.size + 1})
    elif case == "an enc cut short":
        request = request.model_copy(update={"enc": request.enc[:-2]})  # not even base64url
    elif case == "an enc of 31 bytes":
        request = request.model_copy(update={"enc": b64u_encode(bytes(31))})
    assert _send(butel, request) == (422, code)
    assert Message.objects.count() == 0
    assert cair.get("/api/v1/messages?after=0").json()["messages"] == []


def test_a_key_retired_by_a_rotation_a_moment_ago_still_receives(butel: NodeClient, cair: NodeClient) -> None:
    from hub.federation.models import MemberKey

    key, keyid = encryption_key(cair, status=MemberKey.Status.RETIRED, valid_until=NOW + dt.timedelta(days=1))
    assert _send(butel, _request(butel, "MK-CAIR", keyid, key)) == (200, "accepted")


def test_the_hub_keeps_no_plaintext_of_the_case(butel: NodeClient, cair: NodeClient) -> None:
    key, keyid = encryption_key(cair)
    request = _request(butel, "MK-CAIR", keyid, key)
    assert _send(butel, request) == (200, "accepted")
    stored = Message.objects.get()
    data = json.loads(b64_decode(json.loads(bytes(stored.envelope))["payload"]))["data"]
    assert data["transfer_id"] == str(request.transfer_id)  # the metadata is readable
    rows = json.dumps([list(row) for row in Message.objects.values_list()], default=str)
    assert "a synthetic person" not in rows + json.dumps(data)
