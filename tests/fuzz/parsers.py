"""Coverage-guided fuzz (atheris, libFuzzer) of the parsers that read untrusted bytes first: the
request-signature parser and the envelope parser. Like a benchmark it runs on demand, not in CI
(the property-based fuzz in tests/contracts/test_parser_fuzz.py does):

    pip install -e '.[fuzz]'
    python -m tests.fuzz.parsers -max_total_time=60 [corpus-dir]

Any exception that is not a ``ContractError`` is a finding: libFuzzer stops, prints the stack
and writes the input that caused it (crash-<sha1>) for a test to keep.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys

import atheris

with atheris.instrument_imports():
    # The libraries are instrumented too, for coverage of what contracts calls in them.
    import http_message_signatures  # noqa: F401
    import http_sf  # noqa: F401

    from contracts.envelope import open_envelope, parse_envelope
    from contracts.errors import ContractError
    from contracts.httpsig import verify_request

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.factories import resolver_for, signed_headers, signed_service_message

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "RS-RUMA")
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
PATH = "/api/v1/messages?after=0"
SIGNED = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY, now=NOW)
ENVELOPE = signed_service_message(key=KEY, source="RS-RUMA").to_bytes()


def _no_replay(keyid: str, nonce: str, created: dt.datetime) -> None:
    """Each input is a new request: nonces are never replayed here."""


def _request(data: atheris.FuzzedDataProvider) -> None:
    headers = dict(SIGNED)
    for name in ("Signature-Input", "Signature", "Content-Digest"):
        if data.ConsumeBool():
            headers[name] = data.ConsumeUnicodeNoSurrogates(data.ConsumeIntInRange(0, 400))
    body = data.ConsumeBytes(data.ConsumeIntInRange(0, 200))
    with contextlib.suppress(ContractError):
        verify_request(
            method="POST",
            url="http://hub.example" + PATH,
            headers=headers,
            body=body,
            resolve_key=RESOLVE,
            check_nonce=_no_replay,
            now=NOW,
        )


def _envelope(data: atheris.FuzzedDataProvider) -> None:
    raw = data.ConsumeBytes(data.remaining_bytes()) if data.ConsumeBool() else ENVELOPE
    if raw is ENVELOPE:  # a real envelope changed in one place
        at = data.ConsumeIntInRange(0, len(raw))
        raw = (
            raw[:at]
            + data.ConsumeBytes(data.ConsumeIntInRange(0, 8))
            + raw[at + data.ConsumeIntInRange(0, 8) :]
        )
    with contextlib.suppress(ContractError):
        open_envelope(parse_envelope(raw), resolve_key=RESOLVE)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    (_request if provider.ConsumeBool() else _envelope)(provider)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
