"""Import of social mapping: field-visit rows from a CSV or XLSX file into the register.

One row is one field visit (the template and its columns: ``docs/register-import.md``). A row
for a register number the node does not know creates the person (and the household, when its
address is new in that settlement); a row for a known number adds the visit to that person. A
risk level, with its assessor and basis, makes the row also record a risk assessment.

Every row is checked before anything is written, by the same validators the per-entry services
use (``register_date``, ``register_codes``, ``register_code``), against the settlements, teams
and people loaded once. A broken row is reported as (row, column, code, message) and left out
whole; the good rows are written in one transaction (or, all or nothing, none of them when any
row is broken). Each visit carries its row's digest as ``source_key`` (unique among visits), so
that importing the same rows again adds nothing and says how many were already there.

The writes are bulk inserts, not the per-entry services, because those check and log per call:
the run checks the actor's role once, logs one access-log line for the run and one per person
it touched (created or given a visit), all in the same transaction as the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from django.db import IntegrityError, connection, transaction
from django.db.models import Field, JSONField, Max, Model, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from common.search import search_key
from contracts.errors import (
    ContractError,
    DuplicatePersonError,
    FutureDateError,
    InvalidRegisterEntryError,
    InvalidRegisterImportError,
    MissingAssessorError,
    NoConsentToRecordError,
    OtherTeamError,
    PersonReadOnlyError,
    UnknownCodeError,
    UnknownSettlementError,
)
from contracts.vocabulary import (
    HOUSEHOLD_ROLE_LABELS,
    LANGUAGE_TAGS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.register.access import Actor, audited
from node.register.models import (
    AccessAction,
    AccessEvent,
    FieldVisit,
    Household,
    ImportRun,
    Person,
    PersonStatus,
    RiskAssessment,
    Settlement,
    Team,
)
from node.register.services import register_code, register_codes, register_date

# --- the template ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    # Headers field teams write in their own language (mk, bg, sr, sq), compared folded, so
    # that Cyrillic, Latin and any capitalisation of one header are the same header.
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        True,
        ("register number", "регистарски број", "регистров номер", "numri i regjistrit"),
    ),
    Column("given_name", True, ("given name", "име", "emri")),
    Column("family_name", True, ("family name", "презиме", "фамилия", "mbiemri")),
    Column("sex", False, ("пол", "gjinia")),
    Column(
        "birth_date",
        True,
        ("date of birth", "датум на раѓање", "дата на раждане", "датум рођења", "data e lindjes"),
    ),
    Column("language", False, ("јазик", "език", "језик", "gjuha")),
    Column("settlement", True, ("населба", "населено място", "насеље", "vendbanimi")),
    Column("address", False, ("household address", "адреса", "адрес", "adresa")),
    Column(
        "household_role",
        False,
        (
            "household role",
            "улога во домаќинството",
            "роля в домакинството",
            "улога у домаћинству",
            "roli ne familje",
        ),
    ),
    Column("target_groups", False, ("target groups", "целни групи", "циљне групе", "grupet e synuara")),
    Column(
        "visit_date",
        True,
        ("visit date", "датум на посета", "дата на посещение", "датум посете", "data e vizites"),
    ),
    Column("team", True, ("team code", "тим", "екип", "ekipi")),
    Column("findings", False, ("наоди", "констатации", "налази", "gjetjet")),
    Column(
        "risk_types",
        False,
        ("risk types", "видови ризик", "видове риск", "врсте ризика", "llojet e rrezikut"),
    ),
    Column("consent", True, ("consent to be recorded", "согласност", "съгласие", "сагласност", "pelqimi")),
    Column(
        "risk_level",
        False,
        ("risk level", "ниво на ризик", "ниво на риск", "ниво ризика", "niveli i rrezikut"),
    ),
    Column("assessor", False, ("assessed by", "проценувач", "оценител", "проценитељ", "vleresuesi")),
    Column("basis", False, ("основа", "baza")),
)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
ASSESSMENT_COLUMNS = ("risk_level", "assessor", "basis")


def _fold(text: str) -> str:
    return search_key(text).strip()


_HEADERS: dict[str, str] = {
    _fold(name): column.key for column in COLUMNS for name in (column.key, *column.aliases)
}
# Consent as the six languages write it: да/не (mk, bg, sr), da/ne (sr-Latn), po/jo (sq), yes/no.
# Compared folded, as headers are ("yes" folds to "jes").
_YES = frozenset(map(_fold, ("yes", "y", "да", "da", "po", "true", "1")))
_NO = frozenset(map(_fold, ("no", "n", "не", "ne", "jo", "false", "0")))
assert not _YES & _NO
_CONSENT = {
    spelling: _fold(spelling) for spelling in ("да", "не", "yes", "no", "da", "ne", "po", "jo", "Да", "Не")
}
_DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
_SPLIT = re.compile(r"[;,]")
MAX_STORED_ERRORS = 1000
"""An import run keeps this many of its row errors (the report has them all)."""


def _labels(vocabulary: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Code by each of its labels in the six languages (folded): a field team writes "Женски" or
    "Romska zajednica" as often as the code. A label two codes share is left out: it names neither."""
    found: dict[str, set[str]] = {}
    for code, labels in vocabulary.items():
        for text in (code, *labels.values()):
            found.setdefault(_fold(text), set()).add(code)
    return {label: next(iter(codes)) for label, codes in found.items() if len(codes) == 1}


