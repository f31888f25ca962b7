"""Invalid input gets a 4xx with a clear message in the one error shape, never a 500."""

from __future__ import annotations

import urllib.parse

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        (
            "/api/events?bbox=1,2,3",
            422,
            "[V405] bbox: expected minLon,minLat,maxLon,maxLat (four numbers, longitudes "
            "-180..180, latitudes -90..90, minLat <= maxLat), got '1,2,3'",
        ),
        ("/api/events?bbox=0,50,10,40", 422, None),  # minLat above maxLat
        ("/api/events?bbox=a,b,c,d", 422, None),
        ("/api/events?bbox=nan,0,1,1", 422, None),
        ("/api/events?bbox=0,0,200,1", 422, None),
        ("/api/events?start=2026-03-05&end=2026-03-01", 422, "[V406] start 2026-03-05 is after end 2026-03-01"),
        ("/api/events?start=yesterday", 422, None),
        ("/api/events?limit=0", 422, "query.limit: Input should be greater than or equal to 1"),
        ("/api/events?limit=10001", 422, "query.limit: Input should be less than or equal to 10000"),
        ("/api/events?offset=-1", 422, None),
        ("/api/events?modality=rumoured", 422, None),
        ("/api/events?min_sources=0", 422, None),
        ("/api/events?min_score=2", 422, None),
        ("/api/events?country=Syria", 422, None),
        ("/api/stats?bbox=1", 422, None),
        ("/api/places?q=x", 422, "query.q: String should have at least 2 characters"),
        ("/api/places", 422, "query.q: Field required"),
        ("/api/documents/nope", 404, "no document with id 'nope'"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_api_bad_requests_get_a_clear_4xx(tiny_client: TestClient, url: str, status: int, error: str | None) -> None:
    response = tiny_client.get(url)
    body = response.json()
    assert response.status_code == status and body["status"] == status and body["ok"] is False
    assert set(body) == {"ok", "error", "status"}
    if error is not None:
        assert body["error"] == error
    else:
        assert body["error"].split(":")[0].startswith(("query.", "[V4")), body["error"]


PARAMETERS = [
    "bbox",
    "start",
    "end",
    "type",
    "actor",
    "country",
    "source",
    "modality",
    "min_sources",
    "min_score",
    "limit",
    "offset",
    "format",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=30), max_size=5))
def test_api_events_never_answers_500_to_any_query(tiny_client: TestClient, query: dict[str, str]) -> None:
    response = tiny_client.get("/api/events?" + urllib.parse.urlencode(query))
    assert response.status_code in (200, 422), (query, response.text)
    if response.status_code == 422:
        assert response.json()["ok"] is False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=2, max_size=40))
def test_api_places_answers_any_name_without_error(tiny_client: TestClient, gazetteer_path: object, name: str) -> None:
    response = tiny_client.get("/api/places?" + urllib.parse.urlencode({"q": name}))
    assert response.status_code == 200, (name, response.text)
    assert isinstance(response.json()["places"], list)
