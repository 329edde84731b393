"""The subject-access export and the access log in a real browser (headless Chromium): a supervisor
on a tablet goes from the person's page to the export (in the person's language, and its print
view), the log and a rectification, switching the language in the register's own menu; an auditor
on a phone starts from the log and follows its links. Nothing is loaded from elsewhere, no page
is wider than the screen. The screenshots are kept in var/artefacts/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from contracts.errors import OtherTeamError
from node.register import services
from node.register.models import Flag, StaffRole
from node.register.rights import person_export
from tests.node.register_factories import PersonFactory, actor
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"


def test_a_supervisor_on_a_tablet_exports_rectifies_and_reads_the_log_and_an_auditor_follows_it_on_a_phone(
    transactional_db: None, live_server: Any, tmp_path: Path
) -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    supervisor.user.set_password("synthetic-only")
    supervisor.user.save()
    worker = actor()
    person = PersonFactory(
        team=worker.staff.team,
        language="sq",
        given_name="Arta",
        family_name="Rexhepi",
        target_groups=["roma"],
    )
    day = timezone.localdate() - dt.timedelta(days=2)
    services.visit_record(
        actor=worker, person=person, date=day, risk_types=["poverty"], consent_to_record=True
    )
    services.assessment_record(
        actor=worker,
        person=person,
        date=day,
        risk_types=["unemployment"],
        level="high",
        assessor="E. Ramadani",
        basis="Intervistë në shtëpi",
    )
    flag = Flag.objects.create(
        person=person, rule="high_risk", reason="High.", evidence={"risk_level": "high"}
    )
    services.flag_decide(actor=worker, flag=flag, decision="confirmed", note="Vizitë e rënë dakord")
    with pytest.raises(OtherTeamError):  # a refused attempt, for the log page to show
        person_export(actor=actor(), person=person)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    people = f"{live_server.url}/register/people/{person.pk}"
    plan = {
        "viewport": {"width": 820, "height": 1180},
        "isMobile": True,
        "hasTouch": True,
        "locale": "mk",
        "steps": [
            {"goto": f"{live_server.url}/register/login/?next=/register/people/{person.pk}/"},
            {"fill": "#id_username", "value": supervisor.user.username},
            {"fill": "#id_password", "value": "synthetic-only"},
            {"press": "#id_password", "key": "Enter"},
            {"waitForText": "Arta Rexhepi", "timeout": 15000},
            {"waitForText": "Дневник на пристап за ова лице"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-person-supervisor-tablet-mk.png"), "fullPage": True},
            {"click": f'a[href="/register/people/{person.pk}/export/"]'},
            {"waitForText": "Gjithçka që mbajmë për ju"},
            {"waitForText": "Varfëri"},
            {"waitForText": "Vizitë e rënë dakord"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-export-tablet-sq.png"), "fullPage": True},
            {"emulateMedia": "print"},
            {"screenshot": str(ARTEFACTS / "register-export-print-sq.png"), "fullPage": True},
            {"emulateMedia": "screen"},
            {"click": 'nav a[href="/register/audit/"]'},
            {"waitForText": "Дневник на пристап"},
            {"check": "input[name=refused]"},
            {"click": "form.filters button"},
            {"waitForText": "other-team"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-audit-tablet-mk.png"), "fullPage": True},
            {"click": "button[name=language][value=sr-latn]"},
            {"waitForText": "Dnevnik pristupa"},
            {"goto": f"{people}/"},
            {"click": f'a[href="/register/people/{person.pk}/rectify/"]'},
            {"fill": "#id_phone", "value": "063 000 000"},
            {"fill": "#id_why", "value": "Osoba je tražila ispravku broja telefona."},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-rectify-tablet-sr-latn.png"), "fullPage": True},
            {"click": "form.form button"},
            {"waitForText": "rectified: phone"},
            {"screenshot": str(ARTEFACTS / "register-audit-person-tablet-sr-latn.png"), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []
    assert report["horizontalOverflow"] is False
    assert (ARTEFACTS / "register-export-tablet-sq.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # An auditor, on a phone, in Bulgarian: their start page is the log; from a line of it to the
    # person's page, to the person's log and to the staff member's.
    auditor = actor(StaffRole.AUDITOR)
    auditor.user.set_password("synthetic-only")
    auditor.user.save()
    plan = {
        "viewport": {"width": 390, "height": 844},
        "isMobile": True,
        "hasTouch": True,
        "locale": "bg",
        "steps": [
            {"goto": f"{live_server.url}/register/login/"},
            {"fill": "#id_username", "value": auditor.user.username},
            {"fill": "#id_password", "value": "synthetic-only"},
            {"press": "#id_password", "key": "Enter"},
            {"waitForText": "Последни редове от дневника на достъпа", "timeout": 15000},
            {"waitForText": "rectified: phone"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-worklist-auditor-phone-bg.png"), "fullPage": True},
            {"click": 'nav a[href="/register/audit/"]'},
            {"waitForText": "other-team"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-audit-phone-bg.png"), "fullPage": True},
            {"click": f'a[href="/register/people/{person.pk}/"]'},
            {"waitForText": "Arta Rexhepi"},
            {"expectNoText": "Поправи"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-person-auditor-phone-bg.png"), "fullPage": True},
            {"click": f'a[href="/register/audit/people/{person.pk}/"]'},
            {"waitForText": "rectified: phone"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "register-audit-person-phone-bg.png"), "fullPage": True},
            {"click": f'a[href="/register/audit/staff/{supervisor.user.pk}/"]'},
            {"waitForText": supervisor.user.username},
            {"screenshot": str(ARTEFACTS / "register-audit-staff-phone-bg.png"), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []
    assert report["horizontalOverflow"] is False