_SEX = _labels(SEX_LABELS)
_RISK_TYPES = _labels(RISK_TYPE_LABELS)
_RISK_LEVELS = _labels(RISK_LEVEL_LABELS)
_HOUSEHOLD_ROLES = _labels(HOUSEHOLD_ROLE_LABELS)
_TARGET_GROUPS = _labels(TARGET_GROUP_LABELS)
_LANGUAGES = {tag.lower().replace("_", "-"): tag for tag in LANGUAGE_TAGS}


# --- what the importer reports ---------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One reason a row was left out: its row number as a spreadsheet shows it (the header is
    row 1), the template column, the stable code and a message for people."""

    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class ImportProgress:
    stage: Literal["checked", "imported"]
    done: int
    total: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Rows a second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


ProgressCallback = Callable[[ImportProgress], None]


@dataclass
class ImportReport:
    run: ImportRun
    rows: int
    imported: int
    already_imported: int
    errors: list[RowError]
    all_or_nothing: bool
    people_created: int = 0
    households_created: int = 0
    visits: int = 0
    assessments: int = 0
    earlier_runs: int = 0
    """Earlier imports of a file with the same digest."""
    seconds: float = 0.0

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    @property
    def left_out(self) -> int:
        """Rows not imported: the broken ones, or, all or nothing with any broken, every new one."""
        return self.rows - self.imported - self.already_imported


# --- reading the file -------------------------------------------------------------------------


def import_table(data: bytes, *, filename: str = "") -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The file's column keys and its non-blank rows (each with its spreadsheet row number).

    XLSX is told by its content (a zip), anything else is read as CSV: UTF-8 (with or without
    the byte-order mark Excel writes), else Windows-1251, which Excel uses for Cyrillic CSV on
    the machines field teams have; comma, semicolon or tab separated."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    header = next(table, None)
    if header is None:
        raise InvalidRegisterImportError("The file is empty: it has no header row.")
    keys = _header(header)
    rows = []
    width = len(keys)
    for number, cells in enumerate(table, start=2):
        values = list(cells)[:width]
        if _blank(values):
            continue  # spreadsheets end in blank rows; they are not rows of the import
        rows.append((number, values + [""] * (width - len(values))))
    return keys, rows


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
    if "\x00" in text:
        raise InvalidRegisterImportError("The file is neither a CSV text nor an XLSX workbook.")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    except csv.Error as exc:
        raise InvalidRegisterImportError(f"The CSV file cannot be read: {exc}.") from None


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    # calamine (Rust) reads a workbook about ten times faster than openpyxl, which made an XLSX
    # import an eighth as fast as the same rows in CSV. Cells come as text, floats, dates,
    # date-times and booleans; an empty cell is "".
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise InvalidRegisterImportError("The XLSX workbook has no sheet.")
        # The template's columns are on the first sheet; field teams keep notes on the others.
        sheet = book.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except CalamineError as exc:
        raise InvalidRegisterImportError(f"The XLSX workbook cannot be read: {exc}.") from None
    try:
        yield from rows
    except CalamineError as exc:
        raise InvalidRegisterImportError(f"The XLSX workbook cannot be read: {exc}.") from None


def _header(cells: Sequence[Any]) -> list[str]:
    keys: list[str] = []
    unknown: list[str] = []
    for cell in cells:
        title = _text(cell)
        key = _HEADERS.get(_fold(title), "") if title else ""
        if title and not key:
            unknown.append(title)
        keys.append(key)
    while keys and not keys[-1]:
        keys.pop()  # trailing empty header cells of a spreadsheet
    named = [key for key in keys if key]
    missing = [key for key in REQUIRED if key not in named]
    repeated = sorted({key for key in named if named.count(key) > 1})
    if unknown or missing or repeated:
        problems = []
        if missing:
            problems.append(f"missing columns: {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown columns: {', '.join(unknown)}")
        if repeated:
            problems.append(f"repeated columns: {', '.join(repeated)}")
        raise InvalidRegisterImportError(
            f"The file does not have the template's columns ({'; '.join(problems)}).",
            detail={"missing": missing, "unknown": unknown, "repeated": repeated},
        )
    return keys


def _blank(values: list[Any]) -> bool:
    try:
        return not "".join(values).strip()  # a CSV row: all text
    except TypeError:
        return not any(_text(value) for value in values)


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()  # every CSV cell, most XLSX cells: the fast path
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a register number typed into a number cell
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


# --- checking one row --------------------------------------------------------------------------


@dataclass
class Row:
    """A row that passed its own checks, in normalised form."""

    number: int
    reference: str
    given_name: str
    family_name: str
    sex: str
    birth_date: dt.date
    language: str
    settlement: Settlement
    address: str
    household_role: str
    target_groups: list[str]
    visit_date: dt.date
    team: Team
    findings: str
    risk_types: list[str]
    risk_level: str
    assessor: str
    basis: str
    key: str = ""
    name_key: str = ""
    person_key: str = ""

    def digest(self) -> str:
        """The row's identity: the digest of its normalised values, so that the same visit
        written again (other capitalisation, a label for a code, "да" for "yes") is the same row."""
        values = [
            self.reference,
            self.given_name,
            self.family_name,
            self.sex,
            self.birth_date.isoformat(),
            self.language,
            self.settlement.code,
            self.address,
            self.household_role,
            self.target_groups,
            self.visit_date.isoformat(),
            self.team.code,
            self.findings,
            self.risk_types,
            self.risk_level,
            self.assessor,
            self.basis,
        ]
        return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


@dataclass
class _Places:
    """The node's settlements and teams, loaded once, by every way a file names them."""

    settlements: dict[str, Settlement]
    teams: dict[str, Team]
    today: dt.date

    @classmethod
    def load(cls) -> _Places:
        settlements: dict[str, Settlement] = {}
        for place in Settlement.objects.order_by("code"):
            for name in (place.name, place.name_latin):
                if name:
                    settlements.setdefault(_fold(name), place)
        # A code wins over a name that folds to the same text.
        settlements.update({place.code: place for place in settlements.values()})
        teams: dict[str, Team] = {}
        for team in Team.objects.order_by("code"):
            teams[team.code] = team
            teams.setdefault(team.code.lower(), team)
        return cls(settlements=settlements, teams=teams, today=timezone.localdate())

    def settlement(self, text: str, *, column: str = "settlement") -> Settlement:
        _required(text, column=column)
        found = self.settlements.get(text) or self.settlements.get(_fold(text))
        if found is None:
            raise UnknownSettlementError(
                f"settlement: {text!r} is not one of this municipality's settlements."
            )
        return found

    def team(self, text: str, *, column: str = "team") -> Team:
        _required(text, column=column)
        found = self.teams.get(text) or self.teams.get(text.lower())
        if found is None:
            raise UnknownCodeError(
                f"team: {text!r} is not one of this node's teams.",
                detail={"field": "team", "unknown": [text]},
            )
        return found


