"""The read queries behind the API: events, incidents, documents, sources and timeline counts.

Every endpoint that filters events builds the same `EventFilter`, so `/api/events`, its exports,
`/api/stats` and `/api/incidents` agree on what a filter means. Queries use the store's
SQLAlchemy tables and the credibility tables of `vedette.store_credibility`: every event belongs
to one incident, joined through `incident_events`. In a store whose credibility stage has not
run, the corroboration fields are `null` and a `min_sources` above 1 matches nothing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.engine import Connection

from vedette.credibility.sources import SourceInfo, load_registry
from vedette.errors import VedetteError
from vedette.store import Store, documents, events, flat_event, toponyms
from vedette.store_credibility import document_language, incident_events, incident_row, incidents

SORTED_EVENTS = (events.c.date, events.c.id)
"""Pages are cut from one stable order, so `offset` pages never overlap or skip."""


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """`minLon,minLat,maxLon,maxLat`; a box with minLon > maxLon crosses the antimeridian."""
        try:
            numbers = [float(part) for part in text.split(",")]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise VedetteError("V405", value=text)
        box = cls(*numbers)
        if not (-180 <= box.min_lon <= 180 and -180 <= box.max_lon <= 180 and -90 <= box.min_lat <= box.max_lat <= 90):
            raise VedetteError("V405", value=text)
        return box

    def clause(self, lat: Any, lon: Any) -> ColumnElement[bool]:
        lons = (
            lon.between(self.min_lon, self.max_lon)
            if self.min_lon <= self.max_lon
            else or_(lon >= self.min_lon, lon <= self.max_lon)
        )
        return and_(lat.between(self.min_lat, self.max_lat), lons)


@dataclass(frozen=True)
class EventFilter:
    bbox: BBox | None = None
    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    source: str | None = None
    modality: str | None = None
    min_sources: int | None = None
    min_score: float | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise VedetteError("V406", start=self.start.isoformat(), end=self.end.isoformat())

    @property
    def needs_incidents(self) -> bool:
        """Whether the filter reads the incident tables (counting without them is index-only)."""
        return bool(self.min_sources and self.min_sources > 1) or self.min_score is not None

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions on `events` joined to their `incidents` (see `EVENTS_WITH_INCIDENTS`)."""
        found: list[ColumnElement[bool]] = [events.c.lat.is_not(None)]
        if self.bbox:
            found.append(self.bbox.clause(events.c.lat, events.c.lon))
        if self.start:
            found.append(events.c.date >= self.start.isoformat())
        if self.end:
            found.append(events.c.date <= self.end.isoformat())
        if self.types:
            found.append(events.c.event_type.in_([t.upper() for t in self.types]))
        if self.actor:
            found.append(func.lower(events.c.actor) == self.actor.lower())
        if self.country:
            found.append(events.c.country == self.country.upper())
        if self.source:
            found.append(events.c.source == self.source)
        if self.modality:
            found.append(events.c.modality == self.modality)
        if self.min_sources and self.min_sources > 1:
            found.append(incidents.c.independent_sources >= self.min_sources)
        if self.min_score is not None:
            found.append(incidents.c.score >= self.min_score)
        return found


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


EVENTS_WITH_INCIDENTS = events.outerjoin(incident_events, incident_events.c.event_id == events.c.id).outerjoin(
    incidents, incidents.c.id == incident_events.c.incident_id
)
INCIDENT_COLUMNS = (
    incidents.c.id.label("incident_id"),
    incidents.c.independent_sources,
    incidents.c.score.label("corroboration"),
)


