from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.search import search_key
from contracts.errors import InvalidRegisterImportError, NotStaffError, RoleNotAllowedError
from node.register.access import Actor
from node.register.importer import COLUMNS, ImportProgress, ImportReport, register_import
from node.register.models import (
    AccessEvent,
    FieldVisit,
    Household,
    ImportRun,
    Person,
    RiskAssessment,
    StaffRole,
    Team,
)
from tests.node.register_factories import PersonFactory, SettlementFactory, TeamFactory, UserFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEADER = [column.key for column in COLUMNS]
TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "register-import-template.csv"


def _row(**cells: str) -> dict[str, str]:
    return {
        "reference": "BUT-2026-00001",
        "given_name": "Марија",
        "family_name": "Јованоска",
        "sex": "female",
        "birth_date": "1988-03-02",
        "language": "mk",
        "settlement": "vizbegovo",
        "address": "ул. 12 бр. 4",
        "household_role": "head",
        "target_groups": "roma;social_assistance_recipient",
        "visit_date": "2026-03-10",
        "team": "butel-field",
        "findings": "Нема приход; три деца.",
        "risk_types": "poverty;unemployment",
        "consent": "да",
        "risk_level": "",
        "assessor": "",
        "basis": "",
    } | cells


def _csv(rows: list[dict[str, str]], header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode()


@pytest.fixture
def worker() -> Actor:
    SettlementFactory()
    SettlementFactory(code="radishani", name="Радишани", name_latin="Radišani")
    return actor(team=TeamFactory(code="butel-field", name="Теренски тим Бутел"))


def _import(worker: Actor, rows: list[dict[str, str]], **options: Any) -> ImportReport:
    return register_import(actor=worker, data=_csv(rows), filename="visits.csv", **options)


def _errors(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.code) for error in report.errors]


def test_a_new_register_number_creates_the_person_their_household_and_the_visit(worker: Actor) -> None:
    report = _import(
        worker,
        [
            _row(),
            _row(
                reference="BUT-2026-00002",
                given_name="Петар",
                sex="male",
                birth_date="2010-01-05",
                household_role="child",
                target_groups="roma",
            ),
        ],
    )
    assert (report.rows, report.imported, report.errors) == (2, 2, [])
    assert (report.people_created, report.households_created) == (2, 1)
    marija = Person.objects.get(reference="BUT-2026-00001")
    petar = Person.objects.get(reference="BUT-2026-00002")
    assert marija.household_id == petar.household_id
    assert Household.objects.get().address == "ул. 12 бр. 4"
    assert (marija.team.code, marija.settlement.code, marija.household_role) == (
        "butel-field",
        "vizbegovo",
        "head",
    )
    assert marija.target_groups == ["roma", "social_assistance_recipient"]
    assert marija.last_contact == dt.date(2026, 3, 10)
    visit = FieldVisit.objects.get(person=marija)
    assert (visit.risk_types, visit.consent_to_record, visit.findings) == (
        ["poverty", "unemployment"],
        True,
        "Нема приход; три деца.",
    )
    assert visit.recorded_by == worker.user
    assert len(visit.source_key) == 64
    # The Latin spelling of a Cyrillic name is found, as for a person registered by hand.
    assert marija.search_key == search_key("Marija", "Jovanoska", "BUT-2026-00001")


def test_a_row_for_a_known_register_number_adds_the_visit_to_that_person(worker: Actor) -> None:
    known = PersonFactory(
        reference="BUT-2026-00001",
        given_name="Марија",
        family_name="Јованоска",
        birth_date=dt.date(1988, 3, 2),
        team=worker.staff.team,
        last_contact=dt.date(2026, 1, 1),
    )
    report = _import(worker, [_row(given_name="Marija", family_name="Jovanoska", address="")])
    assert (report.imported, report.people_created, report.errors) == (1, 0, [])
    assert Person.objects.count() == 1
    assert FieldVisit.objects.get().person_id == known.pk
    known.refresh_from_db()
    assert known.last_contact == dt.date(2026, 3, 10)