def _day(value: Any, today: dt.date, *, column: str) -> dt.date:
    """A day as a date cell, ``YYYY-MM-DD`` or the ``DD.MM.YYYY`` field teams write; not after
    ``today`` (as ``register_date`` refuses it, but with the day read once for the whole file:
    asking the clock for it twice a row was a third of the time it took to check one)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        text = _required(_text(value), column=column)
        dotted = _DOTTED_DAY.match(text)
        if dotted is not None:
            dd, mm, yyyy = (int(part) for part in dotted.groups())
            try:
                value = dt.date(yyyy, mm, dd)
            except ValueError:
                value = text  # 31.02.2020: refused below in register_date's own words
        else:
            value = text
    day = register_date(value, field=column, past=False)
    if day > today:
        raise FutureDateError(
            f"{column}: {day} is in the future.", detail={"field": column, "value": str(day)}
        )
    return day


def _code(text: str, labels: Mapping[str, str], vocabulary: Mapping[str, object], *, column: str) -> str:
    return register_code(
        text if text in vocabulary else labels.get(_fold(text), text), vocabulary, field=column
    )


def _codes(
    text: str, labels: Mapping[str, str], vocabulary: Mapping[str, object], *, column: str
) -> list[str]:
    given = [part.strip() for part in _SPLIT.split(text) if part.strip()]
    return register_codes(
        [part if part in vocabulary else labels.get(_fold(part), part) for part in given],
        vocabulary,
        field=column,
    )


def _required(text: str, *, column: str) -> str:
    if not text:
        raise InvalidRegisterEntryError(f"{column} is required.", detail={"field": column})
    return text


def _consent(text: str, *, column: str) -> None:
    answer = _CONSENT.get(text) or _fold(text)
    if answer in _YES:
        return
    if answer in _NO:
        raise NoConsentToRecordError()
    if not text:
        raise InvalidRegisterEntryError(
            "consent is required: yes or no (да/не, da/ne, po/jo).", detail={"field": "consent"}
        )
    raise UnknownCodeError(
        f"consent: {text!r} is neither yes nor no (да/не, da/ne, po/jo).", detail={"field": "consent"}
    )


def row_check(number: int, cells: Mapping[str, Any], places: _Places) -> Row | list[RowError]:
    """The row's own checks, every column of it (a row with three mistakes reports three)."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def check(column: str, parse: Callable[..., Any], *args: Any) -> None:
        try:
            values[column] = parse(*args, column=column)
        except ContractError as exc:
            errors.append(RowError(number, column, exc.code, exc.message))

    text = {key: value.strip() if type(value) is str else _text(value) for key, value in cells.items()}
    for column in ("reference", "given_name", "family_name"):
        check(column, _required, text[column])
    check("sex", _code, text.get("sex") or "unknown", _SEX, SEX_LABELS)
    check("birth_date", _day, cells["birth_date"], places.today)
    check("language", _language, text.get("language", ""))
    check("settlement", places.settlement, text["settlement"])
    if text.get("household_role"):
        check("household_role", _code, text["household_role"], _HOUSEHOLD_ROLES, HOUSEHOLD_ROLE_LABELS)
    check("target_groups", _codes, text.get("target_groups", ""), _TARGET_GROUPS, TARGET_GROUP_LABELS)
    check("visit_date", _day, cells["visit_date"], places.today)
    check("team", places.team, text["team"])
    check("risk_types", _codes, text.get("risk_types", ""), _RISK_TYPES, RISK_TYPE_LABELS)
    check("consent", _consent, text["consent"])
    if any(text.get(column) for column in ASSESSMENT_COLUMNS):
        # A risk level (or an assessor, or a basis) makes the row a risk assessment too: then it
        # needs all three and a risk type, as a caseworker's assessment does.
        check("risk_level", _code, text.get("risk_level", ""), _RISK_LEVELS, RISK_LEVEL_LABELS)
        if not text.get("assessor"):
            errors.append(
                RowError(number, "assessor", MissingAssessorError.code, MissingAssessorError.default_message)
            )
        if not text.get("basis"):
            errors.append(
                RowError(
                    number,
                    "basis",
                    MissingAssessorError.code,
                    "A risk assessment must say on what basis it was made.",
                )
            )
        if "risk_types" in values and not values["risk_types"]:
            errors.append(
                RowError(
                    number,
                    "risk_types",
                    InvalidRegisterEntryError.code,
                    "A risk assessment names at least one risk type.",
                )
            )
    if errors:
        return errors
    row = Row(
        number=number,
        reference=values["reference"],
        given_name=values["given_name"],
        family_name=values["family_name"],
        sex=values["sex"],
        birth_date=values["birth_date"],
        language=values["language"],
        settlement=values["settlement"],
        address=" ".join(text.get("address", "").split()),
        household_role=values.get("household_role", ""),
        target_groups=values["target_groups"],
        visit_date=values["visit_date"],
        team=values["team"],
        findings=text.get("findings", ""),
        risk_types=values["risk_types"],
        risk_level=values.get("risk_level", ""),
        assessor=text.get("assessor", "") if values.get("risk_level") else "",
        basis=text.get("basis", "") if values.get("risk_level") else "",
    )
    row.key = row.digest()
    row.name_key = search_key(row.given_name, row.family_name)
    row.person_key = f"{row.name_key}{row.birth_date.isoformat()}"
    return row


