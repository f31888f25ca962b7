"""Document focus: the few places an article is about, not every place it names.

Evidence, as a reader weighs it: the headline and the dateline, how often a
place recurs, how early it first appears, and containment (a province gains
from the towns the article names inside it). Countries only lead when nothing
more specific does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vedette.records import Document, FocusPlace, Toponym

FOCUS_SIZE = 3
HEADLINE_WEIGHT = 3.0
DATELINE_WEIGHT = 2.0
CONTAINED_SHARE = 0.3
"""Share of a contained place's weight that its first-level region or country also earns."""
COUNTRY_DISCOUNT = 0.5
MIN_SHARE = 0.25
"""Places below this share of the leader's weight are mentioned, not focal."""
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'-]{2,40}(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]{1,30}\)\s*)?[—–:-]")
_FOCUS_SEGMENTS = ("headline", "body", "attribution")


@dataclass
class _Tally:
    toponym: Toponym
    weight: float = 0.0


def focus(doc: Document, toponyms: list[Toponym]) -> list[FocusPlace]:
    """Ranked focus places of a document (at most FOCUS_SIZE)."""
    dateline = _dateline_end(doc)
    tallies: dict[tuple[str, str | None], _Tally] = {}
    for position, toponym in enumerate(t for t in toponyms if t.segment in _FOCUS_SEGMENTS):
        key = (toponym.name, toponym.source_id)
        weight = 1.0 + 1.0 / (1 + position)  # earlier mentions count a little more
        if toponym.segment == "headline":
            weight *= HEADLINE_WEIGHT
        elif toponym.start < dateline:
            weight *= DATELINE_WEIGHT
        if toponym.feature == "A.PCLI":
            weight *= COUNTRY_DISCOUNT
        tally = tallies.setdefault(key, _Tally(toponym))
        tally.weight += weight
        if tally.toponym.modifier and not toponym.modifier:
            tally.toponym = toponym  # the place's own point, not "20 km north of" it
    for tally in list(tallies.values()):
        place = tally.toponym
        if place.feature in ("A.PCLI", "A.ADM1"):
            continue
        for container in tallies.values():
            if _contains(container.toponym, place):
                container.weight += CONTAINED_SHARE * tally.weight
    ranked = sorted(tallies.values(), key=lambda t: -t.weight)
    if not ranked:
        return []
    leader = ranked[0].weight
    return [
        FocusPlace(
            name=t.toponym.name,
            lat=t.toponym.lat,
            lon=t.toponym.lon,
            country=t.toponym.country,
            admin1=t.toponym.admin1,
            weight=round(t.weight, 3),
        )
        for t in ranked[:FOCUS_SIZE]
        if t.weight >= MIN_SHARE * leader
    ]


def _contains(container: Toponym, place: Toponym) -> bool:
    if container.feature == "A.PCLI":
        return container.country is not None and container.country == place.country
    if container.feature == "A.ADM1":
        return container.admin1 is not None and container.admin1 == place.admin1 and container.country == place.country
    return False


def _dateline_end(doc: Document) -> int:
    """End offset of a dateline ("DAMASCUS (Reuters) -") opening the first body paragraph, else -1."""
    body = doc.segments_of("body")
    if not body:
        return -1
    start = body[0].start
    match = _DATELINE.match(doc.text, start, min(len(doc.text), start + 80))
    return match.end() if match else -1
