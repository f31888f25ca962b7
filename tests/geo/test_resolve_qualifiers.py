"""Resolution with the real gazetteer and hand-made entities (no spaCy model): qualifiers and context decide."""

from pathlib import Path

import pytest

from vedette.geo import geoparse, load_gazetteer
from vedette.records import Document, Entity, Segment, Toponym


def parse(text: str, places: list[str], gazetteer_path: Path) -> list[Toponym]:
    entities = []
    for place in places:
        start = text.index(place)
        entities.append(Entity(text=place, start=start, end=start + len(place), label="GPE"))
    doc = Document(
        id="t", text=text, origin="test", entities=entities, segments=[Segment(kind="body", start=0, end=len(text))]
    )
    return geoparse(doc, load_gazetteer(gazetteer_path)).toponyms


def first(toponyms: list[Toponym], surface: str) -> Toponym:
    return next(t for t in toponyms if t.text == surface)


def test_resolve_comma_qualifier_picks_the_named_state(gazetteer_path: Path) -> None:
    toponyms = parse(
        "The mayor of Alexandria, Louisiana, opened the new bridge on Monday.",
        ["Alexandria", "Louisiana"],
        gazetteer_path,
    )
    alexandria = first(toponyms, "Alexandria")
    assert (alexandria.country, alexandria.admin1) == ("US", "Louisiana")


def test_resolve_demonym_before_a_city_names_its_country(gazetteer_path: Path) -> None:
    toponyms = parse("Fighting resumed near the Iraqi city of Mosul after a week of calm.", ["Mosul"], gazetteer_path)
    assert first(toponyms, "Mosul").country == "IQ"


@pytest.mark.parametrize(
    "text, feature",
    [
        ("Shelling was reported across Homs province on Tuesday.", "A.ADM1"),
        ("Shelling was reported in Homs on Tuesday, residents said.", "P.PPL"),
    ],
)
def test_resolve_province_word_chooses_the_province_over_the_city(
    text: str, feature: str, gazetteer_path: Path
) -> None:
    assert first(parse(text, ["Homs"], gazetteer_path), "Homs").feature == feature


def test_resolve_distance_and_direction_move_the_point(gazetteer_path: Path) -> None:
    toponyms = parse("The convoy was hit 20 km north of Palmyra, near the T-4 airbase.", ["Palmyra"], gazetteer_path)
    palmyra = first(toponyms, "Palmyra")
    assert palmyra.modifier == "20 km north of"
    assert palmyra.name == "Tadmur" and palmyra.lat == pytest.approx(34.56 + 20 / 111.0, abs=0.02)


def test_resolve_context_keeps_a_local_story_in_its_state(gazetteer_path: Path) -> None:
    text = "Flooding closed roads in Paris, Lamar County, and in nearby Clarksville and Honey Grove, Texas."
    toponyms = parse(text, ["Paris", "Lamar County", "Clarksville", "Honey Grove", "Texas"], gazetteer_path)
    assert first(toponyms, "Paris").admin1 == "Texas"


def test_resolve_named_container_outweighs_the_story_country(gazetteer_path: Path) -> None:
    toponyms = parse(
        "The Red Deer skater trains in Alberta, Canada, and was state champion for Queensland, Australia.",
        ["Red Deer", "Alberta", "Canada", "Queensland", "Australia"],
        gazetteer_path,
    )
    queensland = first(toponyms, "Queensland")
    assert (queensland.country, queensland.feature) == ("AU", "A.ADM1")


def test_resolve_list_of_states_is_not_read_as_place_and_container(gazetteer_path: Path) -> None:
    toponyms = parse(
        "Cases were reported in Arizona, Georgia, Illinois, Missouri and Ohio, the agency said.",
        ["Arizona", "Georgia", "Illinois", "Missouri", "Ohio"],
        gazetteer_path,
    )
    assert [(t.text, t.feature) for t in toponyms if t.text in ("Georgia", "Illinois")] == [
        ("Georgia", "A.ADM1"),
        ("Illinois", "A.ADM1"),
    ]


def test_resolve_place_in_a_named_country_stays_in_it(gazetteer_path: Path) -> None:
    toponyms = parse(
        "Doctors from Atlanta, Georgia, flew to Sumatra in Indonesia to test villagers for the virus.",
        ["Atlanta", "Georgia", "Sumatra", "Indonesia"],
        gazetteer_path,
    )
    assert first(toponyms, "Sumatra").country == "ID"
