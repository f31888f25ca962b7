"""Alerts from the store: spikes per region and type, first events at a new place, newly corroborated incidents.

- **spike**: a day whose count of incidents of one type in one region (incidents, so the reprints of one
  report count once; events reported as occurred) is improbably high for its rolling baseline; the test is in
  `spikes.py`. Regions are the basemap's admin-1 units, else countries (`vedette.report.basemap`).
- **new_place**: the first event (reported as occurred, at a point: a town, a base, a place seen from a
  direction) with no earlier event in the store within `alert_new_place_km`.
- **corroborated**: an incident of the window told by two or more independent sources; a later rise in
  independent sources (2 -> 3) is a new alert.

Every alert has a stable `key`, so `state.py` can tell the alerts already sent from the new ones.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from vedette import config
from vedette.alerts.spikes import SpikeSettings, find_spikes
from vedette.credibility.incidents import COUNTRY, RELATIVE, place_rank
from vedette.report.basemap import Basemap, PlacePoint, place_regions
from vedette.store import Store, events
from vedette.store_credibility import incident_events, incidents

CORROBORATED = 2
WINDOW_DAYS = 7
"""Without --since, alerts look at the last week of the store's events."""

AlertKind = Literal["spike", "new_place", "corroborated"]


class Alert(BaseModel):
    kind: AlertKind
    key: str
    day: str
    message: str
    region: str | None = None
    event_type: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    incident_id: str | None = None
    count: int | None = None
    """Spike: incidents that day; new place: events there that day; corroborated: independent sources."""
    expected: float | None = None
    """Spike: the baseline's mean incidents a day."""
    p_value: float | None = None
    threshold: float | None = None
    sources: list[str] = Field(default_factory=list)


def default_since(store: Store) -> date:
    """The first day of the store's last week of events (today's week in an empty store)."""
    with store.engine.connect() as conn:
        latest = conn.execute(select(func.max(events.c.date))).scalar()
    return (date.fromisoformat(latest) if latest else date.today()) - timedelta(days=WINDOW_DAYS - 1)


def detect(store: Store, since: date, basemap: Basemap, settings: SpikeSettings | None = None) -> list[Alert]:
    """Every alert dated `since` or later, oldest first."""
    settings = settings or SpikeSettings.from_config()
    found = [
        *spike_alerts(store, since, basemap, settings),
        *new_place_alerts(store, since, basemap, float(config.get("alert_new_place_km"))),
        *corroborated_alerts(store, since, basemap),
    ]
    return sorted(found, key=lambda a: (a.day, a.kind, a.key))


