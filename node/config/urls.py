from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from node.catalogue import apis as catalogue
from node.catalogue.views import caseworker_search
from node.exchange.apis import StatusApi, metrics
from node.register import apis as register
from node.register.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("catalogue/", caseworker_search, name="catalogue-search"),
    path("register/statistics/", include("node.statistics.urls")),
    path("register/", include("node.cases.urls")),
    path("register/", include("node.register.urls")),
    path("api/v1/services", catalogue.ServiceListApi.as_view(), name="service-list"),
    path("api/v1/services/<uuid:id>", catalogue.ServiceDetailApi.as_view(), name="service-detail"),
    path("api/v1/organizations", catalogue.OrganizationListApi.as_view(), name="organization-list"),
    path(
        "api/v1/organizations/<uuid:id>",
        catalogue.OrganizationDetailApi.as_view(),
        name="organization-detail",
    ),
    path("api/v1/locations", catalogue.LocationListApi.as_view(), name="location-list"),
    path("api/v1/locations/<uuid:id>", catalogue.LocationDetailApi.as_view(), name="location-detail"),
    path(
        "api/v1/service-at-locations",
        catalogue.ServiceAtLocationListApi.as_view(),
        name="service-at-location-list",
    ),
    path(
        "api/v1/service-at-locations/<uuid:id>",
        catalogue.ServiceAtLocationDetailApi.as_view(),
        name="service-at-location-detail",
    ),
    path("api/v1/register/people", register.PeopleApi.as_view(), name="register-people"),
    path("api/v1/register/people/<uuid:id>", register.PersonApi.as_view(), name="register-person"),
    *(
        path(f"api/v1/register/people/<uuid:id>/{kind}", view.as_view(), name=f"register-{kind}")
        for kind, view in register.ENTRY_APIS.items()
    ),
    path(
        "api/v1/register/referrals/<uuid:id>/status",
        register.ReferralStatusApi.as_view(),
        name="register-referral-status",
    ),
    path("api/v1/register/flags", register.FlagsApi.as_view(), name="register-flags"),
    path(
        "api/v1/register/flags/<uuid:id>/decision",
        register.FlagDecisionApi.as_view(),
        name="register-flag-decision",
    ),
    path("api/v1/register/worklist", register.WorklistApi.as_view(), name="register-worklist"),
    path("", include("common.catalogue.urls")),
    path("api/v1/status", StatusApi.as_view(), name="status"),
    path("metrics", metrics, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("admin/", admin.site.urls),
]

handler400 = "common.errors.bad_request"
handler403 = "common.errors.permission_denied"
handler404 = "common.errors.not_found"
handler500 = "common.errors.server_error"
