"""Loaded terms in article text (with spans, quotes flagged) and comment stance, never mixed with comments."""

from __future__ import annotations

from vedette.credibility.language import comment_stance, loaded_terms, mark
from vedette.records import Document, Segment

HEADLINE = "Army liberated village from terrorists"
BODY = 'The regime said its forces had "neutralised the mercenaries" near the town. Residents described a massacre.'
COMMENT_FOR = "Respect to the Russian pilots. God protect the SAA!"
COMMENT_AGAINST = "The SDF complaining about heavy weapons is rich. Pretext after pretext."
COMMENT_TERMS = "These regime terrorists again."


def _doc() -> Document:
    parts = [
        ("headline", HEADLINE),
        ("body", BODY),
        ("comment", COMMENT_FOR),
        ("comment", COMMENT_AGAINST),
        ("comment", COMMENT_TERMS),
    ]
    text, segments = "", []
    for kind, part in parts:
        if text:
            text += "\n\n"
        segments.append(Segment(kind=kind, start=len(text), end=len(text) + len(part)))
        text += part
    return Document(id="d", text=text, origin="test", segments=segments)


def test_language_marks_loaded_terms_with_spans_and_categories() -> None:
    doc = _doc()
    found = [(t.text, t.term, t.category, t.segment, t.quoted) for t in loaded_terms(doc)]
    assert found == [
        ("liberated", "liberated", "glorifying", "headline", False),
        ("terrorists", "terrorists", "delegitimising", "headline", False),
        ("regime", "regime", "delegitimising", "body", False),
        ("neutralised", "neutralised", "euphemism", "body", True),
        ("mercenaries", "mercenaries", "delegitimising", "body", True),
        ("massacre", "massacre", "sensational", "body", False),
    ]
    for term in loaded_terms(doc):
        assert doc.text[term.start : term.end] == term.text


def test_language_never_marks_terms_in_comments() -> None:
    doc = _doc()
    comments = doc.segments_of("comment")
    assert not [t for t in loaded_terms(doc) if any(c.start <= t.start < c.end for c in comments)]


def test_language_comment_stance_sides_with_and_against_actors() -> None:
    stance = {s.actor: (s.comments, s.support, s.oppose) for s in comment_stance(_doc())}
    assert stance == {
        "Russian Air Force": (1, 1, 0),
        "Syrian Arab Army": (1, 1, 0),
        "Syrian Democratic Forces": (1, 0, 1),
    }


def test_language_mark_fills_both_fields_and_keeps_events_untouched() -> None:
    marked = mark(_doc())
    assert len(marked.loaded_terms) == 6 and len(marked.comment_stance) == 3
    assert marked.events == []
