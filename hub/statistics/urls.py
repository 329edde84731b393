from __future__ import annotations

from django.urls import path

from hub.statistics import views

app_name = "ministry"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("indicator/<str:code>/", views.indicator, name="indicator"),
    path("compare/<str:code>/", views.compare, name="compare"),
    path("revisions/", views.revisions, name="revisions"),
    path("api/", views.api_home, name="api"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("tokens/", views.token_create, name="token-create"),
    path("tokens/<int:token_id>/revoke", views.token_revoke, name="token-revoke"),
]
