"""Geoparse: find toponyms in a document and resolve each to a gazetteer place.

Recognition joins spaCy's GPE/LOC/FAC entities with a gazetteer scan of
capitalised phrases (the small model calls "Palmyra" a PERSON). Resolution
scores each candidate place by how the name matched, the place's importance,
the document's country context, explicit qualifiers ("Homs province",
"T-4 airbase") and closeness to the document's other places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vedette import config
from vedette.geo.build import build, distance_km, is_current
from vedette.geo.gazetteer import MATCH_STRENGTH, Candidate, Gazetteer, Place
from wordfreq import zipf_frequency

from vedette.geo.names import demonyms, fold, is_generic
from vedette.records import Document, FocusPlace, Toponym

__all__ = ["Gazetteer", "geoparse", "load_gazetteer", "ensure_gazetteer"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_UNREAD_SEGMENTS = frozenset({"meta", "boilerplate"})
_COMPOUND_MODIFIER = re.compile(r"-(?:led|backed|based|allied|aligned|sponsored|funded|made|born)\b")
SMALL_PLACE = 10_000
"""A town this small, in a country the document never names, is a coincidence of names (Calcutta, Ohio, alias Nineveh)."""
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
COMMON_WORD_ZIPF = 4.0
"""A single capitalised word this frequent in English ("Police", "Mission") is a word, unless NER says place."""
VARIANT_MAX_ZIPF = 3.5
"""Transliteration and misspelling matches only for words rare in English ("Drones" is not "Darnah")."""
_PHRASE = re.compile(
    r"(?:[A-Z][\w’'.-]*|[A-Z]-\d+)(?:[ -](?:(?:al|el|ez|az|as|ad|an|ar|ash|ad-|of|de|la|du)[ -])?(?:[A-Z][\w’'.-]*|\d+))*"
)
_ADMIN_QUALIFIER = re.compile(r"^\s+(?:governorate|province|region|countryside|prefecture|oblast|state)\b", re.I)
_AIRFIELD_QUALIFIER = re.compile(r"^\s+(?:military\s+)?(?:air\s*base|airbase|airport|airfield|air\s+field)\b", re.I)
_DIRECTIONS = {
    "north": 0, "northern": 0, "northeast": 45, "northeastern": 45, "east": 90, "eastern": 90,
    "southeast": 135, "southeastern": 135, "south": 180, "southern": 180, "southwest": 225,
    "southwestern": 225, "west": 270, "western": 270, "northwest": 315, "northwestern": 315,
}
_RELATIVE = re.compile(
    r"(?:(?P<km>\d+(?:\.\d+)?)\s*(?:km|kilometres|kilometers)\s+)?(?P<dir>(?:north|south)?(?:east|west)?(?:ern)?|north(?:ern)?|south(?:ern)?)"
    r"(?:\s+of)?(?:\s+the)?\s+$",
    re.I,
)
_STOP_SURFACES = frozenset(
    "the a an i we you he she it they this that these those there here today yesterday tomorrow monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july august september "
    "october november december most many some all every our your his her their mr mrs ms dr god".split()
)
# Feature importance when the text gives no other evidence (log10 population for towns).
_FEATURE_PRIOR = {"A.PCLI": 8.0, "A.ADM1": 6.0, "S.AIRB": 5.0, "S.AIRP": 4.0}


@dataclass
class _Mention:
    text: str
    start: int
    end: int
    candidates: tuple[Candidate, ...]
    from_ner: bool
    qualifier: str | None = None
    modifier: str | None = None


def ensure_gazetteer(path: Path | None = None, progress=None) -> Path:  # type: ignore[no-untyped-def]
    """The gazetteer path, built first when missing or out of date."""
    target = Path(path or config.get("gazetteer"))
    if not is_current(target):
        build(target, progress)
    return target


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    return Gazetteer(ensure_gazetteer(path))


def geoparse(doc: Document, gazetteer: Gazetteer) -> Document:
    mentions = _recognise(doc, gazetteer)
    toponyms = _resolve(doc, mentions)
    return doc.model_copy(update={"toponyms": toponyms, "focus": _focus(toponyms)})


def _recognise(doc: Document, gazetteer: Gazetteer) -> list[_Mention]:
    text = doc.text
    spans: dict[tuple[int, int], bool] = {}
    for entity in doc.entities:
        if entity.label in _PLACE_LABELS:
            start, end = entity.start, entity.end
            if determiner := _LEADING_DETERMINERS.match(text[start:end]):
                start += determiner.end()
            spans[(start, end)] = True
    for match in _PHRASE.finditer(text):
        spans.setdefault((match.start(), match.end()), False)
    mentions: list[_Mention] = []
    for (start, end), from_ner in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        segment = doc.segment_at(start)
        if segment is not None and segment.kind in _UNREAD_SEGMENTS:
            continue  # bylines and share buttons name people and widgets, not places
        mentions.extend(_longest_matches(text, start, end, from_ner, gazetteer))
    return _without_overlaps(mentions)


def _longest_matches(text: str, start: int, end: int, from_ner: bool, gazetteer: Gazetteer) -> list[_Mention]:
    """Greedy left-to-right longest gazetteer matches inside a candidate phrase."""
    tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    for index, (s, e) in enumerate(tokens[:-1]):
        if text[e - 1] in ".,;:" and not re.fullmatch(r"(?:[A-Z]\.)+", text[s:e]):
            tokens = tokens[: index + 1]  # "Hasakah. He" is two sentences, not one name
            break
    found: list[_Mention] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + 6), i, -1):
            s, e = tokens[i][0], tokens[j - 1][1]
            surface = text[s:e]
            if len(surface) > 4 or not surface.endswith("."):
                surface = surface.rstrip(".,;:’'")  # keep the dot of "U.S."
            e = s + len(surface)
            candidates = gazetteer.candidates(surface) if _worth_looking_up(surface, from_ner) else ()
            whole = j - i == len(tokens)
            if _COMPOUND_MODIFIER.match(text, e):
                candidates = ()  # "US-led", "Iranian-backed": a modifier, not where anything happened
            if candidates and _plausible(surface, candidates, from_ner and whole, whole):
                found.append(_Mention(surface, s, e, candidates, from_ner))
                i = j
                break
        else:
            i += 1
    return found


def _worth_looking_up(surface: str, from_ner: bool) -> bool:
    if sum(ch.isalnum() for ch in surface) < 2 or not any(ch.isalpha() for ch in surface):
        return False
    if surface.lower() in _STOP_SURFACES:
        return False
    if is_generic(surface) or fold(surface) in demonyms():
        return False
    shouted = surface.isupper() and len(surface) > 4
    return from_ner or not shouted


def _plausible(surface: str, candidates: tuple[Candidate, ...], whole_ner_span: bool, whole_phrase: bool) -> bool:
    """Gazetteer-only matches must name something notable, not any town that shares a common word."""
    best = max(candidates, key=lambda c: MATCH_STRENGTH[c.how])
    if whole_ner_span and best.how not in ("skeleton", "fuzzy"):
        # NER is trusted, except for an everyday word that only names some small town ("Unity").
        return zipf_frequency(surface, "en") < COMMON_WORD_ZIPF or any(
            c.place.population >= 100_000 or c.place.feature in _FEATURE_PRIOR for c in candidates)
    if best.how == "alias":
        return True
    if surface.isupper() and len(surface) > 2:
        return False  # acronyms (SANA, SDF) name places only through the alias table
    frequency = zipf_frequency(surface, "en")
    if best.how in ("skeleton", "fuzzy") and (frequency >= VARIANT_MAX_ZIPF or any(t.isupper() for t in surface.split())):
        return False
    if " " not in surface and frequency >= COMMON_WORD_ZIPF and not any(
        c.place.feature == "A.PCLI" and c.how in ("name", "alt") for c in candidates
    ):
        return False
    notable = [c for c in candidates if c.how != "fuzzy" and
               (c.place.feature in _FEATURE_PRIOR or c.place.population >= 100_000)]
    if not whole_phrase:
        # A place word inside a longer proper name ("UN Support Mission") must be a notable place.
        return bool(notable) and best.how in ("name", "alt")
    if best.how in ("skeleton", "fuzzy"):
        # Variant spellings count only for distinctive names of notable places.
        return len(surface) >= 6 and any(c.place.population >= 100_000 or c.place.feature == "A.ADM1" for c in candidates)
    return bool(notable) or (any(c.place.population >= 20_000 for c in candidates) and len(surface) > 3)


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    kept: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _resolve(doc: Document, mentions: list[_Mention]) -> list[Toponym]:
    text = doc.text
    for mention in mentions:
        after = text[mention.end : mention.end + 40]
        if _ADMIN_QUALIFIER.match(after):
            mention.qualifier = "admin"
        elif _AIRFIELD_QUALIFIER.match(after):
            mention.qualifier = "airfield"
        relative = _RELATIVE.search(text[max(0, mention.start - 40) : mention.start])
        if relative and relative.group("dir") and relative.group("dir").lower() in _DIRECTIONS:
            mention.modifier = relative.group(0).strip()
    context = _country_context(mentions)
    for mention in mentions:
        # Variant spellings are trusted only for places in countries the text already names exactly.
        mention.candidates = tuple(c for c in mention.candidates
                                   if c.how not in ("skeleton", "fuzzy") or context.get(c.place.country or "", 0) > 0)
    first_pass = [_best(m, context, None) for m in mentions]
    anchors = [c.place for c in first_pass if c is not None and c.how in ("alias", "name")]
    toponyms: list[Toponym] = []
    for mention in mentions:
        chosen = _best(mention, context, anchors)
        if chosen is None or _coincidence(chosen, context):
            continue
        segment = doc.segment_at(mention.start)
        lat, lon = _apply_modifier(chosen.place, mention.modifier)
        toponyms.append(
            Toponym(
                text=mention.text, start=mention.start, end=mention.end,
                segment=segment.kind if segment else "body",
                name=chosen.place.name, source=chosen.place.source, source_id=chosen.place.source_id,
                lat=lat, lon=lon, country=chosen.place.country, admin1=chosen.place.admin1,
                feature=chosen.place.feature, modifier=mention.modifier,
                score=round(_score(chosen, mention, context, anchors), 3),
            )
        )
    return toponyms


def _country_context(mentions: list[_Mention]) -> Counter[str]:
    """Countries the document is about: unambiguous mentions vote for their country."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        countries = {c.place.country for c in mention.candidates if c.how != "skeleton" and c.place.country}
        if len(countries) == 1:
            votes[countries.pop()] += 1
    return votes