def _language(text: str, *, column: str) -> str:
    if not text:
        return str(Person._meta.get_field("language").default)
    tag = _LANGUAGES.get(text.lower().replace("_", "-"))
    return register_code(tag or text, dict.fromkeys(LANGUAGE_TAGS), field=column)


# --- the import ----------------------------------------------------------------------------------


def _among(model: type[Model], field_name: str, values: Sequence[Any]) -> Iterator[Q]:
    """Conditions that ``field_name`` is one of ``values``, together covering them all.

    On PostgreSQL one condition, with the values as one array parameter: 20,000 register
    numbers as 20,000 parameters cost more to prepare (in Django and psycopg) than the query
    took to run. SQLite takes 999 parameters a query: there, a condition per 900 values."""
    if connection.vendor == "postgresql":
        if values:
            found = model._meta.get_field(field_name)
            assert isinstance(found, Field)
            # The array's type, as PostgreSQL cannot guess it from a parameter (bigint, uuid, …):
            # the model's own column type, never text from the file, which is the parameter.
            kind = found.db_type(connection)
            among = RawSQL(f"SELECT unnest(%s::{kind}[])", (list(values),))  # noqa: S611
            yield Q(**{f"{field_name}__in": among})
        return
    for start in range(0, len(values), 900):
        yield Q(**{f"{field_name}__in": values[start : start + 900]})


