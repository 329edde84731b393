from __future__ import annotations

from django.urls import path

from node.statistics import views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics_index, name="index"),
    path("compute/", views.compute_now, name="compute"),
    path("<uuid:release_id>/", views.release_page, name="release"),
    path("<uuid:release_id>/approve/", views.release_approve_view, name="approve"),
]
