from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NodeCasesConfig(AppConfig):
    """Consents and the case transfers they allow."""

    name = "node.cases"
    label = "cases"
    verbose_name = _("Consents and transfers")

    def ready(self) -> None:
        from node.cases.transfers import transfers_outcome, transfers_receive
        from node.exchange.inbox import applier_register

        applier_register("case.transfer_request", transfers_receive)
        applier_register("case.transfer_accept", transfers_outcome)
        applier_register("case.transfer_decline", transfers_outcome)