@dataclass(slots=True)
class _Person:
    """A person a row names: one the register holds (loaded as plain values, not a model) or
    one the file creates (``new`` holds its fields then)."""

    pk: uuid.UUID
    reference: str
    name_key: str
    sex: str
    birth_date: dt.date
    team_id: int
    status: str
    last_contact: dt.date | None
    # The risks as the file sets them (not loaded: a person's are written only when a row sets them).
    risk_types: list[str] = field(default_factory=list)
    risk_level: str = ""
    new: dict[str, Any] | None = None
    contact_changed: bool = False
    risks_changed: bool = False


@dataclass
class _Known:
    """What the register already holds of the file's people, loaded once before the writes."""

    by_reference: dict[str, _Person] = field(default_factory=dict)
    by_person_key: dict[str, str] = field(default_factory=dict)
    source_keys: set[str] = field(default_factory=set)
    latest_assessment: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    households: dict[tuple[int, str], uuid.UUID] = field(default_factory=dict)

    @classmethod
    def load(cls, rows: Sequence[Row]) -> _Known:
        known = cls()
        references = sorted({row.reference for row in rows})
        wanted = set(references)
        births = sorted({row.birth_date for row in rows})
        columns: tuple[str, ...] = (
            "id",
            "reference",
            "given_name",
            "family_name",
            "sex",
            "birth_date",
            "team_id",
            "status",
        )
        columns += ("last_contact",)
        people: dict[uuid.UUID, tuple[Any, ...]] = {}
        for condition in (*_among(Person, "reference", references), *_among(Person, "birth_date", births)):
            people.update((v[0], v) for v in Person.objects.filter(condition).values_list(*columns))
        for (
            pk,
            reference,
            given,
            family,
            sex,
            birth,
            team_id,
            status,
            last,
        ) in people.values():
            name_key = search_key(given, family)
            known.by_person_key.setdefault(f"{name_key}{birth.isoformat()}", reference)
            if reference in wanted:
                known.by_reference[reference] = _Person(
                    pk, reference, name_key, sex, birth, team_id, status, last
                )
        ids = [person.pk for person in known.by_reference.values()]
        for condition in _among(FieldVisit, "person", ids):
            known.source_keys.update(
                FieldVisit.objects.filter(condition)
                .exclude(source_key="")
                .values_list("source_key", flat=True)
            )
            known.latest_assessment.update(
                RiskAssessment.objects.filter(condition)
                .values("person_id")
                .annotate(latest=Max("date"))
                .values_list("person_id", "latest")
            )
        settlements = sorted({row.settlement.pk for row in rows if row.address})
        for condition in _among(Household, "settlement", settlements):
            for pk, settlement_id, address in Household.objects.filter(condition).values_list(
                "id", "settlement_id", "address"
            ):
                if address:
                    known.households.setdefault((settlement_id, _fold(address)), pk)
        return known


