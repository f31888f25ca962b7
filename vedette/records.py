"""Typed records that flow one way through the pipeline.

A `Document` enters as raw text plus metadata and each stage fills in its own
fields (`segments`, `entities`, `toponyms`, `focus`, `events`). Records are
pydantic models so they validate on the way in, pickle for Spark, and dump to
JSON for the CLI and the API.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

SegmentKind = Literal["headline", "attribution", "body", "comment", "boilerplate", "meta"]
Modality = Literal["occurred", "planned", "hypothetical", "negated", "wished"]

EVENT_SEGMENTS: frozenset[str] = frozenset({"headline", "attribution", "body"})
"""Segments events may come from; comments and boilerplate never produce events."""


class Segment(BaseModel):
    kind: SegmentKind
    start: int
    end: int
    author: str | None = None
    source: str | None = None
    """For `attribution` segments: the outlet or agency credited."""


class Entity(BaseModel):
    text: str
    start: int
    end: int
    label: str


class Toponym(BaseModel):
    text: str
    start: int
    end: int
    segment: SegmentKind
    name: str
    source: str
    source_id: str | None = None
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    modifier: str | None = None
    score: float = 0.0


class FocusPlace(BaseModel):
    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    weight: float


class Actor(BaseModel):
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    sector: str | None = None


class Event(BaseModel):
    id: str
    doc_id: str
    event_type: str
    """One of the 16 PLOVER types; statements of intent are coded as PLOVER does (a promise is AGREE)."""
    mode: str | None = None
    about_type: str | None = None
    """For a promise, threat, demand, refusal or accusation: the type of the action it is about
    ("threatened to shell" is THREATEN about ASSAULT)."""
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None
    rank: int = 0
    """0 for the sentence's main event, then 1, 2, ... for the others in the same sentence."""
    actor: Actor | None = None
    target: Actor | None = None
    place: Toponym | None = None
    place_inferred: bool = False
    date: str | None = None
    modality: Modality = "occurred"
    attribution: list[str] = Field(default_factory=list)
    sentence: str
    sentence_start: int
    sentence_end: int
    segment: SegmentKind
    confidence: float


class LoadedTerm(BaseModel):
    """A loaded word in headline or body text ("regime", "liberated"), from data/lexicon/loaded_terms.yaml."""

    text: str
    start: int
    end: int
    term: str
    category: str
    segment: SegmentKind
    quoted: bool = False
    """Inside quotation marks: the words of someone the article quotes, not the outlet's own."""


class ActorStance(BaseModel):
    """How a document's reader comments lean towards one actor; never mixed with events."""

    actor: str
    support: int = 0
    oppose: int = 0
    comments: int = 0
    """Comments that mention the actor."""


class OutletReading(BaseModel):
    """A place a stored document of the same outlet named: what the geoparser's outlet home hears of runs
    before this one. `Pipeline.run` attaches them; the geo stage reads and clears them (they are never stored)."""

    document: str
    """The stored document's id: each document is one vote."""
    text: str
    source: str
    """Gazetteer source and id of the place, as in `Toponym`."""
    source_id: str
    score: float


class Document(BaseModel):
    id: str
    text: str
    origin: str
    """Where the input came from: a path, with `:line` for a record of a feed."""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    segments: list[Segment] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    """Sentence boundaries (start, end) from the NER pass."""
    toponyms: list[Toponym] = Field(default_factory=list)
    focus: list[FocusPlace] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    comment_stance: list[ActorStance] = Field(default_factory=list)
    outlet_history: list[OutletReading] = Field(default_factory=list)
    """Readings of the outlet's stored documents, for the geo stage (see `OutletReading`)."""

    def segment_at(self, offset: int) -> Segment | None:
        for segment in self.segments:
            if segment.start <= offset < segment.end:
                return segment
        return None

    def segments_of(self, *kinds: str) -> list[Segment]:
        return [s for s in self.segments if s.kind in kinds]


class Quarantined(BaseModel):
    origin: str
    reason: str
    payload: bytes = b""


def document_id(text: str, source: str | None) -> str:
    """Stable id: the same text from the same outlet is the same document."""
    digest = hashlib.sha256(f"{source or ''}\x1f{text}".encode()).hexdigest()
    return digest[:16]