def test_a_risk_level_with_assessor_and_basis_records_an_assessment_and_sets_the_persons_risks(
    worker: Actor,
) -> None:
    report = _import(worker, [_row(risk_level="high", assessor="Е. Стојанова", basis="Теренска посета")])
    assert (report.assessments, report.errors) == (1, [])
    assessment = RiskAssessment.objects.get()
    assert (assessment.level, assessment.risk_types, assessment.assessor, assessment.date) == (
        "high",
        ["poverty", "unemployment"],
        "Е. Стојанова",
        dt.date(2026, 3, 10),
    )
    person = Person.objects.get()
    assert (person.risk_level, person.risk_types) == ("high", ["poverty", "unemployment"])


@pytest.mark.parametrize(
    ("cells", "column", "code"),
    [
        ({"birth_date": "1988-02-30"}, "birth_date", "invalid-date"),
        ({"visit_date": "10/03/2026"}, "visit_date", "invalid-date"),
        ({"visit_date": (TODAY + dt.timedelta(days=1)).isoformat()}, "visit_date", "future-date"),
        ({"birth_date": (TODAY + dt.timedelta(days=3)).isoformat()}, "birth_date", "future-date"),
        ({"risk_types": "poverty;bad_luck"}, "risk_types", "unknown-code"),
        ({"target_groups": "astronauts"}, "target_groups", "unknown-code"),
        ({"sex": "sometimes"}, "sex", "unknown-code"),
        ({"household_role": "landlord"}, "household_role", "unknown-code"),
        ({"language": "fr"}, "language", "unknown-code"),
        ({"settlement": "Атлантида"}, "settlement", "unknown-settlement"),
        ({"team": "no-such-team"}, "team", "unknown-code"),
        ({"consent": "не"}, "consent", "no-consent-to-record"),
        ({"consent": "jo"}, "consent", "no-consent-to-record"),
        ({"consent": "maybe"}, "consent", "unknown-code"),
        ({"consent": ""}, "consent", "invalid-register-entry"),
        ({"given_name": ""}, "given_name", "invalid-register-entry"),
        ({"visit_date": ""}, "visit_date", "invalid-register-entry"),
        ({"risk_level": "high", "basis": "Посета"}, "assessor", "missing-assessor"),
        ({"risk_level": "high", "assessor": "Е. Стојанова"}, "basis", "missing-assessor"),
        ({"risk_level": "extreme", "assessor": "Е. С.", "basis": "Посета"}, "risk_level", "unknown-code"),
        (
            {"risk_level": "high", "assessor": "Е. С.", "basis": "П.", "risk_types": ""},
            "risk_types",
            "invalid-register-entry",
        ),
    ],
)
def test_a_broken_row_is_reported_at_its_row_and_column_and_left_out_while_the_good_rows_are_stored(
    worker: Actor, cells: dict[str, str], column: str, code: str
) -> None:
    good = _row(reference="BUT-2026-00009", given_name="Иван", family_name="Петров", address="ул. 3")
    report = _import(worker, [good, _row(**cells)])
    assert _errors(report) == [(3, column, code)]
    assert (report.imported, report.left_out, report.run.rejected) == (1, 1, 1)
    assert list(Person.objects.values_list("reference", flat=True)) == ["BUT-2026-00009"]
    assert FieldVisit.objects.count() == 1
    assert RiskAssessment.objects.count() == 0
    assert Household.objects.get().address == "ул. 3"
    assert report.run.errors[0]["code"] == code


def test_a_row_with_several_mistakes_reports_each_of_them(worker: Actor) -> None:
    report = _import(worker, [_row(birth_date="yesterday", settlement="Atlantis", consent="no")])
    assert _errors(report) == [
        (2, "birth_date", "invalid-date"),
        (2, "settlement", "unknown-settlement"),
        (2, "consent", "no-consent-to-record"),
    ]


def test_a_person_already_registered_under_another_number_is_a_duplicate(worker: Actor) -> None:
    PersonFactory(
        reference="BUT-2020-00077",
        given_name="Марија",
        family_name="Јованоска",
        birth_date=dt.date(1988, 3, 2),
    )
    report = _import(worker, [_row(given_name="Marija", family_name="Jovanoska")])
    assert _errors(report) == [(2, "given_name", "duplicate-person")]
    assert "BUT-2020-00077" in report.errors[0].message
    assert Person.objects.count() == 1
    assert FieldVisit.objects.count() == 0


