from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from common.catalogue.views import catalogue_page


@login_required
def caseworker_search(request: HttpRequest) -> HttpResponse:
    """The caseworkers' catalogue search: the portal's search, with each entry's provenance."""
    return catalogue_page(request, public=False)
