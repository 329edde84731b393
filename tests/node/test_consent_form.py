"""The printed consent form (node.cases.form): in each of the six languages it carries the person,
both municipalities, the purposes and data categories by their names in that language, the legal
basis in a sentence, the consent id and the fingerprint; the same consent prints the same bytes.

The text is read back with poppler's ``pdftotext`` and page one is rendered with ``pdftoppm``
(Debian's poppler-utils); without them those tests are skipped, or fail under
``SOCIALHUB_REQUIRE_TOOLS=1``. Renders of the Macedonian and Serbian Latin forms are kept in
var/artefacts/ (consent-form-*.png)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cyrtranslit
import pytest

from contracts.cases import ConsentRecordV1
from contracts.vocabulary import DATA_CATEGORY_LABELS, LEGAL_BASIS_LABELS, PURPOSE_LABELS
from node.cases import form
from node.cases.form import FORM_TEXTS, consent_fingerprint, consent_form_pdf

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"
LANGUAGES = ("en", "mk", "bg", "sr-Cyrl", "sr-Latn", "sq")  # the order of contracts.vocabulary.labels
CONSENT_ID = uuid.UUID("5f0c2a9e-7b41-4d3a-9e58-0c6b1f2d3a47")
GIVEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Parties:
    """A made-up person and the made-up municipalities and caseworker of one form."""

    jurisdiction: str
    person: str
    controller: str
    recipient: str
    caseworker: str
    withdrawal: str


PARTIES = {
    "mk": Parties(
        "MK",
        "Марија Петровска",
        "Општина Бутел",
        "Општина Центар",
        "Билјана Стојанова",
        "Писмено до Центарот за социјална работа Бутел, или на zastita@butel.example.mk.",
    ),
    "bg": Parties(
        "BG",
        "Мария Петрова",
        "Община Благоевград",
        "Община Петрич",
        "Елена Димитрова",
        "Писмено в деловодството на Община Благоевград или на zashtita@blagoevgrad.example.bg.",
    ),
    "sr-Cyrl": Parties(
        "RS",
        "Милица Јовановић",
        "Општина Пирот",
        "Град Ниш",
        "Драгана Илић",
        "Писмено Центру за социјални рад Пирот или на zastita@pirot.example.rs.",
    ),
    "sr-Latn": Parties(
        "RS",
        "Milica Jovanović",
        "Opština Pirot",
        "Grad Niš",
        "Dragana Ilić",
        "Pisano Centru za socijalni rad Pirot ili na zastita@pirot.example.rs.",
    ),
    "sq": Parties(
        "MK",
        "Arben Krasniqi",
        "Komuna e Tetovës",
        "Komuna e Gostivarit",
        "Besa Ademi",
        "Me shkrim në Qendrën për punë sociale Tetovë ose në mbrojtja@tetove.example.mk.",
    ),
    "en": Parties(
        "MK",
        "Ana Trajkovska",
        "Municipality of Butel",
        "Municipality of Centar",
        "Biljana Stojanova",
        "In writing to the Butel social work centre, or to protection@butel.example.mk.",
    ),
}


def _record(language: str = "mk", **fields: Any) -> ConsentRecordV1:
    terms: dict[str, Any] = {
        "consent_id": CONSENT_ID,
        "status": "active",
        "principal": "register person 000123",
        "controller": "MK-BUTEL",
        "recipient": "MK-CENTAR",
        "purposes": ("continuity_of_care", "referral_to_service"),
        "data_categories": (
            "identification",
            "contact",
            "household",
            "risk_assessment",
            "referrals",
            "services_received",
            "health",
        ),
        "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law",
        "obtained_how": "in_person_signed",
        "obtained_at": GIVEN,
        "expires_at": GIVEN + dt.timedelta(days=184),
        "retention_days": 365,
        "jurisdiction": PARTIES[language].jurisdiction,
        "withdrawal_method": PARTIES[language].withdrawal,
        "events": ({"event": "given", "at": GIVEN, "by": "caseworker 17"},),
    }
    return ConsentRecordV1.model_validate(terms | fields)


def _render(
    language: str, record: ConsentRecordV1 | None = None, *, birth_date: dt.date | None = dt.date(1988, 5, 14)
) -> bytes:
    parties = PARTIES[language]
    return consent_form_pdf(
        record or _record(language),
        language=language,
        person_name=parties.person,
        person_reference="BUT-000123",
        birth_date=birth_date,
        controller_name=parties.controller,
        recipient_name=parties.recipient,
        caseworker_name=parties.caseworker,
    )


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        missing = f"{tool} is not installed; apt-get install poppler-utils"
        if os.environ.get("SOCIALHUB_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{missing} (SOCIALHUB_REQUIRE_TOOLS=1)")
        pytest.skip(missing)
    return found


def _text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler reads it, with every run of whitespace made one space."""
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        [_poppler("pdftotext"), "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return _flat(done.stdout.decode())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_carries_the_person_the_recipient_and_what_they_consent_to_in_its_language(
    language: str, tmp_path: Path
) -> None:
    record = _record(language)
    parties = PARTIES[language]
    text = _text(_render(language, record), tmp_path)

    for expected in (
        FORM_TEXTS["title"][language],
        parties.person,
        "BUT-000123",
        parties.controller,
        parties.recipient,
        parties.caseworker,
        parties.withdrawal,
        str(CONSENT_ID),
        consent_fingerprint(record),
        LEGAL_BASIS_LABELS[record.legal_basis][language],
        FORM_TEXTS["basis.social_protection_law"][language],
        "365",
    ):
        assert _flat(expected) in text
    for purpose in record.purposes:
        assert PURPOSE_LABELS[purpose][language] in text
    for category in record.data_categories:
        assert DATA_CATEGORY_LABELS[category][language] in text
    assert DATA_CATEGORY_LABELS["income"][language] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_says_nothing_in_another_language(language: str, tmp_path: Path) -> None:
    text = _text(_render(language), tmp_path)

    for other in LANGUAGES:
        if other != language:
            assert _flat(FORM_TEXTS["intro"][other]) not in text
            assert _flat(FORM_TEXTS["declaration"][other]) not in text


