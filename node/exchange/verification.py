"""Checks of what the hub hands this node: senders' signatures, the hub's receipts, page seals.

Nothing here reads or writes the database: the key resolvers are built by the caller
beforehand, so a page can be checked in another thread (ahead of its turn, or in runs side by
side) while the database is busy with the page before it.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from pydantic import ValidationError

from contracts.client import PulledMessage, PullPage
from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, PageSeal, Receipt, page_digest, read_control
from contracts.envelope import KeyResolver, b64_decode, open_envelope, parse_envelope, payload_type_for
from contracts.errors import (
    ContractError,
    ReceiptMismatchError,
    RevokedKeyError,
    SchemaViolationError,
    UnknownKeyError,
    WrongTypeError,
    validation_detail,
)
from contracts.log import leaf_hash
from contracts.messages import Event, read_message

logger = logging.getLogger("node.exchange")

Outcomes = dict[int, "Event[Any] | ContractError"]
"""Each message's verified event, or why it is refused, by log index."""

_VERIFY_RUN_MIN = 50  # smaller pages are checked in the calling thread


def verified_push_receipt(
    raw: dict[str, Any], *, envelope: bytes, message_id: uuid.UUID, hub_keys: KeyResolver
) -> Receipt:
    """The hub's receipt for a message this node pushed, once it is the hub's and for it."""
    receipt = read_control(raw, model=Receipt, resolve_key=hub_keys)
    # Our own message, from our own outbox: its payload needs no second verification.
    payload = b64_decode(parse_envelope(envelope).payload)
    if receipt.message_id != message_id or receipt.payload_sha256 != hashlib.sha256(payload).hexdigest():
        raise ReceiptMismatchError(f"The receipt is for {receipt.message_id}, not for {message_id}.")
    return receipt


def outcomes_ahead(
    page: PullPage, *, peer_keys: KeyResolver, hub_keys: KeyResolver, node_code: str
) -> Outcomes | None:
    """Verify a page before its turn, with every key of the directory as read when it was
    fetched; nothing (check it in turn) when a key was unknown, since the directory is then
    refreshed first."""
    if not page.messages:
        return None
    vouched = sealed_entries(page.messages, page.seal, hub_keys=hub_keys, node_code=node_code)
    outcomes = page_outcomes(page.messages, peer_keys=peer_keys, hub_keys=hub_keys, vouched=vouched)
    if any(isinstance(outcome, UnknownKeyError) for outcome in outcomes):
        return None
    return {m.log_index: outcome for m, outcome in zip(page.messages, outcomes, strict=True)}


def sealed_entries(
    messages: list[PulledMessage], seal: dict[str, Any] | None, *, hub_keys: KeyResolver, node_code: str
) -> dict[int, bytes]:
    """The receipts' entries (signed payloads) by log index, when the hub's page seal vouches
    for every receipt on the page; otherwise nothing, and each receipt is verified on its own.

    Any doubt answers nothing: no seal, a seal that does not verify or names another member or
    another number of messages, a receipt that is not one, or a digest that does not match
    (a receipt changed on the way; the one changed is then refused by its own check).
    """
    if seal is None:
        return {}
    receipt_type = payload_type_for(RECEIPT_TYPE, CONTROL_VERSION)
    try:
        stated = read_control(seal, model=PageSeal, resolve_key=hub_keys)
        entries: dict[int, bytes] = {}
        for pulled in messages:
            envelope = parse_envelope(pulled.receipt)
            if envelope.payload_type != receipt_type:
                raise WrongTypeError("A receipt on the page is not a receipt.")
            entries[pulled.log_index] = b64_decode(envelope.payload)
    except (ContractError, ValueError) as exc:
        logger.warning("page seal not used: %s", exc)
        return {}
    digest = page_digest([leaf_hash(entries[pulled.log_index]) for pulled in messages])
    if (stated.member, stated.count, stated.receipts_sha256) != (node_code, len(messages), digest):
        logger.warning("page seal not used: it does not cover this page's receipts")
        return {}
    return entries


def page_outcomes(
    messages: list[PulledMessage],
    *,
    peer_keys: KeyResolver,
    hub_keys: KeyResolver,
    vouched: dict[int, bytes],
) -> list[Event[Any] | ContractError]:
    """Each message's verified event, or the reason it is refused, in order.

    A large page is split into ``NODE_VERIFY_THREADS`` runs checked side by side: most of the
    time goes to Ed25519, which releases Python's global lock, so the runs use several cores.
    """

    def check(run: list[PulledMessage]) -> list[Event[Any] | ContractError]:
        outcomes: list[Event[Any] | ContractError] = []
        for pulled in run:
            try:
                outcomes.append(
                    verified_event(
                        pulled, peer_keys=peer_keys, hub_keys=hub_keys, entry=vouched.get(pulled.log_index)
                    )
                )
            except ContractError as exc:
                outcomes.append(exc)
        return outcomes

    threads = min(settings.NODE_VERIFY_THREADS, len(messages) // _VERIFY_RUN_MIN)
    if threads < 2:
        return check(messages)
    size = -(-len(messages) // threads)
    runs = [messages[start : start + size] for start in range(0, len(messages), size)]
    with ThreadPoolExecutor(max_workers=len(runs), thread_name_prefix="inbox-verify") as pool:
        return [outcome for outcomes in pool.map(check, runs) for outcome in outcomes]


def verified_event(
    pulled: PulledMessage, *, peer_keys: KeyResolver, hub_keys: KeyResolver, entry: bytes | None = None
) -> Event[Any]:
    """The message's event once every check passed. ``entry`` is the receipt's signed payload
    when the hub's page seal already vouched for it; otherwise the receipt's own signature is
    verified."""
    # 1. The origin's signature over the payload, with a key the signed directory lists.
    verified = open_envelope(parse_envelope(pulled.envelope), resolve_key=peer_keys)
    # 2. The payload, strictly, as its type and version (a newer minor as the newest we know).
    event = read_message(verified, accept_newer_minor=True)
    # 3. The hub's receipt: signed by the pinned hub key (itself, or by the page seal that
    #    vouches for it), for this very payload and log index.
    receipt = (
        read_control(pulled.receipt, model=Receipt, resolve_key=hub_keys)
        if entry is None
        else vouched_receipt(entry)
    )
    # 4. A key revoked since: valid only for what the hub logged before the revocation.
    if verified.valid_until is not None and receipt.received_at >= verified.valid_until:
        raise RevokedKeyError(f"Key {verified.keyid} was revoked before the hub logged this message.")
    if (
        receipt.message_id != event.id
        or receipt.log_index != pulled.log_index
        or receipt.payload_sha256 != hashlib.sha256(verified.payload).hexdigest()
    ):
        raise ReceiptMismatchError(f"The hub's receipt does not match message {event.id}.")
    return event


def vouched_receipt(entry: bytes) -> Receipt:
    """A receipt's signed payload that the hub's page seal vouched for, read strictly."""
    try:
        return Receipt.model_validate_json(entry, strict=True)
    except ValidationError as exc:
        raise SchemaViolationError(
            "The hub's receipt does not match its schema.", detail=validation_detail(exc)
        ) from exc
