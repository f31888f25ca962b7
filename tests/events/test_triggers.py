"""Event rules on hand-written sentences (parsed with the real model)."""

import pytest

from vedette.events import extract_events, normalise_actor
from vedette.records import Document, Segment, Toponym

pytestmark = pytest.mark.slow


def _doc(sentence: str) -> Document:
    place_at = sentence.index("Raqqa")
    toponym = Toponym(
        text="Raqqa",
        start=place_at,
        end=place_at + 5,
        segment="body",
        name="Ar Raqqah",
        source="geonames",
        source_id="163915",
        lat=35.95,
        lon=39.01,
        country="SY",
        feature="P.PPL",
    )
    return Document(
        id="d1",
        text=sentence,
        origin="test",
        segments=[Segment(kind="body", start=0, end=len(sentence))],
        sentences=[(0, len(sentence))],
        toponyms=[toponym],
    )


@pytest.mark.parametrize(
    ("sentence", "event_type", "modality"),
    [
        ("Syrian troops shelled villages near Raqqa on Monday.", "ASSAULT", "occurred"),
        ("The army plans to deploy reinforcements to Raqqa next week.", "MOBILIZE", "planned"),
        ("Turkish jets could strike Raqqa if the talks fail.", "ASSAULT", "hypothetical"),
        ("The coalition did not attack Raqqa, a spokesman said.", "ASSAULT", "negated"),
        ("SDF fighters withdrew from Raqqa overnight.", "RETREAT", "occurred"),
    ],
)
def test_events_rules_code_type_and_modality(sentence: str, event_type: str, modality: str) -> None:
    [doc] = list(extract_events([_doc(sentence)]))
    first = doc.events[0]
    assert (first.event_type, first.modality) == (event_type, modality)
    assert first.place is not None and first.place.name == "Ar Raqqah"


def test_events_actor_dictionary_and_demonym_fallback() -> None:
    assert (normalise_actor("the SAA").name, normalise_actor("the SAA").country) == ("Syrian Arab Army", "SYR")
    guards = normalise_actor("Iraqi border guards")
    assert (guards.country, guards.sector) == ("IRQ", "MIL")
    police = normalise_actor("Turkish police")
    assert (police.country, police.sector) == ("TUR", "COP")
