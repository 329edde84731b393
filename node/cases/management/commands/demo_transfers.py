"""The demo's case transfers: a few people of this register consent to their case going to
another municipality, and the first one's case is sent (synthetic people only: the demo's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from contracts.errors import ContractError
from node.cases.consents import consent_give
from node.cases.models import Consent
from node.cases.transfers import transfer_send
from node.federation.services import directory_refresh
from node.register.models import Person

WITHDRAWAL = {
    "mk": "Лично во Центарот за социјална работа или писмено, во секое време.",
    "bg": "Лично в дирекция „Социално подпомагане“ или писмено, по всяко време.",
    "sr-Cyrl": "Лично у центру за социјални рад или писмено, у свако доба.",
    "sr-Latn": "Lično u centru za socijalni rad ili pismeno, u svako doba.",
    "sq": "Personalisht në Qendrën për Punë Sociale ose me shkrim, në çdo kohë.",
    "en": "In person at the centre for social work, or in writing, at any time.",
}
ARCHIVE = {
    "mk": "Архива, согласности 2026, бр. {n}",
    "bg": "Архив, съгласия 2026, № {n}",
    "sr-Cyrl": "Архива, пристанци 2026, бр. {n}",
    "sr-Latn": "Arhiva, pristanci 2026, br. {n}",
    "sq": "Arkiva, pëlqime 2026, nr. {n}",
    "en": "Archive, consent forms 2026, no. {n}",
}


class Command(BaseCommand):
    help = "Record demo consents to transfer cases to another municipality, and send the first case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, help="The recipient municipality's code, e.g. MK-CAIR.")
        parser.add_argument("--people", type=int, default=3, help="How many people consent (default 3).")
        parser.add_argument("--as", dest="username", default="supervisor", help="Who records them.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Consent.objects.exists():
            self.stdout.write("consents already recorded: nothing to do")
            return
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}: run demo_node first.")
        directory_refresh()
        people = list(Person.objects.filter(status="active").order_by("reference")[: options["people"]])
        now = timezone.now()
        sent = 0
        for n, person in enumerate(people):
            language = person.language if person.language in WITHDRAWAL else "en"
            consent = consent_give(
                actor=user,
                person=person,
                recipient=options["to"],
                purposes=["continuity_of_care"] if n % 2 == 0 else ["referral_to_service"],
                data_categories=["identification", "risk_assessment", "referrals", "services_received"],
                legal_basis="gdpr_6_1_e__9_2_b_social_protection_law",
                obtained_how="in_person_signed",
                obtained_at=now - dt.timedelta(days=n + 1),
                expires_at=now + dt.timedelta(days=90),
                retention_days=365,
                withdrawal_method=WITHDRAWAL.get(language, WITHDRAWAL["en"]),
                language=language,
                signed_copy=ARCHIVE.get(language, ARCHIVE["en"]).format(n=n + 1),
                why="demo",
            )
            if n == 0:
                try:
                    transfer_send(actor=user, consent=consent, why="demo")
                    sent += 1
                except ContractError as exc:
                    self.stderr.write(f"the demo's case was not sent: {exc.code}: {exc.message}")
        self.stdout.write(f"{len(people)} consents to {options['to']}, {sent} case sent")
