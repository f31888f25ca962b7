"""A tiny hand-made store for the API tests: five documents, eight events, two of them one incident.

Built with the real `Store.add_documents` (no models loaded) and the real corpus stages, which
merge the two Homs reports from different outlets into one incident with two independent sources;
so every filter has a known right answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from vedette.api import create_app
from vedette.pipeline import run_corpus_stages
from vedette.records import Actor, Document, Event, Segment, Toponym
from vedette.store import Store

PLACES = {
    "Homs": (34.72, 36.73, "SY", "P.PPL"),
    "Palmyra": (34.56, 38.27, "SY", "P.PPL"),
    "Mosul": (36.34, 43.13, "IQ", "P.PPL"),
    "Baghdad": (33.34, 44.40, "IQ", "P.PPLC"),
    "Sirte": (31.21, 16.59, "LY", "P.PPL"),
}

# (doc id, outlet, published day, [(event id, type, modality, actor, place, day, sentence)])
REPORTS = [
    (
        "d-levant",
        "Levant Monitor",
        "2026-03-01",
        [
            (
                "e-homs-1",
                "ASSAULT",
                "occurred",
                "Islamic State",
                "Homs",
                "2026-03-01",
                "Islamic State fighters attacked an army post in Homs.",
            ),
            (
                "e-palmyra",
                "MOBILIZE",
                "planned",
                "Syrian Arab Army",
                "Palmyra",
                "2026-03-02",
                "The army plans to send reinforcements to Palmyra.",
            ),
        ],
    ),
    (
        "d-gulf",
        "Gulf Dispatch",
        "2026-03-01",
        [
            (
                "e-homs-2",
                "ASSAULT",
                "occurred",
                "Islamic State",
                "Homs",
                "2026-03-01",
                "Militants of the Islamic State stormed an army post in Homs.",
            ),
        ],
    ),
    (
        "d-baghdad",
        "Baghdad Wire",
        "2026-03-05",
        [
            ("e-mosul", "ASSAULT", "occurred", "PMF", "Mosul", "2026-03-05", "PMF units shelled positions near Mosul."),
            ("e-baghdad", "PROTEST", "occurred", None, "Baghdad", "2026-03-06", "Hundreds protested in Baghdad."),
            ("e-undated", "AGREE", "hypothetical", None, "Baghdad", None, "A truce in Baghdad could be agreed."),
        ],
    ),
    (
        "d-sirte",
        "Sirte Courier",
        "2026-03-10",
        [
            (
                "e-sirte",
                "AGREE",
                "occurred",
                "GNU",
                "Sirte",
                "2026-03-10",
                "The sides agreed to extend the Sirte truce.",
            ),
        ],
    ),
    (
        "d-formula",
        None,
        "2026-03-12",
        [
            (
                "e-formula",
                "THREATEN",
                "occurred",
                None,
                "Sirte",
                "2026-03-12",
                '=HYPERLINK("http://x") threatens Sirte.',
            ),
        ],
    ),
]
CORROBORATED = ("e-homs-1", "e-homs-2")
"""One incident reported by two independent outlets; every other event is an incident of its own."""


def _document(doc_id: str, outlet: str | None, day: str, specs: list[tuple]) -> Document:
    text, evts, places = "", [], []
    for event_id, event_type, modality, actor, place_name, event_day, sentence in specs:
        start = len(text)
        text += sentence + "\n\n"
        lat, lon, country, feature = PLACES[place_name]
        at = start + sentence.index(place_name)
        place = Toponym(
            text=place_name,
            start=at,
            end=at + len(place_name),
            segment="body",
            name=place_name,
            source="geonames",
            source_id=place_name,
            lat=lat,
            lon=lon,
            country=country,
            feature=feature,
        )
        places.append(place)
        who = None
        if actor:
            actor_at = start + sentence.find(actor.split()[0])
            who = Actor(text=actor, start=actor_at, end=actor_at + len(actor), name=actor)
        evts.append(
            Event(
                id=event_id,
                doc_id=doc_id,
                event_type=event_type,
                trigger="x",
                actor=who,
                place=place,
                date=event_day,
                modality=modality,
                attribution=[outlet] if outlet else [],
                sentence=sentence,
                sentence_start=start,
                sentence_end=start + len(sentence),
                segment="body",
                confidence=0.7,
            )
        )
    text = text.rstrip("\n")
    return Document(
        id=doc_id,
        text=text,
        origin=f"{doc_id}.txt",
        source=outlet,
        title=f"report {doc_id}",
        published=datetime.fromisoformat(day),
        segments=[Segment(kind="body", start=0, end=len(text))],
        toponyms=places,
        events=evts,
    )


def build_tiny_store(db: Path) -> Path:
    """The tiny store, with the corpus stages (`vedette run` runs them too) grouping its events into incidents."""
    store = Store(db)
    store.add_documents([_document(*report) for report in REPORTS])
    run_corpus_stages(store)
    return db


@pytest.fixture(scope="session")
def make_tiny_store() -> Callable[[Path], Path]:
    """Build a fresh tiny store at a path (for tests that write to it)."""
    return build_tiny_store


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_store(tmp_path_factory.mktemp("tiny") / "tiny.db")


@pytest.fixture(scope="session")
def tiny_client(tiny_db: Path) -> TestClient:
    return TestClient(create_app(tiny_db))
