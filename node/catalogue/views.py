from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.catalogue.selectors import Search, catalogue_search
from common.catalogue.views import catalogue_page
from node.exchange.selectors import sync_status


def home(request: HttpRequest) -> HttpResponse:
    """The node's front page: its sync state and the newest entries of the federated catalogue."""
    services = catalogue_search(Search())[:200]
    return render(request, "node/home.html", {"status": sync_status(), "services": services})


@login_required
def caseworker_search(request: HttpRequest) -> HttpResponse:
    """The caseworkers' catalogue search: the portal's search, with each entry's provenance."""
    return catalogue_page(request, public=False)
