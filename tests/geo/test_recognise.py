"""Recognition: which phrases the geoparser takes for places when spaCy is silent (the gazetteer scan)."""

from pathlib import Path

from vedette.geo import geoparse, load_gazetteer
from vedette.records import Document, Segment


def scanned(text: str, gazetteer_path: Path) -> dict[str, str | None]:
    """Surface -> country of every toponym found with no NER entity at all: the gazetteer scan alone."""
    doc = Document(id="t", text=text, origin="test", segments=[Segment(kind="body", start=0, end=len(text))])
    return {t.text: t.country for t in geoparse(doc, load_gazetteer(gazetteer_path)).toponyms}


def test_recognise_small_towns_of_a_country_the_text_names(gazetteer_path: Path) -> None:
    text = (
        "Jets struck Saraqib and Idlib before dawn. Shelling was reported in Maarat al-Numan, "
        "and families fled Jisr al-Shughur for the border."
    )
    found = scanned(text, gazetteer_path)
    assert found["Maarat al-Numan"] == "SY" and found["Jisr al-Shughur"] == "SY"


def test_recognise_small_towns_need_the_country_named_first(gazetteer_path: Path) -> None:
    # Without Idlib or Saraqib, nothing says these are Syrian: too small to be taken on their own.
    found = scanned("Shelling was reported in Maarat al-Numan overnight.", gazetteer_path)
    assert "Maarat al-Numan" not in found


def test_recognise_a_name_only_a_skeleton_fits_is_no_local_town(gazetteer_path: Path) -> None:
    text = "The council met in Columbus, Ohio, where Mary Lioce and Paula Starr spoke for the library."
    found = scanned(text, gazetteer_path)
    assert "Mary Lioce" not in found and "Paula Starr" not in found


def test_recognise_article_spelled_otherwise_than_the_gazetteer_has_it(gazetteer_path: Path) -> None:
    text = (
        "Turkish forces entered Tal Abyad and Ras al-Ain in northern Syria after shelling from Akcakale; "
        "Kurdish fighters fell back toward Hasakah and Qamishli."
    )
    assert scanned(text, gazetteer_path)["Ras al-Ain"] == "SY"  # GeoNames: "Ra's al 'Ayn", "Ras el Ain"


def test_recognise_a_surname_a_variant_spelling_fits_is_no_place(gazetteer_path: Path) -> None:
    text = "The councils of Peoria and Bloomington met on Monday, and Verduin voted no."
    assert "Verduin" not in scanned(text, gazetteer_path)  # its consonants fit Virden, Illinois, and Verdun


def test_recognise_a_state_inside_an_agencys_name_once_its_country_is_named(gazetteer_path: Path) -> None:
    text = "The Ohio Department of Transportation closed the highway between Cincinnati and Dayton."
    assert scanned(text, gazetteer_path)["Ohio"] == "US"


def test_recognise_a_common_word_that_names_a_province_abroad_stays_a_word(gazetteer_path: Path) -> None:
    text = "Delta cancelled flights between Cincinnati and Dayton."  # Delta is also a Nigerian state
    assert "Delta" not in scanned(text, gazetteer_path)
