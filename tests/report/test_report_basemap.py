"""The offline basemap: TopoJSON decoded to the right places, names found in any spelling, regions of events."""

from __future__ import annotations

import numpy as np
import pytest

from vedette.errors import VedetteError
from vedette.report.basemap import PlacePoint, load_basemap, place_regions


@pytest.mark.parametrize(
    ("lon", "lat", "region"),
    [
        (40.14, 35.33, "Deir ez-Zor, Syria"),  # Deir ez-Zor city
        (43.13, 36.34, "Nineveh, Iraq"),  # Mosul
        (16.59, 31.21, "Sirte, Libya"),  # Sirte
        (36.63, 35.93, "Idlib, Syria"),  # Idlib city
        (37.62, 55.75, "Russia"),  # Moscow: outside the admin-1 layer, so its country
    ],
)
def test_basemap_point_falls_in_its_region(lon: float, lat: float, region: str) -> None:
    [area] = load_basemap().regions(np.array([lon]), np.array([lat]))
    assert area is not None and area.label == region


def test_basemap_point_at_sea_has_no_region() -> None:
    assert load_basemap().regions(np.array([18.0]), np.array([34.0])) == [None]  # the Mediterranean


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Syria", "Syria"),
        ("Syrian Arab Republic", "Syria"),
        ("SY", "Syria"),
        ("Deir Ezzor", "Deir ez-Zor, Syria"),
        ("Dayr az Zawr", "Deir ez-Zor, Syria"),
        ("Anbar Governorate", "Al Anbar, Iraq"),
        ("Raqqa", "Al-Raqqah, Syria"),
        ("idleb", "Idlib, Syria"),
    ],
)
def test_basemap_finds_region_in_any_spelling(name: str, label: str) -> None:
    assert load_basemap().find(name).label == label


def test_basemap_unknown_region_names_the_coverage() -> None:
    with pytest.raises(VedetteError) as caught:
        load_basemap().find("Narnia")
    assert str(caught.value) == (
        "[V601] region 'Narnia' matches no country, nor an admin-1 unit of IQ, JO, LB, LY, SY, TR, YE; "
        "check the spelling or pass --bbox W,S,E,N"
    )


def test_country_level_place_counts_for_its_country_not_the_province_under_its_centroid() -> None:
    basemap = load_basemap()
    syria_centroid = (38.5, 35.0)  # inside Homs governorate
    regions = place_regions(
        basemap,
        [
            PlacePoint(*syria_centroid, country="SY", country_level=True),
            PlacePoint(*syria_centroid, country="SY"),
            None,
        ],
    )
    assert [r.label if r else None for r in regions] == ["Syria", "Homs, Syria", None]


def test_area_contains_respects_its_outline() -> None:
    homs = load_basemap().find("Homs")
    inside = homs.contains(np.array([37.3, 40.14]), np.array([34.55, 35.33]))  # Palmyra-ish, Deir ez-Zor
    assert inside.tolist() == [True, False]
