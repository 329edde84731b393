from __future__ import annotations

from django.urls import path

from node.register.views import rights

app_name = "register"

urlpatterns = [
    path("audit/", rights.audit_index, name="audit"),
    path("audit/people/<uuid:person_id>/", rights.audit_person, name="audit-person"),
    path("audit/staff/<int:user_id>/", rights.audit_staff, name="audit-staff"),
    path("people/<uuid:person_id>/export/", rights.person_export_page, name="person-export"),
    path("people/<uuid:person_id>/export.json", rights.person_export_json, name="person-export-json"),
    path("people/<uuid:person_id>/rectify/", rights.person_rectify_page, name="person-rectify"),
    path("people/<uuid:person_id>/erase/", rights.person_erase_page, name="person-erase"),
]