def _score(candidate: Candidate, mention: _Mention, context: Counter[str], anchors: list[Place] | None) -> float:
    place = candidate.place
    importance = _FEATURE_PRIOR.get(place.feature, math.log10(place.population + 10))
    score = 4.0 * MATCH_STRENGTH[candidate.how] + 0.5 * importance
    if place.country and context:
        score += 3.0 * context[place.country] / max(context.values())
    if mention.qualifier == "admin":
        score += 4.0 if place.feature == "A.ADM1" else 0.0
    elif mention.qualifier == "airfield":
        score += 4.0 if place.feature.startswith("S.AIR") else 0.0
    elif place.feature == "A.ADM1":
        score -= 1.5  # a bare "Homs" is the city unless the text says province
    elif place.feature.startswith("S.AIR") and candidate.how not in ("name", "alias"):
        score -= 2.0  # "Sirte" is the town; its airport is named as one
    if anchors:
        nearest = min((distance_km(place.lat, place.lon, a.lat, a.lon) for a in anchors if a.id != place.id), default=None)
        if nearest is not None:
            score += 1.5 * math.exp(-nearest / 300.0)
    return score


def _coincidence(candidate: Candidate, context: Counter[str]) -> bool:
    place = candidate.place
    foreign = bool(context) and context.get(place.country or "", 0) == 0
    return foreign and place.feature == "P.PPL" and place.population < SMALL_PLACE and candidate.how != "alias"


