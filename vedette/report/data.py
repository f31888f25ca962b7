"""What a SITREP says, gathered from the store: figures, top incidents, change, days, sources, loaded language.

Everything is counted over one scope: the events dated inside the period (both days included) whose place
lies in the area (`--region` or `--bbox`; with neither, every dated event, located or not). The previous
period is the same number of days just before, counted the same way, so every change is like for like.
Incidents, outlets and loaded terms are those of the scoped events and their documents.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, make_url, select

from vedette.credibility.incidents import COUNTRY, PROVINCE
from vedette.credibility.sources import load_registry
from vedette.report.basemap import Area, Basemap, PlacePoint, place_regions
from vedette.store import Store, documents, events
from vedette.store_credibility import (
    incident_events,
    incident_row,
    incidents,
    loaded_terms,
    syndication_clusters,
    syndication_members,
)

NO_OUTLET = "(no outlet named)"
TOP_INCIDENTS = 10
CORROBORATED = 2
"""Independent sources from which an incident counts as corroborated."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]


@dataclass(frozen=True)
class Scope:
    period: Period
    area: Area | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north

    @property
    def name(self) -> str:
        if self.area:
            return self.area.label
        if self.bbox:
            return "box " + ", ".join(f"{v:g}" for v in self.bbox) + " (W, S, E, N)"
        return "all places"

    def keeps(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        if self.area:
            return self.area.contains(lons, lats)
        if self.bbox:
            west, south, east, north = self.bbox
            across = (lons >= west) & (lons <= east) if west <= east else (lons >= west) | (lons <= east)
            return across & (lats >= south) & (lats <= north)
        return np.ones(len(lons), dtype=bool)


@dataclass
class ScopedEvent:
    id: str
    doc_id: str
    incident_id: str
    day: str
    event_type: str
    modality: str
    source: str
    place: str | None
    region: str | None
    sentence: str


@dataclass(frozen=True)
class Figure:
    name: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True)
class Change:
    """One row of a then-and-now table (an event type, a region)."""

    name: str
    current: int
    previous: int


@dataclass(frozen=True)
class TopIncident:
    rank: int
    id: str
    event_type: str
    dates: str
    place: str
    region: str
    lat: float | None
    lon: float | None
    independent_sources: int
    score: float
    modality: str
    modality_agreement: float
    sources: list[str]
    documents: int
    events: int
    summary: str
    explanation: str


@dataclass(frozen=True)
class MapIncident:
    lon: float
    lat: float
    events: int
    independent_sources: int
    rank: int | None


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    reports: int
    events: int
    reprints: int
    """Its reports in scope that reprint another outlet's (not the earliest of their syndication cluster)."""
    reprinted: int
    """Copies other outlets ran of its reports in scope."""
    reliability: float
    alignment: str


@dataclass(frozen=True)
class LanguageRow:
    outlet: str
    reports: int
    own_terms: int
    quoted_terms: int
    categories: dict[str, int]
    top_terms: list[tuple[str, int]]

    @property
    def per_report(self) -> float:
        return self.own_terms / self.reports if self.reports else 0.0


@dataclass(frozen=True)
class NewPlace:
    place: str
    region: str
    first_day: str
    events: int


@dataclass
class Sitrep:
    scope: Scope
    store: str
    generated: datetime
    figures: list[Figure]
    types: list[Change]
    regions: list[Change]
    new_places: list[NewPlace]
    top_incidents: list[TopIncident]
    incidents_in_scope: int
    days: list[tuple[date, Counter[str]]]
    map_incidents: list[MapIncident]
    outlets: list[OutletRow]
    language: list[LanguageRow]
    unlocated_events: int

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)


