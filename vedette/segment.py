"""Segment: split a page into headline, attribution, body, comments and boilerplate.

Plain-text pages carry no markup, so the switch from article to reader comments
is found the way a reader finds it: comments speak in the first and second
person, address the reader, are short, informal and signed, while the article
reports in the third person. Each paragraph gets a comment-evidence score; the
split is the single change point that best separates low-scoring article
paragraphs from the high-scoring tail (comments always follow the article).
Pages whose reader already marked the parts (HTML, feeds) keep their segments;
only the attribution lines are split out of their body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vedette.ingest import published_from_dateline
from vedette.records import Document, Segment

_WORD = re.compile(r"[A-Za-z']+")
_FIRST_SECOND_PERSON = frozenset("i i'm i've i'd me my mine we we're us our ours you you're your yours u".split())
_INFORMAL = re.compile(r"(?:\bw/|&|!{2,}|\?{2,}|\blol\b|\bimho?\b|\bdont\b|\bcant\b|\bwont\b|:\)|;\)|\.\.\.)", re.I)
_REPORTING = re.compile(r"\b(?:said|says|told|according to|reported|reports|announced|stated|confirmed|officials?)\b", re.I)
_BOILERPLATE = re.compile(
    r"^\s*(?:share this|share on|tweet|read more|related (?:posts|articles|stories)|tags?:|filed under|"
    r"click here|subscribe|sign up|we use cookies|cookie|advertisement|leave a (?:comment|reply)|"
    r"\d+ comments?|comments?\s*\(\d+\)|print this|follow us|copyright|all rights reserved|©)",
    re.I,
)
_DATELINE = re.compile(r"^\s*(?:posted|published|updated)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\s*(?P<source>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s+(?:reports|reported|writes|says)\s*:\s*"
)
_AUTHOR_LINE = re.compile(r"^\s*@?[A-Z][\w'’.-]*(?:[ _][A-Z0-9][\w'’.-]*){0,2}\s*$|^\s*@?[A-Za-z][A-Za-z]*[_\d][\w]*\s*$")
CHANGE_POINT_THRESHOLD = 0.5


@dataclass
class _Block:
    start: int
    end: int
    text: str
    gap_before: int
    """Blank lines between this block and the previous one."""


def segment(doc: Document) -> Document:
    """The document with `segments` filled in (and `published` from a dateline when missing)."""
    if doc.segments:
        segments = [piece for s in doc.segments for piece in _split_attribution(doc.text, s)]
        return doc.model_copy(update={"segments": segments})
    blocks = _blocks(doc.text)
    segments = _segment_plain(doc.text, blocks)
    published = doc.published or published_from_dateline(doc.text[s.start : s.end] for s in segments if s.kind == "meta")
    return doc.model_copy(update={"segments": segments, "published": published})


def _blocks(text: str) -> list[_Block]:
    """Paragraphs: runs of non-blank lines, with the number of blank lines before each."""
    blocks: list[_Block] = []
    gap = 0
    start: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            if start is None:
                start = offset
            end = offset + len(line.rstrip())
        elif start is not None:
            blocks.append(_Block(start, end, text[start:end], gap))
            start, gap = None, 1
        else:
            gap += 1
        offset += len(line)
    if start is not None:
        blocks.append(_Block(start, end, text[start:end], gap))
    return blocks


def comment_evidence(paragraph: str) -> float:
    """How much a paragraph reads like a reader comment rather than reporting (about 0..3)."""
    words = [w.lower() for w in _WORD.findall(paragraph)]
    if not words:
        return 0.0
    personal = sum(w in _FIRST_SECOND_PERSON for w in words) / len(words)
    score = min(personal * 12, 1.5)
    score += 0.5 * min(paragraph.count("?") + paragraph.count("!"), 2)
    score += 0.6 * len(_INFORMAL.findall(paragraph))
    if len(words) < 25:
        score += 0.4
    if paragraph[:1].islower():
        score += 0.3
    if _REPORTING.search(paragraph):
        score -= 0.8
    return score


def _segment_plain(text: str, blocks: list[_Block]) -> list[Segment]:
    if not blocks:
        return []
    segments = [Segment(kind="headline", start=blocks[0].start, end=blocks[0].end)]
    rest = blocks[1:]
    content: list[_Block] = []
    for block in rest:
        if _DATELINE.match(block.text) and not content:
            segments.append(Segment(kind="meta", start=block.start, end=block.end))
        else:
            content.append(block)
    split = _comment_change_point(content)
    body, comments = content[:split], content[split:]
    for block in body:
        kind = "boilerplate" if _BOILERPLATE.match(block.text) else "body"
        segments.extend(_split_attribution(text, Segment(kind=kind, start=block.start, end=block.end)))
    segments.extend(_comment_segments(comments))
    return segments


def _comment_change_point(blocks: list[_Block]) -> int:
    """Index of the first comment paragraph (len(blocks) when there are none)."""
    scores = [
        0.0 if _BOILERPLATE.match(b.text) else comment_evidence(b.text) - CHANGE_POINT_THRESHOLD for b in blocks
    ]
    best_split, best_gain, gain = len(blocks), 0.0, 0.0
    for index in range(len(blocks) - 1, 0, -1):  # the article keeps at least one paragraph
        gain += scores[index]
        if gain > best_gain:
            best_split, best_gain = index, gain
    return best_split


def _comment_segments(blocks: list[_Block]) -> list[Segment]:
    """Comment blocks, merged across single blank lines when the page separates comments by wider gaps."""
    segments: list[Segment] = []
    wide_gaps = any(b.gap_before >= 2 for b in blocks[1:])
    author: str | None = None
    current: Segment | None = None
    for block in blocks:
        if _BOILERPLATE.match(block.text):
            segments.append(Segment(kind="boilerplate", start=block.start, end=block.end))
            current = None
            continue
        if "\n" not in block.text and _AUTHOR_LINE.match(block.text) and len(block.text.split()) <= 3:
            segments.append(Segment(kind="meta", start=block.start, end=block.end))
            author, current = block.text.strip(), None
            continue
        continues_comment = current is not None and wide_gaps and block.gap_before < 2
        if continues_comment:
            assert current is not None
            current.end = block.end
        else:
            current = Segment(kind="comment", start=block.start, end=block.end, author=author)
            segments.append(current)
            author = None
    return segments


def _split_attribution(text: str, segment: Segment) -> list[Segment]:
    """Leading "X reports:" credits (possibly nested) split off a headline or body segment."""
    if segment.kind != "body":
        return [segment]
    pieces: list[Segment] = []
    start = segment.start
    while match := _ATTRIBUTION.match(text, start, segment.end):
        pieces.append(Segment(kind="attribution", start=start, end=match.end(), source=match.group("source")))
        start = match.end()
    pieces.append(Segment(kind="body", start=start, end=segment.end))
    return pieces
