from pathlib import Path

from vedette.records import Document, Event, Quarantined, Segment, Toponym
from vedette.store import Store, database_url


def _doc(doc_id: str = "abc") -> Document:
    place = Toponym(text="Homs", start=10, end=14, segment="body", name="Homs", source="geonames",
                    source_id="169577", lat=34.72, lon=36.73, country="SY", feature="P.PPL")
    event = Event(id=f"{doc_id}-e1", doc_id=doc_id, event_type="ASSAULT", trigger="shelled", place=place,
                  sentence="Troops shelled Homs.", sentence_start=0, sentence_end=20, segment="body",
                  confidence=0.8, attribution=["Levant Monitor"])
    return Document(id=doc_id, text="Troops shelled Homs.", origin="t.txt", source="Levant Monitor",
                    segments=[Segment(kind="body", start=0, end=20)], toponyms=[place], events=[event])


def test_store_add_documents_is_idempotent(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    assert store.add_documents([_doc()]) == 1
    assert store.add_documents([_doc()]) == 0
    assert store.counts() == {"documents": 1, "events": 1, "places": 1, "quarantined": 0}


def test_store_events_are_flat_for_maps(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.add_documents([_doc()])
    [event] = store.events()
    assert (event["place_name"], event["lat"], event["lon"], event["country"], event["source"]) == (
        "Homs", 34.72, 36.73, "SY", "Levant Monitor")
    assert store.events(event_type="retreat") == []


def test_store_quarantines_each_input_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    item = Quarantined(origin="bad.json:3", reason="[V104] bad.json:3: invalid JSON (Expecting value)")
    assert store.add_quarantined(item) is True
    assert store.add_quarantined(item) is False
    assert [q["origin"] for q in store.quarantined()] == ["bad.json:3"]


def test_store_bare_path_means_sqlite() -> None:
    assert database_url("vedette.db") == "sqlite:///vedette.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
