"""The statistics on real processes: a node's register changes, its period is approved and
released, and the ministry's API at the hub shows the new figures with their flags; the same
revision read twice changes nothing; after a demo sync of seeded registers, no personal field of
any register entry is anywhere in the hub's database."""

from __future__ import annotations

import base64
import json
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from deploy.local import LocalFederation

pytestmark = pytest.mark.e2e
ADMIN = "e2e-admin:e2e-password"
PERIOD = "2026-11"

SEED = """
import datetime as dt
from django.contrib.auth import get_user_model
from common.search import search_key
from node.register.models import FieldVisit, Person, Settlement, Staff, StaffRole, Team
team, _ = Team.objects.get_or_create(code="field", defaults={"name": "Теренски тим"})
place, _ = Settlement.objects.get_or_create(
    code="vizbegovo", defaults={"name": "Визбегово", "name_latin": "Vizbegovo"}
)
user, _ = get_user_model().objects.get_or_create(username="e2e-supervisor")
Staff.objects.get_or_create(user=user, defaults={"role": StaffRole.SUPERVISOR, "team": team})
start = Person.objects.count()
for n in range(start, start + COUNT):
    teen = n < 3
    person = Person.objects.create(
        reference=f"BUT-E2E-{n:05d}", given_name="Ана", family_name=f"Синтетичка{n}",
        sex="male" if teen or n % 3 == 0 else "female",
        birth_date=dt.date(2010, 1, 1) if teen else dt.date(1990, 5, 17), language="mk",
        team=team, settlement=place, search_key=search_key("Ана", f"Синтетичка{n}", f"BUT-E2E-{n:05d}"),
    )
    FieldVisit.objects.create(
        person=person, date=dt.date(2026, 11, 5), team=team, settlement=place, consent_to_record=True
    )
"""


def _wait_for(predicate: Callable[[], Any], *, timeout: float, what: str) -> Any:
    started = time.monotonic()
    last: Any = None
    while time.monotonic() - started < timeout:
        last = predicate()
        if last:
            return last
        time.sleep(0.25)
    raise AssertionError(f"{what} did not happen within {timeout} s (last: {last!r})")


def _ministry_get(federation: LocalFederation, token: str, path: str) -> Any:
    request = urllib.request.Request(  # noqa: S310 - the federation's loopback hub
        federation.hub.url + path, headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return json.loads(response.read())


def _observations(federation: LocalFederation, token: str, query: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _ministry_get(
        federation,
        token,
        f"/api/v1/statistics/observations?indicator=field_visits&period_from={PERIOD}&{query}",
    )["observations"]
    return rows


def _start(federation: LocalFederation, *, seed: bool) -> None:
    federation.start_hub()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda code: federation.enrol(code, admin=ADMIN, seed=seed), federation.nodes))
    for role in federation.nodes.values():
        federation.start_processes(role)
    for role in federation.nodes.values():
        federation.wait_http(role, "/api/v1/status")


def _ministry_token(federation: LocalFederation) -> str:
    federation.manage(federation.hub, "ministry_user", "e2e-analyst", "--password=e2e-analyst-pw")
    return federation.manage(federation.hub, "ministry_token", "e2e-analyst", "--name=e2e").strip()


