"""Store: documents, toponyms, events and quarantined inputs in SQL (SQLite by default).

Writes are idempotent: a document id is the hash of its text and outlet, so a
re-run or a resumed run inserts nothing twice. Each batch is one transaction,
so a killed run loses at most the batch in flight, which the next run redoes.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Dialect, Engine

from vedette.errors import VedetteError
from vedette.records import Document, Event, OutletReading, Quarantined

metadata = MetaData()
LOCK_KEYS = {"writer": 0x7665_6465, "migration": 0x7665_6466}
"""PostgreSQL advisory-lock keys ("vede", "vedf") of vedette's cross-process locks."""
OUTLET_HISTORY_DOCUMENTS = 50
"""Stored documents per outlet whose places the geo stage hears (`Store.outlet_history`): enough for a home,
recent enough to follow a paper that changed its beat."""

documents = Table(
    "documents", metadata,
    Column("id", String(32), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", DateTime),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("segments", Text, nullable=False),
    Column("focus", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Index("documents_source_ingested", "source", "ingested_at"),
)

toponyms = Table(
    "toponyms", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("segment", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("source", String(32)),
    Column("source_id", String(32)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String(16)),
    Column("modifier", Text),
    Column("score", Float),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("event_type", String(16), nullable=False, index=True),
    Column("modality", String(16), nullable=False),
    Column("actor", Text),
    Column("actor_country", String(3)),
    Column("target", Text),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2), index=True),
    Column("date", String(10), index=True),
    Column("source", Text),
    Column("confidence", Float),
    Column("place_inferred", Boolean, nullable=False),
    Column("payload", Text, nullable=False),
    Index("events_lat_lon", "lat", "lon"),
    # Time window + box (the map's and the API's usual filter) is answered from this index alone.
    Index("events_date_lat_lon", "date", "lat", "lon"),
)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("payload", LargeBinary),
    Column("quarantined_at", DateTime, nullable=False),
    UniqueConstraint("origin", "reason", name="quarantine_once"),
)


def schema_metadata() -> MetaData:
    """The metadata with every table of the store, including those other modules define on it."""
    import vedette.alerts.state  # noqa: F401
    import vedette.api.auth  # noqa: F401
    import vedette.store_credibility  # noqa: F401

    return metadata


GENERATED_COLUMNS = frozenset({"geom"})
"""PostGIS columns the database computes (migration 0002); the table definitions never write them."""


EXTENSION_TABLES = frozenset({"spatial_ref_sys"})
"""Tables PostGIS itself owns."""


def include_in_migrations(_obj: object, name: str | None, type_: str, _reflected: bool, _compare: object) -> bool:
    """Alembic's filter: schema comparison ignores PostGIS's own table and the generated geometry columns."""
    if type_ == "table":
        return name not in EXTENSION_TABLES
    return not (type_ in ("column", "index") and name is not None and name.split("_")[-1] in GENERATED_COLUMNS)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creating it in an empty database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("postgresql"):
        # Batches are idempotent and a resumed run redoes what a server crash lost, so commits need not
        # wait for the WAL flush (PostgreSQL's documented bulk-loading setting; the data stays consistent).
        return {"connect_args": {"options": "-c synchronous_commit=off"}}
    return {}


