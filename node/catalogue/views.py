from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from node.catalogue.selectors import federated_service_list
from node.exchange.selectors import sync_status


def home(request: HttpRequest) -> HttpResponse:
    """The node's front page: its sync state and the federated catalogue."""
    query = request.GET.get("q", "")
    services = federated_service_list(query=query)[:200]
    return render(request, "node/home.html", {"status": sync_status(), "services": services, "q": query})
