"""The hub's federated catalogue: catalogue messages from its own log, applied in log order
under the same rules as at every node (``common.catalogue.services``).

The log is the source of truth; this projection is derived and can be rebuilt from it
(``manage.py catalogue_rebuild``). Messages in the log were verified at ingest, so here they are
parsed, not verified again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from common.catalogue.services import MESSAGE_TYPES, Published, catalogue_apply
from common.isolation import apply_isolated, failure
from contracts.envelope import VerifiedEnvelope, b64_decode, parse_envelope, parse_payload_type
from contracts.errors import ApplyFailedError, ContractError
from contracts.messages import read_message, upcast
from hub.catalogue.models import CatalogueProjection
from hub.exchange.models import Message
from hub.exchange.services import projection_dead_letter, projection_dead_letter_resolve

logger = logging.getLogger(__name__)
CONSUMER = "catalogue"


@dataclass
class ProjectionReport:
    read: int = 0
    applied: int = 0
    refused: int = 0
    position: int = 0


def _published(message: Message) -> Published:
    envelope = parse_envelope(bytes(message.envelope))
    message_type, version = parse_payload_type(envelope.payload_type)
    verified = VerifiedEnvelope(
        type=message_type,
        version=version,
        payload=b64_decode(envelope.payload),
        keyid=envelope.signatures[0].keyid,
        signer=message.source.code,
    )
    event = upcast(read_message(verified))
    return Published(event.source, event.id, event.time, event.data)


def _applier(message_type: str) -> Callable[[list[Published]], dict[int, ContractError]]:
    def apply(items: list[Published]) -> dict[int, ContractError]:
        return catalogue_apply(message_type, items)

    return apply


def catalogue_project(*, page_size: int = 1000, max_pages: int = 100) -> ProjectionReport:
    """Apply the catalogue messages logged since the last run, a page per transaction."""
    report = ProjectionReport()
    for _ in range(max_pages):
        with transaction.atomic():
            state, _ = CatalogueProjection.objects.select_for_update().get_or_create(pk=1)
            rows = list(
                Message.objects.filter(log_index__gt=state.position)
                .order_by("log_index")
                .values_list("log_index", "type")[:page_size]
            )
            if not rows:
                report.position = state.position
                return report
            wanted = [index for index, message_type in rows if message_type in MESSAGE_TYPES]
            messages = (
                Message.objects.filter(log_index__in=wanted).select_related("source").order_by("log_index")
            )
            by_type: dict[str, list[tuple[int, Published]]] = {}
            dead: dict[int, ContractError] = {}
            for message in messages:
                try:
                    by_type.setdefault(message.type, []).append((message.log_index, _published(message)))
                except ContractError as exc:
                    dead[message.log_index] = exc
                except Exception as exc:  # a message no check foresaw: kept aside, never blocking
                    logger.exception("log entry %d cannot be read for the catalogue", message.log_index)
                    dead[message.log_index] = failure(exc)
            applied = refused = 0
            for message_type, entries in by_type.items():
                # One message that cannot be applied is narrowed down and kept as a dead letter;
                # the others are applied in log order (common.isolation).
                errors = apply_isolated(_applier(message_type), [p for _, p in entries])
                for position, error in errors.items():
                    if isinstance(error, ApplyFailedError):
                        dead[entries[position][0]] = error
                        continue
                    logger.warning("catalogue entry not applied: %s %s", error.code, error.message)
                    state.last_refusal = f"{error.code}: {error.message}"
                    refused += 1
                applied += len(entries) - len(errors)
            for log_index, error in sorted(dead.items()):
                projection_dead_letter(consumer=CONSUMER, log_index=log_index, error=error)
                state.last_refusal = f"#{log_index} {error.code}: {error.message}"[:2000]
            report.read, report.applied, report.refused = (
                report.read + len(rows),
                report.applied + applied,
                report.refused + refused,
            )
            state.position = rows[-1][0]
            state.applied_total += applied  # this page's: the report adds up every page of the run
            state.refused_total += refused
            state.save()
            report.position = state.position
            if len(rows) < page_size:
                return report
    return report


def catalogue_rebuild() -> ProjectionReport:
    """Forget the projection and read the whole log again."""
    from common.catalogue.models import FederatedEntry, FederatedService

    with transaction.atomic():
        FederatedService.objects.all().delete()
        FederatedEntry.objects.all().delete()
        CatalogueProjection.objects.update_or_create(
            pk=1, defaults={"position": 0, "applied_total": 0, "refused_total": 0}
        )
    return catalogue_project(max_pages=10**9)


def catalogue_retry(*, log_index: int) -> ContractError | None:
    """Apply one log entry that became a dead letter again (after a fix); returns why it is
    still refused, or nothing when it was applied (the dead letter is then resolved)."""
    message = Message.objects.select_related("source").get(log_index=log_index)
    with transaction.atomic():
        # The same outcomes as in catalogue_project: an entry that cannot be read or applied
        # stays a dead letter; one the catalogue's rules refuse (an older revision, another
        # owner) is decided, as it would have been in its turn.
        try:
            published = _published(message)
        except ContractError as exc:
            projection_dead_letter(consumer=CONSUMER, log_index=log_index, error=exc)
            return exc
        error = apply_isolated(_applier(message.type), [published]).get(0)
        if isinstance(error, ApplyFailedError):
            projection_dead_letter(consumer=CONSUMER, log_index=log_index, error=error)
            return error
        outcome = "applied on retry" if error is None else f"refused on retry: {error.code}"
        projection_dead_letter_resolve(consumer=CONSUMER, log_index=log_index, resolution=outcome)
        return error
