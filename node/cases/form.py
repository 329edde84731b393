"""The printed consent form: what the person reads and signs before a case is transferred.

One A4 form per consent, in the language the person reads (one of the federation's six). It
names both municipalities, the person, the purposes and data categories by their names in that
language, the legal basis, the expiry, how long the recipient keeps the data and how to
withdraw, and carries the consent id and a fingerprint of the recorded terms so that the signed
paper can be matched to the record.

Invariants:
- the form's own sentences are in ``FORM_TEXTS``, every one in all six languages; Serbian is
  the same text in Cyrillic and in Latin;
- the same record and arguments give the same bytes (the creation date is the consent's
  ``obtained_at``), so a printed form can be reproduced and compared;
- the fingerprint covers the consent's terms, not its status or events, so a form printed when
  the consent was given still matches after the consent is withdrawn or expires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from contracts.cases import ConsentRecordV1
from contracts.vocabulary import (
    DATA_CATEGORY_LABELS,
    LEGAL_BASIS_LABELS,
    OBTAINED_HOW_LABELS,
    PURPOSE_LABELS,
    labels,
)

REPO_ROOT: Final = Path(__file__).resolve().parents[2]
# The npm lockfile's copy first (what `make install` puts in place), then Debian's fonts-dejavu.
FONT_DIRECTORIES: tuple[Path, ...] = (
    REPO_ROOT / "node_modules" / "dejavu-fonts-ttf" / "ttf",
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONT_FILES: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CREATOR: Final = "socialhub node"

# Dates are printed as the day in the consent's jurisdiction, not in UTC.
JURISDICTION_ZONES: Final = {"MK": "Europe/Skopje", "BG": "Europe/Sofia", "RS": "Europe/Belgrade"}

BASIS_SENTENCE_KEYS: Final = {
    "gdpr_6_1_e__9_2_b_social_protection_law": "basis.social_protection_law",
    "gdpr_6_1_a__9_2_a_explicit_consent": "basis.explicit_consent",
    "gdpr_6_1_d__9_2_c_vital_interests": "basis.vital_interests",
}

FORM_TEXTS: dict[str, dict[str, str]] = {
    "title": labels(
        "Consent to transfer a social-protection case",
        "Согласност за пренос на случај од социјална заштита",
        "Съгласие за предаване на случай по социална защита",
        "Пристанак на пренос случаја социјалне заштите",
        "Pristanak na prenos slučaja socijalne zaštite",
        "Pëlqim për transferimin e një rasti të mbrojtjes sociale",
    ),
    "intro": labels(
        "By signing this form you allow the sending municipality to send the parts of your case "
        "listed below to the receiving municipality, for the purposes listed below and for no other.",
        "Со потпишување на овој образец дозволувате општината што го испраќа случајот да ги испрати "
        "деловите од вашиот случај наведени подолу до општината што го прима, за целите наведени "
        "подолу и за ниедна друга.",
        "С подписването на този формуляр разрешавате на общината, която изпраща случая, да изпрати "
        "посочените по-долу части от вашия случай на общината, която го получава, за посочените "
        "по-долу цели и за никакви други.",
        "Потписивањем овог обрасца дозвољавате општини која шаље случај да делове вашег случаја "
        "наведене у наставку пошаље општини која га прима, у сврхе наведене у наставку и ни у какве друге.",
        "Potpisivanjem ovog obrasca dozvoljavate opštini koja šalje slučaj da delove vašeg slučaja "
        "navedene u nastavku pošalje opštini koja ga prima, u svrhe navedene u nastavku i ni u kakve druge.",
        "Duke nënshkruar këtë formular, ju lejoni komunën që e dërgon rastin t'ia dërgojë komunës që "
        "e merr pjesët e rastit tuaj të renditura më poshtë, për qëllimet e renditura më poshtë dhe "
        "për asnjë tjetër.",
    ),
    "section.parties": labels("Municipalities", "Општини", "Общини", "Општине", "Opštine", "Komunat"),
    "controller": labels(
        "Sending municipality (controller)",
        "Општина што го испраќа случајот (контролор)",
        "Община, която изпраща случая (администратор)",
        "Општина која шаље случај (руковалац)",
        "Opština koja šalje slučaj (rukovalac)",
        "Komuna që e dërgon rastin (kontrollues)",
    ),
    "recipient": labels(
        "Receiving municipality (recipient)",
        "Општина што го прима случајот (примач)",
        "Община, която получава случая (получател)",
        "Општина која прима случај (прималац)",
        "Opština koja prima slučaj (primalac)",
        "Komuna që e merr rastin (marrës)",
    ),
    "section.person": labels("The person", "Лице", "Лице", "Лице", "Lice", "Personi"),
    "person_name": labels(
        "Name and surname",
        "Име и презиме",
        "Име и фамилия",
        "Име и презиме",
        "Ime i prezime",
        "Emri dhe mbiemri",
    ),
    "person_reference": labels(
        "Register number",
        "Број во регистарот",
        "Номер в регистъра",
        "Број у регистру",
        "Broj u registru",
        "Numri në regjistër",
    ),
    "birth_date": labels(
        "Date of birth",
        "Датум на раѓање",
        "Дата на раждане",
        "Датум рођења",
        "Datum rođenja",
        "Data e lindjes",
    ),
    "not_recorded": labels(
        "not recorded",
        "не е запишано",
        "не е записано",
        "није забележено",
        "nije zabeleženo",
        "nuk është regjistruar",
    ),
    "section.purposes": labels(
        "Purposes of the transfer",
        "Цели на преносот",
        "Цели на предаването",
        "Сврхе преноса",
        "Svrhe prenosa",
        "Qëllimet e transferimit",
    ),
    "section.data": labels(
        "Data that may be transferred",
        "Податоци што може да се пренесат",
        "Данни, които могат да бъдат предадени",
        "Подаци који се могу пренети",
        "Podaci koji se mogu preneti",
        "Të dhënat që mund të transferohen",
    ),
    "data_note": labels(
        "Only these data are transferred, nothing else from the case.",
        "Се пренесуваат само овие податоци, ништо друго од случајот.",
        "Предават се само тези данни и нищо друго от случая.",
        "Преносе се само ови подаци, ништа друго из случаја.",
        "Prenose se samo ovi podaci, ništa drugo iz slučaja.",
        "Transferohen vetëm këto të dhëna, asgjë tjetër nga rasti.",
    ),
    "section.basis": labels(
        "Legal basis", "Правна основа", "Правно основание", "Правни основ", "Pravni osnov", "Baza ligjore"
    ),
    "basis.social_protection_law": labels(
        "The transfer rests on the law on social protection. This consent is a safeguard on top of "
        "that law: the case is transferred only with it, and once it is withdrawn the recipient must "
        "stop processing the data.",
        "Преносот се темели на Законот за социјална заштита. Оваа согласност е дополнителна заштита "
        "над тој закон: случајот се пренесува само со неа, а откако ќе се повлече, примачот мора да "
        "престане да ги обработува податоците.",
        "Предаването се основава на законодателството за социална защита. Това съгласие е "
        "допълнителна гаранция над това законодателство: случаят се предава само при наличие на "
        "съгласието, а след оттеглянето му получателят трябва да спре обработването на данните.",
        "Пренос се заснива на Закону о социјалној заштити. Овај пристанак је додатна заштита поврх "
        "тог закона: случај се преноси само уз њега, а када се опозове, прималац мора да престане да "
        "обрађује податке.",
        "Prenos se zasniva na Zakonu o socijalnoj zaštiti. Ovaj pristanak je dodatna zaštita povrh "
        "tog zakona: slučaj se prenosi samo uz njega, a kada se opozove, primalac mora da prestane da "
        "obrađuje podatke.",
        "Transferimi bazohet në ligjin për mbrojtjen sociale. Ky pëlqim është një garanci shtesë mbi "
        "atë ligj: rasti transferohet vetëm me të, dhe pasi të tërhiqet, marrësi duhet të ndalojë "
        "përpunimin e të dhënave.",
    ),
    "basis.explicit_consent": labels(
        "The transfer rests on your explicit consent: without it the case is not transferred, and "
        "once it is withdrawn the recipient must stop processing the data.",
        "Преносот се темели на вашата изречна согласност: без неа случајот не се пренесува, а откако "
        "ќе се повлече, примачот мора да престане да ги обработува податоците.",
        "Предаването се основава на вашето изрично съгласие: без него случаят не се предава, а след "
        "оттеглянето му получателят трябва да спре обработването на данните.",
        "Пренос се заснива на вашем изричитом пристанку: без њега се случај не преноси, а када се "
        "опозове, прималац мора да престане да обрађује податке.",
        "Prenos se zasniva na vašem izričitom pristanku: bez njega se slučaj ne prenosi, a kada se "
        "opozove, primalac mora da prestane da obrađuje podatke.",
        "Transferimi bazohet në pëlqimin tuaj të shprehur: pa të rasti nuk transferohet, dhe pasi të "
        "tërhiqet, marrësi duhet të ndalojë përpunimin e të dhënave.",
    ),
    "basis.vital_interests": labels(
        "The transfer rests on the vital interests of the person. This consent, where it can be "
        "given, is a safeguard on top of that basis.",
        "Преносот се темели на виталните интереси на лицето. Оваа согласност, онаму каде што може да "
        "се даде, е дополнителна заштита над таа основа.",
        "Предаването се основава на жизненоважните интереси на лицето. Това съгласие, когато може да "
        "бъде дадено, е допълнителна гаранция над това основание.",
        "Пренос се заснива на виталним интересима лица. Овај пристанак, где га је могуће дати, "
        "додатна је заштита поврх тог основа.",
        "Prenos se zasniva na vitalnim interesima lica. Ovaj pristanak, gde ga je moguće dati, "
        "dodatna je zaštita povrh tog osnova.",
        "Transferimi bazohet në interesat jetikë të personit. Ky pëlqim, aty ku mund të jepet, është "
        "një garanci shtesë mbi atë bazë.",
    ),
    "section.period": labels(
        "Validity and keeping of the data",
        "Важење и чување на податоците",
        "Срок на съгласието и съхранение на данните",
        "Важење и чување података",
        "Važenje i čuvanje podataka",
        "Vlefshmëria dhe ruajtja e të dhënave",
    ),
    "obtained_at": labels(
        "Consent given on",
        "Согласноста е дадена на",
        "Съгласието е дадено на",
        "Пристанак је дат",
        "Pristanak je dat",
        "Pëlqimi u dha më",
    ),
    "expires_at": labels(
        "Consent valid until",
        "Согласноста важи до",
        "Съгласието е валидно до",
        "Пристанак важи до",
        "Pristanak važi do",
        "Pëlqimi është i vlefshëm deri më",
    ),
    "retention": labels(
        "The recipient may keep the data for (days)",
        "Примачот може да ги чува податоците (денови)",
        "Получателят може да съхранява данните (дни)",
        "Прималац може да чува податке (дана)",
        "Primalac može da čuva podatke (dana)",
        "Marrësi mund t'i ruajë të dhënat (ditë)",
    ),
    "section.withdrawal": labels(
        "Withdrawing the consent",
        "Повлекување на согласноста",
        "Оттегляне на съгласието",
        "Опозив пристанка",
        "Opoziv pristanka",
        "Tërheqja e pëlqimit",
    ),
    "withdrawal_right": labels(
        "You may withdraw this consent at any time, free of charge and without giving a reason. "
        "Withdrawal stops the transfer and obliges the recipient to stop using the data; it does not "
        "make unlawful what was done before it.",
        "Оваа согласност можете да ја повлечете во секое време, бесплатно и без образложение. "
        "Повлекувањето го запира преносот и го обврзува примачот да престане да ги користи "
        "податоците; она што е направено пред тоа не станува незаконско.",
        "Можете да оттеглите това съгласие по всяко време, безплатно и без да посочвате причина. "
        "Оттеглянето спира предаването и задължава получателя да спре да използва данните; то не "
        "прави незаконосъобразно извършеното преди него.",
        "Овај пристанак можете опозвати у сваком тренутку, бесплатно и без навођења разлога. Опозив "
        "зауставља пренос и обавезује примаоца да престане да користи податке; он не чини "
        "незаконитим оно што је урађено пре њега.",
        "Ovaj pristanak možete opozvati u svakom trenutku, besplatno i bez navođenja razloga. Opoziv "
        "zaustavlja prenos i obavezuje primaoca da prestane da koristi podatke; on ne čini "
        "nezakonitim ono što je urađeno pre njega.",
        "Mund ta tërhiqni këtë pëlqim në çdo kohë, falas dhe pa dhënë arsye. Tërheqja e ndalon "
        "transferimin dhe e detyron marrësin të ndalojë përdorimin e të dhënave; ajo nuk e bën të "
        "paligjshme atë që është bërë para saj.",
    ),
    "withdrawal_how": labels(
        "How to withdraw",
        "Како да ја повлечете",
        "Как да го оттеглите",
        "Како да га опозовете",
        "Kako da ga opozovete",
        "Si ta tërhiqni",
    ),
    "section.declaration": labels(
        "Declaration of the person",
        "Изјава на лицето",
        "Декларация на лицето",
        "Изјава лица",
        "Izjava lica",
        "Deklarata e personit",
    ),
    "declaration": labels(
        "I confirm that the content of this form has been made known to me in a language I "
        "understand. I consent to the transfer described above. I have received a copy of this form.",
        "Потврдувам дека содржината на овој образец ми е соопштена на јазик што го разбирам. Давам "
        "согласност за преносот опишан погоре. Примив примерок од овој образец.",
        "Потвърждавам, че съдържанието на този формуляр ми е разяснено на език, който разбирам. "
        "Давам съгласие за описаното по-горе предаване. Получих екземпляр от този формуляр.",
        "Потврђујем да ми је садржина овог обрасца саопштена на језику који разумем. Дајем пристанак "
        "на пренос описан изнад. Примерак овог обрасца ми је уручен.",
        "Potvrđujem da mi je sadržina ovog obrasca saopštena na jeziku koji razumem. Dajem pristanak "
        "na prenos opisan iznad. Primerak ovog obrasca mi je uručen.",
        "Konfirmoj se përmbajtja e këtij formulari më është shpjeguar në një gjuhë që e kuptoj. Jap "
        "pëlqimin për transferimin e përshkruar më sipër. Kam marrë një kopje të këtij formulari.",
    ),
    "section.record": labels(
        "Record of the consent",
        "Запис на согласноста",
        "Запис на съгласието",
        "Запис о пристанку",
        "Zapis o pristanku",
        "Regjistrimi i pëlqimit",
    ),
    "consent_id": labels(
        "Consent id",
        "Идентификатор на согласноста",
        "Идентификатор на съгласието",
        "Идентификатор пристанка",
        "Identifikator pristanka",
        "Identifikuesi i pëlqimit",
    ),
    "fingerprint": labels(
        "Fingerprint of the record",
        "Отпечаток на записот",
        "Отпечатък на записа",
        "Отисак записа",
        "Otisak zapisa",
        "Gjurma e regjistrimit",
    ),
    "obtained_how": labels(
        "How the consent is given",
        "Начин на давање на согласноста",
        "Начин на даване на съгласието",
        "Начин давања пристанка",
        "Način davanja pristanka",
        "Mënyra e dhënies së pëlqimit",
    ),
    "record_note": labels(
        "The consent id and the fingerprint match this signed form to the record of the consent "
        "kept by the sending municipality.",
        "Идентификаторот и отпечатокот го поврзуваат овој потпишан образец со записот на "
        "согласноста што го чува општината што го испраќа случајот.",
        "Идентификаторът и отпечатъкът свързват този подписан формуляр със записа на съгласието, "
        "който се съхранява в общината, изпращаща случая.",
        "Идентификатор и отисак повезују овај потписани образац са записом о пристанку који чува "
        "општина која шаље случај.",
        "Identifikator i otisak povezuju ovaj potpisani obrazac sa zapisom o pristanku koji čuva "
        "opština koja šalje slučaj.",
        "Identifikuesi dhe gjurma e lidhin këtë formular të nënshkruar me regjistrimin e pëlqimit që "
        "ruhet nga komuna që e dërgon rastin.",
    ),
    "section.signatures": labels("Signatures", "Потписи", "Подписи", "Потписи", "Potpisi", "Nënshkrimet"),
    "sign_person": labels(
        "Signature of the person or their legal representative",
        "Потпис на лицето или на неговиот законски застапник",
        "Подпис на лицето или на неговия законен представител",
        "Потпис лица или његовог законског заступника",
        "Potpis lica ili njegovog zakonskog zastupnika",
        "Nënshkrimi i personit ose i përfaqësuesit ligjor",
    ),
    "sign_representative": labels(
        "Name of the legal representative, if they sign",
        "Име и презиме на законскиот застапник, ако тој потпишува",
        "Име и фамилия на законния представител, ако подписва той",
        "Име и презиме законског заступника, ако он потписује",
        "Ime i prezime zakonskog zastupnika, ako on potpisuje",
        "Emri dhe mbiemri i përfaqësuesit ligjor, nëse nënshkruan ai",
    ),
    "caseworker": labels(
        "Caseworker",
        "Стручен работник",
        "Социален работник",
        "Стручни радник",
        "Stručni radnik",
        "Punonjësi social",
    ),
    "sign_caseworker": labels(
        "Signature of the caseworker",
        "Потпис на стручниот работник",
        "Подпис на социалния работник",
        "Потпис стручног радника",
        "Potpis stručnog radnika",
        "Nënshkrimi i punonjësit social",
    ),
    "sign_witness": labels(
        "Witness: name and signature",
        "Сведок: име, презиме и потпис",
        "Свидетел: име, фамилия и подпис",
        "Сведок: име, презиме и потпис",
        "Svedok: ime, prezime i potpis",
        "Dëshmitari: emri, mbiemri dhe nënshkrimi",
    ),
    "place_date": labels(
        "Place and date", "Место и датум", "Място и дата", "Место и датум", "Mesto i datum", "Vendi dhe data"
    ),
    "footer": labels(
        "Consent {consent_id} · page {page}/{pages}",
        "Согласност {consent_id} · страница {page}/{pages}",
        "Съгласие {consent_id} · страница {page}/{pages}",
        "Пристанак {consent_id} · страна {page}/{pages}",
        "Pristanak {consent_id} · strana {page}/{pages}",
        "Pëlqimi {consent_id} · faqja {page}/{pages}",
    ),
}

# Layout, in millimetres and points.
MARGIN: Final = 18.0
LABEL_WIDTH: Final = 62.0
LINE: Final = 4.8
HEADING_HEIGHT: Final = 10.0  # a section heading with the space around it
SIGNATURE_PAIR_HEIGHT: Final = 22.0  # room to sign, the line, a caption of up to two lines
INK: Final = (20, 20, 20)
MUTED: Final = (95, 95, 95)
RULE: Final = (150, 150, 150)
BAND: Final = (234, 236, 240)


def consent_fingerprint(record: ConsentRecordV1) -> str:
    """A short, readable digest of the consent's terms (``ABCD-EF01-…``, 80 bits of SHA-256).

    It identifies the record a signed paper belongs to; it is not a signature (the node's signed
    record is). Status and events are left out: they change after the paper is signed."""
    terms = record.model_dump(mode="json", exclude={"status", "events"})
    canonical = json.dumps(terms, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest().upper()
    return "-".join(digest[start : start + 4] for start in range(0, 20, 4))


def consent_form_pdf(
    record: ConsentRecordV1,
    *,
    language: str,
    person_name: str,
    person_reference: str,
    birth_date: dt.date | None,
    controller_name: str,
    recipient_name: str,
    caseworker_name: str,
) -> bytes:
    """The consent form for ``record``, printed in ``language``, as the bytes of an A4 PDF."""
    if language not in FORM_TEXTS["title"]:
        raise ValueError(f"No consent form in {language!r}; one of {', '.join(FORM_TEXTS['title'])}.")
    texts = {key: value[language] for key, value in FORM_TEXTS.items()}
    zone = ZoneInfo(JURISDICTION_ZONES[record.jurisdiction])

    def day(moment: dt.date) -> str:
        if isinstance(moment, dt.datetime):
            moment = _aware(moment).astimezone(zone).date()
        return moment.isoformat() if language == "en" else moment.strftime("%d.%m.%Y")

    consent_id = str(record.consent_id)
    pdf = _FormPDF(
        running_title=texts["title"],
        footer_text=texts["footer"].format(consent_id=consent_id, page="{page}", pages="{nb}"),
    )
    pdf.set_title(texts["title"])
    pdf.set_subject(consent_id)
    pdf.set_author(controller_name)
    pdf.set_lang(language)
    pdf.set_creator(CREATOR)
    pdf.set_creation_date(_aware(record.obtained_at))
    pdf.add_page()

    pdf.set_font(_FormPDF.FAMILY, "B", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, LINE, controller_name.upper(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    pdf.set_font(_FormPDF.FAMILY, "B", 15)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 7, texts["title"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.rule(weight=0.6)
    pdf.ln(2)
    pdf.paragraph(texts["intro"])

    pdf.section(1, texts["section.parties"])
    pdf.field(texts["controller"], controller_name)
    pdf.field(texts["recipient"], recipient_name)

    pdf.section(2, texts["section.person"])
    pdf.field(texts["person_name"], person_name)
    pdf.field(texts["person_reference"], person_reference)
    if birth_date is None:
        pdf.field(texts["birth_date"], texts["not_recorded"], muted=True)
    else:
        pdf.field(texts["birth_date"], day(birth_date))

    pdf.section(3, texts["section.purposes"])
    pdf.bullets([PURPOSE_LABELS[purpose][language] for purpose in record.purposes], columns=1)

    pdf.section(4, texts["section.data"])
    pdf.bullets([DATA_CATEGORY_LABELS[category][language] for category in record.data_categories], columns=2)
    pdf.paragraph(texts["data_note"], muted=True)

    pdf.section(5, texts["section.basis"])
    pdf.paragraph(LEGAL_BASIS_LABELS[record.legal_basis][language], bold=True)
    pdf.paragraph(texts[BASIS_SENTENCE_KEYS[record.legal_basis]])

    pdf.section(6, texts["section.period"])
    pdf.field(texts["obtained_at"], day(record.obtained_at))
    pdf.field(texts["expires_at"], day(record.expires_at), bold=True)
    pdf.field(texts["retention"], str(record.retention_days))

    pdf.section(7, texts["section.withdrawal"])
    pdf.paragraph(texts["withdrawal_right"])
    pdf.field(texts["withdrawal_how"], record.withdrawal_method)

    pdf.section(8, texts["section.record"])
    pdf.field(texts["consent_id"], consent_id)
    pdf.field(texts["fingerprint"], consent_fingerprint(record), bold=True)
    pdf.field(texts["obtained_how"], OBTAINED_HOW_LABELS[record.obtained_how][language])
    pdf.paragraph(texts["record_note"], muted=True)

    # The declaration and the signatures under it stay on one page.
    pdf.set_font(_FormPDF.FAMILY, "", 9.5)
    declaration_height = pdf.text_height(pdf.epw, texts["declaration"])
    witnessed = record.obtained_how == "in_person_oral_witnessed"
    pdf.keep_together(
        2 * HEADING_HEIGHT + declaration_height + (3 if witnessed else 2) * SIGNATURE_PAIR_HEIGHT
    )
    pdf.section(9, texts["section.declaration"])
    pdf.paragraph(texts["declaration"])
    pdf.section(10, texts["section.signatures"])
    pdf.signatures(texts, caseworker_name=caseworker_name, witnessed=witnessed)
    return bytes(pdf.output())


def _aware(moment: dt.datetime) -> dt.datetime:
    # A naive time is taken as UTC, so that the bytes do not depend on the machine's zone.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _font_directory() -> Path:
    for directory in FONT_DIRECTORIES:
        if all((directory / name).is_file() for name in FONT_FILES.values()):
            return directory
    searched = " or ".join(str(directory) for directory in FONT_DIRECTORIES)
    raise RuntimeError(
        f"DejaVu Sans ({', '.join(FONT_FILES.values())}) is in neither {searched}; "
        "run `make install` (npm's dejavu-fonts-ttf) or install Debian's fonts-dejavu-core."
    )


class _FormPDF(FPDF):
    """An A4 page with the form's running title, footer and building blocks."""

    FAMILY: Final = "DejaVuSans"

    def __init__(self, *, running_title: str, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.footer_text = footer_text
        directory = _font_directory()
        for style, name in FONT_FILES.items():
            self.add_font(self.FAMILY, style, directory / name)
        self.set_margins(MARGIN, 16, MARGIN)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages()
        self.set_draw_color(*RULE)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, LINE, self.running_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.rule(weight=0.2)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.rule(weight=0.2)
        self.ln(1.5)
        self.set_font(self.FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text.replace("{page}", str(self.page_no())), align="C")

    def rule(self, *, weight: float) -> None:
        self.set_line_width(weight)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())

    def text_height(self, width: float, text: str, *, line: float = LINE) -> float:
        lines = self.multi_cell(width, line, text, dry_run=True, output=MethodReturnValue.LINES)
        if not isinstance(lines, list):  # fpdf2 returns the lines for output=LINES
            raise TypeError(f"fpdf2 returned {type(lines).__name__} for the lines of a text")
        return float(len(lines)) * line

    def keep_together(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def section(self, number: int, title: str) -> None:
        self.keep_together(7 + 3 * LINE)  # never a heading alone at the foot of a page
        self.ln(2.5)
        self.set_font(self.FAMILY, "B", 9.5)
        self.set_text_color(*INK)
        self.set_fill_color(*BAND)
        top = self.get_y()
        self.rect(self.l_margin, top, self.epw, 6, style="F")
        self.set_xy(self.l_margin + 2, top)
        self.cell(self.epw - 2, 6, f"{number}.  {title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.2)

    def paragraph(self, text: str, *, muted: bool = False, bold: bool = False) -> None:
        self.set_font(self.FAMILY, "B" if bold else "", 8.5 if muted else 9.5)
        self.set_text_color(*(MUTED if muted else INK))
        self.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.8)

    def field(self, label: str, value: str, *, bold: bool = False, muted: bool = False) -> None:
        value_width = self.epw - LABEL_WIDTH
        self.set_font(self.FAMILY, "", 8.5)
        label_height = self.text_height(LABEL_WIDTH - 3, label)
        self.set_font(self.FAMILY, "B" if bold else "", 10)
        value_height = self.text_height(value_width, value)
        self.keep_together(max(label_height, value_height))
        top = self.get_y()
        self.set_font(self.FAMILY, "", 8.5)
        self.set_text_color(*MUTED)
        self.multi_cell(LABEL_WIDTH - 3, LINE, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_xy(self.l_margin + LABEL_WIDTH, top)
        self.set_font(self.FAMILY, "B" if bold else "", 10)
        self.set_text_color(*(MUTED if muted else INK))
        self.multi_cell(value_width, LINE, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(top + max(label_height, value_height) + 0.8)

    def bullets(self, items: list[str], *, columns: int) -> None:
        """A list in up to ``columns`` columns: in one when an item would wrap in a narrower one."""
        self.set_font(self.FAMILY, "", 10)
        self.set_text_color(*INK)
        if any(self.text_height(self.epw / columns - 8, item) > LINE for item in items):
            columns = 1
        column_width = self.epw / columns
        text_width = column_width - 8
        for start in range(0, len(items), columns):
            row = items[start : start + columns]
            height = max(self.text_height(text_width, item) for item in row)
            self.keep_together(height)
            top = self.get_y()
            for index, item in enumerate(row):
                left = self.l_margin + index * column_width
                self.set_xy(left + 2, top)
                self.cell(4, LINE, "•")
                self.set_xy(left + 6, top)
                self.multi_cell(text_width, LINE, item, align="L")
            self.set_y(top + height + 0.6)

    def signatures(self, texts: dict[str, str], *, caseworker_name: str, witnessed: bool) -> None:
        caseworker = f"{texts['caseworker']}: {caseworker_name}"
        self._signature_pair((texts["sign_person"], None), (texts["sign_caseworker"], caseworker))
        self._signature_pair((texts["sign_representative"], None), (texts["place_date"], None))
        if witnessed:
            self._signature_pair((texts["sign_witness"], None), None)

    def _signature_pair(self, left: tuple[str, str | None], right: tuple[str, str | None] | None) -> None:
        """Two lines to sign on, side by side, with their captions under them."""
        gap = 12.0
        width = (self.epw - gap) / 2
        top = self.get_y() + 12  # room for the handwriting above the line
        bottoms = [top]
        for index, caption in enumerate((left, right)):
            if caption is None:
                continue
            label, name = caption
            x = self.l_margin + index * (width + gap)
            self.set_draw_color(*INK)
            self.set_line_width(0.3)
            self.line(x, top, x + width, top)
            self.set_xy(x, top + 1)
            self.set_font(self.FAMILY, "", 8)
            self.set_text_color(*MUTED)
            self.multi_cell(width, 3.8, label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            if name is not None:
                self.set_font(self.FAMILY, "B", 9)
                self.set_text_color(*INK)
                self.multi_cell(width, LINE, name, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottoms.append(self.get_y())
        self.set_draw_color(*RULE)
        self.set_y(max(bottoms) + 1)