class Queries:
    """Read access to one store (whose schema `Store` has migrated to the newest revision)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def events_page(self, flt: EventFilter, limit: int, offset: int) -> Page:
        conditions = flt.clauses()
        counted = EVENTS_WITH_INCIDENTS if flt.needs_incidents else events
        total_query = select(func.count()).select_from(counted).where(*conditions)
        query = (
            select(events.c.payload, documents.c.source, documents.c.title, *INCIDENT_COLUMNS)
            .select_from(EVENTS_WITH_INCIDENTS.join(documents, documents.c.id == events.c.doc_id))
            .where(*conditions)
            .order_by(*SORTED_EVENTS)
            .limit(limit)
            .offset(offset)
        )
        with self.store.engine.connect() as conn:
            total = int(conn.execute(total_query).scalar_one())
            rows = conn.execute(query).all()
        return Page([_event(row) for row in rows], total, limit, offset)

    def stats(self, flt: EventFilter) -> dict[str, Any]:
        """Counts per day and type (the timeline) and per facet (the filters' choices)."""
        conditions = flt.clauses()

        def grouped(*columns: Any) -> list[Any]:
            query = (
                select(*columns, func.count()).select_from(EVENTS_WITH_INCIDENTS).where(*conditions).group_by(*columns)
            )
            with self.store.engine.connect() as conn:
                return list(conn.execute(query).all())

        days: dict[str, Counter[str]] = defaultdict(Counter)
        undated = 0
        for day, event_type, n in grouped(events.c.date, events.c.event_type):
            if day is None:
                undated += n
            else:
                days[day][event_type] += n
        facets = {
            name: {str(value): n for value, n in sorted(grouped(column), key=lambda r: (-r[1], str(r[0]))) if value}
            for name, column in (
                ("types", events.c.event_type),
                ("modalities", events.c.modality),
                ("sources", events.c.source),
                ("actors", events.c.actor),
                ("countries", events.c.country),
            )
        }
        corroboration = {
            str(k): n for k, n in sorted(grouped(incidents.c.independent_sources), key=lambda r: r[0] or 0) if k
        }
        return {
            "total": sum(sum(c.values()) for c in days.values()) + undated,
            "undated": undated,
            "first_day": min(days) if days else None,
            "last_day": max(days) if days else None,
            "days": [
                {"date": day, "total": sum(days[day].values()), "types": dict(sorted(days[day].items()))}
                for day in sorted(days)
            ],
            **facets,
            "independent_sources": corroboration,
        }

    def incidents_page(self, flt: EventFilter, limit: int, offset: int) -> Page:
        """Incidents having at least one event that passes `flt`."""
        incident = incidents
        matching = (
            select(incident_events.c.incident_id)
            .select_from(EVENTS_WITH_INCIDENTS)
            .where(*flt.clauses())
            .distinct()
            .subquery()
        )
        base = incident.join(matching, matching.c.incident_id == incident.c.id)
        with self.store.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(base)).scalar_one())
            rows = conn.execute(
                select(incident)
                .select_from(base)
                .order_by(incident.c.date_start, incident.c.id)
                .limit(limit)
                .offset(offset)
            ).all()
            members = self._members(conn, [row.id for row in rows])
        return Page([_incident(row, members.get(row.id, [])) for row in rows], total, limit, offset)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
            if row is None:
                return None
            return _incident(row, self._members(conn, [row.id])[row.id])

    def _members(self, conn: Connection, incident_ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
        """The reports of each incident: which outlet said what, where and when."""
        link = incident_events
        query = (
            select(
                link.c.incident_id,
                events.c.id,
                events.c.doc_id,
                events.c.event_type,
                events.c.modality,
                events.c.date,
                events.c.place_name,
                documents.c.source,
                documents.c.title,
                documents.c.published,
                events.c.payload,
            )
            .select_from(
                link.join(events, events.c.id == link.c.event_id).join(documents, documents.c.id == events.c.doc_id)
            )
            .where(link.c.incident_id.in_(incident_ids))
            .order_by(documents.c.published, events.c.id)
        )
        found: dict[Any, list[dict[str, Any]]] = {i: [] for i in incident_ids}
        for row in conn.execute(query):
            payload = orjson.loads(row.payload)
            found[row.incident_id].append(
                {
                    "event_id": row.id,
                    "doc_id": row.doc_id,
                    "event_type": row.event_type,
                    "modality": row.modality,
                    "date": row.date,
                    "place_name": row.place_name,
                    "source": row.source,
                    "title": row.title,
                    "published": row.published.isoformat() if row.published else None,
                    "attribution": payload.get("attribution", []),
                    "sentence": payload.get("sentence"),
                }
            )
        return found

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document with everything that was read from it: events with their spans, places, markers."""
        document = self.store.document(doc_id)
        if document is None:
            return None
        query = (
            select(events.c.payload, *INCIDENT_COLUMNS)
            .select_from(EVENTS_WITH_INCIDENTS)
            .where(events.c.doc_id == doc_id)
            .order_by(events.c.id)
        )
        place_query = select(toponyms).where(toponyms.c.doc_id == doc_id).order_by(toponyms.c.start)
        with self.store.engine.connect() as conn:
            event_rows = conn.execute(query).all()
            place_rows = conn.execute(place_query).all()
        language = document_language(self.store, doc_id)
        return {
            **document,
            "events": [_event_spans(row) for row in event_rows],
            "places": [_place(row._mapping) for row in place_rows],
            "loaded_terms": language["loaded_terms"],
            "comment_stance": language["comment_stance"],
        }

    def sources(self) -> dict[str, Any]:
        """Every outlet in the store: document and event counts, date span, and what the source registry says."""
        registry = load_registry()
        query = (
            select(
                documents.c.source,
                func.count(func.distinct(documents.c.id)),
                func.count(events.c.id),
                func.min(documents.c.published),
                func.max(documents.c.published),
            )
            .select_from(documents.outerjoin(events, events.c.doc_id == documents.c.id))
            .group_by(documents.c.source)
        )
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        found = [
            {
                "name": name,
                "documents": n_docs,
                "events": n_events,
                "first_published": first.isoformat() if first else None,
                "last_published": last.isoformat() if last else None,
                **_registry_entry(registry.lookup(name)),
            }
            for name, n_docs, n_events, first, last in rows
        ]
        found.sort(key=lambda s: (s["name"] is None, -s["documents"], s["name"] or ""))
        return {"registry": registry.path, "neutral_reliability": registry.neutral, "sources": found}


def _registry_entry(info: SourceInfo) -> dict[str, Any]:
    """The registry's view of an outlet (`known` false and the neutral prior when it is not listed)."""
    return {
        "known": info.known,
        "registry_name": info.name if info.known else None,
        "kind": info.kind,
        "country": info.country,
        "alignment": info.alignment,
        "reliability": info.reliability,
        "fictional": info.fictional,
        "note": info.note,
    }


def _event(row: Any) -> dict[str, Any]:
    """A row of `events_page` (payload, source, title, incident id, sources, score) as a flat event."""
    payload, source, title, incident_id, independent_sources, corroboration = row
    event = flat_event(orjson.loads(payload), source, title)
    event["incident_id"] = incident_id
    event["independent_sources"] = independent_sources
    event["corroboration"] = corroboration
    return event


def _event_spans(row: Any) -> dict[str, Any]:
    """An event of a document with the character spans it was read from (offsets into the document text)."""
    payload = orjson.loads(row.payload)
    spans = [{"role": "sentence", "start": payload["sentence_start"], "end": payload["sentence_end"]}]
    for role in ("actor", "target", "place"):
        part = payload.get(role)
        if part and part.get("end", 0) > part.get("start", 0):
            spans.append({"role": role, "start": part["start"], "end": part["end"], "text": part["text"]})
    mapping = row._mapping
    return {
        "id": payload["id"],
        "event_type": payload["event_type"],
        "mode": payload.get("mode"),
        "modality": payload["modality"],
        "trigger": payload["trigger"],
        "date": payload.get("date"),
        "actor": (payload.get("actor") or {}).get("name"),
        "target": (payload.get("target") or {}).get("name"),
        "place_name": (payload.get("place") or {}).get("name"),
        "place_inferred": payload.get("place_inferred"),
        "attribution": payload.get("attribution", []),
        "sentence": payload["sentence"],
        "segment": payload.get("segment"),
        "confidence": payload.get("confidence"),
        "spans": spans,
        "incident_id": mapping.get("incident_id"),
        "independent_sources": mapping.get("independent_sources"),
        "corroboration": mapping.get("corroboration"),
    }


def _place(row: Any) -> dict[str, Any]:
    return {
        key: row[key]
        for key in (
            "start",
            "end",
            "text",
            "segment",
            "name",
            "lat",
            "lon",
            "country",
            "admin1",
            "feature",
            "modifier",
            "source",
            "source_id",
        )
    }


def _incident(row: Any, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident as stored (explanation, independent sources, score) with the reports it merges."""
    return {**incident_row(row), "reports": reports}
