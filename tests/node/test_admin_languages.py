"""The node's admin speaks the browser's language, the project's own strings included, and every
string the project marks for translation has one in each of its languages."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import pytest

from contracts.vocabulary import TARGET_GROUP_LABELS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("mk", "bg", "sr", "sr_Latn", "sq")

# What the admin shows in each language: app, model, field and choice names, and the sync panel.
FRONT_PAGE = {
    "mk": ("Синхронизација со центарот", "Влезни пораки", "Размена", "Состојба"),
    "sr-latn": ("Sinhronizacija sa centrom", "Dolazne poruke", "Razmena", "Stanje"),
}
SERVICE_FORM = {
    "mk": ("Целни групи", "Назив (mk)", "Поими од таксономијата", ">Активна<"),
    "sr-latn": ("Ciljne grupe", "Naziv (mk)", "Pojmovi taksonomije", ">Aktivna<"),
}
VOCABULARY_TAG = {"mk": "mk", "sr-latn": "sr-Latn"}


@pytest.mark.parametrize("language", sorted(FRONT_PAGE))
def test_the_admin_front_page_speaks_the_browsers_language(admin_client: Any, language: str) -> None:
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert [text for text in FRONT_PAGE[language] if text not in page] == []
    assert "Sync with the hub" not in page
    assert "Inbox messages" not in page


@pytest.mark.parametrize("language", sorted(SERVICE_FORM))
def test_a_services_add_page_names_its_fields_and_choices_in_the_browsers_language(
    admin_client: Any, language: str
) -> None:
    page = admin_client.get("/admin/catalogue/service/add/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert [text for text in SERVICE_FORM[language] if text not in page] == []
    assert TARGET_GROUP_LABELS["elderly"][VOCABULARY_TAG[language]] in page
    assert TARGET_GROUP_LABELS["elderly"]["en"] not in page
    assert "Target groups" not in page


def test_a_services_add_page_stays_in_english_for_an_english_browser(admin_client: Any) -> None:
    page = admin_client.get("/admin/catalogue/service/add/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("Target groups" in page, TARGET_GROUP_LABELS["elderly"]["en"] in page) == (True, True)


def _catalogues() -> list[Path]:
    return sorted(
        path
        for top in ("node", "hub", "common")
        for path in (ROOT / top).glob("**/locale/*/LC_MESSAGES/django.po")
    )


def _entries(po: Path) -> list[tuple[str, str, list[str], bool, str]]:
    """(msgid, msgid_plural, msgstrs, fuzzy, msgctxt) of each current entry (obsolete ones left
    out)."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            field = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if field:
                key = field.group(1)
                fields[key] = field.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            strs = [value for name, value in fields.items() if name.startswith("msgstr")]
            entries.append(
                (fields["msgid"], fields.get("msgid_plural", ""), strs, fuzzy, fields.get("msgctxt", ""))
            )
    return entries


def test_each_language_has_a_catalogue_beside_each_of_the_projects_catalogues() -> None:
    dirs = {po.parents[2] for po in _catalogues()}
    assert {(d.relative_to(ROOT).as_posix(), po.parents[1].name) for d in dirs for po in _catalogues()} >= {
        (d.relative_to(ROOT).as_posix(), language) for d in dirs for language in LANGUAGES
    }
    assert {d.relative_to(ROOT).as_posix() for d in dirs} >= {"node/locale", "hub/locale"}


@pytest.mark.parametrize("po", _catalogues(), ids=lambda po: po.relative_to(ROOT).as_posix())
def test_every_project_string_is_translated_and_compiled(po: Path) -> None:
    entries = _entries(po)
    assert entries
    assert [msgid for msgid, _, strs, fuzzy, _ in entries if fuzzy or "" in strs] == []
    compiled = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))

    def translated(msgid: str, plural: str, context: str) -> str:
        if context:
            return (
                compiled.npgettext(context, msgid, plural, 1) if plural else compiled.pgettext(context, msgid)
            )
        return compiled.ngettext(msgid, plural, 1) if plural else compiled.gettext(msgid)

    assert [
        msgid
        for msgid, plural, strs, _, context in entries
        if translated(msgid, plural, context) != _unescaped(strs[0])
    ] == []


def _unescaped(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
