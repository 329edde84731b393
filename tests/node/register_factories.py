"""Factories for the register: synthetic staff, teams, settlements and people, nothing real."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model

from common.search import search_key
from node.register.access import Actor
from node.register.models import Person, Settlement, Staff, StaffRole, Team


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Теренски тим {n}")


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement
        django_get_or_create = ("code",)

    code = "vizbegovo"
    name = "Визбегово"
    name_latin = "Vizbegovo"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"worker{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    role = StaffRole.CASEWORKER
    team = factory.SubFactory(TeamFactory)
    all_teams = False


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    reference = factory.Sequence(lambda n: f"BUT-2026-{n:05d}")
    given_name = "Ана"
    family_name = factory.Sequence(lambda n: f"Петровска{n}")
    sex = "female"
    birth_date = dt.date(1990, 5, 17)
    language = "mk"
    team = factory.SubFactory(TeamFactory)
    settlement = factory.SubFactory(SettlementFactory)
    search_key = factory.LazyAttribute(lambda p: search_key(p.given_name, p.family_name, p.reference))


def actor(role: str = StaffRole.CASEWORKER, *, team: Team | None = None, **fields: Any) -> Actor:
    """A member of staff with ``role`` in ``team`` (a new team by default)."""
    staff = StaffFactory(role=role, team=team or TeamFactory(), **fields)
    return Actor(user=staff.user, staff=staff)
