"""The federated catalogue's public routes, mounted by the hub and by every node.

HSDS ids are taken as any path segment, so that a malformed id is answered like an unknown one
(a coded JSON 404) instead of not matching a route at all."""

from __future__ import annotations

from django.urls import path

from common.catalogue import apis, views

urlpatterns = [
    path("portal/", views.portal, name="portal"),
    path("api/v1/catalogue", apis.CatalogueApi.as_view(), name="catalogue"),
    path("api/hsds/", apis.HsdsRootApi.as_view(), name="hsds-root"),
    path("api/hsds/services", apis.HsdsServiceListApi.as_view(), name="hsds-services"),
    path("api/hsds/services/<str:id>", apis.HsdsServiceDetailApi.as_view(), name="hsds-service"),
    path("api/hsds/organizations", apis.HsdsOrganizationListApi.as_view(), name="hsds-organizations"),
    path(
        "api/hsds/organizations/<str:id>", apis.HsdsOrganizationDetailApi.as_view(), name="hsds-organization"
    ),
    path(
        "api/hsds/service_at_locations",
        apis.HsdsServiceAtLocationListApi.as_view(),
        name="hsds-service-at-locations",
    ),
    path(
        "api/hsds/service_at_locations/<str:id>",
        apis.HsdsServiceAtLocationDetailApi.as_view(),
        name="hsds-service-at-location",
    ),
    path("api/hsds/taxonomies", apis.HsdsTaxonomyListApi.as_view(), name="hsds-taxonomies"),
    path("api/hsds/taxonomies/<str:id>", apis.HsdsTaxonomyDetailApi.as_view(), name="hsds-taxonomy"),
    path("api/hsds/taxonomy_terms", apis.HsdsTaxonomyTermListApi.as_view(), name="hsds-taxonomy-terms"),
    path(
        "api/hsds/taxonomy_terms/<str:id>",
        apis.HsdsTaxonomyTermDetailApi.as_view(),
        name="hsds-taxonomy-term",
    ),
]
