from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hub.exchange.apis import HealthApi, MessagesApi
from hub.exchange.log_apis import ConsistencyProofApi, InclusionProofApi, LogEntriesApi, TreeHeadApi
from hub.exchange.schema_apis import AsyncApiDocumentApi, SchemaApi, SchemaRegistryApi
from hub.exchange.status_apis import SyncReportApi, SyncStatusApi, metrics
from hub.federation.apis import DirectoryApi, EnrolApi, KeyRotationsApi
from hub.federation.views import dashboard
from hub.statistics.apis import AreasApi, ExportApi, HistoryApi, IndicatorsApi, ObservationsApi, PolicyApi

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("api/v1/enrol", EnrolApi.as_view(), name="enrol"),
    path("api/v1/directory", DirectoryApi.as_view(), name="directory"),
    path("api/v1/keys/rotations", KeyRotationsApi.as_view(), name="key-rotations"),
    path("api/v1/messages", MessagesApi.as_view(), name="messages"),
    path("api/v1/log/tree-head", TreeHeadApi.as_view(), name="log-tree-head"),
    path("api/v1/log/inclusion-proof", InclusionProofApi.as_view(), name="log-inclusion-proof"),
    path("api/v1/log/consistency-proof", ConsistencyProofApi.as_view(), name="log-consistency-proof"),
    path("api/v1/log/entries", LogEntriesApi.as_view(), name="log-entries"),
    path("api/v1/sync-status", SyncStatusApi.as_view(), name="sync-status"),
    path("api/v1/sync-report", SyncReportApi.as_view(), name="sync-report"),
    path("metrics", metrics, name="metrics"),
    path("api/v1/health", HealthApi.as_view(), name="health"),
    path("api/v1/schemas", SchemaRegistryApi.as_view(), name="schema-registry"),
    path("api/v1/schemas/<str:message_type>/<str:version>", SchemaApi.as_view(), name="schema-detail"),
    path("api/v1/asyncapi.json", AsyncApiDocumentApi.as_view(), name="asyncapi"),
    path("api/v1/statistics/policy", PolicyApi.as_view(), name="statistics-policy"),
    path("api/v1/statistics/indicators", IndicatorsApi.as_view(), name="statistics-indicators"),
    path("api/v1/statistics/areas", AreasApi.as_view(), name="statistics-areas"),
    path("api/v1/statistics/observations", ObservationsApi.as_view(), name="statistics-observations"),
    path("api/v1/statistics/history", HistoryApi.as_view(), name="statistics-history"),
    path("api/v1/statistics/export/<str:fmt>", ExportApi.as_view(), name="statistics-export"),
    path("ministry/", include("hub.statistics.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include("common.catalogue.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "common.errors.bad_request"
handler403 = "common.errors.permission_denied"
handler404 = "common.errors.not_found"
handler500 = "common.errors.server_error"
