"""The consent's pages: record one with the person, read it with its events, print the form
for signature, export it as FHIR, withdraw it. Thin: each page reads through the register's
selectors (so every read of a person is logged) and writes through ``node.cases.consents``."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext

from common.languages import language_tag, place_name
from contracts.errors import ContractError, NotFoundError
from node.cases import consents, transfers
from node.cases.forms import DECLINE_REASONS, ConsentForm, DeclineForm, WithdrawForm
from node.cases.models import Consent, Transfer
from node.federation.selectors import enrolment_get, member_names
from node.register.access import Actor, audited, caseload
from node.register.models import AccessAction, Person
from node.register.selectors import person_get
from node.register.services import register_date
from node.register.views.common import (
    REFUSALS,
    Submitted,
    error_message,
    form_submit,
    may_write,
    register_page,
)


def _names(tag: str | None = None) -> dict[str, str]:
    """The municipalities' names as a reader of ``tag`` (the page's language) writes them."""
    tag = tag or language_tag(get_language())
    return {code: place_name(name, code=code, tag=tag) for code, name in member_names().items()}


def _recipients() -> list[tuple[str, str]]:
    own = enrolment_get().node_code
    return sorted(
        ((code, f"{name} ({code})") for code, name in _names().items() if code != own),
        key=lambda c: c[1],
    )


def _moment(value: str, *, field: str, end_of_day: bool = False) -> dt.datetime:
    """A day of the form as a moment: its end (a consent valid until a day is valid all of it),
    or now when it is today, else its noon."""
    day = register_date(value, field=field, past=not end_of_day)
    now = timezone.localtime()
    if end_of_day:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
    if day == now.date():
        return now
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@register_page
def consent_new(request: HttpRequest, actor: Actor, person_id: uuid.UUID) -> HttpResponse:
    person = Person.objects.select_related("team").filter(pk=person_id).first()
    if person is None:
        raise NotFoundError()
    replaces = None
    if request.GET.get("replaces"):
        replaces = Consent.objects.filter(pk=request.GET["replaces"], person=person).first()
    recipients = _recipients()
    submitted = Submitted(None, status=200)
    if request.method == "POST":
        form = ConsentForm(request.POST, recipients=recipients)

        def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
            consent = consents.consent_give(
                actor=actor,
                person=person,
                recipient=data["recipient"],
                purposes=data["purposes"],
                data_categories=data["data_categories"],
                legal_basis=data["legal_basis"],
                obtained_how=data["obtained_how"],
                obtained_at=_moment(data["obtained_on"], field="obtained_on"),
                expires_at=_moment(data["expires_on"], field="expires_on", end_of_day=True),
                retention_days=data["retention_days"],
                withdrawal_method=data["withdrawal_method"],
                language=data["language"],
                signed_copy=data["signed_copy"],
                replaces=replaces,
                why="consent form",
            )
            return gettext("Consent recorded. Print the form for the person to sign."), redirect(
                "cases:consent", consent_id=consent.pk
            )

        submitted = form_submit(request, form, save)
        if submitted.done is not None:
            return submitted.done
        if not form.is_valid():
            may_write(actor, person)
    else:
        person_get(actor=actor, person_id=person.pk, why="consent form")
        initial = ConsentForm.defaults(person.language or language_tag(get_language()))
        if replaces is not None:
            initial |= {
                "recipient": replaces.recipient,
                "purposes": replaces.purposes,
                "data_categories": replaces.data_categories,
                "legal_basis": replaces.legal_basis,
                "obtained_how": replaces.obtained_how,
                "retention_days": replaces.retention_days,
                "withdrawal_method": replaces.withdrawal_method,
                "language": replaces.language,
            }
        form = ConsentForm(initial=initial, recipients=recipients)
    page = {
        "person": person,
        "form": form,
        "replaces": replaces,
        "error": submitted.error,
        "code": submitted.code,
        "section": "people",
    }
    return render(request, "cases/consent_new.html", page, status=submitted.status)


def _consent(actor: Actor, consent_id: uuid.UUID, *, why: str) -> Consent:
    consent = (
        Consent.objects.select_related("person", "replaces")
        .prefetch_related("events")
        .filter(pk=consent_id)
        .first()
    )
    if consent is None:
        raise NotFoundError()
    person_get(actor=actor, person_id=consent.person_id, why=why)
    return consent


@register_page
def consent_page(request: HttpRequest, actor: Actor, consent_id: uuid.UUID) -> HttpResponse:
    consent = _consent(actor, consent_id, why="consent page")
    submitted = Submitted(None, status=200)
    form = WithdrawForm()
    if request.method == "POST":
        form = WithdrawForm(request.POST)

        def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
            consents.consent_withdraw(actor=actor, consent=consent, why=data["why"])
            return gettext("Consent withdrawn."), redirect("cases:consent", consent_id=consent.pk)

        submitted = form_submit(request, form, save)
        if submitted.done is not None:
            return submitted.done
    names = _names()
    page = {
        "consent": consent,
        "person": consent.person,
        "status": consent.status_at(),
        "recipient_name": names.get(consent.recipient, consent.recipient),
        "successor": Consent.objects.filter(replaces=consent).first(),
        "transfers": consent.transfers.all(),
        "form": form,
        "writes": actor.may(AccessAction.CREATE),
        "error": submitted.error,
        "code": submitted.code,
        "section": "people",
    }
    return render(request, "cases/consent.html", page, status=submitted.status)


@register_page
def consent_send(request: HttpRequest, actor: Actor, consent_id: uuid.UUID) -> HttpResponse:
    """Send the person's case under the consent (a POST from the consent's page)."""
    if request.method != "POST":
        return redirect("cases:consent", consent_id=consent_id)
    consent = _consent(actor, consent_id, why="case transfer sent")
    try:
        transfer = transfers.transfer_send(actor=actor, consent=consent, why="consent page")
    except ContractError as exc:
        if exc.code in REFUSALS:
            raise
        messages.error(request, f"{error_message(exc)} ({exc.code})")
        return redirect("cases:consent", consent_id=consent.pk)
    messages.success(
        request,
        gettext("The case was sealed for %(recipient)s and sent (transfer %(transfer)s).")
        % {"recipient": _names().get(consent.recipient, consent.recipient), "transfer": transfer.pk},
    )
    return redirect("cases:consent", consent_id=consent.pk)


@register_page
def consent_form_pdf(request: HttpRequest, actor: Actor, consent_id: uuid.UUID) -> HttpResponse:
    """The consent form for the person to sign, in the language chosen for it."""
    from node.cases.form import consent_form_pdf as render_pdf

    consent = _consent(actor, consent_id, why="consent form printed")
    person = consent.person
    names = _names(consent.language)
    enrolment = enrolment_get()
    with audited(actor, action=AccessAction.EXPORT, person=person, what=f"consent form PDF ({consent.pk})"):
        pdf = render_pdf(
            consents.consent_given(consent),
            language=consent.language,
            person_name=f"{person.given_name} {person.family_name}",
            person_reference=person.reference,
            birth_date=person.birth_date,
            controller_name=names.get(enrolment.node_code, enrolment.node_code),
            recipient_name=names.get(consent.recipient, consent.recipient),
            caseworker_name=consent.recorded_by_name,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consent-{consent.pk}.pdf"'
    return response


@register_page
def consent_fhir_json(request: HttpRequest, actor: Actor, consent_id: uuid.UUID) -> HttpResponse:
    """The consent as a FHIR R5 Consent resource."""
    from node.cases.fhir import consent_fhir

    consent = _consent(actor, consent_id, why="consent exported as FHIR")
    names = member_names()
    enrolment = enrolment_get()
    with audited(
        actor, action=AccessAction.EXPORT, person=consent.person, what=f"consent as FHIR ({consent.pk})"
    ):
        resource = consent_fhir(
            consents.consent_record(consent),
            subject=consent.person.reference,
            controller_name=enrolment.node_name or enrolment.node_code,
            recipient_name=names.get(consent.recipient, consent.recipient),
            signed_copy=consent.signed_copy,
            recorded_at=consent.recorded_at,
        )
    response = HttpResponse(
        json.dumps(resource, ensure_ascii=False, indent=2),
        content_type="application/fhir+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="consent-{consent.pk}.fhir.json"'
    return response


@register_page
def transfers_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Transfers received and sent: only their metadata (who, under which consent, until when);
    a received case stays sealed here."""
    names = _names()
    # Each list its own query: the sent ones of the actor's caseload (the register's own rule),
    # so that neither hides the other behind a shared limit.
    transfers = Transfer.objects.select_related("person", "consent").order_by("-created_at")
    received = list(transfers.filter(direction=Transfer.Direction.INCOMING)[:200])
    sent = list(
        transfers.filter(caseload(actor, through="person__"), direction=Transfer.Direction.OUTGOING)[:200]
    )
    page = {
        "reasons": dict(DECLINE_REASONS),
        "writes": actor.may(AccessAction.DECIDE),
        "received": received,
        "sent": sent,
        "names": names,
        "now": timezone.now(),
        "section": "transfers",
    }
    return render(request, "cases/transfers.html", page)


@register_page
def transfer_decline(request: HttpRequest, actor: Actor, transfer_id: uuid.UUID) -> HttpResponse:
    """Decline a received case (a POST from the transfers page): the sender is told why, and the
    sealed case is deleted unopened."""
    if request.method != "POST":
        return redirect("cases:transfers")
    transfer = Transfer.objects.filter(pk=transfer_id, direction=Transfer.Direction.INCOMING).first()
    if transfer is None:
        raise NotFoundError()
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose why the case is declined."))
        return redirect("cases:transfers")
    try:
        transfers.transfer_decline(
            actor=actor, transfer=transfer, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except ContractError as exc:
        if exc.code in REFUSALS:
            raise
        messages.error(request, f"{error_message(exc)} ({exc.code})")
        return redirect("cases:transfers")
    messages.success(
        request, gettext("Declined: the sending municipality is told why, and nothing of the case is kept.")
    )
    return redirect("cases:transfers")
