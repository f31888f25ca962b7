"""The coder on hand-written sentences, parsed with the real model (issue 6)."""

import pytest

from vedette.events import extract_events
from vedette.events.coder import Coded
from vedette.nlp import RecentResults
from vedette.records import Document, Event, Segment, Toponym

pytestmark = pytest.mark.slow

RAQQA = Toponym(
    text="Raqqa",
    start=0,
    end=5,
    segment="body",
    name="Ar Raqqah",
    source="geonames",
    source_id="163915",
    lat=35.95,
    lon=39.01,
    country="SY",
    feature="P.PPL",
)


def _events(text: str, kind: str = "body", with_place: bool = False) -> list[Event]:
    toponyms = []
    if with_place:
        at = text.index("Raqqa")
        toponyms = [RAQQA.model_copy(update={"start": at, "end": at + 5})]
    doc = Document(
        id="d1",
        text=text,
        origin="test",
        segments=[Segment(kind=kind, start=0, end=len(text))],
        sentences=[(0, len(text))],
        toponyms=toponyms,
    )
    [coded] = list(extract_events([doc]))
    return sorted(coded.events, key=lambda e: e.rank)


@pytest.mark.parametrize(
    ("sentence", "event_type", "modality"),
    [
        ("Syrian troops shelled villages near Raqqa on Monday.", "ASSAULT", "occurred"),
        ("The army plans to deploy reinforcements to Raqqa next week.", "MOBILIZE", "planned"),
        ("Turkish jets could strike Raqqa if the talks fail.", "ASSAULT", "hypothetical"),
        ("The coalition did not attack Raqqa, a spokesman said.", "ASSAULT", "negated"),
        ("SDF fighters withdrew from Raqqa overnight.", "RETREAT", "occurred"),
        ("The SDF denied launching any drones at Raqqa.", "ASSAULT", "negated"),
        ("Residents hope the army will leave Raqqa soon.", "RETREAT", "wished"),
    ],
)
def test_events_coder_type_modality_and_place(sentence: str, event_type: str, modality: str) -> None:
    first = _events(sentence, with_place=True)[0]
    assert (first.event_type, first.modality) == (event_type, modality)
    assert first.place is not None and first.place.name == "Ar Raqqah" and not first.place_inferred


@pytest.mark.parametrize(
    ("sentence", "event_type", "about_type"),
    [
        ("Iran threatened to shell Iraqi border towns.", "THREATEN", "ASSAULT"),
        ("Germany will give Iraq 40 million euros for water plants, the embassy said.", "AGREE", "AID"),
        ("Iraq said it would not accept any foreign troops on its soil.", "REJECT", "AGREE"),
        ("The Houthis vowed to strike Saudi oil facilities.", "THREATEN", "ASSAULT"),
        ("The local council demanded that the government send more troops.", "REQUEST", "MOBILIZE"),
        ("Damascus refused to negotiate with Ankara.", "REJECT", "CONSULT"),
        ("The SDF accused Turkey of shelling civilian homes.", "ACCUSE", "ASSAULT"),
        ("Russia said Turkey must withdraw its troops from Idlib.", "REQUEST", "RETREAT"),
        ("Jordan is ready to host a new round of talks.", "AGREE", "CONSULT"),
    ],
)
def test_events_coder_codes_statements_of_intent_as_plover_does(
    sentence: str, event_type: str, about_type: str
) -> None:
    first = _events(sentence)[0]
    assert (first.event_type, first.about_type, first.modality) == (event_type, about_type, "occurred")


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Serbia lifted the night curfew in the province.", "CONCEDE"),
        ("The World Food Programme suspended aid deliveries in northern Yemen.", "SANCTION"),
        ("Morocco broke off diplomatic relations with Iran.", "SANCTION"),
        ("Tribal leaders held talks with SDF commanders on Saturday.", "CONSULT"),
        ("Thousands of students staged demonstrations in Baghdad.", "PROTEST"),
        ("The teachers' union called off the strike.", "CONCEDE"),
        ("The IAEA launched an investigation into the site.", "ACCUSE"),
    ],
)
def test_events_coder_reads_light_and_reversing_verbs_through_their_object(sentence: str, event_type: str) -> None:
    assert _events(sentence)[0].event_type == event_type


