"""Incidents: events from different documents that describe the same happening.

Two events are one happening when they have the same PLOVER type, compatible modality (a claim and
its denial are one incident; plans and threats are another), compatible actors and modes (an air
strike is not a shelling), and places and dates that agree. Places have a precision, and the vaguer
the place the more the dates must agree: two points (town, airbase) may lie `incident_km` apart with
dates spanning `incident_days`; a province, or a point seen only from a direction ("south of
Hasakah"), matches what lies in the same province on the same day; a country-level place, a missing
place or a missing date says too little, so such an event only joins an incident that already holds
an event from the same syndication cluster (the same article, or a reprint of it).

Assignment is greedy and incremental: each new event, most precise first, joins the best compatible
incident (same cluster first, then nearest, then closest in time) or founds a new one. An incident's
anchor is its most precise place, so a vague event cannot chain two distant incidents together.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

POINT, RELATIVE, PROVINCE, COUNTRY, NOWHERE = 4, 3, 2, 1, 0
FACTUAL = frozenset({"occurred", "negated"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    rank: int


@dataclass(frozen=True, slots=True)
class ActorFacts:
    name: str
    country: str | None
    sector: str | None

    @property
    def known(self) -> bool:
        return bool(self.country or self.sector)


@dataclass(slots=True)
class EventFacts:
    """What incident matching needs of a stored event."""

    id: str
    doc_id: str
    cluster_id: str
    event_type: str
    modality: str
    mode: str | None
    actor: ActorFacts | None
    place: Place | None
    day: date | None


@dataclass(slots=True)
class Incident:
    id: str
    event_type: str
    factual: bool
    anchor: Place | None
    start: date | None
    end: date | None
    actors: list[ActorFacts] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)
    event_ids: list[str] = field(default_factory=list)


def place_rank(feature: str | None, modifier: str | None = None) -> int:
    """How precise a toponym is: countries, regions ("Middle East", "Kurdistan Region"), continents and
    provinces are areas, a point with a direction ("south of", "eastern") lies somewhere around it,
    anything else is a point."""
    if feature and (feature.startswith("A.PCL") or feature in ("L.RGN", "L.CONT")):
        return COUNTRY
    if feature and feature.startswith("A.ADM"):
        return PROVINCE
    return RELATIVE if modifier else POINT


def incident_id(founding_event_id: str) -> str:
    return hashlib.sha256(f"incident\x1f{founding_event_id}".encode()).hexdigest()[:16]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def actors_compatible(actor: ActorFacts | None, others: Iterable[ActorFacts]) -> bool:
    """Two actors clash when both name a country and the countries differ, or both a sector and those differ;
    an unknown actor ("shells", "attackers", a pronoun) clashes with nobody."""
    if actor is None or not actor.known:
        return True
    for other in others:
        if other.name == actor.name:
            continue
        if actor.country and other.country and actor.country != other.country:
            return False
        if actor.sector and other.sector and actor.sector != other.sector:
            return False
    return True


class IncidentIndex:
    """Incidents reachable by type and day, by grid cell or province, or by syndication cluster."""

    def __init__(self, km: float, days: int) -> None:
        self.km, self.days = km, days
        self.cell_degrees = max(km / 111.0, 0.05)
        self.by_place: dict[tuple[object, ...], list[Incident]] = {}
        self.by_cluster: dict[tuple[object, ...], list[Incident]] = {}

    def add(self, incident: Incident) -> None:
        key = (incident.event_type, incident.factual)
        for cluster in incident.clusters:
            self._put(self.by_cluster, (*key, cluster), incident)
        anchor = incident.anchor
        if anchor is None or anchor.rank < PROVINCE or incident.start is None or incident.end is None:
            return
        for offset in range((incident.end - incident.start).days + 1):
            day = incident.start.toordinal() + offset
            if anchor.rank == POINT:
                self._put(self.by_place, (*key, day, "cell", *self._cell(anchor)), incident)
            if anchor.admin1:
                self._put(self.by_place, (*key, day, "admin1", anchor.country, anchor.admin1), incident)

    def candidates(self, event: EventFacts) -> Iterator[Incident]:
        key = (event.event_type, event.modality in FACTUAL)
        yield from self.by_cluster.get((*key, event.cluster_id), ())
        place = event.place
        if place is None or place.rank < PROVINCE or event.day is None:
            return
        for day in range(event.day.toordinal() - self.days, event.day.toordinal() + self.days + 1):
            if place.rank == POINT:
                row, col = self._cell(place)
                for d_row in (-1, 0, 1):
                    for d_col in (-1, 0, 1):
                        yield from self.by_place.get((*key, day, "cell", row + d_row, col + d_col), ())
        if place.admin1:
            yield from self.by_place.get((*key, event.day.toordinal(), "admin1", place.country, place.admin1), ())

    def _cell(self, place: Place) -> tuple[int, int]:
        return math.floor(place.lat / self.cell_degrees), math.floor(place.lon / self.cell_degrees)

    @staticmethod
    def _put(table: dict[tuple[object, ...], list[Incident]], key: tuple[object, ...], incident: Incident) -> None:
        bucket = table.setdefault(key, [])
        if not bucket or bucket[-1] is not incident:
            bucket.append(incident)


def fit(event: EventFacts, incident: Incident, km: float, days: int) -> tuple[int, float, int] | None:
    """How well an event fits an incident (higher is better), or None when it cannot be the same happening."""
    if event.event_type != incident.event_type or (event.modality in FACTUAL) != incident.factual:
        return None
    if event.mode and incident.modes and event.mode not in incident.modes:
        return None
    if not actors_compatible(event.actor, incident.actors):
        return None
    timing = _timing(event, incident)
    place, anchor = event.place, incident.anchor
    if event.cluster_id in incident.clusters:  # the same article or a reprint: vague places and dates may join
        if timing and timing[0] > days:
            return None
        if place and anchor and place.country and anchor.country and place.country != anchor.country:
            return None
        if place and anchor and _apart(place, anchor, km):  # one article listing strikes on two towns
            return None
        return 1, 0.0, -timing[1] if timing else -days
    if timing is None or place is None or anchor is None or min(place.rank, anchor.rank) <= COUNTRY:
        return None
    span, gap = timing
    if place.rank == POINT and anchor.rank == POINT:
        distance = distance_km(place, anchor)
        if distance > km or span > days:
            return None
        return 0, -distance, -gap
    if span == 0 and place.country == anchor.country and place.admin1 and place.admin1 == anchor.admin1:
        return 0, -km, 0  # one lies somewhere in the other's province, on the same day
    return None


def _apart(place: Place, anchor: Place, km: float) -> bool:
    """Two places that cannot be one happening's: points farther apart than `km`, or (at province
    precision or better) different provinces."""
    if place.rank == POINT and anchor.rank == POINT:
        return distance_km(place, anchor) > km
    return (
        min(place.rank, anchor.rank) >= PROVINCE
        and bool(place.admin1 and anchor.admin1)
        and (place.country, place.admin1) != (anchor.country, anchor.admin1)
    )


def _timing(event: EventFacts, incident: Incident) -> tuple[int, int] | None:
    """(days the incident would span with the event, days between them), when both are dated."""
    if event.day is None or incident.start is None or incident.end is None:
        return None
    span = (max(incident.end, event.day) - min(incident.start, event.day)).days
    return span, max((incident.start - event.day).days, (event.day - incident.end).days, 0)


def assignment_order(event: EventFacts) -> tuple[int, date, str, str]:
    """Best-placed events first (a point anchors an incident that a province-level report then joins), then by day."""
    return order_key(event.place.rank if event.place else NOWHERE, event.day, event.doc_id, event.id)


def order_key(rank: int, day: date | None, doc_id: str, event_id: str) -> tuple[int, date, str, str]:
    """`assignment_order` from the four facts it reads, for callers that have not built an `EventFacts`."""
    return -rank, day or date.max, doc_id, event_id


def assign(new_events: Sequence[EventFacts], index: IncidentIndex, km: float, days: int) -> dict[str, Incident]:
    """Put each new event into the best fitting incident of `index` or a new one; returns the incidents that
    received events, by id. `index` is updated as it goes."""
    touched: dict[str, Incident] = {}
    for event in sorted(new_events, key=assignment_order):
        seen: set[int] = set()
        best: tuple[tuple[int, float, int, int, str], Incident] | None = None
        for incident in index.candidates(event):
            if id(incident) in seen:
                continue
            seen.add(id(incident))
            score = fit(event, incident, km, days)
            # Ties go to the larger incident, then the larger id, never to whichever was indexed first:
            # the store reloads incidents in another order than they were made.
            ranked = score and (*score, len(incident.event_ids), incident.id)
            if ranked and (best is None or ranked > best[0]):
                best = (ranked, incident)
        incident = (
            best[1]
            if best
            else Incident(
                id=incident_id(event.id),
                event_type=event.event_type,
                factual=event.modality in FACTUAL,
                anchor=None,
                start=None,
                end=None,
            )
        )
        _absorb(incident, event)
        index.add(incident)
        touched[incident.id] = incident
    return touched


def _absorb(incident: Incident, event: EventFacts) -> None:
    incident.event_ids.append(event.id)
    incident.clusters.add(event.cluster_id)
    if event.place and (incident.anchor is None or event.place.rank > incident.anchor.rank):
        incident.anchor = event.place
    if event.day:
        incident.start = min(incident.start or event.day, event.day)
        incident.end = max(incident.end or event.day, event.day)
    if event.actor and event.actor.known and all(a.name != event.actor.name for a in incident.actors):
        incident.actors.append(event.actor)
    if event.mode:
        incident.modes.add(event.mode)
