"""The register's API for the node's own staff. It never leaves the node: nothing here is
published, and every read and change of a person's data is written to the access log (the
selectors and services do that; these views only parse, call one of them, and render).

Every refusal is answered ``{"code", "message", "detail"}`` by the node's exception handler:
a login is needed (401), then a role in the register (403 ``not-register-staff``), a role that
may do it (``role-not-allowed``) and a person of the caseload (``other-team``); bad input is
refused with the services' codes (422, 409), or ``invalid-input`` (400) for what the serializer
cannot read at all (a malformed id).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, ClassVar, cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.openapi import JSON_BODY, error_responses
from contracts.errors import (
    AuthenticationFailedError,
    ContractError,
    CsrfFailedError,
    DuplicatePersonError,
    FlagDecidedError,
    FutureDateError,
    InvalidDateError,
    InvalidInputError,
    InvalidRegisterEntryError,
    MissingAssessorError,
    NotAuthenticatedError,
    NotFoundError,
    NotStaffError,
    OtherTeamError,
    PersonReadOnlyError,
    RoleNotAllowedError,
    UnknownCodeError,
    UnknownServiceError,
    UnknownSettlementError,
)
from node.register import selectors, services
from node.register.access import actor_of
from node.register.models import (
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Outcome,
    Referral,
    RiskAssessment,
    ServiceDelivery,
)
from node.register.serializers import (
    AssessmentSerializer,
    DeliverySerializer,
    FlagDecisionSerializer,
    FlagSerializer,
    OutcomeSerializer,
    PersonRecordSerializer,
    PersonSerializer,
    PlanSerializer,
    ReferralSerializer,
    ReferralStatusSerializer,
    RegisterSerializer,
    SessionSerializer,
    VisitSerializer,
    WorklistSerializer,
)

_READ: tuple[type[ContractError], ...] = (
    NotAuthenticatedError,
    AuthenticationFailedError,
    NotStaffError,
    RoleNotAllowedError,
)
"""Why any read of the register is refused: no login, no role in the register, or a role that may not."""

_PERSON_READ = (*_READ, OtherTeamError, NotFoundError)

_WRITE: tuple[type[ContractError], ...] = (
    *_READ,
    *JSON_BODY,
    CsrfFailedError,
    InvalidInputError,
    InvalidDateError,
    FutureDateError,
    UnknownCodeError,
    InvalidRegisterEntryError,
)
"""Why any write is refused: login and role, the body, and the values every entry has."""

_ENTRY_WRITE = (*_WRITE, OtherTeamError, NotFoundError, PersonReadOnlyError)


_SEARCH_LIMIT = 1000
"""How many people a search reads at most; the pages are cut from them."""


class _RegisterApi(GenericAPIView[Any]):
    # Reads too need a login: the register is never public (the node's default lets anyone read).
    permission_classes = (IsAuthenticated,)


def _valid(serializer: Any) -> dict[str, Any]:
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PeopleApi(_RegisterApi):
    """The people of the caller's caseload."""

    serializer_class = PersonSerializer

    @extend_schema(
        operation_id="v1_register_people_list",
        parameters=[
            OpenApiParameter(
                "q", str, description="Name or register number; Latin finds Cyrillic and the reverse."
            )
        ],
        responses={200: PersonSerializer(many=True), **error_responses(*_READ, InvalidInputError)},
    )
    def get(self, request: Request) -> Response:
        people = list(
            selectors.people_search(
                actor=request.user, query=request.query_params.get("q", ""), limit=_SEARCH_LIMIT
            )
        )
        page = self.paginate_queryset(cast(Any, people))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="v1_register_people_create",
        responses={
            201: PersonSerializer,
            **error_responses(*_WRITE, UnknownSettlementError, DuplicatePersonError),
        },
    )
    def post(self, request: Request) -> Response:
        fields = _valid(self.get_serializer(data=request.data))
        person = services.person_create(actor=request.user, fields=fields)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)


class PersonApi(_RegisterApi):
    serializer_class = PersonSerializer

    @extend_schema(
        operation_id="v1_register_person_retrieve",
        description="The person's details, timeline (newest first) and every flag raised on them.",
        responses={200: PersonRecordSerializer, **error_responses(*_PERSON_READ)},
    )
    def get(self, request: Request, id: uuid.UUID) -> Response:
        record = selectors.person_record(actor=request.user, person_id=id)
        return Response(PersonRecordSerializer(record).data)

    @extend_schema(
        operation_id="v1_register_person_partial_update",
        responses={
            200: PersonSerializer,
            **error_responses(*_ENTRY_WRITE, UnknownSettlementError, DuplicatePersonError),
        },
    )
    def patch(self, request: Request, id: uuid.UUID) -> Response:
        person = selectors.person_for_change(person_id=id)
        fields = _valid(self.get_serializer(person, data=request.data, partial=True))
        person = services.person_update(actor=request.user, person=person, fields=fields)
        return Response(self.get_serializer(person).data)


Record = Callable[..., Any]


class _EntriesApi(_RegisterApi):
    """One kind of a person's timeline entries: listed newest first, recorded by its service."""

    model: ClassVar[type[Any]]
    record: ClassVar[Record]

    def get(self, request: Request, id: uuid.UUID) -> Response:
        entries = selectors.person_entries(actor=request.user, person_id=id, model=self.model)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request, id: uuid.UUID) -> Response:
        person = selectors.person_for_change(person_id=id)
        fields = _valid(self.get_serializer(data=request.data))
        entry = type(self).record(**self.service_arguments(person, fields))
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)

    def service_arguments(self, person: Any, fields: dict[str, Any]) -> dict[str, Any]:
        return {"actor": self.request.user, "person": person, **fields}