def test_one_register_number_twice_in_the_file_with_other_details_is_a_duplicate(worker: Actor) -> None:
    report = _import(worker, [_row(), _row(visit_date="2026-03-11", birth_date="1989-03-02")])
    assert _errors(report) == [(3, "reference", "duplicate-person")]
    assert FieldVisit.objects.count() == 1


def test_two_numbers_for_the_same_person_in_one_file_are_a_duplicate(worker: Actor) -> None:
    report = _import(worker, [_row(), _row(reference="BUT-2026-00005", visit_date="2026-03-11")])
    assert _errors(report) == [(3, "given_name", "duplicate-person")]
    assert Person.objects.count() == 1


def test_a_known_register_number_with_another_persons_details_is_refused(worker: Actor) -> None:
    PersonFactory(reference="BUT-2026-00001", given_name="Ана", team=worker.staff.team)
    report = _import(worker, [_row()])
    assert _errors(report) == [(2, "reference", "duplicate-person")]
    assert FieldVisit.objects.count() == 0


def test_the_same_visit_in_several_rows_counts_once(worker: Actor) -> None:
    report = _import(worker, [_row(), _row(consent="yes", sex="Женски")])
    assert (report.imported, report.already_imported, report.errors) == (1, 1, [])
    assert FieldVisit.objects.count() == 1


def test_a_row_of_another_team_is_refused_for_a_caseworker(worker: Actor) -> None:
    TeamFactory(code="cucer-field")
    report = _import(worker, [_row(team="cucer-field")])
    assert _errors(report) == [(2, "team", "other-team")]
    assert Person.objects.count() == 0


def test_a_supervisor_imports_rows_of_every_team() -> None:
    SettlementFactory()
    TeamFactory(code="butel-field")
    supervisor = actor(StaffRole.SUPERVISOR)
    report = _import(supervisor, [_row()])
    assert (report.imported, report.errors) == (1, [])
    assert Person.objects.get().team.code == "butel-field"


def test_all_or_nothing_stores_nothing_when_one_row_is_broken(worker: Actor) -> None:
    report = _import(
        worker, [_row(), _row(reference="BUT-2026-00002", settlement="Atlantis")], all_or_nothing=True
    )
    assert _errors(report) == [(3, "settlement", "unknown-settlement")]
    assert (report.imported, report.left_out) == (0, 2)
    assert (Person.objects.count(), FieldVisit.objects.count(), Household.objects.count()) == (0, 0, 0)
    assert ImportRun.objects.get().rejected == 2


def test_importing_the_same_file_again_changes_nothing_and_says_the_rows_are_already_imported(
    worker: Actor,
) -> None:
    rows = [
        _row(risk_level="medium", assessor="Е. С.", basis="Посета"),
        _row(visit_date="2026-04-01", findings="Втора посета"),
        _row(reference="BUT-2026-00002", given_name="Петар", birth_date="2010-01-05", settlement="Radišani"),
        _row(reference="BUT-2026-00003", settlement="Atlantis"),
    ]
    first = _import(worker, rows)
    assert (first.imported, first.already_imported, len(first.errors)) == (3, 0, 1)
    counts = [model.objects.count() for model in (Person, Household, FieldVisit, RiskAssessment, AccessEvent)]
    second = _import(worker, rows)
    assert (second.imported, second.already_imported, len(second.errors)) == (0, 3, 1)
    assert second.earlier_runs == 1
    assert second.run.already_imported == 3
    assert second.run.digest == first.run.digest
    # Only the second run's own log line is new: no person was touched again.
    assert [model.objects.count() for model in (Person, Household, FieldVisit, RiskAssessment)] == counts[:4]
    assert AccessEvent.objects.count() == counts[4] + 1


