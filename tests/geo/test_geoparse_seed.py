"""The seed page's places, resolved with the real gazetteer and spaCy model."""

from pathlib import Path

import pytest

from vedette.geo.build import distance_km
from vedette.ingest import read_paths
from vedette.pipeline import Pipeline
from vedette.records import Document, Toponym

pytestmark = pytest.mark.slow

# Reference points (GeoNames / OurAirports); regions are their representative point.
EXPECTED = {
    "T-4": (34.5226, 37.6299),  # Tiyas Air Base (OurAirports OS72)
    "Hmaymim": (35.4011, 35.9487),  # Bassel Al-Assad airport, the Khmeimim base (OS LK)
    "Palmyra": (34.5624, 38.2840),  # Tadmur
    "Homs": (34.7241, 36.7256),
    "Latakia": (35.5313, 35.7909),
    "Mosul": (36.3350, 43.1189),
    "Deir Ezzor": (35.2, 40.3),  # Deir ez-Zor Governorate
    "Syria": (35.0, 38.0),
}


@pytest.fixture(scope="module")
def toponyms(seed_path: Path, gazetteer_path: Path) -> list[Toponym]:
    [doc] = list(read_paths([seed_path]))
    assert isinstance(doc, Document)
    stages = ["vedette.segment.rules.v1", "vedette.nlp.spacy_ner.v2", "vedette.geo.gazetteer.v2"]
    return Pipeline(stages).process([doc])[0].toponyms


@pytest.mark.parametrize("surface", sorted(EXPECTED))
def test_geoparse_seed_place_within_25km(toponyms: list[Toponym], surface: str) -> None:
    found = [t for t in toponyms if t.text == surface and t.segment in ("body", "headline")]
    assert found, f"{surface} not recognised; got {[t.text for t in toponyms]}"
    lat, lon = EXPECTED[surface]
    assert min(distance_km(t.lat, t.lon, lat, lon) for t in found) <= 25


def test_geoparse_seed_mosul_is_in_iraq_and_t4_is_an_airbase(toponyms: list[Toponym]) -> None:
    assert {t.country for t in toponyms if t.text == "Mosul"} == {"IQ"}
    assert {t.feature for t in toponyms if t.text == "T-4"} == {"S.AIRB"}


@pytest.mark.parametrize("surface", ["Days az Zawr", "Der El Zor"])
def test_geoparse_seed_comment_spellings_resolve_to_deir_ez_zor(toponyms: list[Toponym], surface: str) -> None:
    found = [t for t in toponyms if t.text == surface]
    assert found and all(t.segment == "comment" for t in found)
    assert all(distance_km(t.lat, t.lon, 35.336, 40.141) <= 25 for t in found)


def test_geoparse_seed_eastern_homs_keeps_its_modifier(toponyms: list[Toponym]) -> None:
    homs = [t for t in toponyms if t.text == "Homs" and t.modifier]
    assert homs and homs[0].modifier.lower().startswith("east")
    assert homs[0].lon > 36.7256  # moved east of the city point
