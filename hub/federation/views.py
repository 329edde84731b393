from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
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
    """The operator's overview: members, their sync state, the log. For the hub's staff (the
    admin's login); the ministry's role, which is not staff, is refused (its pages are /ministry/)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "/admin/login/")
    if not request.user.is_staff:
        return render(request, "hub/operators_only.html", status=403)
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
