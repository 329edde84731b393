"""The languages the pages and the admin speak: Django's language codes, their names, and the
language tag (``contracts.vocabulary.LANGUAGE_TAGS``) of the texts each one reads, and what a
reader of each is shown when a text is not in their language. Imported by
both projects' settings, so nothing here may need Django's settings at import."""

from __future__ import annotations

import cyrtranslit

UI_LANGUAGES = {"mk": "mk", "bg": "bg", "sr": "sr-Cyrl", "sr-latn": "sr-Latn", "sq": "sq", "en": "en"}
"""Django's language code → the language tag of the texts it reads."""

LANGUAGES = [
    ("mk", "Македонски"),
    ("bg", "Български"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski"),
    ("sq", "Shqip"),
    ("en", "English"),
]
"""Django's ``LANGUAGES``: each code with its name in itself."""


def language_tag(django_language: str | None) -> str:
    """The text language tag for a Django language code (the code itself when they agree)."""
    code = (django_language or "en").lower()
    return UI_LANGUAGES.get(code, code)


TEXT_FALLBACKS: dict[str, tuple[str, ...]] = {
    "mk": ("mk", "sr-Cyrl", "bg", "sr-Latn", "en", "sq"),
    "bg": ("bg", "mk", "sr-Cyrl", "sr-Latn", "en", "sq"),
    "sr-Cyrl": ("sr-Cyrl", "sr-Latn", "mk", "bg", "en", "sq"),
    "sr-Latn": ("sr-Latn", "sr-Cyrl", "en", "mk", "bg", "sq"),
    "sq": ("sq", "en", "mk", "sr-Latn", "sr-Cyrl", "bg"),
    "en": ("en", "sr-Latn", "sq", "mk", "sr-Cyrl", "bg"),
}
"""For each text language, the order in which a text map's languages are tried when it has no
text in that one: the closest first (a Macedonian reader reads Serbian and Bulgarian before
English), English before a language of another family or script."""

LATIN_TAGS = frozenset({"sr-Latn", "sq", "en"})
"""The text languages written in the Latin script."""

_SCRIPT_OF_COUNTRY = {"MK": "mk", "BG": "bg", "RS": "sr"}


def text_in(texts: object, tag: str) -> str:
    """A text map's text for a reader of ``tag``: its own, else the first of ``TEXT_FALLBACKS``
    it has (Serbian turned into the reader's script: the two are letter for letter), else any."""
    if not isinstance(texts, dict) or not texts:
        return ""
    for candidate in TEXT_FALLBACKS.get(tag, (tag, "en")):
        text = texts.get(candidate)
        if not text:
            continue
        if tag == "sr-Latn" and candidate == "sr-Cyrl":
            return latin(str(text), "sr")
        if tag == "sr-Cyrl" and candidate == "sr-Latn":
            return str(cyrtranslit.to_cyrillic(str(text), "sr"))
        return str(text)
    return str(next((text for text in texts.values() if text), ""))


def latin(text: str, script: str = "sr") -> str:
    """``text`` in the Latin script, by the transliteration of its language (mk, bg or sr)."""
    return str(cyrtranslit.to_latin(text, script))


def place_name(name: str, *, code: str, tag: str) -> str:
    """A member's name (given in its own language, e.g. Бутел) as a reader of ``tag`` sees it: in
    a Latin-script language, transliterated by the rules of the member's country (``MK-BUTEL``)."""
    if tag not in LATIN_TAGS:
        return name
    return latin(name, _SCRIPT_OF_COUNTRY.get(code.partition("-")[0].upper(), "sr"))
