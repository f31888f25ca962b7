"""Actor normalisation: dictionary aliases, country names, capitals, demonyms and sector keywords."""

import pytest

from vedette.events import normalise_actor


@pytest.mark.parametrize(
    ("phrase", "name", "country", "sector"),
    [
        ("the SAA", "Syrian Arab Army", "SYR", "MIL"),
        ("Russian Air Force", "Russian Air Force", "RUS", "MIL"),
        ("IS fighters", "Islamic State", None, "REB"),
        ("Kata'ib Hezbollah", "Popular Mobilization Forces", "IRQ", "MIL"),
        ("the Kremlin", "Russian government", "RUS", "GOV"),
    ],
)
def test_events_actors_dictionary_aliases(phrase: str, name: str, country: str | None, sector: str) -> None:
    entry = normalise_actor(phrase)
    assert (entry.name, entry.country, entry.sector) == (name, country, sector)


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Turkish police", "TUR", "COP"),
        ("The Sudanese government", "SDN", "GOV"),  # demonyms.tsv says Suriname; actors.yaml corrects it
        ("NATO-member Norway", "NOR", None),  # the head of the phrase wins over a modifier
        ("Iraqi and Syrian intelligence officers", "IRQ", "SPY"),  # the first of coordinated countries
        ("Lebanon's new President", "LBN", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Berlin", "DEU", None),  # a capital stands for its government
        ("the Iraqi Red Crescent", "IRQ", "NGO"),
    ],
)
def test_events_actors_country_and_sector(phrase: str, country: str | None, sector: str | None) -> None:
    entry = normalise_actor(phrase)
    assert (entry.country, entry.sector) == (country, sector)


def test_events_actors_acronyms_only_match_in_capitals() -> None:
    assert normalise_actor("UN envoy").sector == "IGO"
    assert normalise_actor("us").country is None
    assert normalise_actor("Male protesters").country is None  # Male, capital of the Maldives, is an exception
