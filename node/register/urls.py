from __future__ import annotations

from django.urls import path
from django.views.i18n import set_language

from node.register.views import entries, home, person, rights, worklist

app_name = "register"

urlpatterns = [
    path("", worklist.worklist_page, name="worklist"),
    path("login/", home.LoginView.as_view(), name="login"),
    path("logout/", home.LogoutView.as_view(), name="logout"),
    path("language/", set_language, name="language"),
    path("people/", worklist.people_page, name="people"),
    path("people/new/", worklist.person_new, name="person-new"),
    path("people/<uuid:person_id>/", person.person_page, name="person"),
    # The person's rights come before the entry forms, whose kind is any slug.
    path("people/<uuid:person_id>/export/", rights.person_export_page, name="person-export"),
    path("people/<uuid:person_id>/export.json", rights.person_export_json, name="person-export-json"),
    path("people/<uuid:person_id>/rectify/", rights.person_rectify_page, name="person-rectify"),
    path("people/<uuid:person_id>/erase/", rights.person_erase_page, name="person-erase"),
    path("people/<uuid:person_id>/<slug:kind>/", entries.entry_form, name="entry"),
    path("referrals/<uuid:referral_id>/status/", entries.referral_status, name="referral-status"),
    path("flags/<uuid:flag_id>/decide/", entries.flag_decide, name="flag-decide"),
    path("audit/", rights.audit_index, name="audit"),
    path("audit/people/<uuid:person_id>/", rights.audit_person, name="audit-person"),
    path("audit/staff/<int:user_id>/", rights.audit_staff, name="audit-staff"),
]
