"""The consent form a caseworker fills in with the person. It renders the inputs and coerces
types; what a consent must hold is checked by ``node.cases.consents``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.catalogue import hsds
from common.entities import vocabulary_choices
from contracts.cases import CASE_FILE_CATEGORIES
from contracts.vocabulary import (
    DATA_CATEGORY_LABELS,
    LANGUAGE_TAGS,
    LEGAL_BASIS_LABELS,
    OBTAINED_HOW_LABELS,
    PURPOSE_LABELS,
)
from node.register.forms import RegisterForm, day_field, notes, text

DEFAULT_DAYS = 90
"""A consent's default life: long enough for a move or a referral to be taken up."""


class ConsentForm(RegisterForm):
    recipient = forms.ChoiceField(label=_("Recipient municipality"))
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"),
        required=False,
        choices=vocabulary_choices(PURPOSE_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    data_categories = forms.MultipleChoiceField(
        label=_("What may be transferred"),
        required=False,
        choices=vocabulary_choices({code: DATA_CATEGORY_LABELS[code] for code in CASE_FILE_CATEGORIES}),
        widget=forms.CheckboxSelectMultiple,
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        choices=vocabulary_choices(LEGAL_BASIS_LABELS),
        initial="gdpr_6_1_e__9_2_b_social_protection_law",
        help_text=_(
            "The transfer rests on the law on social protection; "
            "the person's consent is the safeguard on top of it."
        ),
    )
    obtained_how = forms.ChoiceField(
        label=_("How the consent was obtained"), choices=vocabulary_choices(OBTAINED_HOW_LABELS)
    )
    obtained_on = day_field(_("Given on"))
    expires_on = day_field(_("Valid until"))
    retention_days = forms.IntegerField(
        label=_("The recipient keeps the data for (days)"), initial=365, min_value=1, max_value=3650
    )
    withdrawal_method = notes(_("How the person can withdraw it"), required=True, rows=2)
    language = forms.ChoiceField(
        label=_("Language of the printed form"),
        choices=[(tag, hsds.LANGUAGE_NAMES[tag]) for tag in LANGUAGE_TAGS],
    )
    signed_copy = text(_("Where the signed paper copy is kept"), autocomplete="off")

    def __init__(self, *args: Any, recipients: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = recipients  # type: ignore[attr-defined]

    @staticmethod
    def defaults(language: str) -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "obtained_on": today.isoformat(),
            "expires_on": (today + dt.timedelta(days=DEFAULT_DAYS)).isoformat(),
            "language": language,
            "purposes": ["continuity_of_care"],
            "data_categories": ["identification", "risk_assessment", "referrals"],
        }


class WithdrawForm(RegisterForm):
    why = notes(_("How and when the person withdrew it"), required=True, rows=2)


DECLINE_REASONS = [
    ("no_capacity", _("No capacity to take the case on")),
    ("not_competent", _("Not this municipality's competence")),
    ("consent_insufficient", _("The consent does not cover what is needed")),
    ("expired", _("The consent has expired")),
    ("other", _("Another reason (say which)")),
]


class DeclineForm(RegisterForm):
    reason = forms.ChoiceField(label=_("Why"), choices=DECLINE_REASONS)
    note = text(_("Note to the sending municipality"), autocomplete="off")
