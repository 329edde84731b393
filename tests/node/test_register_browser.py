"""A caseworker's round in a real browser (headless Chromium, a tablet's screen, Macedonian):
log in, find a person by a Latin spelling of a Cyrillic name, open their page, record a field
visit, a risk assessment and a counselling session, refer them to a suggested service, and
decide a flag. Nothing is loaded from elsewhere, nothing fails, nothing overflows. The
screenshots of each step are kept in var/artefacts/ (register-*.png)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone

from node.register.models import (
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Flag,
    Referral,
    RiskAssessment,
    SessionStatus,
    StaffRole,
)
from node.register.rules import rules_run
from tests.node.register_factories import PersonFactory, SettlementFactory, StaffFactory, UserFactory
from tests.node.register_pages import fitting_service
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"
PASSWORD = "synthetic-pass-1"  # a made-up account of a made-up caseworker, in a test database


def _shot(name: str) -> dict[str, Any]:
    return {"screenshot": str(ARTEFACTS / f"register-{name}.png"), "fullPage": True}


def test_a_caseworker_on_a_tablet_walks_a_person_from_search_to_a_decided_flag(
    transactional_db: None, live_server: Any, tmp_path: Path
) -> None:
    user = UserFactory(username="terenski.rabotnik", first_name="Билјана", last_name="Стојанова")
    user.set_password(PASSWORD)
    user.save()
    staff = StaffFactory(user=user, role=StaffRole.CASEWORKER)
    person = PersonFactory(
        team=staff.team,
        caseworker=user,
        given_name="Жаклина",
        family_name="Ристовска",
        settlement=SettlementFactory(),
        birth_date=dt.date(1994, 2, 11),
        risk_types=["unemployment"],
        risk_level="high",
        target_groups=["roma", "unemployed"],
    )
    PersonFactory(team=staff.team, given_name="Марија", family_name="Јованоска")
    today = timezone.localdate()
    plan = CounsellingPlan.objects.create(
        person=person, title="Три советодавни средби", started=today - dt.timedelta(days=20)
    )
    CounsellingSession.objects.create(
        plan=plan, person=person, number=1, status=SessionStatus.HELD, date=today - dt.timedelta(days=14)
    )
    RiskAssessment.objects.create(
        person=person,
        date=today - dt.timedelta(days=14),
        risk_types=["unemployment"],
        level="high",
        assessor="Билјана Стојанова",
        basis="Теренска посета",
    )
    service = fitting_service()
    assert rules_run() >= 1  # the high risk raises a flag that waits for the caseworker
    flag = Flag.objects.get(person=person, rule="high_risk")

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    submit = "form.form button[type=submit]"
    plan_steps: list[dict[str, Any]] = [
        {"goto": f"{live_server.url}/register/"},
        {"waitForText": "Корисничко име"},
        {"fill": "input[name=username]", "value": user.username},
        {"fill": "input[name=password]", "value": PASSWORD},
        _shot("1-login"),
        {"click": submit},
        {"waitForText": "Работна листа"},
        {"waitForText": "Предупредувања што чекаат одлука"},
        _shot("2-worklist"),
        {"fill": "input[name=q]", "value": "Zaklina Ristovska"},
        {"press": "input[name=q]", "key": "Enter"},
        {"waitForText": "Најдено 1 лице"},
        {"waitForText": person.reference},
        _shot("3-search"),
        {"click": "a.person-row"},
        {"waitForText": "Предложени услуги"},
        {"waitForText": "Обука за вработување"},
        _shot("4-person"),
        {"click": "a[accesskey=v]"},
        {"waitForText": "Евидентирај теренска посета"},
        {"fill": "textarea[name=findings]", "value": "Живее сама со две деца; бара работа."},
        {"check": "input[name=risk_types][value=poverty]"},
        {"check": "input[name=consent_to_record]"},
        _shot("5-visit-form"),
        {"click": submit},
        {"waitForText": "Теренската посета од"},
        _shot("6-visit-saved"),
        {"click": "a[accesskey=a]"},
        {"waitForText": "Евидентирај проценка на ризик"},
        {"check": "input[name=risk_types][value=unemployment]"},
        {"check": "input[name=risk_types][value=poverty]"},
        {"select": "select[name=level]", "value": "high"},
        {"fill": "input[name=assessor]", "value": "Билјана Стојанова"},
        {"fill": "textarea[name=basis]", "value": "Разговор на терен и увид во документите."},
        {"click": submit},
        {"waitForText": "Проценката на ризик од"},
        _shot("7-assessment-saved"),
        {"click": "a[accesskey=s]"},
        {"waitForText": "ова ќе биде средба 2 од 3"},
        {"fill": "input[name=topic]", "value": "Пребарување работа"},
        {"fill": "input[name=counsellor]", "value": "Билјана Стојанова"},
        {"fill": "textarea[name=notes]", "value": "Подготвена е биографија."},
        _shot("8-session-form"),
        {"click": submit},
        {"waitForText": "Советодавната средба 2 од 3 е зачувана."},
        {"click": "button.refer"},
        {"waitForText": "Упатувањето до Обука за вработување е зачувано."},
        _shot("9-referral-saved"),
        {"check": "form.decide input[value=confirmed]"},
        {"fill": "form.decide textarea[name=note]", "value": "Потврдено на терен: нема приходи."},
        {"click": "form.decide button[type=submit]"},
        {"waitForText": "Одлучено за предупредувањето: Потврдено."},
        _shot("10-flag-decided"),
    ]
    plan_run = {
        "viewport": {"width": 768, "height": 1024},
        "isMobile": True,
        "hasTouch": True,
        "locale": "mk",
        "steps": plan_steps,
    }
    report = run_browser_plan(plan_run, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []
    assert report["horizontalOverflow"] is False

    visit = FieldVisit.objects.get(person=person)
    assert (visit.risk_types, visit.consent_to_record) == (["poverty"], True)
    assessment = RiskAssessment.objects.filter(person=person).latest("recorded_at")
    assert (assessment.risk_types, assessment.level) == (["poverty", "unemployment"], "high")
    assert plan.sessions.get(number=2).status == SessionStatus.HELD
    referral = Referral.objects.get(person=person)
    assert (referral.destination, referral.service_id) == ("catalogue_service", service.service_id)
    flag.refresh_from_db()
    assert (flag.status, flag.decided_by) == ("confirmed", user)
    assert (ARTEFACTS / "register-10-flag-decided.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_on_a_phone_a_refused_entry_shows_its_code_keeps_the_input_and_the_language_can_be_switched(
    transactional_db: None, live_server: Any, tmp_path: Path
) -> None:
    user = UserFactory(username="socijalna.rabotnica")
    user.set_password(PASSWORD)
    user.save()
    staff = StaffFactory(user=user, role=StaffRole.CASEWORKER)
    person = PersonFactory(team=staff.team, caseworker=user, given_name="Стојна", family_name="Ангелова")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    submit = "form.form button[type=submit]"
    steps: list[dict[str, Any]] = [
        {"goto": f"{live_server.url}/"},
        {"waitForText": "Вход (служители)"},
        _shot("phone-bg-home"),
        {"click": "a.button[href='/register/login/']"},
        {"fill": "input[name=username]", "value": user.username},
        {"fill": "input[name=password]", "value": PASSWORD},
        {"click": submit},
        {"waitForText": "Работен списък"},
        {"goto": f"{live_server.url}/register/people/{person.pk}/visit/"},
        {"fill": "input[name=date]", "value": tomorrow},
        {"fill": "textarea[name=findings]", "value": "Не е у дома."},
        {"click": submit},
        {"waitForText": "Датата е в бъдещето"},
        {"waitForText": "future-date"},
        _shot("phone-bg-refused-visit"),
        {"click": "button[name=language][value=sq]"},
        {"waitForText": "Regjistro një vizitë në terren"},
        {"goto": f"{live_server.url}/register/"},
        {"waitForText": "Lista e punës"},
        {"waitForText": "Стојна Ангелова"},
        _shot("phone-sq-worklist"),
    ]
    report = run_browser_plan(
        {"viewport": {"width": 390, "height": 844}, "isMobile": True, "locale": "bg", "steps": steps},
        tmp_path=tmp_path,
    )
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    # The refused visit is answered 422 (its code on the page); nothing else fails.
    failed = report["failedRequests"]
    assert [(r["method"], r.get("status")) for r in failed] == [("POST", 422)], failed
    assert [error for error in report["consoleErrors"] if "status of 422" not in error] == []
    assert report["horizontalOverflow"] is False
    assert FieldVisit.objects.count() == 0