def test_events_coder_ranks_the_main_clause_first_and_skips_reporting_verbs() -> None:
    events = _events("Officials said the army shelled Raqqa after rebels attacked a checkpoint.")
    assert [e.event_type for e in events][:1] == ["ASSAULT"]
    assert events[0].trigger == "shelled" and events[0].actor is not None and events[0].actor.text == "army"
    assert "Officials" in events[0].attribution


def test_events_coder_finds_actor_and_target_with_countries() -> None:
    [event] = _events("The Syrian army sent reinforcements to Deir Ezzor, according to SANA.")
    assert (event.event_type, event.actor.name, event.actor.country, event.actor.sector) == (
        "MOBILIZE",
        "Syrian Arab Army",
        "SYR",
        "MIL",
    )
    assert event.attribution == ["SANA"]
    demand = _events("Palestinian officials demanded that the United States match the EU's support.")[0]
    assert (demand.actor.country, demand.target.country) == ("PSE", "USA")


def test_events_coder_resolves_a_pronoun_to_the_reporting_subject() -> None:
    event = _events("Syria says it is willing to withdraw its troops from Lebanon.")[0]
    assert (event.event_type, event.actor.country) == ("AGREE", "SYR")


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents, who asked not to be named, said they feared more shelling.",
        "Iran-backed militias control the town, which has a population of 20,000.",
        "The Popular Mobilization Forces have an office in the town.",
        "The ward has 300 beds for wounded patients.",
    ],
)
def test_events_coder_gives_no_event_for_idioms_names_and_descriptions(sentence: str) -> None:
    assert _events(sentence) == []


def test_events_bare_sentence_events_need_no_place() -> None:
    [event] = _events("Gunmen kidnapped two aid workers on the coastal road.")
    assert (event.event_type, event.place, event.place_inferred) == ("ASSAULT", None, False)


def test_events_comments_never_produce_events() -> None:
    assert _events("The army shelled Raqqa again today, shame on them!", kind="comment", with_place=True) == []


def test_events_offsets_point_at_sentence_trigger_and_actor() -> None:
    text = "Syrian troops shelled villages near Raqqa on Monday."
    [event] = _events(text, with_place=True)
    assert text[event.sentence_start : event.sentence_end] == event.sentence == text
    assert text[event.trigger_start : event.trigger_end] == "shelled"
    assert text[event.actor.start : event.actor.end] == event.actor.text == "Syrian troops"


def test_events_a_reprinted_sentence_is_coded_like_its_original_at_its_own_offsets() -> None:
    sentence = "Syrian troops shelled villages near Raqqa on Monday."
    credit = "SANA reports: "

    def doc(doc_id: str, text: str, kind: str) -> Document:
        start = text.index(sentence)
        return Document(
            id=doc_id,
            text=text,
            origin="test",
            segments=[Segment(kind=kind, start=start, end=len(text))],
            sentences=[(start, len(text))],
        )

    recent: RecentResults[tuple[str, bool], tuple[Coded, ...]] = RecentResults(10)
    original, reprint = extract_events([doc("a", sentence, "body"), doc("b", credit + sentence, "body")], recent=recent)
    assert recent.get((sentence, False)) is not None  # parsed and coded once for both
    [first], [copy] = original.events, reprint.events
    assert copy.id != first.id and copy.doc_id == "b"
    assert (copy.event_type, copy.modality, copy.actor.text, copy.trigger) == (
        "ASSAULT",
        "occurred",
        "Syrian troops",
        "shelled",
    )
    assert copy.model_dump(include={"event_type", "modality", "trigger", "confidence"}) == first.model_dump(
        include={"event_type", "modality", "trigger", "confidence"}
    )
    assert (copy.trigger_start, copy.sentence_start) == (first.trigger_start + len(credit), len(credit))
    assert reprint.text[copy.actor.start : copy.actor.end] == "Syrian troops"
