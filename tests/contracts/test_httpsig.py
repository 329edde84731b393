from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.errors import (
    BadRequestSignatureError,
    MissingRequestSignatureError,
    ReplayedRequestError,
    StaleRequestError,
    UnknownKeyError,
)
from contracts.httpsig import verify_request
from contracts.keys import key_id
from tests.factories import resolver_for, signed_headers

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "RS-RUMA")
PATH = "/api/v1/messages?after=0"


class Nonces:
    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, keyid: str, nonce: str, created: dt.datetime) -> None:
        if (keyid, nonce) in self.seen:
            raise ReplayedRequestError()
        self.seen.add((keyid, nonce))


def _verify(
    headers: dict[str, str], *, method: str = "POST", path: str = PATH, body: bytes = b"{}", nonces=None
):  # type: ignore[no-untyped-def]
    return verify_request(
        method=method,
        url="http://hub.example" + path,
        headers=headers,
        body=body,
        resolve_key=RESOLVE,
        check_nonce=nonces or Nonces(),
    )


def test_a_signed_request_verifies_and_names_its_signer() -> None:
    auth = _verify(signed_headers(method="POST", path=PATH, body=b"{}", key=KEY))
    assert auth.signer == "RS-RUMA"
    assert auth.keyid == key_id(KEY.public_key())


def test_it_rejects_a_request_without_a_signature() -> None:
    with pytest.raises(MissingRequestSignatureError):
        _verify({})


def test_it_rejects_a_body_changed_after_signing() -> None:
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY)
    with pytest.raises(BadRequestSignatureError):
        _verify(headers, body=b'{"messages": []}')


def test_it_rejects_a_signature_replayed_on_another_path() -> None:
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY)
    with pytest.raises(BadRequestSignatureError):
        _verify(headers, path="/api/v1/directory")


def test_it_rejects_a_replayed_request() -> None:
    nonces = Nonces()
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY)
    _verify(headers, nonces=nonces)
    with pytest.raises(ReplayedRequestError):
        _verify(headers, nonces=nonces)


@pytest.mark.parametrize("skew", [dt.timedelta(minutes=-6), dt.timedelta(minutes=6)])
def test_it_rejects_a_request_signed_outside_the_time_window(skew: dt.timedelta) -> None:
    headers = signed_headers(
        method="POST", path=PATH, body=b"{}", key=KEY, now=dt.datetime.now(dt.UTC) + skew
    )
    with pytest.raises(StaleRequestError, match="more than 300 s"):
        _verify(headers)


def test_it_rejects_a_request_from_an_unknown_key() -> None:
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(UnknownKeyError):
        _verify(signed_headers(method="POST", path=PATH, body=b"{}", key=stranger))


def test_it_does_not_spend_the_nonce_of_a_request_that_fails_to_verify() -> None:
    nonces = Nonces()
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY)
    with pytest.raises(BadRequestSignatureError):
        _verify(headers, body=b"tampered", nonces=nonces)
    assert nonces.seen == set()


def test_it_rejects_a_signature_that_names_another_key() -> None:
    other = Ed25519PrivateKey.generate()
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=other, keyid=key_id(KEY.public_key()))
    with pytest.raises(BadRequestSignatureError):
        _verify(headers)
