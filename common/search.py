"""Search keys that let Latin input find Cyrillic text and the reverse, in every federation language.

Text and queries are reduced to the same *search key*: Cyrillic is transliterated to Latin
(cyrtranslit, with the Macedonian, Serbian and Bulgarian tables), everything is folded to ASCII
(anyascii: č→c, ђ→đ→d, ë→e, ă→a), lower-cased, and the spellings that differ between the
languages' romanisations are merged (ч = č = ch → c, ц = ts → c, ш = sh → s, ж = zh → z,
й = y → j, ќ = kj → k, ѓ = gj → g, ђ = dj → d, ија = ия → ia). So "socijalna", "социјална",
"социална" and "sotsialna" share the key ``socialna``, and "Čair", "Chair", "Cair" and "Чаир"
share ``cair``.

A document matches a query when every query word (two characters or more) is a prefix of one of
its words. The same rule runs in SQL on both backends: PostgreSQL's full-text ``to_tsquery``
with ``:*`` prefixes over a ``simple`` tsvector of the key, SQLite ``LIKE '% word%'`` over the
space-led key, so both give the same answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import anyascii
from cyrtranslit.mapping import TRANSLIT_DICT

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[a-z0-9]+")
# Order matters: "dzh" becomes "dz" through "zh"; "sht" becomes "st" through "sh".
_MERGES = (("sh", "s"), ("ch", "c"), ("zh", "z"), ("ts", "c"), ("kj", "k"), ("gj", "g"), ("dj", "d"))
_MERGES_AFTER_J = (("y", "j"), ("ij", "i"))
MIN_WORD = 2
# Words too common to tell entries apart, as folded (so each covers its spellings): "for",
# "and", "of", "in", "at", "with", "the" and the like in the federation's languages. A query
# made of them alone lists everything.
STOP_WORDS = frozenset(
    [
        "za",
        "na",
        "vo",
        "od",
        "do",
        "so",
        "sa",
        "po",
        "pri",
        "iz",
        "ili",
        "ot",
        "ne",
        "se",
        "da",
        "je",
        "su",
        "the",
        "and",
        "for",
        "of",
        "in",
        "at",
        "to",
        "with",
        "by",
        "an",
        "dhe",
        "per",
        "te",
        "ne",
        "nga",
        "ka",
        "me",
        "si",
        "ku",
    ]
)


def _latin_table() -> dict[int, str]:
    """One translation table from cyrtranslit's Macedonian, Serbian and Bulgarian tables: a letter
    takes the Macedonian romanisation if it has one, else the Serbian (ђ ћ), else the Bulgarian
    (щ ъ ю я й). The same as applying the three in turn, in one C-speed pass."""
    table: dict[int, str] = {}
    for language in ("bg", "sr", "mk"):  # the later overrides
        letters = TRANSLIT_DICT[language]["tolatin"]
        table.update({ord(letter): latin for letter, latin in letters.items() if len(letter) == 1})
    return table


_LATIN = _latin_table()


def _to_latin(text: str) -> str:
    return text.translate(_LATIN) if _CYRILLIC.search(text) else text


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    key = anyascii.anyascii(_to_latin(text)).lower()
    for old, new in (*_MERGES, *_MERGES_AFTER_J):
        key = key.replace(old, new)
    return key


def search_words(text: str) -> list[str]:
    """The search key of ``text`` as a list of words (texts seen often, such as labels and
    organisation names, are folded once)."""
    return _WORD.findall(_key(text))


def search_key(*texts: str) -> str:
    """The search key of ``texts``: space-separated words with a leading and a trailing space,
    so that ``' ' + word`` finds a word start with a plain substring test."""
    words = [word for text in texts for word in search_words(text)]
    return f" {' '.join(words)} " if words else ""


def query_words(query: str) -> list[str]:
    """The query's words that take part in matching: folded, two characters or more, not a stop
    word, each once."""
    seen: dict[str, None] = {}
    for word in search_words(query):
        if len(word) >= MIN_WORD and word not in STOP_WORDS:
            seen.setdefault(word, None)
    return list(seen)


def matches(key: str, words: list[str]) -> bool:
    """The matching rule in Python (what SQL does on either backend)."""
    return all(f" {word}" in key for word in words)


def tsquery(words: list[str]) -> str:
    """A PostgreSQL ``to_tsquery('simple', …)`` text: every word as a prefix. Words are
    ``[a-z0-9]+`` only, so nothing in them is tsquery syntax."""
    return " & ".join(f"{word}:*" for word in words)
