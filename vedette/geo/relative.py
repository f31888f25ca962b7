"""Relative place expressions: "eastern Homs", "west Latakia", "20 km north of Palmyra".

The base place stays what the gazetteer says; the modifier is kept verbatim and
the point moves: by the stated distance, or for a bare direction by a share of
the place's reach (a province's eastern part lies tens of km from its centre).
"""

from __future__ import annotations

import math
import re

from vedette.geo.gazetteer import Place

DIRECTIONS = {
    "north": 0,
    "northern": 0,
    "northeast": 45,
    "northeastern": 45,
    "east": 90,
    "eastern": 90,
    "southeast": 135,
    "southeastern": 135,
    "south": 180,
    "southern": 180,
    "southwest": 225,
    "southwestern": 225,
    "west": 270,
    "western": 270,
    "northwest": 315,
    "northwestern": 315,
}
_UNITS_KM = {"km": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kms": 1.0, "miles": 1.609, "mi": 1.609}
_RELATIVE = re.compile(
    r"(?:(?P<distance>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilometres|kilometers|miles|mi)\s+)?"
    r"(?P<dir>(?:north|south)-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?)"
    r"(?:\s+of)?(?:\s+the)?(?:\s+(?:city|town|province|governorate)\s+of)?\s+$",
    re.I,
)
REGION_REACH_KM = 60.0
"""How far "eastern X" moves the point of a province or country."""
TOWN_REACH_KM = 10.0
"""How far "eastern X" moves the point of a town (its eastern districts or outskirts)."""


def modifier_before(text: str, start: int) -> str | None:
    """The relative expression right before a place name, if any ("20 km north of", "eastern")."""
    match = _RELATIVE.search(text[max(0, start - 50) : start])
    if match is None:
        return None
    before = text[max(0, start - 50) : start][: match.start()]
    if before and before[-1:].isalpha():
        return None  # "Southeast" inside a longer word
    return match.group(0).strip()


def shifted_point(place: Place, modifier: str | None) -> tuple[float, float]:
    """The place's point moved as the modifier says (unchanged without one)."""
    if not modifier:
        return place.lat, place.lon
    match = _RELATIVE.search(modifier + " ")
    if match is None:
        return place.lat, place.lon
    bearing = math.radians(DIRECTIONS[match.group("dir").lower().replace("-", "")])
    if match.group("distance"):
        km = float(match.group("distance")) * _UNITS_KM[match.group("unit").lower()]
    else:
        km = REGION_REACH_KM if place.feature in ("A.ADM1", "A.ADM2", "A.PCLI", "L.RGN") else TOWN_REACH_KM
    dlat = km * math.cos(bearing) / 111.0
    dlon = km * math.sin(bearing) / (111.0 * max(math.cos(math.radians(place.lat)), 0.1))
    return round(place.lat + dlat, 5), round(place.lon + dlon, 5)
