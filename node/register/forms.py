"""The caseworkers' forms. They render the inputs and coerce types; what an entry must hold is
checked by the service it is given to (``node.register.services``), so that every refusal has
its stable code and is written to the access log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.catalogue import hsds
from common.entities import vocabulary_choices
from contracts.vocabulary import (
    DELIVERED_SERVICE_LABELS,
    HOUSEHOLD_ROLE_LABELS,
    LANGUAGE_TAGS,
    OUTCOME_LABELS,
    REFERRAL_DESTINATION_LABELS,
    REFERRAL_STATUS_LABELS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.register.models import CounsellingPlan, FlagStatus, SessionStatus, Settlement
from node.register.templatetags.register_ui import STATUS_NAMES, place


class DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **attrs: Any) -> None:
        super().__init__(attrs={"required": True, **attrs}, format="%Y-%m-%d")


def day_field(label: Any, **attrs: Any) -> forms.CharField:
    """A day, as the browser's date input sends it (YYYY-MM-DD); the service checks it."""
    return forms.CharField(label=label, required=False, widget=DayInput(**attrs))


def notes(label: Any, *, required: bool = False, rows: int = 4) -> forms.CharField:
    attrs: dict[str, Any] = {"rows": rows}
    if required:
        attrs["required"] = True
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=attrs))


def text(label: Any, *, required: bool = False, **attrs: Any) -> forms.CharField:
    if required:
        attrs["required"] = True
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


def _today() -> str:
    return timezone.localdate().isoformat()


def _settlement_choices() -> list[tuple[str, str]]:
    return [(s.code, place(s)) for s in Settlement.objects.all()]


class RegisterForm(forms.Form):
    """A form whose fields can be marked by a refusal's ``detail["field"]``."""

    template_name = "register/form_fields.html"

    def mark(self, field: str, message: str) -> None:
        if field in self.fields:
            self.fields[field].widget.attrs["aria-invalid"] = "true"
            self.add_error(field, message)


class PersonForm(RegisterForm):
    reference = text(_("Register number"), required=True, autocomplete="off")
    given_name = text(_("Given name"), required=True, autocomplete="off")
    family_name = text(_("Family name"), required=True, autocomplete="off")
    sex = forms.ChoiceField(label=_("Sex"), choices=vocabulary_choices(SEX_LABELS), initial="unknown")
    birth_date = day_field(_("Date of birth"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[(tag, hsds.LANGUAGE_NAMES[tag]) for tag in LANGUAGE_TAGS]
    )
    phone = text(_("Phone"), type="tel")
    settlement = forms.ChoiceField(label=_("Settlement"))
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=vocabulary_choices(TARGET_GROUP_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )

    household_of = text(_("Lives with (register number of a household member)"), autocomplete="off")
    household_address = text(_("Or a new household at this address"), autocomplete="off")
    household_role = forms.ChoiceField(
        label=_("Role in the household"),
        required=False,
        choices=[("", "—"), *vocabulary_choices(HOUSEHOLD_ROLE_LABELS)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"].choices = _settlement_choices()  # type: ignore[attr-defined]


class HouseholdForm(RegisterForm):
    """Where a person lives, changed after registration: one of the three ways, and the role."""

    household_of = text(_("Lives with (register number of a household member)"), autocomplete="off")
    household_address = text(_("Or a new household at this address"), autocomplete="off")
    leave = forms.BooleanField(label=_("Or no longer in any household"), required=False)
    household_role = forms.ChoiceField(
        label=_("Role in the household"),
        required=False,
        choices=[("", "—"), *vocabulary_choices(HOUSEHOLD_ROLE_LABELS)],
    )


class VisitForm(RegisterForm):
    date = day_field(_("Date of the visit"))
    settlement = forms.ChoiceField(label=_("Settlement"), required=False)
    findings = notes(_("What was found"))
    risk_types = forms.MultipleChoiceField(
        label=_("Risks seen"),
        required=False,
        choices=vocabulary_choices(RISK_TYPE_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    consent_to_record = forms.BooleanField(label=_("The person agreed to be recorded"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"].choices = [("", _("The person's settlement")), *_settlement_choices()]  # type: ignore[attr-defined]


class AssessmentForm(RegisterForm):
    date = day_field(_("Date of the assessment"))
    risk_types = forms.MultipleChoiceField(
        label=_("Risk types"),
        required=False,
        choices=vocabulary_choices(RISK_TYPE_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(label=_("Risk level"), choices=vocabulary_choices(RISK_LEVEL_LABELS))
    assessor = text(_("Assessed by"), required=True)
    basis = notes(_("On what basis"), required=True)


class PlanForm(RegisterForm):
    title = text(_("Title of the plan"), required=True)
    started = day_field(_("Started on"))
    sessions_planned = forms.IntegerField(label=_("Sessions planned"), min_value=1, max_value=50, initial=3)


class SessionForm(RegisterForm):
    plan = forms.ChoiceField(label=_("Counselling plan"))
    status = forms.ChoiceField(
        label=_("The session was"),
        choices=[(code, name) for code, name in STATUS_NAMES["session"].items()],
        initial=SessionStatus.HELD,
    )
    date = day_field(_("Date"))
    topic = text(_("Topic"))
    counsellor = text(_("Counsellor"))
    notes = notes(_("Notes"))

    def __init__(self, *args: Any, plans: list[CounsellingPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(str(p.pk), p.title) for p in plans]  # type: ignore[attr-defined]


class ReferralForm(RegisterForm):
    date = day_field(_("Date of the referral"))
    destination = forms.ChoiceField(
        label=_("Referred to"), choices=vocabulary_choices(REFERRAL_DESTINATION_LABELS)
    )
    service_id = forms.ChoiceField(label=_("Service of the catalogue"), required=False)
    reason = notes(_("Reason"))

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_id"].choices = [("", _("None")), *services]  # type: ignore[attr-defined]


class ReferralStatusForm(RegisterForm):
    status = forms.ChoiceField(label=_("Status"), choices=vocabulary_choices(REFERRAL_STATUS_LABELS))
    outcome = notes(_("What came of it"), rows=3)


class DeliveryForm(RegisterForm):
    date = day_field(_("Date"))
    kind = forms.ChoiceField(
        label=_("Service delivered"), choices=vocabulary_choices(DELIVERED_SERVICE_LABELS)
    )
    service_id = forms.ChoiceField(label=_("Service of the catalogue"), required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10_000, initial=1)
    note = notes(_("Note"), rows=3)

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_id"].choices = [("", _("None")), *services]  # type: ignore[attr-defined]


class OutcomeForm(RegisterForm):
    date = day_field(_("Date"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=vocabulary_choices(OUTCOME_LABELS))
    note = notes(_("Note"), rows=3)


class FlagDecisionForm(RegisterForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(FlagStatus.CONFIRMED, _("Confirm")), (FlagStatus.DISMISSED, _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    note = notes(_("Note (why)"), required=True, rows=3)


def initial_day() -> dict[str, str]:
    return {"date": _today()}
