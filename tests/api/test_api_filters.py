"""Filters and pagination of /api/events, /api/stats and /api/incidents over the tiny store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def ids(client: TestClient, query: str) -> set[str]:
    response = client.get("/api/events?" + query)
    assert response.status_code == 200, response.text
    return {f["properties"]["id"] for f in response.json()["features"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"e-homs-1", "e-homs-2", "e-palmyra", "e-mosul", "e-baghdad", "e-undated", "e-sirte", "e-formula"}),
        ("bbox=35,33,39,35.5", {"e-homs-1", "e-homs-2", "e-palmyra"}),  # Syria only
        ("bbox=40,30,46,37&start=2026-03-06", {"e-baghdad"}),
        ("start=2026-03-02&end=2026-03-06", {"e-palmyra", "e-mosul", "e-baghdad"}),  # undated ones drop out
        ("end=2026-03-01", {"e-homs-1", "e-homs-2"}),
        ("type=ASSAULT", {"e-homs-1", "e-homs-2", "e-mosul"}),
        ("type=protest,agree", {"e-baghdad", "e-undated", "e-sirte"}),
        ("actor=islamic%20state", {"e-homs-1", "e-homs-2"}),
        ("country=IQ", {"e-mosul", "e-baghdad", "e-undated"}),
        ("country=ly", {"e-sirte", "e-formula"}),
        ("source=Baghdad%20Wire", {"e-mosul", "e-baghdad", "e-undated"}),
        ("modality=planned", {"e-palmyra"}),
        ("modality=hypothetical", {"e-undated"}),
        ("min_sources=2", {"e-homs-1", "e-homs-2"}),
        (
            "min_sources=1",
            {"e-homs-1", "e-homs-2", "e-palmyra", "e-mosul", "e-baghdad", "e-undated", "e-sirte", "e-formula"},
        ),
        ("type=ASSAULT&country=SY&min_sources=2&start=2026-03-01&end=2026-03-01", {"e-homs-1", "e-homs-2"}),
        ("type=ASSAULT&source=Sirte%20Courier", set()),
    ],
)
def test_api_events_filters_select_exactly_the_matching_events(
    tiny_client: TestClient, query: str, expected: set[str]
) -> None:
    assert ids(tiny_client, query) == expected


def test_api_events_bbox_across_the_antimeridian_wraps(tiny_client: TestClient) -> None:
    # From 170°E eastwards round to 20°E: Libya (16.6°E) is inside, Syria and Iraq are not.
    assert ids(tiny_client, "bbox=170,-90,20,90") == {"e-sirte", "e-formula"}


def test_api_events_pages_cover_everything_once_in_a_stable_order(tiny_client: TestClient) -> None:
    first = tiny_client.get("/api/events?limit=3").json()
    assert first["total"] == 8 and first["limit"] == 3 and first["offset"] == 0
    seen, url = [], "/api/events?limit=3"
    while url:
        response = tiny_client.get(url)
        body = response.json()
        assert response.headers["x-total-count"] == "8"
        seen += [f["properties"]["id"] for f in body["features"]]
        assert (body["next"] is None) == ("link" not in response.headers)
        url = body["next"]
    assert len(seen) == 8 and set(seen) == ids(tiny_client, "")
    last = tiny_client.get("/api/events?limit=3&offset=6").json()
    assert len(last["features"]) == 2 and last["next"] is None
    assert tiny_client.get("/api/events?offset=100").json()["features"] == []


def test_api_events_next_link_keeps_the_filters(tiny_client: TestClient) -> None:
    body = tiny_client.get("/api/events?type=ASSAULT&limit=2").json()
    assert body["total"] == 3
    assert "type=ASSAULT" in body["next"] and "offset=2" in body["next"]
    rest = tiny_client.get(body["next"]).json()
    assert [f["properties"]["event_type"] for f in rest["features"]] == ["ASSAULT"]


def events_by_id(client: TestClient) -> dict[str, dict]:
    return {f["properties"]["id"]: f["properties"] for f in client.get("/api/events").json()["features"]}


def test_api_events_carry_their_incident_and_corroboration(tiny_client: TestClient) -> None:
    features = events_by_id(tiny_client)
    assert features["e-homs-1"]["incident_id"] == features["e-homs-2"]["incident_id"]
    assert features["e-homs-1"]["independent_sources"] == 2
    assert features["e-mosul"]["independent_sources"] == 1 and features["e-mosul"]["incident_id"]
    assert features["e-homs-1"]["corroboration"] > features["e-mosul"]["corroboration"]


def test_api_events_min_score_keeps_the_better_corroborated(tiny_client: TestClient) -> None:
    features = events_by_id(tiny_client)
    threshold = features["e-homs-1"]["corroboration"]
    expected = {i for i, p in features.items() if p["corroboration"] >= threshold}
    assert ids(tiny_client, f"min_score={threshold}") == expected == {"e-homs-1", "e-homs-2"}


def test_api_stats_counts_per_day_and_type_under_the_filters(tiny_client: TestClient) -> None:
    stats = tiny_client.get("/api/stats").json()
    assert stats["total"] == 8 and stats["undated"] == 1
    assert stats["first_day"] == "2026-03-01" and stats["last_day"] == "2026-03-12"
    days = {d["date"]: d for d in stats["days"]}
    assert days["2026-03-01"] == {"date": "2026-03-01", "total": 2, "types": {"ASSAULT": 2}}
    assert days["2026-03-06"]["types"] == {"PROTEST": 1}
    assert stats["types"] == {"ASSAULT": 3, "AGREE": 2, "MOBILIZE": 1, "PROTEST": 1, "THREATEN": 1}
    assert stats["independent_sources"] == {"1": 6, "2": 2}
    assert stats["sources"]["Baghdad Wire"] == 3
    filtered = tiny_client.get("/api/stats?country=IQ").json()
    assert filtered["total"] == 3 and [d["date"] for d in filtered["days"]] == ["2026-03-05", "2026-03-06"]


def test_api_incidents_lists_reports_and_filters_by_their_events(tiny_client: TestClient) -> None:
    body = tiny_client.get("/api/incidents?min_sources=2").json()
    assert body["total"] == 1
    [incident] = body["incidents"]
    assert incident["id"] == events_by_id(tiny_client)["e-homs-1"]["incident_id"]
    assert incident["independent_sources"] == 2
    assert incident["explanation"].startswith("2 independent sources")
    assert {r["source"] for r in incident["reports"]} == {"Levant Monitor", "Gulf Dispatch"}
    assert tiny_client.get("/api/incidents?country=LY").json()["total"] == 2
    assert tiny_client.get("/api/incidents").json()["total"] == 7
    one = tiny_client.get(f"/api/incidents/{incident['id']}").json()
    assert {r["event_id"] for r in one["reports"]} == {"e-homs-1", "e-homs-2"}
    assert tiny_client.get("/api/incidents/nope").status_code == 404


def test_api_document_lists_the_spans_behind_each_event(tiny_client: TestClient) -> None:
    document = tiny_client.get("/api/documents/d-levant").json()
    text = document["text"]
    event = next(e for e in document["events"] if e["id"] == "e-homs-1")
    spans = {s["role"]: s for s in event["spans"]}
    assert text[spans["sentence"]["start"] : spans["sentence"]["end"]] == event["sentence"]
    assert text[spans["place"]["start"] : spans["place"]["end"]] == "Homs"
    assert text[spans["actor"]["start"] : spans["actor"]["end"]] == "Islamic State"
    assert event["incident_id"] and event["independent_sources"] == 2
    assert {p["name"] for p in document["places"]} == {"Homs", "Palmyra"}
    assert document["loaded_terms"] == [] and document["comment_stance"] == []


def test_api_sources_counts_documents_and_events_with_the_registry_entry(tiny_client: TestClient) -> None:
    body = tiny_client.get("/api/sources").json()
    sources = {s["name"]: s for s in body["sources"]}
    assert sources["Baghdad Wire"]["documents"] == 1 and sources["Baghdad Wire"]["events"] == 3
    assert sources[None]["events"] == 1  # the document with no outlet named
    # What the registry says: the sample outlets are listed (fictional), an unnamed outlet gets the neutral prior.
    assert sources["Baghdad Wire"]["known"] is True and sources["Baghdad Wire"]["country"] == "IQ"
    assert sources["Baghdad Wire"]["fictional"] is True and 0 <= sources["Baghdad Wire"]["reliability"] <= 1
    assert sources[None]["known"] is False and sources[None]["reliability"] == body["neutral_reliability"]


def test_api_places_searches_the_gazetteer(tiny_client: TestClient, gazetteer_path: object) -> None:
    body = tiny_client.get("/api/places?q=Dayr%20az%20Zawr").json()
    assert body["places"], body
    best = body["places"][0]
    assert best["country"] == "SY" and abs(best["lat"] - 35.3) < 0.5 and abs(best["lon"] - 40.1) < 0.5