def test_every_person_touched_gets_an_access_log_line_and_the_run_one_of_its_own(worker: Actor) -> None:
    PersonFactory(reference="BUT-2026-00007", given_name="Ана", family_name="Б", team=worker.staff.team)
    _import(
        worker,
        [
            _row(),
            _row(visit_date="2026-03-12"),
            _row(reference="BUT-2026-00007", given_name="Ана", family_name="Б", birth_date="1990-05-17"),
        ],
    )
    marija = Person.objects.get(reference="BUT-2026-00001")
    ana = Person.objects.get(reference="BUT-2026-00007")
    lines = {event.person_id: event for event in AccessEvent.objects.filter(person_id__isnull=False)}
    assert lines[marija.pk].what == "import: person created, 2 field visits"
    assert lines[ana.pk].what == "import: 1 field visit"
    assert {(event.action, event.allowed, event.username) for event in lines.values()} == {
        ("import", True, worker.user.username)
    }
    run = AccessEvent.objects.get(person_id__isnull=True)
    assert (run.action, run.allowed) == ("import", True)
    assert run.what == "import visits.csv: 3 rows, 3 imported, 0 already imported, 0 left out"


def test_an_auditor_may_not_import_and_the_attempt_is_logged() -> None:
    SettlementFactory()
    TeamFactory(code="butel-field")
    auditor = actor(StaffRole.AUDITOR)
    with pytest.raises(RoleNotAllowedError):
        _import(auditor, [_row()])
    assert (Person.objects.count(), ImportRun.objects.count()) == (0, 0)
    event = AccessEvent.objects.get()
    assert (event.action, event.allowed, event.code, event.username) == (
        "import",
        False,
        "role-not-allowed",
        auditor.user.username,
    )


def test_a_user_without_a_register_role_is_refused() -> None:
    with pytest.raises(NotStaffError):
        register_import(actor=UserFactory(), data=_csv([_row()]), filename="visits.csv")
    assert AccessEvent.objects.get().code == "not-register-staff"


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (_csv([_row()], header=[c for c in HEADER if c != "visit_date"]), {"missing": ["visit_date"]}),
        (_csv([_row()], header=[*HEADER, "shoe_size"]), {"unknown": ["shoe_size"]}),
        (_csv([_row()], header=[*HEADER, "team"]), {"repeated": ["team"]}),
        (b"", None),
        (b"PK\x03\x04 not really a workbook", None),
        (b"\x00\x01\x02\x03", None),
    ],
)
def test_a_file_without_the_templates_columns_is_refused_whole_and_the_attempt_logged(
    worker: Actor, data: bytes, detail: dict[str, list[str]] | None
) -> None:
    with pytest.raises(InvalidRegisterImportError) as refused:
        register_import(actor=worker, data=data, filename="visits.csv")
    if detail is not None:
        assert {key: refused.value.detail[key] for key in detail} == detail
    assert (Person.objects.count(), ImportRun.objects.count()) == (0, 0)
    event = AccessEvent.objects.get()
    assert (event.action, event.allowed, event.code) == ("import", False, "invalid-register-import")


def test_localized_headers_labels_dotted_dates_and_a_semicolon_separated_file_are_read(worker: Actor) -> None:
    header = [
        "Регистарски број",
        "Име",
        "Презиме",
        "Пол",
        "Датум на раѓање",
        "Населба",
        "Датум на посета",
        "Тим",
        "Видови ризик",
        "Согласност",
    ]
    keys = ["reference", "given_name", "family_name", "sex", "birth_date", "settlement", "visit_date", "team"]
    keys += ["risk_types", "consent"]
    row = _row(sex="Женски", birth_date="02.03.1988", settlement="Vizbegovo", risk_types="Сиромаштија")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerow([row[key] for key in keys])
    report = register_import(actor=worker, data=out.getvalue().encode("cp1251"), filename="посети.csv")
    assert (report.imported, report.errors) == (1, [])
    person = Person.objects.get()
    assert (person.sex, person.birth_date, person.settlement.code) == (
        "female",
        dt.date(1988, 3, 2),
        "vizbegovo",
    )
    assert FieldVisit.objects.get().risk_types == ["poverty"]


