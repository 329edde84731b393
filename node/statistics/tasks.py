from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from contracts.errors import ContractError, NotEnrolledError
from node.statistics.services import RoundReport, policy_refresh
from node.statistics.services import statistics_round as round_run

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def statistics_round(periods: list[str] | None = None) -> dict[str, object]:
    """Fetch the hub's policy, then draft the periods due (or ``periods``, on demand from the
    supervisor's page); the demo's nodes approve them too (NODE_STATISTICS_APPROVE_AS)."""
    try:
        policy_refresh()
    except NotEnrolledError:
        return {}
    except ContractError as exc:  # the hub away: draft under the policy held, if any
        logger.warning("statistics policy not refreshed: %s: %s", exc.code, exc.message)
    try:
        report: RoundReport = round_run(
            months_back=settings.NODE_STATISTICS_MONTHS_BACK,
            approve_as=settings.NODE_STATISTICS_APPROVE_AS,
            periods=periods,
        )
    except ContractError as exc:
        logger.warning("statistics not drafted: %s: %s", exc.code, exc.message)
        return {"failed": exc.code}
    if report.drafted or report.failed:
        logger.info(
            "statistics drafted %s, approved %s, failed %s", report.drafted, report.approved, report.failed
        )
    return {"drafted": report.drafted, "approved": report.approved, "failed": report.failed}
