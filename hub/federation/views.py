from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.exchange.selectors import (
    log_size,
    projection_dead_letters,
    projection_overview,
    sync_overview,
    tree_head_latest,
)
from hub.federation.selectors import hub_keyid


def dashboard(request: HttpRequest) -> HttpResponse:
    """The operator's overview: members, their sync state, the log."""
    size = log_size()
    return render(
        request,
        "hub/dashboard.html",
        {
            "members": sync_overview(),
            "log_head": size,
            "tree_head": tree_head_latest(),
            "hub_keyid": hub_keyid(),
            "hub_dead_letters": list(projection_dead_letters()[:50]),
            "projections": projection_overview(size=size),
        },
    )
