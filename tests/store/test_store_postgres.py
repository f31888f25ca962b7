"""The same store on PostgreSQL/PostGIS: schema by migration, spatial columns, idempotent concurrent writes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from vedette.records import Document, Event, Segment, Toponym
from vedette.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "vedette" / "data" / "sample"


def _doc(doc_id: str) -> Document:
    place = Toponym(text="Homs", start=15, end=19, segment="body", name="Homs", source="geonames",
                    source_id="169577", lat=34.72, lon=36.73, country="SY", feature="P.PPL")
    event = Event(id=f"{doc_id}-e1", doc_id=doc_id, event_type="ASSAULT", trigger="shelled", place=place,
                  sentence="Troops shelled Homs.", sentence_start=0, sentence_end=20, segment="body", confidence=0.8)
    return Document(id=doc_id, text="Troops shelled Homs.", origin="t.txt", source="Levant Monitor",
                    segments=[Segment(kind="body", start=0, end=20)], toponyms=[place], events=[event])


def test_store_postgres_has_postgis_points_with_spatial_indexes(postgres_url: str) -> None:
    store = Store(postgres_url)
    assert store.add_documents([_doc("a")]) == 1
    assert store.add_documents([_doc("a")]) == 0
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT ST_AsText(geom) FROM events")).scalar_one() == "POINT(36.73 34.72)"
        indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%geom'")).scalars())
    assert indexes == {"events_geom", "incidents_geom", "toponyms_geom"}
    assert store.counts() == {"documents": 1, "events": 1, "places": 1, "quarantined": 0}


def test_store_migrations_match_the_table_definitions(tmp_path: Path, postgres_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from vedette.store import include_in_migrations, schema_metadata

    for url in (str(tmp_path / "m.db"), postgres_url):
        store = Store(url)
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_in_migrations})
            assert compare_metadata(context, schema_metadata()) == [], f"a table changed without a migration ({url})"


@pytest.mark.slow
def test_store_postgres_cli_run_equals_sqlite_run(postgres_url: str, sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cli("run", str(SAMPLE), "--db", postgres_url)
    on_postgres = json.loads(cli("events", "--db", postgres_url, "--json").stdout)
    on_sqlite = json.loads(cli("events", "--db", str(sample_db), "--json").stdout)
    assert on_postgres == on_sqlite


@pytest.mark.slow
def test_store_postgres_two_concurrent_writers_lose_and_duplicate_nothing(postgres_url: str, sample_db: Path,
                                                                           cli) -> None:  # type: ignore[no-untyped-def]
    runs = [subprocess.Popen([sys.executable, "-m", "vedette", "run", str(SAMPLE), "--db", postgres_url], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    stored = sum(int(out.split("stored ")[1].split(",")[0]) for out, _ in outputs)
    expected = Store(sample_db, create=False).counts()
    assert stored == expected["documents"]  # each document stored by exactly one of the writers
    assert Store(postgres_url, create=False).counts() == expected
    on_postgres = json.loads(cli("events", "--db", postgres_url, "--json").stdout)
    assert len({e["id"] for e in on_postgres}) == len(on_postgres) == expected["events"]


@pytest.mark.slow
def test_store_postgres_api_serves_the_same_events(postgres_url: str, sample_db: Path, serve, cli) -> None:  # type: ignore[no-untyped-def]
    import urllib.request

    cli("run", str(SAMPLE), "--db", postgres_url)
    counts = []
    for db in (postgres_url, sample_db):
        with urllib.request.urlopen(serve(db) + "/api/events?limit=5000") as response:
            counts.append(len(json.load(response)["features"]))
    assert counts[0] == counts[1] > 0
