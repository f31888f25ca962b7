"""The derived admin-1 basemap: a valid TopoJSON that covers every country the sample corpus reports from."""

from __future__ import annotations

import json
from pathlib import Path

from vedette.store import Store

BASEMAP = Path(__file__).resolve().parents[2] / "vedette" / "web" / "static" / "basemap" / "admin1.topo.json"


def test_basemap_is_a_compact_topology_with_its_attribution() -> None:
    topology = json.loads(BASEMAP.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology" and "Natural Earth" in topology["attribution"]
    units = topology["objects"]["admin1"]["geometries"]
    assert all(u["properties"]["iso_3166_2"].startswith(u["properties"]["country"] + "-") for u in units)
    # Every arc index a unit uses exists (negative indices are reversed arcs: ~i).
    arcs = len(topology["arcs"])
    used = [i for u in units for ring in _rings(u) for i in ring]
    assert used and all(-arcs <= i < arcs for i in used)
    assert BASEMAP.stat().st_size < 250_000


def test_basemap_covers_the_countries_the_sample_corpus_reports_from(sample_db: Path) -> None:
    topology = json.loads(BASEMAP.read_text(encoding="utf-8"))
    covered = {u["properties"]["country"] for u in topology["objects"]["admin1"]["geometries"]}
    focus = {d["focus"][0]["country"] for d in Store(sample_db, create=False).documents() if d["focus"]}
    assert focus and focus <= covered, focus - covered
    names = {u["properties"]["name"] for u in topology["objects"]["admin1"]["geometries"]}
    assert {"Deir ez-Zor", "Homs", "Nineveh", "Al Anbar"} <= names


def _rings(unit: dict) -> list[list[int]]:
    if unit["type"] == "Polygon":
        return unit["arcs"]
    if unit["type"] == "MultiPolygon":
        return [ring for polygon in unit["arcs"] for ring in polygon]
    return []