def register_import(
    *,
    actor: Actor | Any,
    data: bytes,
    filename: str,
    all_or_nothing: bool = False,
    progress: ProgressCallback | None = None,
    progress_every: int = 1000,
) -> ImportReport:
    """Import a social-mapping file (CSV or XLSX bytes) as ``actor``.

    Refuses the whole file with ``invalid-register-import`` when it cannot be read or lacks the
    template's columns, and an actor whose role may not write (``role-not-allowed``); either way
    nothing is stored and the attempt is logged. Otherwise returns the report: the row errors,
    what was imported and what was already there."""
    started = time.perf_counter()
    digest = hashlib.sha256(data).hexdigest()
    name = PurePath(filename).name[:300] or "import"
    with audited(actor, action=AccessAction.IMPORT, what=f"import {name}") as audit:
        assert audit.actor is not None
        keys, table = import_table(data, filename=name)

        def report(stage: Literal["checked", "imported"], done: int) -> None:
            if progress is not None:
                progress(ImportProgress(stage, done, len(table), time.perf_counter() - started))

        places = _Places.load()
        checked: list[Row] = []
        errors: list[RowError] = []
        for done, (number, cells) in enumerate(table, start=1):
            result = row_check(number, dict(zip(keys, cells, strict=True)), places)
            if isinstance(result, Row):
                checked.append(result)
            else:
                errors.extend(result)
            if done % progress_every == 0:
                report("checked", done)
        known = _Known.load(checked)
        plan = _Plan(actor=audit.actor, known=known)
        for row in checked:
            try:
                plan.add(row)
            except ContractError as exc:
                column = (
                    (exc.detail or {}).get("field", "reference")
                    if isinstance(exc.detail, dict)
                    else "reference"
                )
                errors.append(RowError(row.number, column, exc.code, exc.message))
        report("checked", len(table))
        errors.sort(key=lambda error: (error.row, [c.key for c in COLUMNS].index(error.column)))
        write = not (all_or_nothing and errors)
        if write:
            try:
                with transaction.atomic():
                    plan.write(progress=lambda done: report("imported", done), every=progress_every)
            except IntegrityError:
                # Another import wrote some of the same rows (or people) since they were
                # checked: nothing of this one is kept, and importing the file again adds the rest.
                raise InvalidRegisterImportError(
                    "Another import wrote some of these rows at the same time: import the file again."
                ) from None
        imported = len(plan.visits) if write else 0
        run = ImportRun.objects.create(
            digest=digest,
            filename=name,
            rows=len(table),
            imported=imported,
            already_imported=plan.already,
            rejected=len(table) - imported - plan.already,
            errors=[error.as_dict() for error in errors[:MAX_STORED_ERRORS]],
            by=audit.actor.user if getattr(audit.actor.user, "pk", None) else None,
        )
        earlier = ImportRun.objects.filter(digest=digest).exclude(pk=run.pk).count()
        audit.what = (
            f"import {name}: {len(table)} rows, {imported} imported, {plan.already} already imported, "
            f"{run.rejected} left out"
        )
        report("imported", imported)
        return ImportReport(
            run=run,
            rows=len(table),
            imported=imported,
            already_imported=plan.already,
            errors=errors,
            all_or_nothing=all_or_nothing,
            people_created=len(plan.people) if write else 0,
            households_created=len(plan.households) if write else 0,
            visits=imported,
            assessments=len(plan.assessments) if write else 0,
            earlier_runs=earlier,
            seconds=time.perf_counter() - started,
        )