def test_an_xlsx_workbook_is_read_from_its_first_sheet_with_date_cells_or_text(worker: Actor) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    first = _row()
    sheet.append([dt.date(1988, 3, 2) if key == "birth_date" else first[key] for key in HEADER])
    second = _row(reference="BUT-2026-00002", given_name="Петар", birth_date="2010-01-05")
    sheet.append([dt.datetime(2026, 3, 11, 9, 30) if key == "visit_date" else second[key] for key in HEADER])
    sheet.append([None] * len(HEADER))
    third = _row(reference="BUT-2026-00003", given_name="Лена", visit_date="2099-01-01")
    sheet.append([third[key] for key in HEADER])
    book.create_sheet("Белешки").append(["notes of the team, not rows"])
    data = io.BytesIO()
    book.save(data)
    report = register_import(actor=worker, data=data.getvalue(), filename="visits.xlsx")
    assert _errors(report) == [(5, "visit_date", "future-date")]
    assert report.imported == 2
    assert Person.objects.get(reference="BUT-2026-00001").birth_date == dt.date(1988, 3, 2)
    assert FieldVisit.objects.get(person__reference="BUT-2026-00002").date == dt.date(2026, 3, 11)


def test_the_progress_callback_hears_the_rows_checked_and_imported(worker: Actor) -> None:
    rows = [
        _row(reference=f"BUT-2026-{n:05d}", given_name=f"Име{n}", address=f"ул. {n}") for n in range(1, 8)
    ]
    steps: list[ImportProgress] = []
    _import(worker, rows, progress=steps.append, progress_every=3)
    checked = [step.done for step in steps if step.stage == "checked"]
    imported = [step.done for step in steps if step.stage == "imported"]
    assert checked == [3, 6, 7]
    assert imported[-1] == 7
    assert all(step.total == 7 for step in steps)


def test_the_shipped_template_has_the_columns_the_importer_reads(worker: Actor) -> None:
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == HEADER
    report = register_import(actor=worker, data=TEMPLATE.read_bytes(), filename=TEMPLATE.name)
    assert (report.rows, report.errors) == (0, [])


def test_the_command_imports_prints_the_errors_and_exits_1_when_rows_were_left_out(
    worker: Actor, tmp_path: Path
) -> None:
    source = tmp_path / "visits.csv"
    source.write_bytes(_csv([_row(), _row(reference="BUT-2026-00002", given_name="Иван", team="nowhere")]))
    errors = tmp_path / "errors.csv"
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as left_out:
        call_command(
            "register_import",
            str(source),
            user=worker.user.username,
            errors=str(errors),
            stdout=out,
            stderr=err,
        )
    assert left_out.value.returncode == 1
    assert "1 rows were left out" in str(left_out.value)
    assert "unknown-code" in out.getvalue()
    assert "2 rows: 1 imported" in out.getvalue()
    assert list(csv.reader(errors.read_text(encoding="utf-8").splitlines())) == [
        ["row", "column", "code", "message"],
        ["3", "team", "unknown-code", "team: 'nowhere' is not one of this node's teams."],
    ]
    assert FieldVisit.objects.count() == 1


