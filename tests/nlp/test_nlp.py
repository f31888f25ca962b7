"""The NER pass and the parse the event coder reads."""

from __future__ import annotations

import pytest

from vedette.nlp import (
    PARSE_PIPES,
    AttributeTable,
    RecentResults,
    UnitReading,
    load_model,
    parse,
    recognise,
    text_units,
)
from vedette.records import Document, Segment

TEXT = (
    "Syrian Arab Army units shelled villages east of Deir ez-Zor on Tuesday, the SOHR said. "
    "\"We ain't gonna leave,\" one resident told reporters; others don't know where they'd go. "
    "Russian jets later struck a depot near the T-4 airbase, and aid was delayed."
)


def _document(text: str, *segments: Segment, doc_id: str = "d") -> Document:
    return Document(id=doc_id, text=text, origin="t", segments=list(segments))


@pytest.mark.slow
def test_parse_gives_the_attributes_of_the_models_own_attribute_ruler() -> None:
    nlp = load_model()
    with nlp.select_pipes(enable=list(PARSE_PIPES)):
        reference = nlp(TEXT)
    fast = next(parse([TEXT]))
    expected = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in reference]
    assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in fast] == expected
    assert {t.pos_ for t in fast} >= {"PROPN", "VERB", "NOUN", "PUNCT", "AUX", "PART"}


@pytest.mark.slow
def test_attribute_table_applies_multi_token_exceptions_like_the_ruler() -> None:
    nlp = load_model()
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        ours, theirs = nlp("They ain't gonna wait."), nlp("They ain't gonna wait.")
    AttributeTable(nlp)(ours)
    nlp.get_pipe("attribute_ruler")(theirs)
    # "ai" + "n't" and "gon" + "na" are two-token patterns of the model's ruler: lemmas "be" and "go".
    assert [t.lemma_ for t in ours][1:5] == ["be", "not", "go", "to"]
    assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]


@pytest.mark.slow
def test_recognise_keeps_entities_and_cuts_sentences_at_segment_borders() -> None:
    headline = "Russian jets strike near Palmyra"
    body = "Russian jets struck positions near Palmyra on Monday. The SOHR reported four dead."
    text = f"{headline}\n{body}"
    doc = _document(
        text,
        Segment(kind="headline", start=0, end=len(headline)),
        Segment(kind="body", start=len(headline) + 1, end=len(text)),
    )
    (done,) = recognise([doc])
    assert ("Palmyra", "GPE") in {(e.text, e.label) for e in done.entities}
    assert [text[s:e] for s, e in done.sentences] == [headline, *body.replace(". ", ".\n").split("\n")]


@pytest.mark.slow
def test_recognise_sentences_carry_no_surrounding_whitespace() -> None:
    text = "Shelling hit Tabqa.\n   \tAid was delayed.  "
    (done,) = recognise([_body_only("d", text)])
    assert [text[s:e] for s, e in done.sentences] == ["Shelling hit Tabqa.", "Aid was delayed."]


def _body_only(doc_id: str, text: str) -> Document:
    return _document(text, Segment(kind="body", start=0, end=len(text)), doc_id=doc_id)


def test_text_units_are_paragraphs_and_segments_without_their_whitespace() -> None:
    text = "Raqqa reports: Shelling hit Tabqa.\n\n  Second paragraph here.  \n \n\nThird."
    doc = _document(
        text,
        Segment(kind="attribution", start=0, end=14, source="Raqqa"),
        Segment(kind="body", start=15, end=len(text)),
    )
    units = text_units(doc)
    assert [u for _, u in units] == ["Raqqa reports:", "Shelling hit Tabqa.", "Second paragraph here.", "Third."]
    assert all(text[offset : offset + len(u)] == u for offset, u in units)


@pytest.mark.slow
def test_recognise_reads_a_reprinted_paragraph_like_its_original() -> None:
    first = "Turkish drones struck a depot near Qamishli on Sunday.\n\nThe Kurdish-led SDF said two guards died."
    reprint = "Hawar News reports: the strike was the third this week.\n\n" + first.split("\n\n")[1]
    recent: RecentResults[str, UnitReading] = RecentResults(100)
    original, copy = recognise([_body_only("a", first), _body_only("b", reprint)], recent=recent)
    shift = reprint.index("The Kurdish") - first.index("The Kurdish")

    def in_second_paragraph(doc: Document, start: int) -> list[tuple[int, int, str]]:
        return [(e.start - start, e.end - start, e.label) for e in doc.entities if e.start >= start]

    assert in_second_paragraph(copy, first.index("The Kurdish") + shift) == in_second_paragraph(
        original, first.index("The Kurdish")
    )
    assert ("SDF", "ORG") in {(e.text, e.label) for e in copy.entities}
    assert recent.get("The Kurdish-led SDF said two guards died.") is not None  # read once for both documents
    (again,) = recognise([_body_only("c", reprint)], recent=recent)  # all from memory: the same result
    assert again.entities == copy.entities and again.sentences == copy.sentences
    assert (again.entities, again.sentences) == (
        (fresh := next(recognise([_body_only("c", reprint)]))).entities,
        fresh.sentences,
    )


def test_recent_results_drop_the_least_recently_used_first() -> None:
    recent: RecentResults[str, int] = RecentResults(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # "a" is now the most recent
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)


def test_recent_results_split_keys_into_remembered_and_missing_once_each() -> None:
    recent: RecentResults[str, int] = RecentResults(3)
    recent.put("a", 1)
    recent.put("b", 2)
    found, missing = recent.split(["c", "a", "d", "c", "a"])
    assert (found, missing) == ({"a": 1}, ["c", "d"])
