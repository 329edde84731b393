from __future__ import annotations

from django.contrib import admin
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from node.catalogue.apis import CatalogueApi, ServiceDetailApi, ServiceListApi
from node.catalogue.views import home
from node.exchange.apis import StatusApi, metrics

urlpatterns = [
    path("", home, name="home"),
    path("api/v1/services", ServiceListApi.as_view(), name="service-list"),
    path("api/v1/services/<uuid:id>", ServiceDetailApi.as_view(), name="service-detail"),
    path("api/v1/catalogue", CatalogueApi.as_view(), name="catalogue"),
    path("api/v1/status", StatusApi.as_view(), name="status"),
    path("metrics", metrics, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("admin/", admin.site.urls),
]
