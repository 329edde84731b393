"""The AsyncAPI 3.0 document of the message exchange, generated from the contracts.

    python -m contracts.asyncapi            write contracts/asyncapi.json
    python -m contracts.asyncapi --check    fail if the committed document differs

One channel per message type (its address is the type's name, which is also the routing key
at the hub); each version of the type is a message on that channel whose payload is the
committed JSON Schema of the signed event (``schemas/<type>/<version>.json``, a reference
relative to this document, so the same document works from a checkout and from the hub, which
serves it at ``/api/v1/asyncapi.json`` beside ``/api/v1/schemas/<type>/<version>.json``).
Every type has a ``send`` operation (a node pushes to the hub) and, unless only the hub reads
it, a ``receive`` operation (a node pulls from the hub).

Invariants: the document is derived, never edited by hand; CI runs ``--check``; a test
validates it with the AsyncAPI project's own parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from contracts.envelope import payload_type_for
from contracts.examples import EXAMPLES
from contracts.messages import MESSAGE_TYPES, MessageType

DOCUMENT = Path(__file__).resolve().parent / "asyncapi.json"
ASYNCAPI_VERSION = "3.1.0"
EXAMPLE_SOURCE, EXAMPLE_RECIPIENT = "MK-BUTEL", "MK-CAIR"

_ROUTING = {
    "broadcast": "The hub logs it and every other member pulls it.",
    "hub": "Only the hub reads it (statistics for the ministry); no member pulls it.",
    "direct": "It names exactly one recipient member, and only that member pulls it.",
}

_ENVELOPE = """\
Every message travels as a DSSE envelope, `{"payloadType", "payload", "signatures": [{"keyid", "sig"}]}`:
`payload` is the base64 (standard or URL-safe) of the exact JSON bytes described below, and `sig`
is an Ed25519 signature by the sending member over the DSSE pre-authentication encoding of
`payloadType` and those bytes. `payloadType` is
`application/vnd.socialhub.<type>+json; version=<major>.<minor>`, so a signature for one type or
version never verifies as another. The payload's `type`, `dataversion` and `source` must equal
the signed type, version and signer. Golden vectors: `contracts/vectors/envelopes.json`.
"""

_TRANSPORT = """\
Members push batches of envelopes with `POST /api/v1/messages` and pull with
`GET /api/v1/messages?cursor=<cursor>`, each request signed with HTTP Message Signatures
(RFC 9421: `@method`, `@path`, `@query`, `content-digest`, `created`, `nonce`, tag `socialhub`).
The hub answers each pushed message with its own signed receipt (`control.receipt`).