def test_the_same_consent_prints_the_same_bytes() -> None:
    first = _render("sr-Cyrl")

    assert first == _render("sr-Cyrl")
    assert first.startswith(b"%PDF-")
    assert _page_count(first) >= 1
    assert b"/CreationDate (D:20260302093000Z)" in first


def test_the_pdf_names_its_language_title_and_creator(tmp_path: Path) -> None:
    pdf = _render("mk")
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)

    info = subprocess.run(
        [_poppler("pdfinfo"), str(source)], capture_output=True, check=True, text=True, timeout=60
    ).stdout

    assert b"/Lang (mk)" in pdf
    assert re.search(r"^Title:\s+Согласност за пренос на случај од социјална заштита$", info, re.MULTILINE)
    assert re.search(r"^Creator:\s+socialhub node$", info, re.MULTILINE)
    assert re.search(r"^Page size:\s+595\.28 x 841\.89 pts \(A4\)$", info, re.MULTILINE)


def test_every_page_names_the_consent_and_its_place_in_the_form(tmp_path: Path) -> None:
    pdf = _render("bg")
    pages = _page_count(pdf)
    text = _text(pdf, tmp_path)

    for page in range(1, pages + 1):
        assert f"Съгласие {CONSENT_ID} · страница {page}/{pages}" in text


def test_the_legal_basis_sentence_follows_the_recorded_basis(tmp_path: Path) -> None:
    record = _record("sq", legal_basis="gdpr_6_1_a__9_2_a_explicit_consent")

    text = _text(_render("sq", record), tmp_path)

    assert _flat(FORM_TEXTS["basis.explicit_consent"]["sq"]) in text
    assert _flat(FORM_TEXTS["basis.social_protection_law"]["sq"]) not in text


