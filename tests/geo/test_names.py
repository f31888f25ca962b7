import pytest

from vedette.geo.names import (
    demonyms,
    fold,
    skeleton,
    with_one_article,
    without_article,
    without_generic_suffix,
)


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Der El Zor", "Deir al-Zour"])
def test_names_skeleton_joins_transliterations_of_deir_ez_zor(spelling: str) -> None:
    assert skeleton(spelling) == "drzr"


def test_names_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Deïr ez-Zor") == fold("DEIR EZ ZOR") == "deir ez zor"


def test_names_skeleton_refuses_short_or_generic_names() -> None:
    assert skeleton("Homs") is None
    assert skeleton("Hmaymim Airport") is None


def test_names_article_spellings_key_as_one() -> None:
    assert with_one_article("Ras el-Ain") == with_one_article("Ras al Ain") == "ras al ain"
    assert with_one_article("Ash Shaddadi") == "al shaddadi"
    assert with_one_article("Homs") == "homs"  # one word: nothing to respell


def test_names_generic_parts_come_off() -> None:
    assert without_generic_suffix("Deir ez-Zor Governorate") == "deir ez zor"
    assert without_generic_suffix("Muhafazat al Anbar") == "al anbar"
    assert without_article("Al-Anbar") == "anbar"


@pytest.mark.parametrize(
    "word, country",
    [
        ("Abkhaz", "GEO"),
        ("Azeri", "AZE"),
        ("Azerbaijani", "AZE"),
        ("South Ossetian", "GEO"),
        ("Sudanese", "SDN"),
        ("South Sudanese", "SSD"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Hellenic", "GRC"),
        ("Northern Irish", "GBR"),
    ],
)
def test_names_demonyms_name_the_country_the_people_live_in(word: str, country: str) -> None:
    assert demonyms()[fold(word)] == country
