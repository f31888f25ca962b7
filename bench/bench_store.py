"""Bulk-insert throughput of the store: PostgreSQL against SQLite, in the same run.

    .venv/bin/python bench/bench_store.py [--docs 5000] [--postgres URL]

Documents are synthetic processed records (toponyms and events, no NLP), inserted in batches of
`batch_size` like `vedette run` does. Needs `scripts/start-postgres.sh` to have run (the default URL
is the role it creates); a fresh database is created and dropped for the measurement.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from vedette import config
from vedette.records import Document, Event, Segment, Toponym
from vedette.store import Store


def synthetic_documents(count: int) -> list[Document]:
    docs = []
    for index in range(count):
        doc_id = f"bench{index:08d}"
        body = "Troops shelled positions near Homs on Monday, killing three people. " * 6
        places = [Toponym(text="Homs", start=28 + 70 * k, end=32 + 70 * k, segment="body", name="Homs",
                          source="geonames", source_id="169577", lat=34.72 + index * 1e-4, lon=36.73, country="SY",
                          feature="P.PPL") for k in range(3)]
        events = [Event(id=f"{doc_id}-{k}", doc_id=doc_id, event_type="ASSAULT", trigger="shelled", place=places[k],
                        sentence=body[:70], sentence_start=70 * k, sentence_end=70 * k + 70, segment="body",
                        confidence=0.8, date="2026-03-01") for k in range(3)]
        docs.append(Document(id=doc_id, text=body, origin=f"bench:{index}", source="Levant Monitor",
                             segments=[Segment(kind="body", start=0, end=len(body))], toponyms=places, events=events))
    return docs


def insert_rate(store: Store, docs: list[Document], batch_size: int) -> float:
    started = time.perf_counter()
    for start in range(0, len(docs), batch_size):
        store.add_documents(docs[start : start + batch_size])
    return len(docs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--postgres", default="postgresql://vedette:vedette@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    batch_size = int(config.get("batch_size"))
    docs = synthetic_documents(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_rate = insert_rate(Store(Path(tmp) / "bench.db"), docs, batch_size)
    name = f"vedette_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.postgres.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        store = Store(args.postgres.rsplit("/", 1)[0] + "/" + name)
        postgres_rate = insert_rate(store, docs, batch_size)
        store.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(json.dumps({"docs": args.docs, "batch_size": batch_size, "events_per_doc": 3,
                      "sqlite_docs_per_s": round(sqlite_rate, 1), "postgres_docs_per_s": round(postgres_rate, 1),
                      "postgres_vs_sqlite": round(postgres_rate / sqlite_rate, 3)}))


if __name__ == "__main__":
    main()
