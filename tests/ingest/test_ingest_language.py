"""Language detection: English news takes the function-word path, every other language goes to lingua."""

import pytest

from vedette.ingest.language import detect_language

ENGLISH = (
    "Government forces shelled the town of Talbiseh north of Homs on Tuesday, killing three civilians, according "
    "to local activists who spoke to the outlet. The army said the strikes were aimed at positions held by armed "
    "groups and that it would continue."
)
# Languages that share short words with English ("is", "was", "of", "in", "a", "for"), so a naive word count
# would take them for English.
OTHERS = {
    "nl": "Regeringstroepen hebben dinsdag de stad Talbiseh ten noorden van Homs beschoten, waarbij drie burgers om "
    "het leven kwamen, aldus lokale activisten. Het leger zei dat de aanvallen gericht waren op posities van "
    "gewapende groepen. Of dat waar is, was niet te controleren.",
    "de": "Regierungstruppen haben am Dienstag die Stadt Talbiseh nördlich von Homs beschossen und dabei drei "
    "Zivilisten getötet, wie örtliche Aktivisten berichteten. Was die Armee dazu sagt, ist nicht bekannt.",
    "da": "Regeringsstyrker beskød tirsdag byen Talbiseh nord for Homs og dræbte tre civile, oplyser lokale "
    "aktivister. Hæren siger, at angrebene var rettet mod stillinger for væbnede grupper, og at de vil fortsætte.",
}


def test_ingest_language_of_english_news() -> None:
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_ingest_language_of_text_sharing_short_words_with_english(code: str) -> None:
    assert detect_language(OTHERS[code]) == code


def test_ingest_language_of_too_little_text_is_unknown() -> None:
    assert detect_language("Homs, 12:00") is None