Streams and order: every type belongs to a family (the part of its name before the first dot:
`catalogue`, `statistics`, `case`, `control`, or a plug-in's), and the family is the stream its
`sequence` counts in. A member numbers each stream from 1, on its own; the hub refuses a
sequence lower than the last it logged for that member and stream (`sequence-regression`) or
one already taken there (`duplicate-sequence`). So a message held back in one family (a case
waiting for its recipient's key) never holds back another, while one member's messages of one
family are logged, and pulled, in the order they were written.

Sizes: a signed payload is at most 1,500,000 bytes, and less for some types (`control` 65,536);
a writer refuses a larger one before it is sent (`payload-too-large`). A push holds as many
envelopes as fit the hub's body limit (4 MiB by default; else `body-too-large`, 413, and the
member sends the batch again in halves); a pulled page holds at most 1,000 entries and, past its
first, `HUB_MAX_PULL_BYTES` of envelopes and receipts (4 MiB by default).
"""


def _operation_id(action: str, name: str) -> str:
    return action + "".join(part.title() for part in name.replace("_", ".").split("."))


def _message_key(name: str, version: str) -> str:
    return f"{name.replace('.', '_')}_{version.replace('.', '_')}"


def _example(name: str, mtype: MessageType, version: str) -> dict[str, Any]:
    return {
        "name": f"{name} {version}",
        "payload": {
            "specversion": "1.0",
            "id": "01937d3c-7a00-7000-8000-000000000001",
            "source": EXAMPLE_SOURCE,
            "type": name,
            "dataversion": version,
            "time": "2026-11-23T09:00:00Z",
            "sequence": 1,
            "recipients": [EXAMPLE_RECIPIENT] if mtype.routing == "direct" else [],
            "datacontenttype": "application/json",
            "data": EXAMPLES[(name, version)],
        },
    }


def _message(name: str, mtype: MessageType, version: str) -> dict[str, Any]:
    model = mtype.versions[version]
    summary = (model.__doc__ or name).strip().splitlines()[0]
    notes = []
    if version == mtype.current:
        notes.append("This is the current version: members write it.")
    else:
        notes.append(f"Still read and upcast to {mtype.current}; members one minor version behind write it.")
    return {
        "name": name,
        "title": f"{name} {version}",
        "summary": summary,
        "description": " ".join(notes),
        "contentType": payload_type_for(name, version),
        "payload": {
            "schemaFormat": "application/schema+json;version=draft-07",
            "schema": {"$ref": f"schemas/{name}/{version}.json"},
        },
        "traits": [{"$ref": "#/components/messageTraits/signedEnvelope"}],
        "examples": [_example(name, mtype, version)],
    }


def document(version: str = "1.0.0") -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for name, mtype in sorted(MESSAGE_TYPES.items()):
        refs = {}
        for type_version in sorted(mtype.versions):
            key = _message_key(name, type_version)
            messages[key] = _message(name, mtype, type_version)
            refs[key] = {"$ref": f"#/components/messages/{key}"}
        channel_id = name.replace(".", "_")
        channels[channel_id] = {
            "address": name,
            "title": name,
            "description": f"Routing: {mtype.routing}. {_ROUTING[mtype.routing]}",
            "servers": [{"$ref": "#/servers/hub"}],
            "messages": refs,
        }
        channel_ref = {"$ref": f"#/channels/{channel_id}"}
        all_messages = [{"$ref": f"#/channels/{channel_id}/messages/{key}"} for key in refs]
        operations[_operation_id("send", name)] = {
            "action": "send",
            "channel": channel_ref,
            "title": f"Publish {name}",
            "summary": "A member pushes it to the hub in a signed batch.",
            "messages": all_messages,
            "bindings": {"http": {"method": "POST"}},
        }
        if mtype.routing != "hub":
            operations[_operation_id("receive", name)] = {
                "action": "receive",
                "channel": channel_ref,
                "title": f"Receive {name}",
                "summary": "A member pulls it from the hub's log and checks both signatures on it.",
                "messages": all_messages,
                "bindings": {"http": {"method": "GET"}},
            }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "Social protection exchange: messages",
            "version": version,
            "description": _ENVELOPE + "\n" + _TRANSPORT,
            "license": {
                "name": "EUPL-1.2",
                "url": "https://interoperable-europe.ec.europa.eu/collection/eupl",
            },
        },
        "defaultContentType": "application/json",
        "servers": {
            "hub": {
                "host": "hub.example.org",
                "protocol": "https",
                "pathname": "/api/v1/messages",
                "description": "The federation's hub; members reach it over HTTPS.",
                "security": [{"$ref": "#/components/securitySchemes/httpMessageSignature"}],
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "messageTraits": {
                "signedEnvelope": {
                    "description": _ENVELOPE,
                    "externalDocs": {
                        "description": "DSSE envelope",
                        "url": "https://github.com/secure-systems-lab/dsse/blob/master/envelope.md",
                    },
                }
            },
            "securitySchemes": {
                "httpMessageSignature": {
                    "type": "httpApiKey",
                    "name": "Signature",
                    "in": "header",
                    "description": "RFC 9421 HTTP Message Signatures with the member's Ed25519 key "
                    "(headers Signature, Signature-Input and Content-Digest; the key id is the "
                    "member's key id in the hub's signed directory).",
                }
            },
        },
    }


def render() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="Only compare; exit 1 if the document differs.")
    args = parser.parse_args(argv)
    text = render()
    current = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else None
    if args.check:
        if current != text:
            print(f"{DOCUMENT.name}: out of date; run python -m contracts.asyncapi", file=sys.stderr)
            return 1
        print(f"{DOCUMENT.name}: matches the contracts ({len(MESSAGE_TYPES)} channels)")
        return 0
    if current != text:
        DOCUMENT.write_text(text, encoding="utf-8")
        print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
