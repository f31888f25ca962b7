"""The NER pass and the parse the event coder reads."""

from __future__ import annotations

import pytest

from vedette.nlp import PARSE_PIPES, AttributeTable, load_model, parse, recognise, split_at_segments
from vedette.records import Document, Segment

TEXT = (
    "Syrian Arab Army units shelled villages east of Deir ez-Zor on Tuesday, the SOHR said. "
    "\"We ain't gonna leave,\" one resident told reporters; others don't know where they'd go. "
    "Russian jets later struck a depot near the T-4 airbase, and aid was delayed."
)


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
    doc = Document(
        id="d",
        text=text,
        origin="t",
        segments=[
            Segment(kind="headline", start=0, end=len(headline)),
            Segment(kind="body", start=len(headline) + 1, end=len(text)),
        ],
    )
    (done,) = recognise([doc])
    assert ("Palmyra", "GPE") in {(e.text, e.label) for e in done.entities}
    assert [text[s:e] for s, e in done.sentences] == [headline, *body.replace(". ", ".\n").split("\n")]


def test_split_at_segments_trims_and_never_crosses_a_segment_border() -> None:
    text = "Headline without stop\nBody one. Body two."
    doc = Document(
        id="d",
        text=text,
        origin="t",
        segments=[
            Segment(kind="headline", start=0, end=21),
            Segment(kind="body", start=22, end=len(text)),
        ],
    )
    pieces = split_at_segments([(0, 31), (32, len(text))], doc)  # senter ran over the headline
    assert [text[s:e] for s, e in pieces] == ["Headline without stop", "Body one.", "Body two."]
