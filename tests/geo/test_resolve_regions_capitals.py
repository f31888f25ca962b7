"""Issue 5 regressions: regions no source holds, capitals, namesake areas, lists of divisions, name tails,
post-office towns and abbreviated spellings, with the real gazetteer and hand-made entities (no spaCy model)."""

from pathlib import Path

import pytest

from vedette.geo import geoparse, load_gazetteer
from vedette.geo.resolve import _division_lists
from vedette.records import Document, Entity, Segment, Toponym


def parse(text: str, places: list[str], gazetteer_path: Path, scan: bool = False) -> list[Toponym]:
    entities = []
    for place in (p for p in places if p in text):
        start = text.index(place)
        entities.append(Entity(text=place, start=start, end=start + len(place), label="GPE"))
    doc = Document(
        id="t", text=text, origin="test", entities=entities, segments=[Segment(kind="body", start=0, end=len(text))]
    )
    return geoparse(doc, load_gazetteer(gazetteer_path), scan_gazetteer=scan).toponyms


def found(toponyms: list[Toponym], surface: str) -> Toponym:
    return next(t for t in toponyms if t.text == surface)


@pytest.mark.parametrize(
    "text",
    [
        "Coalition troops moved from Al-Asad Air Base in Anbar to Erbil in the Kurdistan region, Iraqi officials said.",
        "Officials in Baghdad and Erbil said Kurdistan would hold its vote in May.",
    ],
)
def test_resolve_kurdistan_beside_iraqi_places_is_the_kurdistan_region_of_iraq(text: str, gazetteer_path: Path) -> None:
    kurdistan = found(parse(text, ["Anbar", "Erbil", "Kurdistan", "Baghdad"], gazetteer_path), "Kurdistan")
    assert (kurdistan.name, kurdistan.feature, kurdistan.country) == ("Kurdistan Region", "L.RGN", "IQ")
    assert kurdistan.lat == pytest.approx(36.0, abs=1.0) and kurdistan.lon == pytest.approx(44.5, abs=1.0)


def test_resolve_region_made_of_countries_sits_among_them(gazetteer_path: Path) -> None:
    middle_east = found(
        parse("Oil prices rose on tension in the Middle East.", ["Middle East"], gazetteer_path), "Middle East"
    )
    assert (middle_east.feature, middle_east.country) == ("L.RGN", None)
    assert 20 < middle_east.lat < 35 and 35 < middle_east.lon < 50  # not the Baltimore neighbourhood


def test_resolve_region_made_of_towns_lies_among_them(gazetteer_path: Path) -> None:
    text = "Aid convoys from Damascus have not reached Eastern Ghouta, residents of Douma said."
    ghouta = found(parse(text, ["Damascus", "Eastern Ghouta", "Douma"], gazetteer_path), "Eastern Ghouta")
    assert (ghouta.feature, ghouta.country) == ("L.RGN", "SY")
    assert 33.4 < ghouta.lat < 33.7 and 36.2 < ghouta.lon < 36.5  # east of Damascus, around Douma and Harasta


@pytest.mark.parametrize("text", ["Ankara has threatened an operation for months.", "Talks between Moscow and Ankara."])
def test_resolve_bare_capital_name_is_the_city_not_its_province(text: str, gazetteer_path: Path) -> None:
    ankara = found(parse(text, ["Ankara"], gazetteer_path), "Ankara")
    assert (ankara.feature, ankara.country) == ("P.PPLC", "TR")


def test_resolve_bare_name_of_a_town_and_its_district_is_the_town(gazetteer_path: Path) -> None:
    text = "Two brigades were sent from Haditha to the border strip in Anbar."
    haditha = found(parse(text, ["Haditha", "Anbar"], gazetteer_path), "Haditha")
    assert haditha.feature == "P.PPL" and haditha.country == "IQ"


def test_resolve_names_listed_before_counties_are_counties(gazetteer_path: Path) -> None:
    text = "Storms hit Butler, Clark, Madison and Warren counties in Ohio."
    toponyms = parse(text, ["Butler", "Clark", "Madison", "Warren", "Ohio"], gazetteer_path)
    for name in ("Butler", "Clark", "Madison", "Warren"):
        county = found(toponyms, name)
        assert (county.feature, county.admin1) == ("A.ADM2", "Ohio"), name


def test_resolve_division_list_starts_after_a_possessive() -> None:
    text = "Floods in China's Hunan and Hubei provinces, and in Butler and Warren counties."
    assert [text[start:end] for start, end in _division_lists(text)] == ["Hunan and Hubei", "Butler and Warren"]


def test_recognise_article_led_tail_of_a_longer_name_is_no_place(gazetteer_path: Path) -> None:
    text = "Hayat Tahrir al-Sham fighters detained protesters in Idlib."
    surfaces = [t.text for t in parse(text, ["Idlib"], gazetteer_path, scan=True)]
    assert "al-Sham" not in surfaces and "Idlib" in surfaces


def test_resolve_post_office_town_geonames_lacks_is_a_candidate(gazetteer_path: Path) -> None:
    text = "A crash near Winside, Neb., closed the highway east of Norfolk, Nebraska."
    winside = found(parse(text, ["Winside", "Norfolk", "Nebraska"], gazetteer_path), "Winside")
    assert (winside.source, winside.admin1) == ("zipcodes", "Nebraska")
    assert winside.lat == pytest.approx(42.18, abs=0.2) and winside.lon == pytest.approx(-97.17, abs=0.2)


def test_gazetteer_abbreviated_spelling_finds_the_full_name_too(gazetteer_path: Path) -> None:
    states = {c.place.admin1 for c in load_gazetteer(gazetteer_path).candidates("Mt. Pleasant")}
    assert "Iowa" in states  # GeoNames spells it "Mount Pleasant"; other places are spelled "Mt. Pleasant"


def test_gazetteer_fuzzy_match_survives_a_typo_in_the_first_letter(gazetteer_path: Path) -> None:
    gazetteer = load_gazetteer(gazetteer_path)
    assert any(c.place.name == "Deir ez-Zor" for c in gazetteer.candidates("Days az Zawr"))  # typo inside
    assert any(c.place.name == "Deir ez-Zor" for c in gazetteer.candidates("Qeir ez-Zor"))  # typo in the first letter
    assert any(c.place.name == "Deir ez-Zor" for c in gazetteer.candidates("Deir ez-Zof"))  # typo in the last letter


@pytest.mark.parametrize(
    "name, country",
    [("Zaire", "CD"), ("Burma", "MM"), ("Dahomey", "BJ"), ("Democratic Republic of Congo", "CD")],
)
def test_gazetteer_former_and_article_free_country_names_find_the_country(
    name: str, country: str, gazetteer_path: Path
) -> None:
    found = {(c.place.country, c.place.feature) for c in load_gazetteer(gazetteer_path).candidates(name)}
    assert (country, "A.PCLI") in found


def test_gazetteer_country_that_became_a_province_is_not_its_successor(gazetteer_path: Path) -> None:
    features = {c.place.feature for c in load_gazetteer(gazetteer_path).candidates("Sikkim")}
    assert "A.ADM1" in features and "A.PCLI" not in features