def database_url(db: str | Path) -> str:
    """A bare path means a SQLite file; `postgresql://` URLs use the psycopg (3) driver."""
    url = str(db)
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Store:
    def __init__(self, db: str | Path, create: bool = True) -> None:
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url, **_engine_options(self.url))
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if not create:
            with self.engine.connect() as conn:
                if not self.engine.dialect.has_table(conn, "documents"):
                    raise VedetteError("V301", db=db)
        with self.exclusive("migration"):  # two writers opening a new database: the second finds it migrated
            migrate(self.engine)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents.c.id).where(documents.c.id.in_(wanted)))
            return {row[0] for row in rows}

    def add_documents(self, docs: list[Document]) -> int:
        """Insert processed documents with their toponyms and events, in one transaction.

        A document another writer stored first is skipped inside the insert itself (ON CONFLICT),
        so concurrent runs on one database neither fail nor duplicate.
        """
        known = self.known_ids(d.id for d in docs)
        candidates = [d for d in docs if d.id not in known]
        if not candidates:
            return 0
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.engine.begin() as conn:
            statement = self._insert_new(documents).returning(documents.c.id)
            inserted = set(conn.execute(statement, [_document_row(d, now) for d in candidates]).scalars())
            fresh = [d for d in candidates if d.id in inserted]
            _insert_rows(conn, toponyms, [_toponym_row(d.id, t.model_dump()) for d in fresh for t in d.toponyms])
            _insert_rows(conn, events, [_event_row(e, d) for d in fresh for e in d.events])
            for table, table_rows in store_credibility.language_rows(fresh):
                _insert_rows(conn, table, table_rows)
        return len(fresh)

    def outlet_history(self, outlets: Iterable[str], documents_each: int = OUTLET_HISTORY_DOCUMENTS) -> dict[
        str, list[OutletReading]
    ]:
        """The toponyms of each outlet's (`source`'s) latest stored documents, up to `documents_each` of them, as
        the geo stage's outlet home hears them. Outlets with nothing stored are left out."""
        history: dict[str, list[OutletReading]] = {}
        with self.engine.connect() as conn:
            for outlet in sorted(set(outlets)):
                latest = (
                    select(documents.c.id)
                    .where(documents.c.source == outlet)
                    .order_by(documents.c.ingested_at.desc(), documents.c.id.desc())
                    .limit(documents_each)
                )
                rows = conn.execute(
                    select(*(toponyms.c[name] for name in ("doc_id", "text", "source", "source_id", "score")))
                    .where(toponyms.c.doc_id.in_(latest), toponyms.c.source_id.is_not(None))
                    .order_by(toponyms.c.doc_id, toponyms.c.id)
                ).all()
                if rows:
                    history[outlet] = [
                        OutletReading(document=doc_id, text=text, source=source, source_id=source_id, score=score or 0)
                        for doc_id, text, source, source_id, score in rows
                    ]
        return history

    def add_quarantined(self, item: Quarantined) -> bool:
        """Record a rejected input once (the same origin and reason again is not a new row)."""
        with self.engine.begin() as conn:
            result = conn.execute(self._insert_new(quarantine).values(
                origin=item.origin, reason=item.reason, payload=item.payload,
                quarantined_at=datetime.now(UTC).replace(tzinfo=None),
            ))
        return bool(result.rowcount)

    def _insert_new(self, table: Table) -> Any:
        """INSERT that skips rows whose key already exists, in this backend's dialect."""
        dialect = sqlite_insert if self.engine.dialect.name == "sqlite" else postgresql_insert
        return dialect(table).on_conflict_do_nothing()

    @contextmanager
    def exclusive(self, purpose: str = "writer") -> Iterator[None]:
        """Hold one of the store's cross-process locks: `writer` for whole-store steps (clusters,
        incidents), `migration` for schema upgrades.

        PostgreSQL: a session advisory lock. SQLite: an exclusive lock on a file beside the database.
        """
        if self.engine.dialect.name == "postgresql":
            key = LOCK_KEYS[purpose]
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    conn.commit()
            return
        database = self.engine.url.database
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.{purpose}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def events(self, event_type: str | None = None, modality: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        query = select(events.c.payload, documents.c.source, documents.c.title).join(documents)
        if event_type:
            query = query.where(events.c.event_type == event_type.upper())
        if modality:
            query = query.where(events.c.modality == modality)
        query = query.order_by(events.c.date.asc().nulls_first(), events.c.doc_id, events.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [flat_event(json.loads(p), source, title) for p, source, title in conn.execute(query)]

    def documents(self) -> Iterator[dict[str, Any]]:
        query = select(documents.c.id, documents.c.source, documents.c.published, documents.c.title,
                       documents.c.url, documents.c.focus, documents.c.origin)
        query = query.order_by(documents.c.published.asc().nulls_first(), documents.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield {"id": row.id, "source": row.source, "published": _iso(row.published), "title": row.title,
                       "url": row.url, "origin": row.origin, "focus": json.loads(row.focus)}

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
        if row is None:
            return None
        return {"id": row.id, "title": row.title, "source": row.source, "url": row.url,
                "published": _iso(row.published), "origin": row.origin, "text": row.text,
                "segments": json.loads(row.segments), "focus": json.loads(row.focus)}

    def quarantined(self) -> list[dict[str, Any]]:
        query = select(quarantine.c.origin, quarantine.c.reason, quarantine.c.quarantined_at).order_by(quarantine.c.id)
        with self.engine.connect() as conn:
            return [{"origin": o, "reason": r, "quarantined_at": _iso(t)} for o, r, t in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            def count(table: Table) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            places = conn.execute(select(func.count(func.distinct(toponyms.c.name)))).scalar_one()
            return {"documents": count(documents), "events": count(events), "places": int(places),
                    "quarantined": count(quarantine)}


def flat_event(payload: dict[str, Any], source: str | None, title: str | None = None) -> dict[str, Any]:
    """An event as the CLI and API show it: the record plus flat place fields for maps and tables."""
    place = payload.get("place") or {}
    return {
        **payload,
        "place_name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "country": place.get("country"),
        "source": source,
        "title": title,
    }


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Reads (the API's event pages) go through the OS page cache instead of copying into SQLite's own.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _document_row(doc: Document, now: datetime) -> dict[str, Any]:
    published = doc.published
    if published and published.tzinfo:
        published = published.astimezone(UTC).replace(tzinfo=None)
    return {
        "id": doc.id, "origin": doc.origin, "title": doc.title, "source": doc.source, "url": doc.url,
        "published": published, "language": doc.language, "text": doc.text,
        "segments": json.dumps([s.model_dump() for s in doc.segments]),
        "focus": json.dumps([f.model_dump() for f in doc.focus]), "ingested_at": now,
    }


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows of one table (all with the same keys) straight to the driver's executemany. Their values are plain
    str, int, float, bool or None, which the drivers store as SQLAlchemy would; SQLAlchemy's own per-row
    parameter processing cost as much CPU as SQLite's inserts themselves."""
    if not rows:
        return
    sql, keys = _insert_sql(table, tuple(rows[0]), conn.dialect)
    if keys is None:
        conn.exec_driver_sql(sql, rows)
    elif len(keys) == 1:
        conn.exec_driver_sql(sql, [(row[keys[0]],) for row in rows])
    else:
        conn.exec_driver_sql(sql, list(map(itemgetter(*keys), rows)))  # a tuple per row


@lru_cache(maxsize=64)
def _insert_sql(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT of `columns` in the dialect's SQL, with the row keys in parameter order (None: by name)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if compiled.positional:
        return str(compiled), tuple(compiled.positiontup or ())
    return str(compiled), None


def _toponym_row(doc_id: str, toponym: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": doc_id, **toponym}


def _event_row(event_record: Event, doc: Document) -> dict[str, Any]:
    place = event_record.place
    return {
        "id": event_record.id, "doc_id": doc.id, "event_type": event_record.event_type,
        "modality": event_record.modality,
        "actor": event_record.actor.name if event_record.actor else None,
        "actor_country": event_record.actor.country if event_record.actor else None,
        "target": event_record.target.name if event_record.target else None,
        "place_name": place.name if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "country": place.country if place else None, "date": event_record.date, "source": doc.source,
        "confidence": event_record.confidence,
        "place_inferred": event_record.place_inferred,
        "payload": event_record.model_dump_json(),
    }


# The credibility tables (clusters, incidents, loaded language) live in their own module on the same metadata.
from vedette import store_credibility  # noqa: E402
