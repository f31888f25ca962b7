from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from vedette.api import create_app
from vedette.records import Document, Event, Segment, Toponym
from vedette.store import Store


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    place = Toponym(
        text="Homs",
        start=7,
        end=11,
        segment="body",
        name="Homs",
        source="geonames",
        source_id="169577",
        lat=34.72,
        lon=36.73,
        country="SY",
        feature="P.PPL",
    )
    event = Event(
        id="e1",
        doc_id="d1",
        event_type="ASSAULT",
        trigger="shelled",
        place=place,
        sentence="Troops shelled Homs.",
        sentence_start=0,
        sentence_end=20,
        segment="body",
        confidence=0.8,
    )
    doc = Document(
        id="d1",
        text="Troops shelled Homs.",
        origin="t.txt",
        title="Homs shelled",
        segments=[Segment(kind="body", start=0, end=20)],
        toponyms=[place],
        events=[event],
    )
    Store(tmp_path / "api.db").add_documents([doc])
    return TestClient(create_app(tmp_path / "api.db"))


def test_api_events_is_geojson_with_lon_lat_points(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["type"] == "FeatureCollection"
    [feature] = body["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.73, 34.72]}
    assert feature["properties"]["sentence"] == "Troops shelled Homs."


def test_api_events_filters_by_type(client: TestClient) -> None:
    assert client.get("/api/events?type=RETREAT").json()["features"] == []


def test_api_errors_share_one_shape(client: TestClient) -> None:
    response = client.get("/api/documents/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no document with id 'nope'", "status": 404}


def test_api_document_has_text_and_segments(client: TestClient) -> None:
    body = client.get("/api/documents/d1").json()
    assert body["text"] == "Troops shelled Homs."
    assert body["segments"][0]["kind"] == "body"


def test_api_page_is_served_with_a_strict_content_security_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "<title>" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_api_refuses_a_store_that_was_never_created(tmp_path: Path) -> None:
    from vedette.errors import VedetteError

    with pytest.raises(VedetteError, match=r"\[V301\]"):
        create_app(tmp_path / "empty.db")
