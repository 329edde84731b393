"""Proof that no value of the municipal register can enter the outbox.

1. Every message type a node can send is listed here with the review of each of its fields
   that can carry free text, and why none of them can carry a register row. A new type, a new
   version or a new free-text field fails until it is reviewed here.
2. Every writer of the outbox is listed: none is in the register, and each writes only what
   its review allows.
3. A register filled with distinctive synthetic values goes through every register operation;
   the outbox holds no new message, and no payload in it holds any of those values.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from contracts.messages import MESSAGE_TYPES
from node.catalogue.entities import ENTITIES as CATALOGUE_ENTITIES
from node.catalogue.models import Service
from node.catalogue.services import entry_create
from node.exchange.models import OutboxMessage
from node.register import importer, rights, rules, selectors, services, suggestions
from node.register.models import Flag, Person, SessionStatus, StaffRole
from tests.node.conftest import Federation
from tests.node.register_factories import SettlementFactory, TeamFactory, actor

ROOT = Path(__file__).resolve().parents[2]

# --- 1. every sendable type and its free-text fields, reviewed -------------------------------

_CATALOGUE = (
    "written only from the node's own catalogue entries (node.catalogue.entities): a service's, "
    "an organisation's or a location's own texts, which no register model is related to"
)
_KEYS = "a key id, public key or signature that contracts.keys computes; no text goes in"
_CODES = "a node code or a period, each held to its pattern; the cells are numbers"
_SEALED = (
    "HPKE output for one named recipient: the only way a person's case may leave, sealed, under "
    "the person's consent (node/cases/transfers.py)"
)
_NOTE = "the recipient's note on a transfer it received; no writer yet, and never from the register"
_WITHDRAWAL = "why an entry of the catalogue was withdrawn, written by the catalogue's staff"

_CATALOGUE_FIELDS = {
    "catalogue.location": (
        "accessibility.*",
        "address.address_1",
        "address.city",
        "address.postal_code",
        "description.*",
        "name.*",
        "schedules[].closes_at",
        "schedules[].opens_at",
        "url",
    ),
    "catalogue.organization": (
        "address.address_1",
        "address.city",
        "address.postal_code",
        "alternate_name.*",
        "description.*",
        "email",
        "name.*",
        "phone",
        "website",
    ),
    "catalogue.service": (
        "address.address_1",
        "address.city",
        "address.postal_code",
        "application_process.*",
        "contact.email",
        "contact.phone",
        "contact.url",
        "description.*",
        "eligibility_description.*",
        "fees_description.*",
        "name.*",
        "organization.name.*",
        "schedules[].closes_at",
        "schedules[].opens_at",
    ),
    "catalogue.service_at_location": (
        "contact.email",
        "contact.phone",
        "contact.url",
        "description.*",
        "schedules[].closes_at",
        "schedules[].opens_at",
    ),
}

REVIEWED: dict[str, dict[str, str]] = {
    **{name: dict.fromkeys(paths, _CATALOGUE) for name, paths in _CATALOGUE_FIELDS.items()},
    "catalogue.withdrawal": {"reason": _WITHDRAWAL},
    "statistics.data_value_set": {"org_unit": _CODES, "period": _CODES, "policy.digest": _KEYS},
    "case.transfer_request": {
        "enc": _SEALED,
        "sealed": _SEALED,
        "recipient": _CODES,
        "recipient_keyid": _KEYS,
    },
    "case.transfer_accept": {},
    "case.transfer_decline": {"note": _NOTE},
    "case.consent_withdrawal": {},
    "case.withdrawal_confirmation": {"note": _NOTE},
    "control.key_rotation": {"old_keyid": _KEYS, "new_keyid": _KEYS, "new_public_key": _KEYS, "proof": _KEYS},
}
"""Each type a node can send → each field that can hold free text → why no register value gets there."""

_OLDER_SERVICE = {"1.0": ("schedules[].closes_at", "schedules[].opens_at", "application_process.*",
                          "eligibility_description.*", "fees_description.*")}  # fmt: skip
"""Fields catalogue.service 1.0 did not have yet (it is still read, and written by no one)."""
_NOT_IN_1_0 = {"catalogue.service": _OLDER_SERVICE["1.0"], "statistics.data_value_set": ("policy.digest",)}
"""Fields the 1.0 of a type did not have yet (still read, written by no one)."""

_CLOSED_FORMATS = {"uuid", "date", "date-time"}


def _free_text(schema: dict[str, Any], defs: dict[str, Any], path: str = "") -> Iterator[str]:
    """The paths of ``schema`` where any text can go: strings without an enum, a constant or a
    closed format, and objects or values of any shape."""
    if "$ref" in schema:
        yield from _free_text(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, path)
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, ()):
            yield from _free_text(sub, defs, path)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            yield from _free_text(sub, defs, f"{path}.{name}" if path else name)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            yield from _free_text(extra, defs, f"{path}.*")
        elif extra is True or "properties" not in schema:
            yield f"{path}.*"
    elif kind == "array":
        for sub in (schema.get("items"), *schema.get("prefixItems", ())):
            if sub:
                yield from _free_text(sub, defs, f"{path}[]")
    elif kind == "string":
        if not ({"enum", "const"} & set(schema) or schema.get("format") in _CLOSED_FORMATS):
            yield path
    elif kind is None and not {"anyOf", "oneOf", "allOf", "enum", "const"} & set(schema):
        yield f"{path} (any value)"


def test_every_message_type_a_node_can_send_is_reviewed() -> None:
    assert sorted(MESSAGE_TYPES) == sorted(REVIEWED), "a message type is not reviewed here"


@pytest.mark.parametrize(
    ("name", "version"),
    [(name, version) for name, mtype in sorted(MESSAGE_TYPES.items()) for version in mtype.versions],
)
def test_each_field_that_can_carry_text_is_reviewed_and_none_is_a_register_field(
    name: str, version: str
) -> None:
    model = MESSAGE_TYPES[name].versions[version]
    schema = model.model_json_schema()
    found = set(_free_text(schema, schema.get("$defs", {})))
    expected = set(REVIEWED[name]) - set(_NOT_IN_1_0.get(name, ()) if version == "1.0" else ())
    assert found == expected, f"{name} {version}: review the fields {sorted(found ^ expected)}"


def test_no_register_field_name_appears_in_any_sendable_contract_outside_the_sealed_case() -> None:
    register = apps.get_app_config("register")
    personal = {
        field.name
        for model in register.get_models()
        for field in model._meta.get_fields()
        if field.name
        in ("given_name", "family_name", "birth_date", "findings", "basis", "notes", "reference")
    }
    assert personal == {"given_name", "family_name", "birth_date", "findings", "basis", "notes", "reference"}
    for name, mtype in MESSAGE_TYPES.items():
        for model in mtype.versions.values():
            text = json.dumps(model.model_json_schema())
            assert [field for field in personal if f'"{field}"' in text] == [], name


# --- 2. every writer of the outbox ----------------------------------------------------------------

WRITERS = {
    "node/catalogue/services.py": "publishes the node's own catalogue entries (catalogue.* types only)",
    "node/exchange/dead_letters.py": "sends a dead letter again: the very message it was, re-signed",
    "node/cases/transfers.py": (
        "sends a person's case only under their consent, sealed for the consent's recipient alone "
        "(HPKE, contracts.sealing): the clear fields are ids, codes, a time and a size "
        "(case.transfer_request; tests/node/test_transfers.py finds no register value in clear); "
        "a decline's reason code and the caseworker's note on it (case.transfer_decline)"
    ),
    "node/statistics/services.py": (
        "releases a period's protected statistics, approved by a supervisor: indicator and category "
        "codes of the shared vocabulary and whole counts, no register row (statistics.data_value_set)"
    ),
}
"""Every module of the node that calls ``outbox_enqueue``, and what it writes."""


def _calls_outbox(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "outbox_enqueue"
        for node in ast.walk(tree)
    )


def test_the_outbox_is_written_only_by_the_reviewed_writers_and_never_by_the_register() -> None:
    writers = {
        path.relative_to(ROOT).as_posix()
        for top in ("node", "common", "contracts")
        for path in (ROOT / top).rglob("*.py")
        if _calls_outbox(path)
    }
    assert writers == set(WRITERS)
    # The register may read the exchange's state (the landing page shows whether the node syncs),
    # never import what writes to it.
    for path in (ROOT / "node" / "register").rglob("*.py"):
        imported = [name for name in _imports(path) if name.startswith("node.exchange")]
        assert [name for name in imported if name != "node.exchange.selectors"] == [], path


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    return found + [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    ]


def test_the_catalogue_writer_publishes_only_catalogue_entities_which_no_register_row_relates_to() -> None:
    register = set(apps.get_app_config("register").get_models())
    for model, entity in CATALOGUE_ENTITIES.items():
        assert entity.message_type is not None
        assert MESSAGE_TYPES[entity.message_type].family == "catalogue"
        related = {field.related_model for field in model._meta.get_fields() if field.is_relation}
        assert related & register == set(), model


def test_only_the_case_transfers_name_a_case_message() -> None:
    naming = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "node").rglob("*.py")
        for name in MESSAGE_TYPES
        if name.startswith("case.") and f'"{name}"' in path.read_text(encoding="utf-8")
    }
    assert naming == {"node/cases/transfers.py", "node/cases/apps.py"}


# --- 3. a register full of distinctive values, and every operation on it ------------------------

MARK = "Zqx"
"""A prefix no catalogue text, code or key holds: every register value below starts with it."""


def _payloads() -> list[str]:
    texts = []
    for row in OutboxMessage.objects.all():
        envelope = json.loads(bytes(row.envelope))
        payload = envelope["payload"]
        texts.append(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode())
    return texts


def test_no_register_operation_writes_to_the_outbox_nor_puts_a_register_value_in_it(
    federation: Federation,
) -> None:
    # A message of the catalogue first, so that the payloads searched below are real ones.
    service = entry_create(
        Service,
        fields={
            "name": {"mk": "Правна помош"},
            "organization_name": {"mk": "Општина"},
            "target_groups": ["roma"],
        },
    )
    before = list(OutboxMessage.objects.values_list("message_id", flat=True))
    assert len(before) == 1
    assert "Правна помош" in _payloads()[0]

    team = TeamFactory(code="zqx-team", name=f"{MARK} Тим")
    SettlementFactory(code="zqx-place", name=f"{MARK}Населба", name_latin=f"{MARK}Naselba")
    worker = actor(team=team)
    supervisor = actor(StaffRole.SUPERVISOR, team=team)
    today = timezone.localdate()
    long_ago = today - dt.timedelta(days=200)
    values: list[str] = []

    def text(what: str) -> str:
        values.append(f"{MARK}{what}")
        return values[-1]

    called: set[str] = set()

    def do(function: Any, **kwargs: Any) -> Any:
        called.add(function.__name__)
        return function(**kwargs)

    household = do(
        services.household_create, actor=worker, settlement="zqx-place", address=text("Ulica 7"), size=4
    )
    person = do(
        services.person_create,
        actor=worker,
        fields={
            "reference": text("-2026-0001"),
            "given_name": text("Ljubica"),
            "family_name": text("Trajkovska"),
            "sex": "female",
            "birth_date": "1991-04-09",
            "phone": text("070999"),
            "settlement": "zqx-place",
            "household": household,
            "target_groups": ["roma", "unemployed"],
        },
    )
    do(
        services.person_create_at_home,
        actor=worker,
        fields={
            "reference": text("-2026-0003"),
            "given_name": text("Mila"),
            "family_name": text("Trajkovska"),
            "birth_date": "2015-06-01",
            "settlement": "zqx-place",
            "household_role": "child",
        },
        household_of=person.reference,
    )
    do(services.person_update, actor=worker, person=person, fields={"family_name": text("Trajkovska-Nova")})
    do(services.person_household_move, actor=worker, person=person, address=text("Ul. Nova 7"), role="head")
    do(
        services.visit_record,
        actor=worker,
        person=person,
        date=long_ago,
        findings=text("Findings: no running water"),
        risk_types=["poverty"],
        consent_to_record=True,
    )
    do(
        services.assessment_record,
        actor=worker,
        person=person,
        date=long_ago,
        risk_types=["poverty", "unemployment"],
        level="high",
        assessor=text("Assessor"),
        basis=text("Basis: interview"),
    )
    plan = do(services.plan_create, actor=worker, person=person, title=text("Plan"), started=long_ago)
    do(
        services.session_record,
        actor=worker,
        plan=plan,
        date=long_ago,
        topic=text("Topic"),
        counsellor=text("Counsellor"),
        notes=text("Notes of the session"),
    )
    do(
        services.session_record,
        actor=worker,
        plan=plan,
        date=long_ago,
        status=SessionStatus.MISSED,
        notes=text("Missed"),
    )
    referral = do(
        services.referral_record,
        actor=worker,
        person=person,
        date=long_ago,
        destination="catalogue_service",
        service_id=service.id,
        reason=text("Reason of the referral"),
    )
    do(
        services.referral_status_set,
        actor=worker,
        referral=referral,
        status="completed",
        outcome=text("Outcome"),
    )
    do(
        services.delivery_record,
        actor=worker,
        person=person,
        date=long_ago,
        kind="food_package",
        service_id=service.id,
        note=text("Delivery note"),
    )
    do(
        services.outcome_record,
        actor=worker,
        person=person,
        date=long_ago,
        outcome="employed",
        note=text("Job note"),
    )
    assert do(rules.rules_run, today=today) >= 1
    flag = Flag.objects.filter(person=person).first()
    assert flag is not None
    do(services.flag_decide, actor=supervisor, flag=flag, decision="confirmed", note=text("Decision note"))
    do(
        services.suggestion_refer,
        actor=worker,
        person=Person.objects.get(pk=person.pk),
        service_id=service.id,
        reason=text("Suggested referral"),
    )
    # The person's rights, and an import of social mapping.
    do(rights.person_export, actor=worker, person=Person.objects.get(pk=person.pk))
    do(
        rights.person_rectify,
        actor=supervisor,
        person=Person.objects.get(pk=person.pk),
        fields={"phone": text("071888")},
        why=text("Rectified on request"),
    )
    csv = (
        "reference,given_name,family_name,birth_date,settlement,visit_date,team,findings,consent\n"
        f"{text('-2026-0002')},{text('Vesna')},{text('Petrova')},1985-02-03,zqx-place,"
        f"{long_ago},zqx-team,{text('Imported findings')},yes\n"
    ).encode()
    report = do(importer.register_import, actor=worker, data=csv, filename="mapping.csv")
    assert report.imported == 1, report
    imported = Person.objects.get(given_name=f"{MARK}Vesna")
    do(rights.person_erase, actor=supervisor, person=imported, why=text("Erased on request"))
    do(rights.register_prune, dry_run=False)
    # And the reads, which log: the log stays at the node too.
    do(selectors.person_record, actor=worker, person_id=person.pk)
    do(selectors.people_search, actor=worker, query=f"{MARK}ljubica")
    do(selectors.worklist, actor=worker)
    do(suggestions.person_suggestions, person=Person.objects.get(pk=person.pk))

    operations = {
        name
        for module in (services, rights, importer)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and (module is not services or not name.startswith("register_"))
        and "actor" in inspect.signature(function).parameters
    }
    assert operations - called == set(), "a register operation is not exercised here"

    assert list(OutboxMessage.objects.values_list("message_id", flat=True)) == before
    payloads = _payloads()
    assert [value for value in values if any(value in payload for payload in payloads)] == []
    # Not even a part of one, in any case (the payload is JSON: ids, codes and catalogue texts).
    assert not any(MARK.lower() in payload.lower() for payload in payloads)
