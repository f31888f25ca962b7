"""The seed page: headline, one AlMasdarNews attribution, a four-paragraph body, then reader comments."""

from pathlib import Path

import pytest

from vedette.ingest import read_paths
from vedette.records import Document
from vedette.segment import comment_evidence, segment


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Document:
    [doc] = list(read_paths([seed_path]))
    assert isinstance(doc, Document)
    return segment(doc)


def _texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.segments if s.kind == kind]


def test_segment_seed_headline_is_first_line(seed: Document) -> None:
    assert _texts(seed, "headline") == [seed.text.splitlines()[0]]


def test_segment_seed_keeps_one_attribution_to_almasdarnews(seed: Document) -> None:
    attributions = [s for s in seed.segments if s.kind == "attribution"]
    assert [a.source for a in attributions] == ["AlMasdarNews"]


def test_segment_seed_body_ends_with_the_articles_last_sentence(seed: Document) -> None:
    body = _texts(seed, "body")
    assert len(body) == 4
    assert body[-1].endswith("in anticipation for this influx of terrorists.")


def test_segment_seed_everything_after_the_body_is_comments(seed: Document) -> None:
    last_body = max(s.end for s in seed.segments if s.kind == "body")
    after = [s for s in seed.segments if s.start > last_body]
    assert {s.kind for s in after} <= {"comment", "meta"}
    assert 6 <= len([s for s in after if s.kind == "comment"]) <= 8


def test_segment_seed_jens_holm_signs_the_following_comment(seed: Document) -> None:
    signed = [s for s in seed.segments if s.author == "Jens Holm"]
    assert len(signed) == 1
    assert seed.text[signed[0].start :].startswith("Dont get any sense in that.")


def test_segment_comment_evidence_separates_reporting_from_comment() -> None:
    reporting = "The Syrian Arab Army said on Tuesday that its units had reached the outskirts of the town."
    comment = "I hope they win!! Would love to see you all eat your words, w/ respect."
    assert comment_evidence(comment) > 1.0 > comment_evidence(reporting)


def test_segment_html_segments_are_kept_and_attribution_split_off() -> None:
    from vedette.ingest import record_document

    doc = record_document({"title": "T", "text": "Levant Monitor reports: Troops moved north.\n\nMore."}, "feed:1")
    assert isinstance(doc, Document)
    kinds = [(s.kind, doc.text[s.start : s.end].strip()) for s in segment(doc).segments]
    assert kinds == [
        ("headline", "T"),
        ("attribution", "Levant Monitor reports:"),
        ("body", "Troops moved north."),
        ("body", "More."),
    ]