def gather(store: Store, scope: Scope, basemap: Basemap) -> Sitrep:
    """Read the store once for the period and the one before, and count everything the report shows."""
    earlier = scope.period.previous
    scoped = _scoped_events(store, scope, basemap, earlier.start, scope.period.end)
    now = [e for e in scoped if e.day >= scope.period.start.isoformat()]
    then = [e for e in scoped if e.day < scope.period.start.isoformat()]
    incident_rows = _incidents(store, {e.incident_id for e in now})
    top = _top_incidents(now, incident_rows, basemap)
    return Sitrep(
        scope=scope,
        store=_store_name(store),
        generated=datetime.now(UTC).replace(microsecond=0),
        figures=_figures(now, then, store),
        types=_changes(Counter(e.event_type for e in now), Counter(e.event_type for e in then)),
        regions=_changes(Counter(e.region or "no place" for e in now), Counter(e.region or "no place" for e in then)),
        new_places=_new_places(store, now),
        top_incidents=top,
        incidents_in_scope=len(incident_rows),
        days=_days(scope.period, now),
        map_incidents=_map_incidents(incident_rows, now, {t.id: t.rank for t in top}),
        outlets=_outlets(store, now),
        language=_language(store, now),
        unlocated_events=sum(1 for e in now if e.place is None),
    )


