"""How this node stands, told to the hub for the federation's status page."""

from __future__ import annotations

from contracts.api import SyncReport
from contracts.bounds import storable
from contracts.client import HubAPI
from node.exchange.selectors import sync_status
from node.federation.selectors import hub_client


def sync_report(*, client: HubAPI | None = None) -> None:
    """Tell the hub how this node stands; ``client`` is the hub (the enrolled one when not given)."""
    status = sync_status()
    hub: HubAPI = client if client is not None else hub_client()
    hub.sync_report(
        SyncReport(
            outbox_pending=status.outbox_pending,
            outbox_dead=status.outbox_dead,
            inbox_dead=status.inbox_dead,
            log_alarms=len(status.log_alarms),
            # What is wrong now, in the node's own words; else the last sync error it saw.
            last_error=storable("; ".join(status.problems) or status.last_error, 2000),
        )
    )
