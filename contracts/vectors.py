"""Golden test vectors: keys, signed envelopes and broken ones with the error each must raise.

    python -m contracts.vectors          write contracts/vectors/envelopes.json
    python -m contracts.vectors --check  verify the committed vectors with this implementation

Any implementation, in any language, can check itself against the committed file: open each
envelope with the trusted keys listed in it and expect either the payload (its SHA-256 is
given) or the error code. Ed25519 signatures are deterministic, so the file is reproducible.
The keys are published test keys: never use them for anything else.

Invariants: the committed file changes only when a case is added; an existing case never
changes meaning; ``--check`` runs in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, Receipt, read_control
from contracts.envelope import (
    Envelope,
    Signature,
    TrustedKey,
    b64_decode,
    mapping_resolver,
    open_envelope,
    parse_envelope,
    seal_envelope,
)
from contracts.errors import ContractError
from contracts.examples import EXAMPLES
from contracts.keys import b64u_encode, key_id, public_key_text
from contracts.messages import MESSAGE_TYPES, read_message

VECTORS_FILE = Path(__file__).resolve().parent / "vectors" / "envelopes.json"
SEEDS = {
    "MK-BUTEL": bytes(range(32)),
    "hub": bytes(range(32, 64)),
    "untrusted": bytes(range(64, 96)),
}
TRUSTED = ("MK-BUTEL", "hub")


def _key(name: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(SEEDS[name])


def _event(**overrides: Any) -> bytes:
    event: dict[str, Any] = {
        "specversion": "1.0",
        "id": "01937d3c-7a00-7000-8000-000000000001",
        "source": "MK-BUTEL",
        "type": "catalogue.service",
        "dataversion": "1.0",
        "time": "2026-11-23T09:00:00Z",
        "sequence": 1,
        "recipients": [],
        "datacontenttype": "application/json",
        "data": {
            "id": "5f0c4d3e-1c2b-4a59-9e3f-0a1b2c3d4e5f",
            "revision": 1,
            "status": "active",
            "name": {
                "mk": "Советување на лица под социјален ризик",
                "en": "Counselling for people at social risk",
            },
            "description": {"en": "Three counselling sessions per person."},
            "organization": {"name": {"mk": "Општина Бутел", "en": "Municipality of Butel"}},
            "target_groups": ["unemployed", "social_assistance_recipient"],
            "languages": ["mk", "en"],
            "address": None,
            "contact": {"phone": "", "email": "", "url": ""},
        },
    }
    event.update(overrides)
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()


def _seal(
    payload: bytes, *, signer: str = "MK-BUTEL", message_type: str = "catalogue.service", version: str = "1.0"
) -> Envelope:
    return seal_envelope(message_type=message_type, version=version, payload=payload, key=_key(signer))


def _one_valid_message_of_every_type() -> list[tuple[str, str, Envelope | dict[str, Any], str | None]]:
    cases: list[tuple[str, str, Envelope | dict[str, Any], str | None]] = []
    for (message_type, version), data in sorted(EXAMPLES.items()):
        direct = MESSAGE_TYPES[message_type].routing == "direct"
        payload = _event(
            type=message_type, dataversion=version, data=data, recipients=["MK-CAIR"] if direct else []
        )
        envelope = _seal(payload, message_type=message_type, version=version)
        cases.append((f"a valid {message_type} {version} message", "message", envelope, None))
    return cases


def _mixed_alphabets(text: str) -> str:
    """``text`` (standard base64) with its first ``+`` or ``/`` written URL-safe."""
    position = min(i for i in (text.find("+"), text.find("/")) if i >= 0)
    return text[:position] + {"+": "-", "/": "_"}[text[position]] + text[position + 1 :]


def build() -> dict[str, Any]:
    good = _seal(_event())
    other = _seal(_event(sequence=2))
    receipt = Receipt(
        message_id=uuid.UUID("01937d3c-7a00-7000-8000-000000000001"),
        source="MK-BUTEL",
        sequence=1,
        payload_sha256=hashlib.sha256(_event()).hexdigest(),
        log_index=1,
        received_at=dt.datetime(2026, 11, 23, 9, 0, 1, tzinfo=dt.UTC),
    )
    cases: list[tuple[str, str, Envelope | dict[str, Any], str | None]] = [
        ("a valid catalogue.service 1.0 message", "message", good, None),
        (
            "a valid hub receipt for it",
            "control",
            seal_envelope(
                message_type=RECEIPT_TYPE,
                version=CONTROL_VERSION,
                payload=receipt.model_dump_json().encode(),
                key=_key("hub"),
            ),
            None,
        ),
        (
            "the payload of another message under this signature",
            "message",
            good.model_copy(update={"payload": other.payload}),
            "bad-signature",
        ),
        (
            "the signature moved to version 1.1",
            "message",
            good.model_copy(
                update={"payload_type": "application/vnd.socialhub.catalogue.service+json; version=1.1"}
            ),
            "bad-signature",
        ),
        (
            "signed by a key the federation does not know",
            "message",
            _seal(_event(), signer="untrusted"),
            "unknown-key",
        ),
        ("a source other than the signer", "message", _seal(_event(source="MK-CAIR")), "source-mismatch"),
        (
            "a payload saying another version than was signed",
            "message",
            _seal(_event(dataversion="1.1")),
            "payload-type-mismatch",
        ),
        (
            "an unknown message type",
            "message",
            _seal(_event(type="catalogue.recipe"), message_type="catalogue.recipe"),
            "unknown-message-type",
        ),
        (
            "an unsupported version",
            "message",
            _seal(_event(dataversion="9.0"), version="9.0"),
            "unsupported-version",
        ),
        ("an unknown field", "message", _seal(_event(priority="high")), "schema-violation"),
        (
            "a language tag outside the vocabulary",
            "message",
            _seal(_event(data=json.loads(_event())["data"] | {"name": {"de": "Beratung"}})),
            "schema-violation",
        ),
        (
            "a payload that is not base64",
            "message",
            good.model_copy(update={"payload": "@@@"}),
            "malformed-envelope",
        ),
        (
            "two signatures",
            "message",
            good.model_copy(update={"signatures": (*good.signatures, Signature(keyid="x", sig="eA"))}),
            "malformed-envelope",
        ),
        (
            "a missing signatures field",
            "message",
            {"payloadType": good.payload_type, "payload": good.payload},
            "malformed-envelope",
        ),
        (
            "the valid message in unpadded URL-safe base64, which DSSE also allows",
            "message",
            good.model_copy(
                update={
                    "payload": b64u_encode(b64_decode(good.payload)),
                    "signatures": (
                        Signature(
                            keyid=good.signatures[0].keyid,
                            sig=b64u_encode(b64_decode(good.signatures[0].sig)),
                        ),
                    ),
                }
            ),
            None,
        ),
        (
            "a payload mixing the standard and URL-safe base64 alphabets",
            "message",
            good.model_copy(update={"payload": _mixed_alphabets(good.payload)}),
            "malformed-envelope",
        ),
        *_one_valid_message_of_every_type(),
    ]
    return {
        "description": __doc__.split("\n\n")[1].replace("\n", " "),
        "keys": {
            name: {
                "private_seed_hex": seed.hex(),
                "public_key": public_key_text(_key(name).public_key()),
                "keyid": key_id(_key(name).public_key()),
                "trusted": name in TRUSTED,
            }
            for name, seed in SEEDS.items()
        },
        "cases": [
            {
                "name": name,
                "kind": kind,
                "envelope": envelope.to_wire() if isinstance(envelope, Envelope) else envelope,
                "expect": {"error": error}
                if error
                else {"payload_sha256": hashlib.sha256(b64_decode(envelope.payload)).hexdigest()},  # type: ignore[union-attr]
            }
            for name, kind, envelope, error in cases
        ],
    }


def verify_case(case: dict[str, Any], keys: dict[str, Any]) -> str | None:
    """Open one vector's envelope as a receiver would; return the error code, or None if it opens."""
    trusted = {
        entry["keyid"]: TrustedKey(owner=name, public_key=_key(name).public_key())
        for name, entry in keys.items()
        if entry["trusted"]
    }
    try:
        resolve_key = mapping_resolver(trusted)
        if case["kind"] == "control":
            read_control(case["envelope"], model=Receipt, resolve_key=resolve_key)
        verified = open_envelope(parse_envelope(case["envelope"]), resolve_key=resolve_key)
        if case["kind"] == "message":
            read_message(verified)
        expected_sha = case["expect"].get("payload_sha256")
        if expected_sha is not None and hashlib.sha256(verified.payload).hexdigest() != expected_sha:
            return "payload-differs"
    except ContractError as exc:
        return exc.code
    return None


def check(path: Path = VECTORS_FILE) -> list[str]:
    vectors = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for case in vectors["cases"]:
        got = verify_case(case, vectors["keys"])
        want = case["expect"].get("error")
        if got != want:
            problems.append(f"{case['name']}: expected {want or 'success'}, got {got or 'success'}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if not args.check:
        VECTORS_FILE.parent.mkdir(exist_ok=True)
        VECTORS_FILE.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {VECTORS_FILE}")
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(json.loads(VECTORS_FILE.read_text())['cases'])} vectors checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
