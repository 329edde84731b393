"""The hub's dashboard and admin speak the browser's language, the project's own strings included."""

from __future__ import annotations

from typing import Any

import pytest

from tests.hub.conftest import NodeClient, operator_client


def test_the_dashboard_speaks_the_browsers_language(butel: NodeClient) -> None:
    page = operator_client().get("/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert '<html lang="mk">' in page
    assert "Центар за размена на податоци за социјална заштита" in page
    assert "Заостанување на влезното сандаче" in page  # the column "Inbox lag"
    assert "MK-BUTEL" in page
    assert "Inbox lag" not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("mk", ("Дневник на пораки", "Членки на федерацијата", "Токени за запишување")),
        ("sr-latn", ("Dnevnik poruka", "Članice federacije", "Tokeni za upis")),
    ],
)
def test_the_hub_admin_names_its_apps_and_models_in_the_browsers_language(
    admin_client: Any, language: str, expected: tuple[str, ...]
) -> None:
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert [text for text in expected if text not in page] == []
    assert "Message log" not in page
