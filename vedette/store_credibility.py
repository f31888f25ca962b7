"""Credibility tables (syndication clusters, incidents, loaded language) and the queries that read them.

The tables hang off the store's `metadata`, so `Store(...)` creates them with the rest. Writers are in
`vedette.credibility`; the CLI and the API read through the functions here.

Contract other parts rely on: every stored event belongs to exactly one incident (singletons included)
through `incident_events`, and every stored document to exactly one syndication cluster through
`syndication_members`, so "at least N independent sources" or "score at least S" is one join:
`events → incident_events → incidents`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
    select,
)
from sqlalchemy.engine import Connection

from vedette.records import Document
from vedette.store import Store, documents, events, metadata

syndication_clusters = Table(
    "syndication_clusters",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("earliest_doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("origin_source", Text),  # the outlet the reprint chain leads back to, else the earliest member's
    Column("size", Integer, nullable=False, index=True),
    Column("outlets", Text, nullable=False),  # JSON list of the members' own outlets
)

syndication_members = Table(
    "syndication_members",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("cluster_id", String(32), nullable=False, index=True),
    Column("published", DateTime, index=True),
    Column("outlet", Text),
    Column("upstream", Text, nullable=False),  # JSON list of the outlets it credits ("X reports:"), nearest first
    Column("upstream_doc_id", String(32)),  # the member published by the nearest upstream outlet, if stored
    Column("similarity", Float),  # estimated Jaccard similarity of the body to the cluster's earliest member
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary),  # MinHash of the body (uint32 values); NULL when there is no body text
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", String(16), nullable=False, index=True),
    Column("modality", String(16), nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_name", Text),
    Column("place_country", String(2)),
    Column("place_admin1", Text),
    Column("place_rank", Integer, nullable=False),  # 3 point, 2 province, 1 country, 0 no place
    Column("date_start", String(10), index=True),
    Column("date_end", String(10), index=True),
    Column("actors", Text, nullable=False),  # JSON list of the known actors: name, country, sector
    Column("modes", Text, nullable=False, server_default="[]"),  # JSON list of PLOVER modes ("aerial", …)
    Column("events", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False, index=True),
    Column("reprints", Integer, nullable=False),
    Column("alignments", Integer, nullable=False),
    Column("modality_agreement", Float, nullable=False),
    Column("score", Float, nullable=False, index=True),
    Column("explanation", Text, nullable=False),
    Column("sources", Text, nullable=False),  # JSON list of the independent sources and what the registry says
)

incident_events = Table(
    "incident_events",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id"), primary_key=True),
    Column("incident_id", String(32), ForeignKey("incidents.id"), nullable=False, index=True),
)

loaded_terms = Table(
    "loaded_terms",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("term", Text, nullable=False),
    Column("category", String(32), nullable=False, index=True),
    Column("segment", String(16), nullable=False),
    Column("quoted", Boolean, nullable=False),
)

comment_stance = Table(
    "comment_stance",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("actor", Text, primary_key=True),
    Column("support", Integer, nullable=False),
    Column("oppose", Integer, nullable=False),
    Column("comments", Integer, nullable=False),
)

def language_rows(docs: Iterable[Document]) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Rows for the loaded-language tables, written by `Store.add_documents` in its transaction."""
    docs = list(docs)
    terms = [{"doc_id": d.id, **t.model_dump()} for d in docs for t in d.loaded_terms]
    stance = [{"doc_id": d.id, **s.model_dump()} for d in docs for s in d.comment_stance]
    return [(table, rows) for table, rows in ((loaded_terms, terms), (comment_stance, stance)) if rows]



def incident_row(row: Any) -> dict[str, Any]:
    record = dict(row._mapping)
    for name in ("actors", "modes", "sources"):
        record[name] = json.loads(record[name])
    return record


