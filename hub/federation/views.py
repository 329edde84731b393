from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.exchange.selectors import log_head
from hub.federation.selectors import hub_keyid, members_overview


def dashboard(request: HttpRequest) -> HttpResponse:
    """The operator's overview: members, their sync state, the log."""
    return render(
        request,
        "hub/dashboard.html",
        {"members": members_overview(), "log_head": log_head(), "hub_keyid": hub_keyid()},
    )
