from __future__ import annotations

from django.urls import path

from node.cases import views

app_name = "cases"

urlpatterns = [
    path("people/<uuid:person_id>/consents/new/", views.consent_new, name="consent-new"),
    path("consents/<uuid:consent_id>/", views.consent_page, name="consent"),
    path("transfers/", views.transfers_page, name="transfers"),
    path("transfers/<uuid:transfer_id>/decline/", views.transfer_decline, name="transfer-decline"),
    path("consents/<uuid:consent_id>/send/", views.consent_send, name="consent-send"),
    path("consents/<uuid:consent_id>/form.pdf", views.consent_form_pdf, name="consent-pdf"),
    path("consents/<uuid:consent_id>/fhir.json", views.consent_fhir_json, name="consent-fhir"),
]
