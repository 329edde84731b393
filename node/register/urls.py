from __future__ import annotations

from django.urls import path
from django.views.i18n import set_language

from node.register.views import entries, home, person, worklist

app_name = "register"

urlpatterns = [
    path("", worklist.worklist_page, name="worklist"),
    path("login/", home.LoginView.as_view(), name="login"),
    path("logout/", home.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="language"),
    path("people/", worklist.people_page, name="people"),
    path("people/new/", worklist.person_new, name="person-new"),
    path("people/<uuid:person_id>/", person.person_page, name="person"),
    path("people/<uuid:person_id>/<slug:kind>/", entries.entry_form, name="entry"),
    path("referrals/<uuid:referral_id>/status/", entries.referral_status, name="referral-status"),
    path("flags/<uuid:flag_id>/decide/", entries.flag_decide, name="flag-decide"),
]