def read_incidents(
    store: Store,
    event_type: str | None = None,
    min_sources: int | None = None,
    min_score: float | None = None,
    multi_document: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Incidents, best corroborated first, each with its event and document ids."""
    query = select(incidents)
    if event_type:
        query = query.where(incidents.c.event_type == event_type.upper())
    if min_sources is not None:
        query = query.where(incidents.c.independent_sources >= min_sources)
    if min_score is not None:
        query = query.where(incidents.c.score >= min_score)
    if multi_document:
        query = query.where(incidents.c.documents > 1)
    query = query.order_by(incidents.c.score.desc(), incidents.c.date_start, incidents.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        rows = [incident_row(r) for r in conn.execute(query)]
        members = _incident_members(conn, [r["id"] for r in rows])
    for row in rows:
        row["event_ids"], row["doc_ids"] = members.get(row["id"], ([], []))
    return rows


def read_incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
        if row is None:
            return None
        record = incident_row(row)
        record["event_ids"], record["doc_ids"] = _incident_members(conn, [incident_id]).get(incident_id, ([], []))
    return record


def incident_of_event(store: Store, event_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        incident_id = conn.execute(
            select(incident_events.c.incident_id).where(incident_events.c.event_id == event_id)
        ).scalar()
    return read_incident(store, incident_id) if incident_id else None


def _incident_members(conn: Connection, ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    found: dict[str, tuple[list[str], list[str]]] = {}
    for chunk in _chunks(ids):
        query = (
            select(incident_events.c.incident_id, events.c.id, events.c.doc_id)
            .join(events, events.c.id == incident_events.c.event_id)
            .where(incident_events.c.incident_id.in_(chunk))
            .order_by(events.c.date, events.c.doc_id, events.c.id)
        )
        for incident_id, event_id, doc_id in conn.execute(query):
            event_ids, doc_ids = found.setdefault(incident_id, ([], []))
            event_ids.append(event_id)
            if doc_id not in doc_ids:
                doc_ids.append(doc_id)
    return found


def read_clusters(store: Store, include_singletons: bool = False) -> list[dict[str, Any]]:
    """Syndication clusters, largest first, each with its members in publication order."""
    query = select(syndication_clusters)
    if not include_singletons:
        query = query.where(syndication_clusters.c.size > 1)
    query = query.order_by(syndication_clusters.c.size.desc(), syndication_clusters.c.id)
    with store.engine.connect() as conn:
        clusters = [dict(r._mapping) for r in conn.execute(query)]
        for cluster in clusters:
            cluster["outlets"] = json.loads(cluster["outlets"])
            cluster["members"] = _members(conn, syndication_members.c.cluster_id == cluster["id"])
    return clusters


def cluster_of(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The syndication cluster a document belongs to (every processed document has one)."""
    with store.engine.connect() as conn:
        cluster_id = conn.execute(
            select(syndication_members.c.cluster_id).where(syndication_members.c.doc_id == doc_id)
        ).scalar()
        if cluster_id is None:
            return None
        row = conn.execute(select(syndication_clusters).where(syndication_clusters.c.id == cluster_id)).first()
        cluster = dict(row._mapping) if row else {"id": cluster_id}
        cluster["outlets"] = json.loads(cluster.get("outlets") or "[]")
        cluster["members"] = _members(conn, syndication_members.c.cluster_id == cluster_id)
    return cluster


def _members(conn: Connection, condition: Any) -> list[dict[str, Any]]:
    query = (
        select(
            syndication_members.c.doc_id,
            syndication_members.c.outlet,
            syndication_members.c.upstream,
            syndication_members.c.upstream_doc_id,
            syndication_members.c.similarity,
            documents.c.published,
            documents.c.title,
            documents.c.origin,
        )
        .join(documents, documents.c.id == syndication_members.c.doc_id)
        .where(condition)
        .order_by(documents.c.published, documents.c.id)
    )
    return [
        {
            "doc_id": r.doc_id,
            "outlet": r.outlet,
            "upstream": json.loads(r.upstream),
            "upstream_doc_id": r.upstream_doc_id,
            "similarity": r.similarity,
            "published": r.published.isoformat() if r.published else None,
            "title": r.title,
            "origin": r.origin,
        }
        for r in conn.execute(query)
    ]


def outlet_counts(store: Store) -> dict[str, dict[str, int]]:
    """How often each outlet name occurs in the store: as a document's own outlet and as a credited upstream."""
    counts: dict[str, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for outlet, upstream in conn.execute(select(syndication_members.c.outlet, syndication_members.c.upstream)):
            if outlet:
                counts.setdefault(outlet, {"documents": 0, "credited": 0})["documents"] += 1
            for name in json.loads(upstream):
                counts.setdefault(name, {"documents": 0, "credited": 0})["credited"] += 1
    return counts


def document_language(store: Store, doc_id: str) -> dict[str, Any]:
    """A document's loaded terms (with spans) and its comment stance summary."""
    with store.engine.connect() as conn:
        terms = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    loaded_terms.c.start,
                    loaded_terms.c.end,
                    loaded_terms.c.text,
                    loaded_terms.c.term,
                    loaded_terms.c.category,
                    loaded_terms.c.segment,
                    loaded_terms.c.quoted,
                )
                .where(loaded_terms.c.doc_id == doc_id)
                .order_by(loaded_terms.c.start)
            )
        ]
        stance = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    comment_stance.c.actor, comment_stance.c.support, comment_stance.c.oppose, comment_stance.c.comments
                )
                .where(comment_stance.c.doc_id == doc_id)
                .order_by(comment_stance.c.actor)
            )
        ]
    return {"doc_id": doc_id, "loaded_terms": terms, "comment_stance": stance}


def language_summary(store: Store) -> dict[str, Any]:
    """Loaded terms per outlet and category (the outlet's own words, not quotes) and comment stance per actor."""
    with store.engine.connect() as conn:
        per_outlet: dict[str, dict[str, int]] = {}
        query = (
            select(documents.c.source, loaded_terms.c.category, func.count())
            .join(documents, documents.c.id == loaded_terms.c.doc_id)
            .where(loaded_terms.c.quoted.is_(False))
            .group_by(documents.c.source, loaded_terms.c.category)
        )
        for source, category, count in conn.execute(query):
            per_outlet.setdefault(source or "(no outlet named)", {})[category] = int(count)
        stance = [
            {"actor": a, "support": int(s), "oppose": int(o), "comments": int(c)}
            for a, s, o, c in conn.execute(
                select(
                    comment_stance.c.actor,
                    func.sum(comment_stance.c.support),
                    func.sum(comment_stance.c.oppose),
                    func.sum(comment_stance.c.comments),
                )
                .group_by(comment_stance.c.actor)
                .order_by(func.sum(comment_stance.c.comments).desc(), comment_stance.c.actor)
            )
        ]
    return {"loaded_terms_by_outlet": per_outlet, "comment_stance": stance}


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
