"""Recognition: spans of a document that name places.

spaCy's GPE/LOC/FAC entities are joined by a gazetteer scan of capitalised
phrases (the small model calls "Palmyra" a PERSON). A gazetteer-only match must
be notable and not an everyday English word, so "Police" and "Unity" stay words,
unless it is a distinctive name of a town in a country the text names without
doubt: beside "Idlib" and "Saraqib", "Maarat al-Numan" is the Syrian town, small
as the gazetteer's population figure for it may be.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

from vedette.geo.gazetteer import MATCH_STRENGTH, Candidate, Gazetteer
from vedette.geo.names import demonyms, fold, is_generic
from vedette.geo.resolve import Mention
from vedette.records import Document

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
UNREAD_SEGMENTS = frozenset({"meta", "boilerplate"})
NOTABLE_FEATURES = frozenset({"A.PCLI", "A.ADM1", "S.AIRB", "S.AIRP", "L.CONT", "L.RGN"})
NOTABLE_POPULATION = 100_000
COMMON_WORD_ZIPF = 4.0
"""A single capitalised word this frequent in English ("Police", "Mission") is a word, unless NER says place."""
VARIANT_MAX_ZIPF = 3.5
"""Transliteration and misspelling matches only for words rare in English ("Drones" is not "Darnah")."""
VARIANT_MATCHES = ("skeleton", "fuzzy")
LOCAL_MIN_LENGTH = 6
"""A town named in a country the text names must have a name this long: short ones are initials and words."""
_COMPOUND_MODIFIER = re.compile(r"-(?:led|backed|based|allied|aligned|sponsored|funded|made|born)\b")
_ARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an)"
"""The Arabic article as English spellings write it before a hyphen ("al-", "ash-")."""
_ARTICLE_PREFIX = re.compile(rf"{_ARTICLE}[-‐]", re.I)
_INNER_ARTICLE = re.compile(rf"\s(?:{_ARTICLE}|ez|es)[-‐\s]", re.I)
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
_PHRASE = re.compile(
    r"(?:[A-Z][\w’'.-]*|[A-Z]-\d+)"
    r"(?:[ -](?:(?:al|el|ez|az|as|ad|an|ar|ash|ad-|of|de|la|du)[ -])?(?:[A-Z][\w’'.-]*|\d+))*"
)
_STOP_SURFACES = frozenset(
    "the a an i we you he she it they this that these those there here today yesterday tomorrow monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july august september "
    "october november december most many some all every our your his her their mr mrs ms dr god".split()
)


def recognise(doc: Document, gazetteer: Gazetteer, scan_gazetteer: bool = True) -> list[Mention]:
    """Place mentions of a document, longest first where they overlap, in text order. With the gazetteer scan,
    a second reading admits distinctive town names in the countries the first one found named without doubt."""
    spans = _spans(doc, scan_gazetteer)
    mentions = _recognised(doc, spans, gazetteer, frozenset())
    local = frozenset(named_countries(mentions)) if scan_gazetteer else frozenset()
    return _recognised(doc, spans, gazetteer, local) if local else mentions


def named_countries(mentions: list[Mention]) -> Counter[str]:
    """Countries the document names without doubt: mentions whose exact-name candidates share one country, and
    countries named as such ("Syria", though towns in Egypt and Indiana share the name)."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        exact = [c.place for c in mention.candidates if c.how not in VARIANT_MATCHES and c.place.country]
        countries = {place.country for place in exact if place.feature == "A.PCLI"} or {p.country for p in exact}
        if len(countries) == 1:
            votes[countries.pop() or ""] += 1
    return votes


def _spans(doc: Document, scan_gazetteer: bool) -> dict[tuple[int, int], bool]:
    """Phrases that may name places, each with whether spaCy tagged it as one."""
    text = doc.text
    spans: dict[tuple[int, int], bool] = {}
    for entity in doc.entities:
        if entity.label in PLACE_LABELS:
            start, end = entity.start, entity.end
            if determiner := _LEADING_DETERMINERS.match(text[start:end]):
                start += determiner.end()
            spans[(start, end)] = True
    if scan_gazetteer:
        for match in _PHRASE.finditer(text):
            spans.setdefault((match.start(), match.end()), False)
    return spans


def _recognised(
    doc: Document, spans: dict[tuple[int, int], bool], gazetteer: Gazetteer, local: frozenset[str]
) -> list[Mention]:
    mentions: list[Mention] = []
    for (start, end), from_ner in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        segment = doc.segment_at(start)
        if segment is not None and segment.kind in UNREAD_SEGMENTS:
            continue  # bylines and share buttons name people and widgets, not places
        mentions.extend(_longest_matches(doc.text, start, end, from_ner, gazetteer, local))
    return _without_overlaps(mentions)


