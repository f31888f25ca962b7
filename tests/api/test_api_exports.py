"""Each export format parsed back by the tool an analyst would use: json for GeoJSON and PLOVER, csv for CSV."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from vedette.api.exports import ACLED_COLUMNS


def test_export_geojson_parses_as_a_feature_collection_of_lon_lat_points(tiny_client: TestClient) -> None:
    response = tiny_client.get("/api/events?format=geojson&country=SY")
    assert response.headers["content-type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    homs = next(f for f in collection["features"] if f["properties"]["id"] == "e-homs-1")
    assert homs["geometry"] == {"type": "Point", "coordinates": [36.73, 34.72]}
    assert homs["properties"]["place_name"] == "Homs" and homs["properties"]["date"] == "2026-03-01"


def test_export_csv_parses_with_acled_like_columns(tiny_client: TestClient) -> None:
    response = tiny_client.get("/api/events?format=csv&type=ASSAULT")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(rows) == 3
    mosul = next(r for r in rows if r["event_id"] == "e-mosul")
    assert mosul["event_date"] == "2026-03-05" and mosul["year"] == "2026"
    assert mosul["event_type"] == "ASSAULT" and mosul["actor1"] == "PMF"
    assert mosul["country"] == "Iraq" and mosul["iso"] == "368" and mosul["event_id_cnty"] == "IRQ-e-mosul"
    assert (float(mosul["latitude"]), float(mosul["longitude"])) == (36.34, 43.13)
    assert mosul["geo_precision"] == "1" and mosul["source"] == "Baghdad Wire"
    assert mosul["notes"] == "PMF units shelled positions near Mosul."
    assert mosul["independent_sources"] == "1" and mosul["modality"] == "occurred"


def test_export_csv_defuses_spreadsheet_formulas_in_document_text(tiny_client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(tiny_client.get("/api/events?format=csv&type=THREATEN").text)))
    assert rows[0]["notes"] == '\'=HYPERLINK("http://x") threatens Sirte.'
    # Numbers stay numbers: a negative longitude would not be touched either.
    assert float(rows[0]["longitude"]) == 16.59


def test_export_csv_pages_carry_the_next_link_in_headers(tiny_client: TestClient) -> None:
    response = tiny_client.get("/api/events?format=csv&limit=5")
    assert response.headers["x-total-count"] == "8"
    assert 'rel="next"' in response.headers["link"] and "format=csv" in response.headers["link"]
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == 5


def test_export_plover_parses_with_plover_fields(tiny_client: TestClient) -> None:
    body = json.loads(tiny_client.get("/api/events?format=plover&actor=PMF").content)
    assert body["total"] == 1
    [record] = body["events"]
    assert record["event"] == "ASSAULT" and record["date"] == "2026-03-05" and record["modality"] == "occurred"
    assert record["source"] == [{"actorText": "PMF", "name": "PMF", "code": None, "sector": None}]
    assert record["text"] == "PMF units shelled positions near Mosul."
    assert record["geolocation"]["placeName"] == "Mosul" and record["geolocation"]["country"] == "IQ"
    assert record["publication"] == "Baghdad Wire" and record["incident"]["independentSources"] == 1


def test_export_format_must_be_known(tiny_client: TestClient) -> None:
    response = tiny_client.get("/api/events?format=xlsx")
    assert response.status_code == 422
    assert response.json()["error"] == "query.format: Input should be 'geojson', 'csv' or 'plover'"
