"""Event exports, one registered function per format: `?format=geojson|csv|plover` on `/api/events`.

- `geojson`: a FeatureCollection of points (`[lon, lat]`) that QGIS opens as a layer.
- `csv`: ACLED-like columns (`event_id_cnty`, `event_date`, `actor1`, `latitude`, `geo_precision`,
  `notes`, …) followed by vedette's own (`modality`, `incident_id`, `independent_sources`, …), for
  pandas and spreadsheets. Text cells that a spreadsheet would run as a formula are prefixed with `'`.
- `plover`: PLOVER-style JSON records (`event`, `mode`, `source`/`target` actors with `actorText`,
  `code`, `sector`, the sentence as `text`), with the place and provenance vedette adds.

A new format is a function decorated with `@exporter(name, media_type)`; `?format=` accepts it at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
import pycountry

from vedette.api.queries import Page

Render = Callable[[Page, dict[str, Any]], str | bytes]


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    render: Render
    """`render(page, links)`: `links` holds `next` (the next page's URL or None)."""
    filename: str | None = None
    """Offered as a download under this name (for files a browser should save, not show)."""


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, media_type: str, filename: str | None = None) -> Callable[[Render], Render]:
    def register(render: Render) -> Render:
        EXPORTERS[name] = Exporter(name, media_type, render, filename)
        return render

    return register


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON; orjson, because serialising a page of events is the API's hot path.

    (Non-str keys are allowed because SQLAlchemy's column names are a `str` subclass.)
    """
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def _paging(page: Page, links: dict[str, Any]) -> dict[str, Any]:
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "next": links.get("next")}


def feature(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a GeoJSON point feature with flat, map-friendly properties."""
    actor, target = event.get("actor") or {}, event.get("target") or {}
    place = event.get("place") or {}
    properties = {
        "id": event["id"],
        "event_type": event["event_type"],
        "mode": event.get("mode"),
        "modality": event["modality"],
        "actor": actor.get("name"),
        "actor_country": actor.get("country"),
        "target": target.get("name"),
        "place_name": event["place_name"],
        "place_inferred": event["place_inferred"],
        "country": event["country"],
        "admin1": place.get("admin1"),
        "date": event.get("date"),
        "sentence": event["sentence"],
        "sentence_start": event["sentence_start"],
        "sentence_end": event["sentence_end"],
        "doc_id": event["doc_id"],
        "source": event["source"],
        "title": event.get("title"),
        "attribution": event["attribution"],
        "confidence": event["confidence"],
        "incident_id": event.get("incident_id"),
        "independent_sources": event.get("independent_sources"),
        "corroboration": event.get("corroboration"),
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
        "properties": properties,
    }


@exporter("geojson", "application/geo+json")
def geojson(page: Page, links: dict[str, Any]) -> bytes:
    return dumps({"type": "FeatureCollection", **_paging(page, links), "features": [feature(e) for e in page.items]})


ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "iso",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
VEDETTE_COLUMNS = (
    "modality",
    "attribution",
    "incident_id",
    "independent_sources",
    "corroboration",
    "confidence",
    "doc_id",
    "event_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=512)
def _country(alpha_2: str | None) -> tuple[str, str, str]:
    """(alpha-3, name, numeric) of an ISO country code; ACLED's `iso` is the numeric code."""
    found = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    return (found.alpha_3, found.name, str(int(found.numeric))) if found else ("", alpha_2 or "", "")


def _geo_precision(event: dict[str, Any]) -> int:
    """ACLED's scale: 1 the named town itself, 2 somewhere near or in part of it, 3 only a region is known."""
    place = event.get("place") or {}
    feature_code = place.get("feature") or ""
    if feature_code.startswith("A."):
        return 3
    return 2 if event.get("place_inferred") or place.get("modifier") else 1


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    alpha_3, country_name, numeric = _country(event.get("country"))
    day = event.get("date") or ""
    attribution = event.get("attribution") or []
    row = {
        "event_id_cnty": f"{alpha_3 or 'XXX'}-{event['id']}",
        "event_date": day,
        "year": day[:4],
        "time_precision": 1 if day else "",
        "event_type": event["event_type"],
        "sub_event_type": event.get("mode") or "",
        "actor1": (event.get("actor") or {}).get("name") or "",
        "actor2": (event.get("target") or {}).get("name") or "",
        "country": country_name,
        "iso": numeric,
        "admin1": (event.get("place") or {}).get("admin1") or "",
        "location": event.get("place_name") or "",
        "latitude": event["lat"],
        "longitude": event["lon"],
        "geo_precision": _geo_precision(event),
        "source": "; ".join(dict.fromkeys(s for s in [event.get("source"), *attribution] if s)),
        "notes": event["sentence"],
        "fatalities": "",
        "modality": event["modality"],
        "attribution": "; ".join(attribution),
        "incident_id": event.get("incident_id") or "",
        "independent_sources": event.get("independent_sources") or "",
        "corroboration": "" if event.get("corroboration") is None else event["corroboration"],
        "confidence": event.get("confidence"),
        "doc_id": event["doc_id"],
        "event_id": event["id"],
    }
    return {key: _cell(value) for key, value in row.items()}


@exporter("csv", "text/csv; charset=utf-8", filename="vedette-events.csv")
def acled_csv(page: Page, links: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS + VEDETTE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(acled_row(event) for event in page.items)
    return buffer.getvalue()


def _plover_actor(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not actor:
        return []
    return [
        {
            "actorText": actor.get("text"),
            "name": actor.get("name"),
            "code": actor.get("country"),
            "sector": actor.get("sector"),
        }
    ]


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    place = event.get("place") or {}
    return {
        "id": event["id"],
        "date": event.get("date"),
        "event": event["event_type"],
        "mode": event.get("mode"),
        "modality": event["modality"],
        "source": _plover_actor(event.get("actor")),
        "target": _plover_actor(event.get("target")),
        "eventText": event["trigger"],
        "text": event["sentence"],
        "language": "en",
        "publication": event.get("source"),
        "attribution": event.get("attribution") or [],
        "geolocation": {
            "placeName": event.get("place_name"),
            "lat": event["lat"],
            "lon": event["lon"],
            "country": event.get("country"),
            "admin1": place.get("admin1"),
            "feature": place.get("feature"),
            "gazetteer": place.get("source"),
            "gazetteerId": place.get("source_id"),
            "inferred": event.get("place_inferred"),
        },
        "docId": event["doc_id"],
        "confidence": event.get("confidence"),
        "incident": {
            "id": event.get("incident_id"),
            "independentSources": event.get("independent_sources"),
            "corroboration": event.get("corroboration"),
        },
    }


@exporter("plover", "application/json")
def plover(page: Page, links: dict[str, Any]) -> bytes:
    return dumps(
        {
            "format": "PLOVER-style events from vedette",
            **_paging(page, links),
            "events": [plover_record(e) for e in page.items],
        }
    )
