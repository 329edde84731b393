"""The federated catalogue's public routes, mounted by the hub and by every node."""

from __future__ import annotations

from django.urls import path

from common.catalogue import apis, views

urlpatterns = [
    path("portal/", views.portal, name="portal"),
    path("api/v1/catalogue", apis.CatalogueApi.as_view(), name="catalogue"),
    path("api/hsds/", apis.HsdsRootApi.as_view(), name="hsds-root"),
    path("api/hsds/services", apis.HsdsServiceListApi.as_view(), name="hsds-services"),
    path("api/hsds/services/<uuid:id>", apis.HsdsServiceDetailApi.as_view(), name="hsds-service"),
    path("api/hsds/organizations", apis.HsdsOrganizationListApi.as_view(), name="hsds-organizations"),
    path(
        "api/hsds/organizations/<uuid:id>", apis.HsdsOrganizationDetailApi.as_view(), name="hsds-organization"
    ),
    path("api/hsds/taxonomies", apis.HsdsTaxonomyListApi.as_view(), name="hsds-taxonomies"),
    path("api/hsds/taxonomy_terms", apis.HsdsTaxonomyTermListApi.as_view(), name="hsds-taxonomy-terms"),
]