def _longest_matches(
    text: str, start: int, end: int, from_ner: bool, gazetteer: Gazetteer, local: frozenset[str]
) -> list[Mention]:
    """Greedy left-to-right longest gazetteer matches inside a candidate phrase."""
    tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    for index, (s, e) in enumerate(tokens[:-1]):
        if text[e - 1] in ".,;:" and not re.fullmatch(r"(?:[A-Z][a-z]?\.)+", text[s:e]):
            tokens = tokens[: index + 1]  # "Hasakah. He" is two sentences, not one name
            break
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        if i > 0 and _ARTICLE_PREFIX.match(text, tokens[i][0]):
            i += 1  # "al-Sham" of "Hayat Tahrir al-Sham", "al-Ain" of "Ras al-Ain": the end of a longer name
            continue
        for j in range(min(len(tokens), i + 6), i, -1):
            s, e = tokens[i][0], tokens[j - 1][1]
            surface = text[s:e]
            if len(surface) > 4 or not surface.endswith("."):
                surface = surface.rstrip(".,;:’'")  # keep the dot of "U.S."
            if surface.endswith(("'s", "’s")):
                surface = surface[:-2]  # "Syria's army" names Syria
            e = s + len(surface)
            candidates = gazetteer.candidates(surface) if _worth_looking_up(surface, from_ner) else ()
            whole = j - i == len(tokens)
            if _COMPOUND_MODIFIER.match(text, e):
                candidates = ()  # "US-led", "Iranian-backed": a modifier, not where anything happened
            if candidates and _plausible(surface, candidates, from_ner and whole, whole, local):
                found.append(Mention(surface, s, e, candidates, from_ner))
                i = j
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=100_000)  # the same phrases recur in every story of a feed
def _worth_looking_up(surface: str, from_ner: bool) -> bool:
    if sum(ch.isalnum() for ch in surface) < 2 or not any(ch.isalpha() for ch in surface):
        return False
    if surface.lower() in _STOP_SURFACES:
        return False
    if is_generic(surface) or fold(surface) in demonyms():
        return False
    shouted = surface.isupper() and len(surface) > 4
    return from_ner or not shouted


def _notable(candidate: Candidate) -> bool:
    return candidate.place.feature in NOTABLE_FEATURES or candidate.place.population >= NOTABLE_POPULATION


def _plausible(
    surface: str, candidates: tuple[Candidate, ...], whole_ner_span: bool, whole_phrase: bool, local: frozenset[str]
) -> bool:
    """Gazetteer-only matches must name something notable, not any town that shares a common word, or be a
    distinctive name of a town in one of the `local` countries."""
    best = max(candidates, key=lambda c: MATCH_STRENGTH[c.how])
    if whole_ner_span and best.how not in ("skeleton", "fuzzy"):
        # NER is trusted, except for an everyday word that only names some small town ("Unity").
        return zipf_frequency(surface, "en") < COMMON_WORD_ZIPF or any(_notable(c) for c in candidates)
    if best.how == "alias":
        return True
    if best.how == "abbr" and "." not in surface:
        return False  # a bare postal code ("WA", "IN") is a word or an acronym unless NER says place
    if surface.isupper() and len(surface) > 2:
        return False  # acronyms (SANA, SDF) name places only through the alias table
    frequency = zipf_frequency(surface, "en")
    if best.how in ("skeleton", "fuzzy") and (
        frequency >= VARIANT_MAX_ZIPF or any(t.isupper() for t in surface.split())
    ):
        return False
    if (
        " " not in surface
        and frequency >= COMMON_WORD_ZIPF
        and not any(
            c.how in ("name", "alt")
            and (c.place.feature == "A.PCLI" or (c.place.feature == "A.ADM1" and c.place.country in local))
            for c in candidates
        )
    ):
        return False
    if (
        whole_phrase
        and frequency < VARIANT_MAX_ZIPF
        and len(surface) >= LOCAL_MIN_LENGTH
        and " " in surface
        and any(_local_town(c, local, surface) for c in candidates)
    ):
        return True
    notable = [c for c in candidates if c.how != "fuzzy" and _notable(c)]
    if not whole_phrase:
        # A place word inside a longer proper name ("UN Support Mission") must be a notable place.
        return bool(notable) and best.how in ("name", "alt")
    if best.how in ("skeleton", "fuzzy"):
        # Variant spellings count only for distinctive names of notable places in the countries the text names
        # (the geoparser keeps no other variant candidate): "Verduin" is a name, not Virden, Illinois.
        return len(surface) >= 6 and any(
            (c.place.population >= NOTABLE_POPULATION or c.place.feature == "A.ADM1") and c.place.country in local
            for c in candidates
        )
    return bool(notable) or (any(c.place.population >= 20_000 for c in candidates) and len(surface) > 3)


def _local_town(candidate: Candidate, local: frozenset[str], surface: str) -> bool:
    """A town in one of the `local` countries, spelled as a source spells it, or transliterated where the name
    has an Arabic article ("Maarat al-Numan"): a consonant skeleton alone also fits "Mary Lioce" to Marilac."""
    place = candidate.place
    if place.country not in local or not place.feature.startswith("P."):
        return False
    return candidate.how not in VARIANT_MATCHES or _INNER_ARTICLE.search(surface) is not None


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