def test_dates_are_the_day_in_the_jurisdiction_as_the_language_writes_them(tmp_path: Path) -> None:
    # 23:30 UTC on 1 September is already 2 September in Skopje (UTC+2 in summer).
    record = _record("mk", expires_at=dt.datetime(2026, 9, 1, 23, 30, tzinfo=dt.UTC))

    macedonian = _text(_render("mk", record), tmp_path)
    english = _text(_render("en", record), tmp_path)

    assert "02.09.2026" in macedonian
    assert "14.05.1988" in macedonian
    assert "2026-09-02" in english
    assert "1988-05-14" in english


def test_a_person_without_a_recorded_birth_date_is_printed_as_not_recorded(tmp_path: Path) -> None:
    text = _text(_render("sr-Latn", birth_date=None), tmp_path)

    assert "Datum rođenja nije zabeleženo" in text


def test_a_consent_given_orally_before_a_witness_has_a_line_for_the_witness(tmp_path: Path) -> None:
    witnessed = _text(_render("mk", _record("mk", obtained_how="in_person_oral_witnessed")), tmp_path)
    signed = _text(_render("mk"), tmp_path)

    assert FORM_TEXTS["sign_witness"]["mk"] in witnessed
    assert FORM_TEXTS["sign_witness"]["mk"] not in signed


def test_the_fingerprint_changes_with_the_terms_but_not_with_a_later_withdrawal() -> None:
    record = _record()
    withdrawn = record.model_copy(
        update={
            "status": "inactive",
            "events": (*record.events, {"event": "withdrawn", "at": GIVEN + dt.timedelta(days=3), "by": "x"}),
        }
    )
    longer = record.model_copy(update={"retention_days": 366})

    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){4}", consent_fingerprint(record))
    assert consent_fingerprint(withdrawn) == consent_fingerprint(record)
    assert consent_fingerprint(longer) != consent_fingerprint(record)


def test_every_sentence_of_the_form_is_in_all_six_languages() -> None:
    for key, texts in FORM_TEXTS.items():
        assert tuple(texts) == LANGUAGES, key
        assert all(text.strip() for text in texts.values()), key
        if len(texts["en"]) > 30:
            assert texts["mk"] != texts["bg"], f"{key}: Macedonian and Bulgarian are different languages"


def test_serbian_latin_is_the_serbian_cyrillic_text_in_latin_script() -> None:
    for key, texts in FORM_TEXTS.items():
        assert cyrtranslit.to_latin(texts["sr-Cyrl"], "sr") == texts["sr-Latn"], key


def test_a_form_in_a_language_outside_the_federation_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"No consent form in 'de'; one of en, mk, bg, sr-Cyrl, sr-Latn, sq\."
    ):
        consent_form_pdf(
            _record(),
            language="de",
            person_name="Marija Petrovska",
            person_reference="BUT-000123",
            birth_date=None,
            controller_name="Opština Butel",
            recipient_name="Opština Centar",
            caseworker_name="Biljana Stojanova",
        )


def test_without_dejavu_sans_it_names_both_places_it_looked_and_make_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    npm, debian = tmp_path / "node_modules", tmp_path / "dejavu"
    debian.mkdir()
    (debian / "DejaVuSans.ttf").write_bytes(b"")  # the bold face is missing
    monkeypatch.setattr(form, "FONT_DIRECTORIES", (npm, debian))

    with pytest.raises(
        RuntimeError, match=rf"{re.escape(str(npm))} or {re.escape(str(debian))}.*make install"
    ):
        _render("mk")


@pytest.mark.parametrize("language", ["mk", "sr-Latn"])
def test_the_first_page_renders_to_an_image_kept_in_the_artefacts(language: str, tmp_path: Path) -> None:
    source = tmp_path / "form.pdf"
    source.write_bytes(_render(language))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTEFACTS / f"consent-form-{language}"

    subprocess.run(
        [
            _poppler("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(target),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )

    image = target.with_name(f"{target.name}.png").read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    # A4 at 60 dpi, to a pixel as poppler rounds it.
    assert abs(width - 496) <= 1
    assert abs(height - 702) <= 1
