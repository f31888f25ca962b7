"""The whole-store credibility step run after every `Pipeline.run`: clusters, incidents, corroboration.

Incremental: only documents without a cluster and events without an incident are worked on; existing
incidents are loaded only when a new event could join them (same type, dates within the window, or the
same syndication cluster), and corroboration is recomputed only for incidents that gained events or
whose documents changed cluster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import JSON, bindparam, cast, insert, select, type_coerce
from sqlalchemy import update as update_rows
from sqlalchemy.engine import Connection

from vedette import config
from vedette.credibility.corroboration import Support, corroborate
from vedette.credibility.incidents import (
    NOWHERE,
    PROVINCE,
    ActorFacts,
    EventFacts,
    Incident,
    IncidentIndex,
    Place,
    assign,
    order_key,
    place_rank,
)
from vedette.credibility.sources import Registry, load_registry, source_key
from vedette.credibility.syndication import update_clusters
from vedette.store import Store, documents, events
from vedette.store_credibility import incident_events, incidents, syndication_members

CHUNK = 500
EVENTS_PER_STEP = 20_000


@dataclass
class UpdateSummary:
    documents_clustered: int
    events_assigned: int
    incidents_rescored: int


def update(store: Store, registry: Registry | None = None, events_per_step: int = EVENTS_PER_STEP) -> UpdateSummary:
    """Bring syndication clusters, incidents and their corroboration up to date with the store."""
    registry = registry or load_registry()
    km, days = float(config.get("incident_km")), int(config.get("incident_days"))
    changed_docs = update_clusters(store)
    with store.engine.begin() as conn:
        assigned, rescore = 0, set()
        held: dict[str, Incident] = {}  # the last step's incidents, already written: the next step mostly needs them
        for step in _unassigned_events(conn, events_per_step):
            reachable = _reachable_ids(conn, step, days)
            kept = {i: held[i] for i in reachable if i in held}
            loaded = {incident.id: incident for incident in _load_incidents(conn, sorted(reachable - kept.keys()))}
            index = IncidentIndex(km, days)
            for incident in (*kept.values(), *loaded.values()):
                index.add(incident)
            touched = assign(step, index, km, days)
            _write_incidents(conn, touched.values(), {e.id for e in step})
            assigned += len(step)
            rescore |= set(touched)
            held = {**kept, **loaded, **touched}
        rescore |= _incidents_of_documents(conn, changed_docs)
        for chunk in _chunks(sorted(rescore)):
            _rescore(conn, chunk, registry)
    return UpdateSummary(len(changed_docs), assigned, len(rescore))


def _unassigned_events(conn: Connection, per_step: int) -> Iterator[list[EventFacts]]:
    """Events without an incident, in `assign`'s order, a bounded number at a time.

    A large run stores hundreds of thousands of events; holding them all with their incidents cost more
    memory than the rest of the pipeline. Each step is written before the next is read, and the next
    step reloads from the store whatever incidents its events can reach, so the steps together assign
    exactly as one pass over all events would.
    """
    payload = cast(events.c.payload, JSON) if conn.dialect.name == "postgresql" else type_coerce(events.c.payload, JSON)
    unassigned = (
        _clustered_events(
            events.c.id,
            events.c.doc_id,
            events.c.date,
            payload[("place", "name")].as_string().label("place_name"),
            payload[("place", "feature")].as_string().label("feature"),
            payload[("place", "modifier")].as_string().label("modifier"),
        )
        .outerjoin(incident_events, incident_events.c.event_id == events.c.id)
        .where(incident_events.c.event_id.is_(None))
    )
    # The order needs only the place's precision, read by the database: each step then parses its events'
    # payloads once.
    keys = sorted(
        order_key(
            place_rank(row.feature, row.modifier) if row.place_name is not None else NOWHERE,
            date.fromisoformat(row.date) if row.date else None,
            row.doc_id,
            row.id,
        )
        for row in conn.execute(unassigned)
    )
    for start in range(0, len(keys), per_step):
        ids = [key[-1] for key in keys[start : start + per_step]]
        facts: dict[str, EventFacts] = {}
        for chunk in _chunks(ids):
            facts.update((row.id, _facts(row)) for row in conn.execute(_facts_query().where(events.c.id.in_(chunk))))
        yield [facts[i] for i in ids]


def _facts_query() -> Any:
    return _clustered_events(
        events.c.id,
        events.c.doc_id,
        events.c.event_type,
        events.c.modality,
        events.c.date,
        events.c.payload,
        syndication_members.c.cluster_id,
    )


def _clustered_events(*columns: Any) -> Any:
    """`columns` of the events whose document has its syndication cluster (every event the step can assign)."""
    return select(*columns).join(syndication_members, syndication_members.c.doc_id == events.c.doc_id)


def _facts(row: Any) -> EventFacts:
    payload = json.loads(row.payload)
    actor = payload.get("actor")
    place = payload.get("place")
    return EventFacts(
        id=row.id,
        doc_id=row.doc_id,
        cluster_id=row.cluster_id,
        event_type=row.event_type,
        modality=row.modality,
        mode=payload.get("mode"),
        actor=ActorFacts(actor["name"], actor.get("country"), actor.get("sector")) if actor else None,
        place=_place(place) if place else None,
        day=date.fromisoformat(row.date) if row.date else None,
    )


def _place(place: dict[str, Any]) -> Place:
    return Place(
        name=place["name"],
        lat=place["lat"],
        lon=place["lon"],
        country=place.get("country"),
        admin1=place.get("admin1"),
        rank=place_rank(place.get("feature"), place.get("modifier")),
    )


def _reachable_ids(conn: Connection, new_events: Sequence[EventFacts], days: int) -> set[str]:
    """Stored incidents a new event might join: same type and near in time, or holding the same cluster."""
    if not new_events:
        return set()
    types = sorted({e.event_type for e in new_events})
    # As in `IncidentIndex.candidates`: only a dated event placed at province precision or better can
    # join an incident outside its own cluster, so only such events look for incidents by date.
    dated = [e.day for e in new_events if e.day and e.place and e.place.rank >= PROVINCE]
    clusters = sorted({e.cluster_id for e in new_events})
    ids: set[str] = set()
    if dated:
        low, high = (min(dated) - timedelta(days=days)).isoformat(), (max(dated) + timedelta(days=days)).isoformat()
        ids |= set(
            conn.execute(
                select(incidents.c.id).where(
                    incidents.c.event_type.in_(types), incidents.c.date_end >= low, incidents.c.date_start <= high
                )
            ).scalars()
        )
    for chunk in _chunks(clusters):
        ids |= set(
            conn.execute(
                select(incident_events.c.incident_id)
                .distinct()
                .join(events, events.c.id == incident_events.c.event_id)
                .join(syndication_members, syndication_members.c.doc_id == events.c.doc_id)
                .where(syndication_members.c.cluster_id.in_(chunk), events.c.event_type.in_(types))
            ).scalars()
        )
    return ids


def _load_incidents(conn: Connection, ids: list[str]) -> list[Incident]:
    found: list[Incident] = []
    for chunk in _chunks(ids):
        rows = {r.id: r for r in conn.execute(select(incidents).where(incidents.c.id.in_(chunk)))}
        members: dict[str, tuple[list[str], set[str]]] = {i: ([], set()) for i in rows}
        for incident_key, event_id, cluster_id in conn.execute(
            select(incident_events.c.incident_id, incident_events.c.event_id, syndication_members.c.cluster_id)
            .join(events, events.c.id == incident_events.c.event_id)
            .join(syndication_members, syndication_members.c.doc_id == events.c.doc_id)
            .where(incident_events.c.incident_id.in_(chunk))
        ):
            members[incident_key][0].append(event_id)
            members[incident_key][1].add(cluster_id)
        found.extend(_incident(rows[i], *members[i]) for i in sorted(rows))
    return found


def _incident(row: Any, event_ids: list[str], clusters: set[str]) -> Incident:
    anchor = None
    if row.lat is not None and row.lon is not None:
        anchor = Place(row.place_name or "", row.lat, row.lon, row.place_country, row.place_admin1, row.place_rank)
    return Incident(
        id=row.id,
        event_type=row.event_type,
        factual=row.modality in ("occurred", "negated"),
        anchor=anchor,
        start=date.fromisoformat(row.date_start) if row.date_start else None,
        end=date.fromisoformat(row.date_end) if row.date_end else None,
        actors=[ActorFacts(a["name"], a.get("country"), a.get("sector")) for a in json.loads(row.actors)],
        modes=set(json.loads(row.modes)),
        clusters=clusters,
        event_ids=event_ids,
    )


def _write_incidents(conn: Connection, touched: Iterable[Incident], new_event_ids: set[str]) -> None:
    touched = list(touched)
    stored = set()
    for chunk in _chunks([i.id for i in touched]):
        stored |= set(conn.execute(select(incidents.c.id).where(incidents.c.id.in_(chunk))).scalars())
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for incident in touched:
        anchor = incident.anchor
        values = {
            "event_type": incident.event_type,
            "lat": anchor.lat if anchor else None,
            "lon": anchor.lon if anchor else None,
            "place_name": anchor.name if anchor else None,
            "place_country": anchor.country if anchor else None,
            "place_admin1": anchor.admin1 if anchor else None,
            "place_rank": anchor.rank if anchor else 0,
            "date_start": incident.start.isoformat() if incident.start else None,
            "date_end": incident.end.isoformat() if incident.end else None,
            "actors": json.dumps([asdict(a) for a in incident.actors], ensure_ascii=False),
            "modes": json.dumps(sorted(incident.modes)),
        }
        if incident.id in stored:
            updates.append({"key": incident.id, **values})
        else:
            inserts.append(
                {
                    "id": incident.id,
                    "modality": "occurred" if incident.factual else "planned",
                    "events": 0,
                    "documents": 0,
                    "independent_sources": 0,
                    "reprints": 0,
                    "alignments": 0,
                    "modality_agreement": 0.0,
                    "score": 0.0,
                    "explanation": "",
                    "sources": "[]",
                    **values,
                }
            )
    if inserts:
        conn.execute(insert(incidents), inserts)
    if updates:
        conn.execute(_update_by_key(updates[0]), _renamed(updates))
    rows = [{"event_id": e, "incident_id": i.id} for i in touched for e in i.event_ids if e in new_event_ids]
    if rows:
        conn.execute(insert(incident_events), rows)


def _incidents_of_documents(conn: Connection, doc_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(doc_ids)):
        found |= set(
            conn.execute(
                select(incident_events.c.incident_id)
                .distinct()
                .join(events, events.c.id == incident_events.c.event_id)
                .where(events.c.doc_id.in_(chunk))
            ).scalars()
        )
    return found


def _rescore(conn: Connection, incident_ids: list[str], registry: Registry) -> None:
    query = (
        select(
            incident_events.c.incident_id,
            events.c.id,
            events.c.doc_id,
            events.c.modality,
            events.c.payload,
            syndication_members.c.cluster_id,
            syndication_members.c.outlet,
            syndication_members.c.upstream,
            documents.c.origin,
        )
        .join(events, events.c.id == incident_events.c.event_id)
        .join(documents, documents.c.id == events.c.doc_id)
        .join(syndication_members, syndication_members.c.doc_id == events.c.doc_id)
        .where(incident_events.c.incident_id.in_(incident_ids))
    )
    supports: dict[str, list[Support]] = {}
    for row in conn.execute(query):
        upstream = json.loads(row.upstream)
        own = {source_key(n) for n in (row.outlet, *upstream) if n}
        cited = [n for n in json.loads(row.payload).get("attribution", []) if source_key(n) not in own]
        supports.setdefault(row.incident_id, []).append(
            Support(
                event_id=row.id,
                doc_id=row.doc_id,
                cluster_id=row.cluster_id,
                modality=row.modality,
                outlet=row.outlet,
                upstream=upstream,
                cited=cited,
                origin=row.origin,
            )
        )
    rows = []
    for incident_key, members in supports.items():
        result = corroborate(members, registry)
        rows.append(
            {
                "key": incident_key,
                "modality": result.modality,
                "events": len(members),
                "documents": result.documents,
                "independent_sources": result.independent_sources,
                "reprints": result.reprints,
                "alignments": result.alignments,
                "modality_agreement": result.modality_agreement,
                "score": result.score,
                "explanation": result.explanation,
                "sources": json.dumps([g.as_dict() for g in result.sources], ensure_ascii=False),
            }
        )
    if rows:
        conn.execute(_update_by_key(rows[0]), _renamed(rows))


def _renamed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows keyed for `_update_by_key` (SQLAlchemy reserves the column names for its own parameters)."""
    return [{(k if k == "key" else f"new_{k}"): v for k, v in row.items()} for row in rows]


def _update_by_key(row: dict[str, Any]) -> Any:
    """UPDATE incidents SET <the row's columns> WHERE id = :key, for executemany over rows shaped alike."""
    return (
        update_rows(incidents)
        .where(incidents.c.id == bindparam("key"))
        .values({name: bindparam(f"new_{name}") for name in row if name != "key"})
    )


def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