def _entries_schema(name: str, serializer: type[RegisterSerializer], *errors: type[ContractError]) -> Any:
    """The schema of one kind's list and create; each kind gets functions of its own to carry it
    (annotating the shared ones would give every kind the last kind's operation)."""

    def decorate(view: type[_EntriesApi]) -> type[_EntriesApi]:
        def get(self: _EntriesApi, request: Request, id: uuid.UUID) -> Response:
            return _EntriesApi.get(self, request, id)

        def post(self: _EntriesApi, request: Request, id: uuid.UUID) -> Response:
            return _EntriesApi.post(self, request, id)

        view.get = extend_schema(  # type: ignore[method-assign]
            operation_id=f"v1_register_{name}_list",
            responses={200: serializer(many=True), **error_responses(*_PERSON_READ, InvalidInputError)},
        )(get)
        view.post = extend_schema(  # type: ignore[method-assign]
            operation_id=f"v1_register_{name}_create",
            responses={201: serializer, **error_responses(*_ENTRY_WRITE, *errors)},
        )(post)
        return view

    return decorate


def _own(function: Record) -> Record:
    # A service stored on a class would be bound as a method; kept as a plain callable.
    return staticmethod(function)


class _Visits(_EntriesApi):
    model, serializer_class = FieldVisit, VisitSerializer
    record = _own(services.visit_record)


class _Assessments(_EntriesApi):
    model, serializer_class = RiskAssessment, AssessmentSerializer
    record = _own(services.assessment_record)


class _Plans(_EntriesApi):
    model, serializer_class = CounsellingPlan, PlanSerializer
    record = _own(services.plan_create)


class _Sessions(_EntriesApi):
    model, serializer_class = CounsellingSession, SessionSerializer
    record = _own(services.session_record)

    def service_arguments(self, person: Any, fields: dict[str, Any]) -> dict[str, Any]:
        plan = selectors.plan_for_session(
            actor=self.request.user, person=person, plan=fields.pop("plan", None)
        )
        return {"actor": self.request.user, "plan": plan, **fields}


class _Referrals(_EntriesApi):
    model, serializer_class = Referral, ReferralSerializer
    record = _own(services.referral_record)


class _Deliveries(_EntriesApi):
    model, serializer_class = ServiceDelivery, DeliverySerializer
    record = _own(services.delivery_record)


class _Outcomes(_EntriesApi):
    model, serializer_class = Outcome, OutcomeSerializer
    record = _own(services.outcome_record)


VisitsApi = _entries_schema("visits", VisitSerializer, UnknownSettlementError)(_Visits)
AssessmentsApi = _entries_schema("assessments", AssessmentSerializer, MissingAssessorError)(_Assessments)
PlansApi = _entries_schema("plans", PlanSerializer)(_Plans)
SessionsApi = _entries_schema("sessions", SessionSerializer)(_Sessions)
ReferralsApi = _entries_schema("referrals", ReferralSerializer, UnknownServiceError)(_Referrals)
DeliveriesApi = _entries_schema("deliveries", DeliverySerializer, UnknownServiceError)(_Deliveries)
OutcomesApi = _entries_schema("outcomes", OutcomeSerializer)(_Outcomes)

ENTRY_APIS: dict[str, type[_EntriesApi]] = {
    "visits": VisitsApi,
    "assessments": AssessmentsApi,
    "plans": PlansApi,
    "sessions": SessionsApi,
    "referrals": ReferralsApi,
    "deliveries": DeliveriesApi,
    "outcomes": OutcomesApi,
}
"""Each kind of entry under ``people/<id>/``, by the last part of its path."""


class ReferralStatusApi(_RegisterApi):
    serializer_class = ReferralStatusSerializer

    @extend_schema(
        operation_id="v1_register_referral_status_set",
        description="What became of a referral: sent, accepted, completed or declined, with its outcome.",
        responses={200: ReferralSerializer, **error_responses(*_ENTRY_WRITE)},
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        referral = selectors.referral_for_change(referral_id=id)
        change = _valid(self.get_serializer(data=request.data))
        referral = services.referral_status_set(actor=request.user, referral=referral, **change)
        return Response(ReferralSerializer(referral).data)


class FlagsApi(_RegisterApi):
    serializer_class = FlagSerializer

    @extend_schema(
        operation_id="v1_register_flags_list",
        description="The flags of the caller's caseload that wait for a decision, oldest first.",
        responses={200: FlagSerializer(many=True), **error_responses(*_READ, InvalidInputError)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.flags_open(actor=actor_of(request.user)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FlagDecisionApi(_RegisterApi):
    serializer_class = FlagDecisionSerializer

    @extend_schema(
        operation_id="v1_register_flag_decide",
        description="Confirm or dismiss what a rule suggested, always with a note.",
        responses={
            200: FlagSerializer,
            **error_responses(*_WRITE, OtherTeamError, NotFoundError, FlagDecidedError),
        },
    )
    def post(self, request: Request, id: uuid.UUID) -> Response:
        flag = selectors.flag_for_decision(flag_id=id)
        decision = _valid(self.get_serializer(data=request.data))
        flag = services.flag_decide(actor=request.user, flag=flag, **decision)
        return Response(FlagSerializer(flag).data)


class WorklistApi(_RegisterApi):
    serializer_class = WorklistSerializer

    @extend_schema(
        operation_id="v1_register_worklist",
        description="The caller's day: their people, the flags waiting for them, the sessions due.",
        responses={200: WorklistSerializer, **error_responses(*_READ)},
    )
    def get(self, request: Request) -> Response:
        return Response(WorklistSerializer(selectors.worklist(actor=actor_of(request.user))).data)