def _best(mention: _Mention, context: Counter[str], anchors: list[Place] | None) -> Candidate | None:
    if not mention.candidates:
        return None
    return max(mention.candidates, key=lambda c: _score(c, mention, context, anchors))


def _apply_modifier(place: Place, modifier: str | None) -> tuple[float, float]:
    """Shift the point for "20 km north of X" or "eastern X" (a quarter of the region's reach)."""
    if not modifier:
        return place.lat, place.lon
    match = _RELATIVE.search(modifier + " ")
    assert match is not None
    bearing = math.radians(_DIRECTIONS[match.group("dir").lower()])
    km = float(match.group("km")) if match.group("km") else (60.0 if place.feature in ("A.ADM1", "A.PCLI") else 10.0)
    dlat = km * math.cos(bearing) / 111.0
    dlon = km * math.sin(bearing) / (111.0 * max(math.cos(math.radians(place.lat)), 0.1))
    return round(place.lat + dlat, 5), round(place.lon + dlon, 5)


def _focus(toponyms: list[Toponym]) -> list[FocusPlace]:
    """What the article is about: places weighted by segment, frequency and specificity."""
    weights: dict[tuple[str, float, float], float] = {}
    info: dict[tuple[str, float, float], Toponym] = {}
    for toponym in toponyms:
        if toponym.segment not in ("headline", "body", "attribution"):
            continue
        key = (toponym.name, toponym.lat, toponym.lon)
        weight = (2.0 if toponym.segment == "headline" else 1.0) * (0.5 if toponym.feature == "A.PCLI" else 1.0)
        weights[key] = weights.get(key, 0.0) + weight
        info.setdefault(key, toponym)
    ranked = sorted(weights.items(), key=lambda item: -item[1])[:3]
    return [
        FocusPlace(name=name, lat=lat, lon=lon, country=info[key].country, admin1=info[key].admin1, weight=weight)
        for key, weight in ranked
        for name, lat, lon in [key]
    ]
