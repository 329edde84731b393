"""The subject-access export and the access log in a real browser (headless Chromium, a tablet's
screen): the export reads in the person's language, the log in the reader's, a rectification
lands in the log; nothing is loaded
from elsewhere, nothing overflows. The screenshots are kept in var/artefacts/."""

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


def test_a_supervisor_on_a_tablet_reads_an_export_in_albanian_the_log_in_macedonian_and_rectifies(
    transactional_db: None, live_server: Any, tmp_path: Path
) -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    supervisor.user.is_staff = True
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
    plan = {
        "viewport": {"width": 820, "height": 1180},
        "isMobile": True,
        "hasTouch": True,
        "locale": "mk",
        "steps": [
            {"goto": f"{live_server.url}/admin/login/?next=/register/people/{person.pk}/export/"},
            {"fill": "#id_username", "value": supervisor.user.username},
            {"fill": "#id_password", "value": "synthetic-only"},
            {"press": "#id_password", "key": "Enter"},
            {"waitForText": "Gjithçka që mbajmë për ju", "timeout": 15000},
            {"waitForText": "Varfëri"},
            {"waitForText": "Vizitë e rënë dakord"},
            {"screenshot": str(ARTEFACTS / "register-export-tablet-sq.png"), "fullPage": True},
            {"goto": f"{live_server.url}/register/audit/?lang=mk"},
            {"waitForText": "Дневник на пристап"},
            {"check": "input[name=refused]"},
            {"click": "form.filters button"},
            {"waitForText": "other-team"},
            {"screenshot": str(ARTEFACTS / "register-audit-tablet-mk.png"), "fullPage": True},
            {"goto": f"{live_server.url}/register/people/{person.pk}/rectify/?lang=sr-latn"},
            {"fill": "#id_phone", "value": "063 000 000"},
            {"fill": "#id_why", "value": "Osoba je tražila ispravku broja telefona."},
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