def spike_alerts(store: Store, since: date, basemap: Basemap, settings: SpikeSettings) -> list[Alert]:
    start = since - timedelta(days=settings.baseline_days)
    query = (
        select(
            events.c.date,
            events.c.event_type,
            events.c.lat,
            events.c.lon,
            events.c.country,
            events.c.payload,
            events.c.id,
            incident_events.c.incident_id,
        )
        .outerjoin(incident_events, incident_events.c.event_id == events.c.id)
        .where(events.c.date >= start.isoformat(), events.c.modality == "occurred", events.c.lat.is_not(None))
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return []
    regions = place_regions(basemap, [_place_point(r.lon, r.lat, r.country, r.payload) for r in rows])
    first = min(date.fromisoformat(r.date) for r in rows)  # the baseline starts with the store's history
    last = max(date.fromisoformat(r.date) for r in rows)
    incidents_on: dict[tuple[str, str], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row, region in zip(rows, regions, strict=True):
        if region is not None:
            day = (date.fromisoformat(row.date) - first).days
            incidents_on[(region.label, row.event_type)][day].add(row.incident_id or row.id)
    series = sorted(incidents_on)
    counts = np.zeros((len(series), (last - first).days + 1), dtype=int)
    for index, key in enumerate(series):
        for day, ids in incidents_on[key].items():
            counts[index, day] = len(ids)
    types = len({event_type for _, event_type in series})
    alerts = []
    for spike in find_spikes(counts, max(0, (since - first).days), types, settings):
        region_label, event_type = series[spike.series]
        spike_day = (first + timedelta(days=spike.day)).isoformat()
        alerts.append(
            Alert(
                kind="spike",
                key=f"spike|{region_label}|{event_type}|{spike_day}",
                day=spike_day,
                region=region_label,
                event_type=event_type,
                count=spike.count,
                expected=round(spike.expected, 3),
                p_value=float(f"{spike.p_value:.3g}"),
                threshold=float(f"{spike.threshold:.3g}"),
                message=f"spike: {spike.count} {event_type} incidents in {region_label} on {spike_day}, against "
                f"{spike.expected:.2f} a day over the previous {settings.baseline_days} days "
                f"(p = {spike.p_value:.2g} < {spike.threshold:.2g})",
            )
        )
    return alerts


def new_place_alerts(store: Store, since: date, basemap: Basemap, km: float) -> list[Alert]:
    """Places (by name and country) first named in the window, with no earlier event within `km` of them."""
    query = (
        select(
            events.c.date,
            events.c.place_name,
            events.c.lat,
            events.c.lon,
            events.c.country,
            events.c.modality,
            events.c.event_type,
            events.c.payload,
        )
        .where(events.c.lat.is_not(None), events.c.date.is_not(None))
        .order_by(events.c.date, events.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    first_rows: dict[tuple[str, str], list[Any]] = {}
    for row in rows:  # oldest first: a place's list holds the events of its first day
        told = first_rows.setdefault((row.place_name or "", row.country or ""), [row])
        if told[0].date == row.date and told[-1] is not row:
            told.append(row)
    days = np.array([r.date for r in rows])
    lats, lons = np.radians([r.lat for r in rows]), np.radians([r.lon for r in rows])
    fresh = [
        told
        for told in first_rows.values()
        if told[0].date >= since.isoformat() and any(r.modality == "occurred" and _is_point(r.payload) for r in told)
    ]
    regions = place_regions(basemap, [PlacePoint(told[0].lon, told[0].lat, told[0].country) for told in fresh])
    alerts = []
    for told, region in zip(fresh, regions, strict=True):
        head = told[0]
        earlier = days < head.date
        nearest = _nearest_km(math.radians(head.lat), math.radians(head.lon), lats[earlier], lons[earlier])
        if nearest is not None and nearest <= km:
            continue
        types = sorted({r.event_type for r in told})
        where = f"{head.place_name} ({region.label})" if region else head.place_name
        distance = f"nearest earlier event {nearest:.0f} km away" if nearest is not None else "no earlier event"
        alerts.append(
            Alert(
                kind="new_place",
                key=f"new_place|{head.place_name}|{head.country or ''}",
                day=head.date,
                region=region.label if region else None,
                place=head.place_name,
                lat=head.lat,
                lon=head.lon,
                count=len(told),
                event_type=types[0] if len(types) == 1 else None,
                message=f"first events at {where} on {head.date}: {len(told)} event{'s' if len(told) > 1 else ''} "
                f"({', '.join(types)}); {distance}",
            )
        )
    return alerts


def corroborated_alerts(store: Store, since: date, basemap: Basemap) -> list[Alert]:
    query = select(incidents).where(
        incidents.c.independent_sources >= CORROBORATED, incidents.c.date_end >= since.isoformat()
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    regions = place_regions(
        basemap,
        [
            PlacePoint(r.lon, r.lat, r.place_country, r.place_rank == COUNTRY) if r.lat is not None else None
            for r in rows
        ],
    )
    alerts = []
    for row, region in zip(rows, regions, strict=True):
        sources = [s["origin"] for s in json.loads(row.sources)]
        where = row.place_name or "no place"
        if region and region.label != where:
            where += f" ({region.label})"
        dates = row.date_start if row.date_start == row.date_end else f"{row.date_start} to {row.date_end}"
        alerts.append(
            Alert(
                kind="corroborated",
                key=f"corroborated|{row.id}|{row.independent_sources}",
                day=row.date_end,
                region=region.label if region else None,
                event_type=row.event_type,
                place=row.place_name,
                lat=row.lat,
                lon=row.lon,
                incident_id=row.id,
                count=row.independent_sources,
                sources=sources,
                message=f"corroborated: {row.event_type} at {where}, {dates}, now told by {row.independent_sources} "
                f"independent sources ({'; '.join(sources)}), score {row.score:.2f}",
            )
        )
    return alerts


def _place_point(lon: float, lat: float, country: str | None, payload: str) -> PlacePoint:
    feature = (json.loads(payload).get("place") or {}).get("feature") or ""
    return PlacePoint(lon, lat, country, feature.startswith("A.PCL"))


def _is_point(payload: str) -> bool:
    """A town, a base or a place seen from a direction: not a province or a country."""
    place = json.loads(payload).get("place") or {}
    return place_rank(place.get("feature"), place.get("modifier")) >= RELATIVE


def _nearest_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> float | None:
    """Great-circle distance to the nearest of the points (haversine), None when there are none."""
    if not len(lats):
        return None
    h = np.sin((lats - lat) / 2) ** 2 + math.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
    return float(6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, h))).min())
