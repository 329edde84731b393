from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.test import Client

from contracts.control import Directory, EnrolmentProof, read_control
from contracts.keys import b64u_encode, key_id, load_public_key, public_key_text
from hub.federation.models import EnrolmentToken, Member, MemberKey
from hub.federation.services import member_register
from tests.factories import resolver_for

pytestmark = pytest.mark.django_db


def _request(token: str, key: Ed25519PrivateKey, *, proof_key: Ed25519PrivateKey | None = None) -> bytes:
    public_key = public_key_text(key.public_key())
    proof = (proof_key or key).sign(EnrolmentProof(token=token, public_key=public_key).to_bytes())
    return json.dumps({"token": token, "public_key": public_key, "proof": b64u_encode(proof)}).encode()


def _enrol(body: bytes):  # type: ignore[no-untyped-def]
    return Client().post("/api/v1/enrol", body, content_type="application/json")


def test_registering_a_member_prints_a_one_time_token_with_its_expiry() -> None:
    out = StringIO()
    call_command(
        "register_member", "--code", "RS-RUMA", "--name", "Рума", "--country", "RS", "--json", stdout=out
    )
    printed = json.loads(out.getvalue())
    assert printed["code"] == "RS-RUMA"
    assert dt.datetime.fromisoformat(printed["expires_at"]) > dt.datetime.now(dt.UTC)
    assert EnrolmentToken.objects.get().token_sha256 != printed["token"]  # only the hash is kept


def test_tokens_carry_a_recognisable_prefix_and_never_look_like_an_option() -> None:
    tokens = [member_register(code="MK-CAIR", name="Чаир", country="MK").token for _ in range(200)]
    assert all(t.startswith("enrol_") for t in tokens)
    assert len(set(tokens)) == 200


def test_a_member_code_must_match_its_country() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="invalid-member-code"):
        call_command("register_member", "--code", "MK-RUMA", "--name", "Рума", "--country", "RS")


def test_a_node_enrols_with_token_and_proof_and_receives_the_signed_directory() -> None:
    issued = member_register(code="MK-CAIR", name="Чаир", country="MK")
    key = Ed25519PrivateKey.generate()
    response = _enrol(_request(issued.token, key))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["node_code"] == "MK-CAIR"
    hub_key = load_public_key(body["hub_public_key"])
    assert key_id(hub_key) == body["hub_keyid"]
    directory = read_control(body["directory"], model=Directory, resolve_key=resolver_for(hub_key, "hub"))
    assert [(m.code, m.keys[0].keyid) for m in directory.members] == [("MK-CAIR", key_id(key.public_key()))]
    assert Member.objects.get(code="MK-CAIR").enrolled_at is not None


def test_it_refuses_a_reused_token() -> None:
    issued = member_register(code="MK-CAIR", name="Чаир", country="MK")
    assert _enrol(_request(issued.token, Ed25519PrivateKey.generate())).status_code == 201
    response = _enrol(_request(issued.token, Ed25519PrivateKey.generate()))
    assert (response.status_code, response.json()["code"]) == (403, "token-used")
    assert MemberKey.objects.count() == 1


def test_it_refuses_an_expired_token() -> None:
    issued = member_register(code="MK-CAIR", name="Чаир", country="MK", ttl=dt.timedelta(seconds=-1))
    response = _enrol(_request(issued.token, Ed25519PrivateKey.generate()))
    assert (response.status_code, response.json()["code"]) == (403, "token-expired")
    assert MemberKey.objects.count() == 0


def test_it_refuses_an_unknown_token() -> None:
    response = _enrol(_request("x" * 43, Ed25519PrivateKey.generate()))
    assert (response.status_code, response.json()["code"]) == (403, "invalid-token")


def test_it_refuses_a_proof_made_with_another_key() -> None:
    issued = member_register(code="MK-CAIR", name="Чаир", country="MK")
    response = _enrol(
        _request(issued.token, Ed25519PrivateKey.generate(), proof_key=Ed25519PrivateKey.generate())
    )
    assert (response.status_code, response.json()["code"]) == (403, "bad-proof")
    assert MemberKey.objects.count() == 0
    assert EnrolmentToken.objects.get().used_at is None  # a failed attempt does not spend the token


@pytest.mark.parametrize(
    ("body", "code"),
    [(b"{nope", "malformed-json"), (b'{"token": "abc"}', "schema-violation"), (b"[]", "schema-violation")],
)
def test_it_refuses_a_malformed_enrolment_request(body: bytes, code: str) -> None:
    response = _enrol(body)
    assert response.status_code in (400, 422)
    assert response.json()["code"] == code