def test_the_command_exits_0_when_every_row_is_in_and_2_when_the_file_cannot_be_read(
    worker: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "visits.csv"
    source.write_bytes(_csv([_row()]))
    call_command("register_import", str(source), user=worker.user.username, stdout=io.StringIO())
    call_command("register_import", str(source), user=worker.user.username, stdout=io.StringIO())
    assert FieldVisit.objects.count() == 1
    assert "checked: 1 of 1 rows" in capsys.readouterr().err
    broken = tmp_path / "broken.csv"
    broken.write_bytes(_csv([_row()], header=HEADER[:3]))
    with pytest.raises(CommandError) as unreadable:
        call_command("register_import", str(broken), user=worker.user.username, stdout=io.StringIO())
    assert unreadable.value.returncode == 2
    assert str(unreadable.value).startswith("invalid-register-import:")


def test_the_command_exits_2_for_an_auditor(tmp_path: Path) -> None:
    source = tmp_path / "visits.csv"
    source.write_bytes(_csv([_row()]))
    auditor = actor(StaffRole.AUDITOR, team=Team.objects.create(code="audit", name="Audit"))
    with pytest.raises(CommandError) as refused:
        call_command("register_import", str(source), user=auditor.user.username, stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert str(refused.value).startswith("role-not-allowed:")


def test_the_documented_example_imports_as_the_documentation_says(worker: Actor) -> None:
    page = (TEMPLATE.parents[1] / "docs" / "register-import.md").read_text(encoding="utf-8")
    example = page.split("```csv\n", 1)[1].split("```", 1)[0]
    report = register_import(actor=worker, data=example.encode(), filename="example.csv")
    assert (report.imported, report.errors) == (3, [])
    assert (report.people_created, report.households_created, report.assessments) == (2, 1, 1)
    assert Person.objects.get(reference="BUT-2026-0002").birth_date == dt.date(2010, 1, 5)
    assert FieldVisit.objects.filter(person__reference="BUT-2026-0002").count() == 2


def test_a_row_written_by_another_import_meanwhile_refuses_the_run_whole(worker: Actor) -> None:
    # The row's visit is already in the register, under a person the file does not name, as an
    # import running at the same time would have left it after this one checked its rows.
    row = _row()
    clash = _row(reference="BUT-2026-00002", given_name="Иван", address="ул. 7")
    register_import(actor=worker, data=_csv([row]), filename="first.csv")
    FieldVisit.objects.update(person=PersonFactory(team=worker.staff.team))
    Person.objects.filter(reference="BUT-2026-00001").delete()
    before = [model.objects.count() for model in (Person, Household, FieldVisit)]
    with pytest.raises(InvalidRegisterImportError, match="at the same time"):
        _import(worker, [clash, row])
    assert [model.objects.count() for model in (Person, Household, FieldVisit)] == before
    assert AccessEvent.objects.filter(allowed=False).get().code == "invalid-register-import"


def test_a_row_for_a_person_of_another_team_or_a_transferred_person_is_left_out(worker: Actor) -> None:
    PersonFactory(
        reference="BUT-2026-00001",
        given_name="Марија",
        family_name="Јованоска",
        birth_date=dt.date(1988, 3, 2),
        team=TeamFactory(code="cucer-field"),
    )
    PersonFactory(
        reference="BUT-2026-00002",
        given_name="Иван",
        family_name="Јованоски",
        birth_date=dt.date(1990, 1, 1),
        team=worker.staff.team,
        status="transferred",
    )
    report = _import(
        worker,
        [
            _row(),
            _row(
                reference="BUT-2026-00002",
                given_name="Иван",
                family_name="Јованоски",
                birth_date="1990-01-01",
            ),
        ],
    )
    assert _errors(report) == [(2, "reference", "other-team"), (3, "reference", "person-read-only")]
    assert FieldVisit.objects.count() == 0


def test_an_imported_assessment_sets_a_known_persons_risks_only_when_it_is_their_newest(
    worker: Actor,
) -> None:
    newer, older = (
        PersonFactory(
            reference=f"BUT-2026-0000{n}",
            given_name=name,
            family_name="Јованоска",
            birth_date=dt.date(1988, 3, 2),
            team=worker.staff.team,
            risk_level="low",
            risk_types=["health"],
        )
        for n, name in ((1, "Марија"), (2, "Ана"))
    )
    RiskAssessment.objects.create(
        person=older, date=dt.date(2026, 6, 1), risk_types=["health"], level="low", assessor="А.", basis="Б."
    )
    assessed = {"risk_level": "critical", "assessor": "Е. С.", "basis": "Посета", "address": ""}
    report = _import(
        worker, [_row(**assessed), _row(reference="BUT-2026-00002", given_name="Ана", **assessed)]
    )
    assert (report.imported, report.errors) == (2, [])
    newer.refresh_from_db()
    older.refresh_from_db()
    assert (newer.risk_level, newer.risk_types, newer.last_contact) == (
        "critical",
        ["poverty", "unemployment"],
        dt.date(2026, 3, 10),
    )
    assert (older.risk_level, older.risk_types, older.last_contact) == (
        "low",
        ["health"],
        dt.date(2026, 3, 10),
    )