@dataclass
class _Plan:
    """The rows that passed every check, as the rows they become in each table; written in bulk.
    Plain field values rather than model instances: building 100,000 of those cost more than
    checking the rows."""

    actor: Actor
    known: _Known
    people: dict[str, _Person] = field(default_factory=dict)
    households: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)
    visits: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    touched: dict[uuid.UUID, list[int]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    already: int = 0

    def add(self, row: Row) -> None:
        """Add ``row`` or raise why it may not be added (nothing of it is kept then)."""
        actor = self.actor
        if not actor.sees_all_teams and row.team.pk != actor.staff.team_id:
            raise OtherTeamError(
                f"team: {row.team.code} is not your team.", detail={"field": "team", "team": row.team.code}
            )
        if row.key in self.known.source_keys or row.key in self.keys:
            self.already += 1
            return
        person = self.known.by_reference.get(row.reference)
        created = False
        if person is not None:
            if not actor.sees_all_teams and person.team_id != actor.staff.team_id:
                raise OtherTeamError(detail={"field": "reference", "person": str(person.pk)})
            if person.status == PersonStatus.TRANSFERRED:
                raise PersonReadOnlyError(detail={"field": "reference", "person": str(person.pk)})
            if (person.name_key, person.birth_date) != (row.name_key, row.birth_date):
                raise DuplicatePersonError(
                    f"Register number {row.reference} belongs to a person of another name or date of birth.",
                    detail={"field": "reference"},
                )
        elif row.reference in self.people:
            person = self.people[row.reference]
            if (person.name_key, person.sex, person.birth_date) != (row.name_key, row.sex, row.birth_date):
                raise DuplicatePersonError(
                    f"Register number {row.reference} appears earlier in the file with other details "
                    "(name, sex or date of birth).",
                    detail={"field": "reference"},
                )
        else:
            other = self.known.by_person_key.get(row.person_key)
            if other is not None and other != row.reference:
                raise DuplicatePersonError(
                    f"A person with the same name and date of birth is already registered as {other}.",
                    detail={"field": "given_name"},
                )
            person = self._person(row)
            created = True
        self.keys.add(row.key)
        user_id = self.actor.user.pk
        self.visits.append(
            {
                "person_id": person.pk,
                "date": row.visit_date,
                "team_id": row.team.pk,
                "settlement_id": row.settlement.pk,
                "findings": row.findings,
                "risk_types": row.risk_types,
                "consent_to_record": True,
                "recorded_by_id": user_id,
                "source_key": row.key,
            }
        )
        counts = self.touched.setdefault(person.pk, [0, 0, 0])  # created, visits, assessments
        counts[0] |= int(created)
        counts[1] += 1
        if person.last_contact is None or row.visit_date > person.last_contact:
            person.last_contact, person.contact_changed = row.visit_date, True
        if row.risk_level:
            self.assessments.append(
                {
                    "person_id": person.pk,
                    "date": row.visit_date,
                    "risk_types": row.risk_types,
                    "level": row.risk_level,
                    "assessor": row.assessor,
                    "basis": row.basis,
                    "recorded_by_id": user_id,
                    "source_key": row.key,
                }
            )
            counts[2] += 1
            latest = self.known.latest_assessment.get(person.pk)
            # As in assessment_record: the newest assessment (a later row wins a tie) sets the
            # person's current risks.
            if latest is None or row.visit_date >= latest:
                self.known.latest_assessment[person.pk] = row.visit_date
                person.risk_types, person.risk_level = row.risk_types, row.risk_level
                person.risks_changed = True

    def _person(self, row: Row) -> _Person:
        household_id: uuid.UUID | None = None
        if row.address:
            # A new address in the settlement is a new household; a known one is joined.
            place = (row.settlement.pk, _fold(row.address))
            household_id = self.known.households.get(place)
            if household_id is None:
                if place not in self.households:
                    self.households[place] = {
                        "id": uuid.uuid4(),
                        "team_id": row.team.pk,
                        "settlement_id": row.settlement.pk,
                        "address": row.address,
                    }
                household_id = self.households[place]["id"]
        person = _Person(
            pk=uuid.uuid4(),
            reference=row.reference,
            name_key=row.name_key,
            sex=row.sex,
            birth_date=row.birth_date,
            team_id=row.team.pk,
            status=PersonStatus.ACTIVE,
            last_contact=None,
            new={
                "reference": row.reference,
                "given_name": row.given_name,
                "family_name": row.family_name,
                "sex": row.sex,
                "birth_date": row.birth_date,
                "language": row.language,
                "team_id": row.team.pk,
                "settlement_id": row.settlement.pk,
                "household_id": household_id,
                "household_role": row.household_role,
                "target_groups": row.target_groups,
                # As services.person_search_key makes it, from the names and the number.
                "search_key": search_key(row.given_name, row.family_name, row.reference),
            },
        )
        self.people[row.reference] = person
        self.known.by_person_key[row.person_key] = row.reference
        return person

    def write(self, *, progress: Callable[[int], None], every: int) -> None:
        _insert(Household, self.households.values())
        _insert(
            Person,
            (
                person.new
                | {
                    "id": person.pk,
                    "last_contact": person.last_contact,
                    "risk_types": person.risk_types,
                    "risk_level": person.risk_level,
                }
                for person in self.people.values()
                if person.new is not None
            ),
        )
        now = timezone.now()
        known = self.known.by_reference.values()
        Person.objects.bulk_update(
            [
                Person(
                    pk=person.pk,
                    last_contact=person.last_contact,
                    risk_types=person.risk_types,
                    risk_level=person.risk_level,
                    updated_at=now,
                )
                for person in known
                if person.risks_changed
            ],
            ["last_contact", "risk_types", "risk_level", "updated_at"],
            batch_size=1000,
        )
        Person.objects.bulk_update(
            [
                Person(pk=person.pk, last_contact=person.last_contact, updated_at=now)
                for person in known
                if person.contact_changed and not person.risks_changed
            ],
            ["last_contact", "updated_at"],
            batch_size=1000,
        )
        # Visits in batches, for the progress of a long file (and the memory of a COPY).
        batch = max(every, 2000)
        for start in range(0, len(self.visits), batch):
            _insert(FieldVisit, self.visits[start : start + batch])
            progress(min(start + batch, len(self.visits)))
        _insert(RiskAssessment, self.assessments)
        user = self.actor.user
        _insert(
            AccessEvent,
            (
                {
                    "user_id": user.pk,
                    "username": user.get_username(),
                    "person_id": person_id,
                    "action": AccessAction.IMPORT,
                    "what": _touched(counts)[:300],
                }
                for person_id, counts in self.touched.items()
            ),
        )


def _insert(model: type[Model], rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (field values by attribute name; the others take the field's default).

    On PostgreSQL by ``COPY``, every concrete field of the model: the ORM's ``bulk_create``
    spent most of an import preparing each value of each row for SQL. The field list is the
    model's own, so a field added later is filled with its default. Elsewhere (SQLite, the
    embedded demo) by ``bulk_create``."""
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_create(objects, batch_size=1000)
        return
    # Not a serial key: the database numbers those.
    fields = [f for f in model._meta.concrete_fields if not getattr(f, "db_returning", False)]
    encoders = {f.attname: f.encoder for f in fields if isinstance(f, JSONField)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    # The raw cursor's COPY, its errors made Django's (a unique key that clashes: IntegrityError).
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            values = []
            for f in fields:
                value = row[f.attname] if f.attname in row else f.get_default()
                if f.attname in encoders:
                    value = json.dumps(value, cls=encoders[f.attname])
                values.append(value)
            copy.write_row(values)


def _touched(counts: Sequence[int]) -> str:
    created, visits, assessments = counts
    parts = ["person created"] if created else []
    parts.append(f"{visits} field visit{'s' if visits != 1 else ''}")
    if assessments:
        parts.append(f"{assessments} risk assessment{'s' if assessments != 1 else ''}")
    return "import: " + ", ".join(parts)


def errors_csv(errors: Iterable[RowError]) -> str:
    """The row errors as a CSV text (row, column, code, message), for the field team to fix."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "column", "code", "message"])
    for error in errors:
        writer.writerow([error.row, error.column, error.code, error.message])
    return out.getvalue()
