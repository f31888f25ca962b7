"""Read endpoints: events (with exports), incidents, documents, sources, places and timeline stats.

Reads are open by default; with `VEDETTE_API_READS_OPEN=no` they need an API key like writes.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from vedette.api import auth
from vedette.api.exports import EXPORTERS, dumps
from vedette.api.queries import BBox, EventFilter, Page, Queries
from vedette.errors import VedetteError
from vedette.records import Modality

MAX_PAGE = 10_000
DEFAULT_PAGE = 500
"""A page a client can draw or table at once; ask for up to MAX_PAGE with `limit=`."""
PLACES_LIMIT = 50


def api_key(request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> str:
    """The name of the valid API key sent with the request; 401 when there is none or it is unknown."""
    name = auth.key_name(request.app.state.store, auth.bearer_token(authorization))
    if name is None:
        raise VedetteError("V403")
    return name


def read_access(request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> None:
    if not request.app.state.reads_open:
        api_key(request, authorization)


def queries(request: Request) -> Queries:
    return request.app.state.queries


def event_filter(
    bbox: Annotated[
        str | None, Query(description="minLon,minLat,maxLon,maxLat (WGS84 degrees)", examples=["35.5,32.5,42.5,37.5"])
    ] = None,
    start: Annotated[date | None, Query(description="first day, YYYY-MM-DD (inclusive; drops undated events)")] = None,
    end: Annotated[date | None, Query(description="last day, YYYY-MM-DD (inclusive; drops undated events)")] = None,
    type: Annotated[str | None, Query(description="PLOVER event types, comma-separated, e.g. ASSAULT,COERCE")] = None,
    actor: Annotated[str | None, Query(description="actor name as shown in events (case-insensitive)")] = None,
    country: Annotated[
        str | None, Query(description="ISO 3166-1 alpha-2 code of the event's place", min_length=2, max_length=2)
    ] = None,
    source: Annotated[str | None, Query(description="outlet that published the report, e.g. Levant Monitor")] = None,
    modality: Annotated[
        Modality | None, Query(description="occurred, planned, hypothetical, negated or wished")
    ] = None,
    min_sources: Annotated[
        int | None, Query(ge=1, description="minimum corroboration: independent sources reporting the event's incident")
    ] = None,
    min_score: Annotated[
        float | None, Query(ge=0, le=1, description="minimum corroboration score of the event's incident, 0..1")
    ] = None,
) -> EventFilter:
    types = tuple(t.strip() for t in type.split(",") if t.strip()) if type else ()
    return EventFilter(
        BBox.parse(bbox) if bbox is not None else None,
        start,
        end,
        types,
        actor,
        country,
        source,
        modality,
        min_sources,
        min_score,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
Reader = Annotated[Queries, Depends(queries)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, description="events to skip (the `next` link gives the following page)")]

router = APIRouter(dependencies=[Depends(read_access)])


def paged(request: Request, page: Page, body: str | bytes, media_type: str) -> Response:
    """A page with `X-Total-Count` and, when there is more, `Link: <…>; rel="next"`."""
    headers = {"X-Total-Count": str(page.total)}
    nxt = next_url(request, page)
    if nxt:
        headers["Link"] = f'<{nxt}>; rel="next"'
    return Response(body, media_type=media_type, headers=headers)


def next_url(request: Request, page: Page) -> str | None:
    offset = page.next_offset
    return None if offset is None else str(request.url.include_query_params(offset=offset, limit=page.limit))


def json_response(value: Any) -> Response:
    return Response(dumps(value), media_type="application/json")


ExportFormat = Enum("ExportFormat", {name: name for name in EXPORTERS}, type=str)  # type: ignore[misc]
"""The `format` values: one per registered exporter."""
GEOJSON = ExportFormat("geojson")


@router.get(
    "/api/events",
    summary="Events, filtered and paged, as GeoJSON, ACLED-like CSV or PLOVER-style JSON",
    response_class=Response,
    responses={200: {"content": {e.media_type.split(";")[0]: {} for e in EXPORTERS.values()}}},
)
def api_events(
    request: Request,
    flt: Filter,
    reader: Reader,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
    format: Annotated[
        ExportFormat,
        Query(description="geojson (QGIS), csv (ACLED-like columns) or plover (PLOVER-style JSON)"),
    ] = GEOJSON,
) -> Response:
    page = reader.events_page(flt, limit, offset)
    export = EXPORTERS[format.value]
    response = paged(request, page, export.render(page, {"next": next_url(request, page)}), export.media_type)
    if export.filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@router.get("/api/stats", summary="Event counts per day and type (the timeline) and per filter value")
def api_stats(flt: Filter, reader: Reader) -> Response:
    return json_response(reader.stats(flt))


@router.get("/api/incidents", summary="Incidents (events merged across reports) with their corroboration")
def api_incidents(
    request: Request, flt: Filter, reader: Reader, limit: Limit = DEFAULT_PAGE, offset: Offset = 0
) -> Response:
    page = reader.incidents_page(flt, limit, offset)
    body = {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next": next_url(request, page),
        "incidents": page.items,
    }
    return paged(request, page, dumps(body), "application/json")


@router.get("/api/incidents/{incident_id}", summary="One incident: its reports, sources and corroboration explanation")
def api_incident(incident_id: str, reader: Reader) -> Response:
    incident = reader.incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident with id '{incident_id}'")
    return json_response(incident)


@router.get("/api/documents/{doc_id}", summary="A document's text, segments and the spans each event was read from")
def api_document(doc_id: str, reader: Reader) -> Response:
    document = reader.document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document with id '{doc_id}'")
    return json_response(document)


@router.get("/api/sources", summary="Outlets in the store: document and event counts and the source registry's entry")
def api_sources(reader: Reader) -> Response:
    return json_response(reader.sources())


@router.get("/api/places", summary="Gazetteer search: every place a name may refer to, in any spelling")
def api_places(
    q: Annotated[str, Query(min_length=2, max_length=200, description="a place name, e.g. Deir ez-Zor or T-4")],
    limit: Annotated[int, Query(ge=1, le=PLACES_LIMIT)] = 20,
) -> Response:
    from vedette.geo import load_gazetteer

    candidates = load_gazetteer().candidates(q.strip())
    ranked = sorted(candidates, key=lambda c: (c.how not in ("name", "alias"), -c.place.population, c.place.name))
    places = [
        {
            "name": c.place.name,
            "match": c.how,
            "lat": c.place.lat,
            "lon": c.place.lon,
            "country": c.place.country,
            "admin1": c.place.admin1,
            "feature": c.place.feature,
            "population": c.place.population,
            "source": c.place.source,
            "source_id": c.place.source_id,
        }
        for c in ranked[:limit]
    ]
    return json_response({"query": q, "total": len(candidates), "places": places})
