"""The hub's federated catalogue: a projection of the catalogue messages in its own log,
applied in log order under the same rules as at every node (``common.catalogue.services``).

The hub's projector (``hub.exchange.projections``) reads the log, keeps the cursor, makes dead
letters and rebuilds (``python -m hub.manage projections --rebuild catalogue``); this module only
says how a page of one type is applied and what a rebuild forgets.
"""

from __future__ import annotations

from common.catalogue.services import MESSAGE_TYPES, Published, catalogue_apply
from contracts.errors import ContractError
from hub.exchange.projections import Logged, Projection

CONSUMER = "catalogue"


def catalogue_page_apply(message_type: str, entries: list[Logged]) -> dict[int, ContractError]:
    return catalogue_apply(
        message_type,
        [Published(e.event.source, e.event.id, e.event.time, e.event.data) for e in entries],
    )


def catalogue_forget() -> None:
    from common.catalogue.models import FederatedEntry, FederatedService

    FederatedService.objects.all().delete()
    FederatedEntry.objects.all().delete()


CATALOGUE_PROJECTION = Projection(
    name=CONSUMER, types=frozenset(MESSAGE_TYPES), apply=catalogue_page_apply, reset=catalogue_forget
)
