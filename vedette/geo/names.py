"""Name keys for gazetteer lookup: folding and a transliteration skeleton.

`fold` makes "Deir ez-Zor", "DEIR EZ ZOR" and "Deïr ez Zor" one key. `skeleton`
goes further for Arabic-derived names, where English spellings disagree on
vowels and on the article: "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor" and
"Der El Zor" all become "drzr".
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['’‘`ʼʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLES = frozenset("al el il ul ad ed ud an en un ar er ur as es us ash esh at et az ez uz".split())
_FUSED_ARTICLE = re.compile(r"^[aeu]([bcdfghjklmnpqrstvwxz])\1")
_SOFT = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")
GENERIC_WORDS = frozenset(
    "airport airfield air base airbase military international region province governorate city town village "
    "district countryside state county north south east west northern southern eastern western central "
    "northeast northwest southeast southwest upper lower greater new old".split()
)
_GENERIC_PREFIX = re.compile(r"^(?:muhafazat|province of|state of|region of)\s+")
_GENERIC_SUFFIX = re.compile(
    r"\s+(?:governorate|province|region|state|oblast|prefecture|district|department|county|muhafazat|sheng|shi"
    r"|zizhiqu|(?:[a-z]+ )?autonomous region"
    r"|(?:military )?air ?base|air force base|military airport|airfield)$"
)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    text = anyascii(name).lower()
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str | None:
    """Consonant skeleton of a folded name, or None when too short to be distinctive."""
    tokens = fold(name).split()
    if not tokens or any(t.isdigit() or t in GENERIC_WORDS for t in tokens):
        return None
    if len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    kept = [tokens[0]]
    for token in tokens[1:]:
        if token in _ARTICLES:
            continue
        kept.append(_FUSED_ARTICLE.sub(r"\1", token))
    joined = "".join(kept)
    key = joined[0] + _SOFT.sub("", joined[1:])
    key = _REPEATS.sub(r"\1", key)
    return key if len(key) >= 4 else None


_ABBREVIATED_WORDS = {
    "co": "county",
    "twp": "township",
    "mt": "mount",
    "st": "saint",
    "ste": "sainte",
    "ft": "fort",
    "pt": "point",
    "w": "west",
    "e": "east",
    "n": "north",
    "s": "south",
    "is": "island",
    "isl": "island",
    "lk": "lake",
}


def expanded(name: str) -> str:
    """ "Platte Co." -> "platte county", "Mt. Pleasant" -> "mount pleasant" (folded); one-word names stay."""
    tokens = fold(name).split()
    if len(tokens) < 2:
        return " ".join(tokens)
    return " ".join(_ABBREVIATED_WORDS.get(token, token) for token in tokens)


def is_generic(name: str) -> bool:
    """True for phrases made only of feature words and directions ("Military Airport", "West")."""
    return all(token in GENERIC_WORDS for token in fold(name).split())


def without_article(name: str) -> str:
    """ "Al-Anbar" -> "anbar" (folded); names without a leading article come back folded."""
    tokens = fold(name).split()
    return " ".join(tokens[1:]) if len(tokens) > 1 and tokens[0] in _ARTICLES else " ".join(tokens)


def with_one_article(name: str) -> str:
    """ "Ras el-Ain", "Ras al Ain" -> "ras al ain" (folded): the Arabic article's spellings (el, ul, ad, ash, ...) as
    "al". Names of one word come back folded."""
    tokens = fold(name).split()
    if len(tokens) < 2:
        return " ".join(tokens)
    return " ".join("al" if token in _ARTICLES else token for token in tokens)


def without_generic_suffix(name: str) -> str:
    """ "Deir ez-Zor Governorate" -> "deir ez zor", "Muhafazat al Anbar" -> "al anbar" (folded)."""
    return _GENERIC_PREFIX.sub("", _GENERIC_SUFFIX.sub("", fold(name)))


def data_file(name: str) -> Path:
    """A table shipped in `vedette/data/gazetteer/`."""
    return Path(str(resources.files("vedette") / "data" / "gazetteer" / name))


def data_table(name: str) -> list[dict[str, str]]:
    """The rows of a shipped tab-separated table, keyed by its header."""
    with open(data_file(name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded nationality word -> ISO-3 country ("iraqi" -> "IRQ")."""
    return {fold(row["demonym"]): row["iso3"] for row in data_table("demonyms.tsv")}