def test_a_register_change_reaches_the_ministry_as_a_new_revision_with_its_flags(
    local_federation: LocalFederation,
) -> None:
    federation = local_federation
    _start(federation, seed=False)
    butel = federation.nodes["MK-BUTEL"]
    token = _ministry_token(federation)
    federation.manage(butel, "shell", "-c", SEED.replace("COUNT", "43"))
    released = json.loads(
        federation.manage(butel, "statistics_release", f"--period={PERIOD}", "--approve-as=e2e-supervisor")
    )
    assert released["approved"] == [PERIOD]

    def published(total: int) -> Callable[[], list[dict[str, Any]]]:
        def check() -> list[dict[str, Any]]:
            rows = _observations(federation, token, "level=municipality&area=MK-BUTEL")
            return rows if rows[0]["value"] == total else []

        return check

    [first] = _wait_for(published(43), timeout=60, what="revision 1 reaching the ministry")
    assert (first["revision"], first["conf_status"], first["revised"]) == (1, "F", False)
    # Three teenagers: under the threshold, suppressed at Butel, a lower bound for the country.
    [teens] = _observations(federation, token, "level=municipality&area=MK-BUTEL&by=age_band&age_band=15-17")
    assert (teens["value"], teens["conf_status"], teens["obs_status"]) == (None, "A", "Q")
    [country] = _observations(federation, token, "level=country&area=MK&by=age_band&age_band=15-17")
    assert (country["lower_bound"], country["suppressed"], country["missing"]) == (True, 1, ["MK-CAIR"])
    adults = _observations(federation, token, "level=municipality&area=MK-BUTEL&by=age_band&age_band=30-49")
    assert adults[0]["conf_status"] in ("F", "D")  # hidden too when it would give the teenagers away

    # The register changes: ten more visits in the same month make revision 2.
    federation.manage(butel, "shell", "-c", SEED.replace("COUNT", "10"))
    again = json.loads(
        federation.manage(butel, "statistics_release", f"--period={PERIOD}", "--approve-as=e2e-supervisor")
    )
    assert again["approved"] == [PERIOD]
    [second] = _wait_for(published(53), timeout=60, what="revision 2 reaching the ministry")
    assert (second["revision"], second["revised"]) == (2, True)
    history = _ministry_get(
        federation,
        token,
        f"/api/v1/statistics/history?indicator=field_visits&municipality=MK-BUTEL&period={PERIOD}",
    )["revisions"]
    assert [(r["revision"], r["current"], r["value"]) for r in history] == [(1, False, 43), (2, True, 53)]

    # The same revisions read again from the log change nothing.
    before = _observations(federation, token, "level=federation&by=sex,age_band")
    rebuilt = federation.manage(federation.hub, "projections", "--rebuild", "statistics")
    assert "2 applied, 0 refused" in rebuilt
    assert _observations(federation, token, "level=federation&by=sex,age_band") == before


DUMP_PEOPLE = """
import json
from node.register.models import CounsellingSession, FieldVisit, Person, RiskAssessment
people = [
    [str(p["id"]), p["reference"], p["given_name"] + " " + p["family_name"], p["phone"]]
    for p in Person.objects.values("id", "reference", "given_name", "family_name", "phone")
]
texts = [
    *FieldVisit.objects.exclude(findings="").values_list("findings", flat=True),
    *RiskAssessment.objects.values_list("basis", flat=True),
    *CounsellingSession.objects.exclude(notes="").values_list("notes", flat=True),
]
entries = [str(i) for i in FieldVisit.objects.values_list("id", flat=True)]
print(json.dumps({"people": people, "texts": texts, "entries": entries}))
"""


def test_no_personal_field_of_any_register_entry_reaches_the_hubs_database(
    local_federation: LocalFederation,
) -> None:
    federation = local_federation
    _start(federation, seed=True)
    for role in federation.nodes.values():
        federation.manage(role, "statistics_release", f"--period={PERIOD}", "--approve-as=supervisor")
    token = _ministry_token(federation)
    _wait_for(
        lambda: all(r["reporting"] == 2 for r in _observations(federation, token, "level=federation")),
        timeout=120,
        what="both municipalities' statistics reaching the hub",
    )
    personal: set[str] = set()
    for role in federation.nodes.values():
        dumped = json.loads(federation.manage(role, "shell", "-c", DUMP_PEOPLE).strip().splitlines()[-1])
        for person in dumped["people"]:
            personal |= {value for value in person if value}
        # Free texts of the entries long enough to be someone's, and every entry's id.
        personal |= {text for text in dumped["texts"] if len(text) >= 24}
        personal |= set(dumped["entries"])
    assert len(personal) > 100, "the seeded registers hold people to look for"
    dump = federation.manage(federation.hub, "dumpdata", "--indent=0")
    # What the log holds is signed bytes: read every envelope's payload too.
    payloads = []
    for row in json.loads(dump):
        envelope = row["fields"].get("envelope")
        if row["model"] == "exchange.message" and envelope:
            wire = json.loads(base64.b64decode(envelope))
            payloads.append(base64.b64decode(wire["payload"] + "=" * (-len(wire["payload"]) % 4)).decode())
    corpus = dump + "\n".join(payloads)
    assert any('"statistics.data_value_set"' in p or "data_value_set" in p for p in payloads)
    found = sorted(value for value in personal if value in corpus)
    assert found == []
