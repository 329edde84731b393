"""The languages the pages and the admin speak: Django's language codes, their names, and the
language tag (``contracts.vocabulary.LANGUAGE_TAGS``) of the texts each one reads. Imported by
both projects' settings, so nothing here may need Django's settings at import."""

from __future__ import annotations

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