def _scoped_events(store: Store, scope: Scope, basemap: Basemap, first: date, last: date) -> list[ScopedEvent]:
    query = (
        select(
            events.c.id,
            events.c.doc_id,
            events.c.date,
            events.c.event_type,
            events.c.modality,
            events.c.lat,
            events.c.lon,
            events.c.place_name,
            events.c.country,
            events.c.payload,
            documents.c.source,
            incident_events.c.incident_id,
        )
        .join(documents, documents.c.id == events.c.doc_id)
        .outerjoin(incident_events, incident_events.c.event_id == events.c.id)
        .where(events.c.date >= first.isoformat(), events.c.date <= last.isoformat())
        .order_by(events.c.date, events.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    located = np.array([r.lat is not None and r.lon is not None for r in rows], dtype=bool)
    lons = np.array([r.lon if r.lon is not None else np.nan for r in rows], dtype=float)
    lats = np.array([r.lat if r.lat is not None else np.nan for r in rows], dtype=float)
    keep = np.zeros(len(rows), dtype=bool)
    keep[located] = scope.keeps(lons[located], lats[located])
    if not (scope.area or scope.bbox):
        keep[:] = True
    kept = [(r, json.loads(r.payload)) for r, k in zip(rows, keep, strict=True) if k]
    places = [
        PlacePoint(r.lon, r.lat, r.country, (payload.get("place") or {}).get("feature", "").startswith("A.PCL"))
        if r.lat is not None and r.lon is not None
        else None
        for r, payload in kept
    ]
    regions = place_regions(basemap, places)
    return [
        ScopedEvent(
            id=r.id,
            doc_id=r.doc_id,
            incident_id=r.incident_id or r.id,  # a store whose credibility stage never ran: each event alone
            day=r.date,
            event_type=r.event_type,
            modality=r.modality,
            source=r.source or NO_OUTLET,
            place=r.place_name,
            region=region.label if region else None,
            sentence=payload.get("sentence", ""),
        )
        for (r, payload), region in zip(kept, regions, strict=True)
    ]


def _figures(now: list[ScopedEvent], then: list[ScopedEvent], store: Store) -> list[Figure]:
    def counts(scoped: list[ScopedEvent]) -> dict[str, int]:
        return {
            "Events": len(scoped),
            "Events reported as occurred": sum(1 for e in scoped if e.modality == "occurred"),
            "Incidents": len({e.incident_id for e in scoped}),
            "Corroborated incidents (2+ independent sources)": len(_corroborated(store, scoped)),
            "Reports": len({e.doc_id for e in scoped}),
            "Outlets": len({e.source for e in scoped}),
            "Places": len({e.place for e in scoped if e.place}),
            "Regions": len({e.region for e in scoped if e.region}),
        }

    current, previous = counts(now), counts(then)
    return [Figure(name, current[name], previous[name]) for name in current]


def _corroborated(store: Store, scoped: list[ScopedEvent]) -> set[str]:
    ids = list({e.incident_id for e in scoped})
    found: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(ids):
            query = select(incidents.c.id).where(
                incidents.c.id.in_(chunk), incidents.c.independent_sources >= CORROBORATED
            )
            found.update(conn.execute(query).scalars())
    return found


def _changes(current: Counter[str], previous: Counter[str]) -> list[Change]:
    names = sorted(set(current) | set(previous), key=lambda n: (-current[n], -previous[n], n))
    return [Change(n, current[n], previous[n]) for n in names]


def _incidents(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            for row in conn.execute(select(incidents).where(incidents.c.id.in_(chunk))):
                found[row.id] = incident_row(row)
    return found


def _top_incidents(now: list[ScopedEvent], rows: dict[str, dict[str, Any]], basemap: Basemap) -> list[TopIncident]:
    """Best corroborated first: independent sources, then score, then how many reports told it."""
    by_incident: dict[str, list[ScopedEvent]] = defaultdict(list)
    for event in now:
        by_incident[event.incident_id].append(event)
    ranked = sorted(
        rows.values(),
        key=lambda r: (-r["independent_sources"], -r["score"], -r["documents"], r["date_start"] or "", r["id"]),
    )
    ranked = ranked[:TOP_INCIDENTS]
    anchors = [
        PlacePoint(r["lon"], r["lat"], r["place_country"], r["place_rank"] == COUNTRY) if r["lat"] is not None else None
        for r in ranked
    ]
    top = []
    for rank, (row, region) in enumerate(zip(ranked, place_regions(basemap, anchors), strict=True), start=1):
        told = by_incident[row["id"]]
        occurred = [e for e in told if e.modality == row["modality"]] or told
        dates = row["date_start"] or ""
        if row["date_end"] and row["date_end"] != row["date_start"]:
            same_year = row["date_end"][:4] == dates[:4]
            dates += " to " + (row["date_end"][5:] if same_year else row["date_end"])
        top.append(
            TopIncident(
                rank=rank,
                id=row["id"],
                event_type=row["event_type"],
                dates=dates,
                place=row["place_name"] or "no place",
                region=region.label if region else "",
                lat=row["lat"],
                lon=row["lon"],
                independent_sources=row["independent_sources"],
                score=row["score"],
                modality=row["modality"],
                modality_agreement=row["modality_agreement"],
                sources=[s["origin"] for s in row["sources"]],
                documents=row["documents"],
                events=row["events"],
                summary=" ".join(occurred[0].sentence.split()),
                explanation=row["explanation"],
            )
        )
    return top


def _new_places(store: Store, now: list[ScopedEvent]) -> list[NewPlace]:
    """Places with events in the period and none dated earlier anywhere in the store."""
    first_seen: dict[str, tuple[str, str, int]] = {}
    for event in now:
        if event.place:
            day, region, count = first_seen.get(event.place, (event.day, event.region or "", 0))
            first_seen[event.place] = (min(day, event.day), region, count + 1)
    if not first_seen:
        return []
    start = min(day for day, _, _ in first_seen.values())
    earlier: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(list(first_seen)):
            query = select(events.c.place_name).where(
                events.c.place_name.in_(chunk), events.c.date.is_not(None), events.c.date < start
            )
            earlier.update(conn.execute(query.distinct()).scalars())
    fresh = [NewPlace(p, region, day, n) for p, (day, region, n) in first_seen.items() if p not in earlier]
    # the first week of a store has only new places: show the most reported first
    return sorted(fresh, key=lambda p: (-p.events, p.first_day, p.place))


def _days(period: Period, now: list[ScopedEvent]) -> list[tuple[date, Counter[str]]]:
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    for event in now:
        per_day[event.day][event.event_type] += 1
    return [(day, per_day.get(day.isoformat(), Counter())) for day in period.each_day()]


def _map_incidents(rows: dict[str, dict[str, Any]], now: list[ScopedEvent], ranks: dict[str, int]) -> list[MapIncident]:
    told = Counter(e.incident_id for e in now)
    return [
        MapIncident(row["lon"], row["lat"], told[row["id"]], row["independent_sources"], ranks.get(row["id"]))
        for row in rows.values()
        if row["lat"] is not None and row["lon"] is not None and row["place_rank"] >= PROVINCE  # no country centroids
    ]


def _outlets(store: Store, now: list[ScopedEvent]) -> list[OutletRow]:
    registry = load_registry()
    reports: dict[str, set[str]] = defaultdict(set)
    event_counts: Counter[str] = Counter()
    for event in now:
        reports[event.source].add(event.doc_id)
        event_counts[event.source] += 1
    doc_ids = [d for docs in reports.values() for d in docs]
    clusters: dict[str, tuple[str, int]] = {}  # doc -> (earliest doc of its cluster, cluster size)
    with store.engine.connect() as conn:
        for chunk in _chunks(doc_ids):
            query = (
                select(
                    syndication_members.c.doc_id, syndication_clusters.c.earliest_doc_id, syndication_clusters.c.size
                )
                .join(syndication_clusters, syndication_clusters.c.id == syndication_members.c.cluster_id)
                .where(syndication_members.c.doc_id.in_(chunk))
            )
            clusters.update({doc: (head, size) for doc, head, size in conn.execute(query)})
    rows = []
    for outlet, docs in reports.items():
        info = registry.lookup(None if outlet == NO_OUTLET else outlet)
        reprints = sum(1 for d in docs if d in clusters and clusters[d][1] > 1 and clusters[d][0] != d)
        reprinted = sum(clusters[d][1] - 1 for d in docs if d in clusters and clusters[d][0] == d)
        rows.append(
            OutletRow(
                outlet,
                len(docs),
                event_counts[outlet],
                reprints,
                reprinted,
                info.reliability,
                info.alignment or ("not in the registry" if not info.known else ""),
            )
        )
    return sorted(rows, key=lambda r: (-r.reports, -r.events, r.outlet))


def _language(store: Store, now: list[ScopedEvent]) -> list[LanguageRow]:
    """Loaded terms in the article text of the scoped reports, per outlet; quoted words are kept apart."""
    outlet_of = {e.doc_id: e.source for e in now}
    own: dict[str, Counter[str]] = defaultdict(Counter)
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    quoted: Counter[str] = Counter()
    with store.engine.connect() as conn:
        for chunk in _chunks(list(outlet_of)):
            query = (
                select(
                    loaded_terms.c.doc_id,
                    loaded_terms.c.term,
                    loaded_terms.c.category,
                    loaded_terms.c.quoted,
                    func.count(),
                )
                .where(loaded_terms.c.doc_id.in_(chunk))
                .group_by(loaded_terms.c.doc_id, loaded_terms.c.term, loaded_terms.c.category, loaded_terms.c.quoted)
            )
            for doc_id, term, category, is_quoted, count in conn.execute(query):
                outlet = outlet_of[doc_id]
                if is_quoted:
                    quoted[outlet] += count
                else:
                    own[outlet][term] += count
                    categories[outlet][category] += count
    reports = Counter(outlet_of.values())
    rows = [
        LanguageRow(
            outlet,
            reports[outlet],
            sum(own[outlet].values()),
            quoted[outlet],
            dict(categories[outlet]),
            own[outlet].most_common(3),
        )
        for outlet in reports
    ]
    return sorted(rows, key=lambda r: (-r.per_report, -r.own_terms, r.outlet))


def _store_name(store: Store) -> str:
    """The SQLite file, or the database URL without its password."""
    url = make_url(store.url)
    return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
