"""Golden test vectors: keys, signed envelopes and broken ones with the error each must raise;
a small log with its tree heads and RFC 9162 proofs, and broken proofs with their errors.

    python -m contracts.vectors          write contracts/vectors/envelopes.json
    python -m contracts.vectors --check  verify the committed vectors with this implementation

The log's vectors are written beside them, to contracts/vectors/log_proofs.json.

Any implementation, in any language, can check itself against the committed files: open each
envelope with the trusted keys listed in it and expect either the payload (its SHA-256 is
given) or the error code; check each proof against its tree heads as a node does and expect
success or the error code. Ed25519 signatures are deterministic, so the files are reproducible.
The keys are published test keys: never use them for anything else.

Invariants: the committed files change only when a case is added; an existing case never
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

from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, Receipt, TreeHead, read_control
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
from contracts.limits import MAX_JSON_DEPTH
from contracts.log import (
    EMPTY_ROOT,
    ConsistencyProof,
    InclusionProof,
    consistency_path,
    inclusion_path,
    leaf_hash,
    subtrees_of,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)
from contracts.messages import MESSAGE_TYPES, read_message

VECTORS_FILE = Path(__file__).resolve().parent / "vectors" / "envelopes.json"
LOG_VECTORS_FILE = VECTORS_FILE.with_name("log_proofs.json")
LOG_SIZE = 9
SEEDS = {
    "MK-BUTEL": bytes(range(32)),
    "hub": bytes(range(32, 64)),
    "untrusted": bytes(range(64, 96)),
}
TRUSTED = ("MK-BUTEL", "hub")


def _key(name: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(SEEDS[name])


def _event(*, ascii_only: bool = False, **overrides: Any) -> bytes:
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
    # ascii_only writes every character beyond ASCII as an escape: the only way a lone surrogate
    # can be written in JSON at all.
    return json.dumps(event, ensure_ascii=ascii_only, separators=(",", ":")).encode()


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


def _values_no_receiver_could_store() -> list[tuple[str, str, Envelope | dict[str, Any], str | None]]:
    """Signed messages whose values are out of every receiver's storage (contracts.bounds) or
    whose payload nests deeper than any reader parses (contracts.limits)."""
    data = json.loads(_event())["data"]
    nested: Any = "deep"
    for _ in range(MAX_JSON_DEPTH):
        nested = [nested]
    return [
        ("a sequence beyond 64 bits", "message", _seal(_event(sequence=2**64)), "schema-violation"),
        (
            "a revision beyond the receivers' integer column",
            "message",
            _seal(_event(data=data | {"revision": 2**31})),
            "schema-violation",
        ),
        (
            "a NUL character in a name",
            "message",
            _seal(_event(data=data | {"name": {"en": "Counselling\u0000"}})),
            "schema-violation",
        ),
        (
            "a lone surrogate in a name",
            "message",
            _seal(_event(data=data | {"name": {"en": "Counselling \ud800"}}, ascii_only=True)),
            "schema-violation",
        ),
        (
            f"a payload nested {MAX_JSON_DEPTH + 2} levels deep",
            "message",
            _seal(_event(data=data | {"description": nested})),
            "json-too-deep",
        ),
    ]


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
        *_values_no_receiver_could_store(),
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


# --- the log's proofs -----------------------------------------------------------------------


def _log_entries() -> list[bytes]:
    """Entry ``i`` (from 1): the signed payload of a receipt for log index ``i``, as the hub writes it."""
    return [
        Receipt(
            message_id=uuid.UUID(f"01937d3c-7a00-7000-8000-{i:012d}"),
            source="MK-BUTEL",
            sequence=i,
            payload_sha256=hashlib.sha256(f"message {i}".encode()).hexdigest(),
            log_index=i,
            received_at=dt.datetime(2026, 11, 23, 9, 0, i, tzinfo=dt.UTC),
        )
        .model_dump_json()
        .encode()
        for i in range(1, LOG_SIZE + 1)
    ]


def _flipped(path: list[str]) -> list[str]:
    """The path with one bit of its first hash changed."""
    return [f"{int(path[0][0], 16) ^ 1:x}{path[0][1:]}", *path[1:]]


def build_log() -> dict[str, Any]:
    entries = _log_entries()
    leaves = [leaf_hash(entry) for entry in entries]
    rewritten = [*leaves[:2], leaf_hash(b"entry 3, rewritten"), *leaves[3:]]

    def head(size: int, of: list[bytes] = leaves) -> dict[str, Any]:
        return {"tree_size": size, "root_hash": tree_hash(of[:size]).hex()}

    def inclusion(index: int, size: int) -> dict[str, Any]:
        path = inclusion_path(leaf_index=index - 1, tree_size=size, subtree=subtrees_of(leaves))
        return {"leaf_index": index - 1, "tree_size": size, "inclusion_path": [h.hex() for h in path]}

    def consistency(first: int, second: int, of: list[bytes] = leaves) -> dict[str, Any]:
        path = consistency_path(first=first, second=second, subtree=subtrees_of(of))
        return {"first": first, "second": second, "consistency_path": [h.hex() for h in path]}

    def included(name: str, *, proof: dict[str, Any], size: int = LOG_SIZE, **more: Any) -> dict[str, Any]:
        return {"name": name, "kind": "inclusion", "log_index": 6, "head": head(size), "proof": proof} | more

    def extends(
        name: str, *, proof: dict[str, Any] | None, old: dict[str, Any], new: dict[str, Any]
    ) -> dict[str, Any]:
        return {"name": name, "kind": "consistency", "old": old, "new": new, "proof": proof}

    cases = [
        {
            "name": f"entry {index} is in the tree of {size}",
            "kind": "inclusion",
            "log_index": index,
            "head": head(size),
            "proof": inclusion(index, size),
        }
        for size in range(1, LOG_SIZE + 1)
        for index in range(1, size + 1)
    ]
    cases += [
        extends(
            f"the tree of {second} extends the tree of {first}",
            old=head(first),
            new=head(second),
            proof=consistency(first, second) if 0 < first < second else None,
        )
        for second in range(1, LOG_SIZE + 1)
        for first in range(second + 1)
    ]
    good, path = inclusion(6, LOG_SIZE), inclusion(6, LOG_SIZE)["inclusion_path"]
    changed_entry = entries[5].replace(b'"sequence":6', b'"sequence":66').decode()
    bad_inclusions = [
        included("an entry changed after it was logged", proof=good, entry=changed_entry),
        included("the proof of another entry", proof=inclusion(7, LOG_SIZE) | {"leaf_index": 5}),
        included("the proof of the entry in a smaller tree", proof=inclusion(6, 8)),
        included("a tree head of another size", proof=good, size=8),
        included("a hash of the path changed", proof=good | {"inclusion_path": _flipped(path)}),
        included("a hash missing", proof=good | {"inclusion_path": path[:-1]}),
        included("a hash too many", proof=good | {"inclusion_path": [*path, EMPTY_ROOT]}),
    ]
    good, path = consistency(6, LOG_SIZE), consistency(6, LOG_SIZE)["consistency_path"]
    old, new = head(6), head(LOG_SIZE)
    bad_consistencies = [
        extends(
            "a hash of the path changed", proof=good | {"consistency_path": _flipped(path)}, old=old, new=new
        ),
        extends("a hash missing", proof=good | {"consistency_path": path[:-1]}, old=old, new=new),
        extends("an empty path", proof=good | {"consistency_path": []}, old=old, new=new),
        extends("the proof between other sizes", proof=consistency(5, LOG_SIZE), old=old, new=new),
        extends("no proof", proof=None, old=old, new=new),
        extends("the old and new tree heads swapped", proof=None, old=new, new=old),
        extends("another root for the same size", proof=None, old=new, new=head(LOG_SIZE, rewritten)),
        extends(
            "a history rewritten at entry 3, with the rewritten log's own proof",
            proof=consistency(6, LOG_SIZE, rewritten),
            old=old,
            new=head(LOG_SIZE, rewritten),
        ),
    ]
    cases += [
        c | {"name": f"inclusion: {c['name']}", "expect": {"error": "bad-log-proof"}} for c in bad_inclusions
    ]
    cases += [
        c | {"name": f"consistency: {c['name']}", "expect": {"error": "log-inconsistent"}}
        for c in bad_consistencies
    ]
    return {
        "description": (
            "The hub's log as RFC 9162 defines it: entry i (log index i, from 1) is the signed payload "
            "of the receipt for log index i and RFC 9162's leaf i - 1; leaf hash SHA-256(0x00 || entry), "
            "node hash SHA-256(0x01 || left || right); hashes in lowercase hex. An inclusion proof is "
            "{leaf_index, tree_size, inclusion_path} (RFC 9162 2.1.3), a consistency proof {first, "
            "second, consistency_path} (2.1.4; none is needed from the empty tree or between equal "
            "sizes). Check each case as a node does: the entry (the case's own, else entries[log_index - 1]) "
            "against the head, or the new head against the old; expect success or the error code."
        ),
        "entries": [entry.decode() for entry in entries],
        "cases": [case | {"expect": case.get("expect", {})} for case in cases],
    }


def verify_log_case(case: dict[str, Any], entries: list[str]) -> str | None:
    """Check one log vector as a node would; return the error code, or None if it verifies."""
    when = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    try:
        if case["kind"] == "inclusion":
            entry = case.get("entry") or entries[case["log_index"] - 1]
            verify_inclusion(
                entry=entry.encode(),
                log_index=case["log_index"],
                head=TreeHead(**case["head"], timestamp=when),
                proof=InclusionProof.model_validate(case["proof"]),
            )
        else:
            verify_consistency(
                old=TreeHead(**case["old"], timestamp=when),
                new=TreeHead(**case["new"], timestamp=when),
                proof=None if case["proof"] is None else ConsistencyProof.model_validate(case["proof"]),
            )
    except ContractError as exc:
        return exc.code
    return None


def check_log(path: Path = LOG_VECTORS_FILE) -> list[str]:
    vectors = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for case in vectors["cases"]:
        got = verify_log_case(case, vectors["entries"])
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
        for path, vectors in ((VECTORS_FILE, build()), (LOG_VECTORS_FILE, build_log())):
            path.write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {path}")
    problems = check() + check_log()
    for line in problems:
        print(line, file=sys.stderr)
    count = sum(len(json.loads(path.read_text())["cases"]) for path in (VECTORS_FILE, LOG_VECTORS_FILE))
    print(f"{count} vectors checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
