"""Shared fixtures: the gazetteer, a processed sample store and live servers, all built once per session.

Everything runs the real thing: the CLI as a subprocess, a real SQLite file, a real
uvicorn server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "vedette" / "data" / "sample"
SEED = REPO.parent / "shared" / "seed" / "000_4e65a60317fe033c.txt"
# Built once and reused across runs; the fingerprint inside makes vedette rebuild it when sources change.
os.environ.setdefault("VEDETTE_GAZETTEER", str(REPO / "build" / "test-gazetteer.sqlite"))


def vedette(*args: str, check: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the real CLI (`python -m vedette`) and capture its output."""
    result = subprocess.run([sys.executable, "-m", "vedette", *args], capture_output=True, text=True,
                            cwd=REPO, **kwargs)  # type: ignore[call-overload]
    if check and result.returncode != 0:
        raise AssertionError(f"vedette {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def cli():  # type: ignore[no-untyped-def]
    """The real CLI runner, for tests: `cli("events", "--db", path, "--json")`."""
    return vedette


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    from vedette.geo import ensure_gazetteer

    return ensure_gazetteer()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed page is missing: {SEED} (../shared must sit beside the repo)")
    return SEED


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    vedette("run", str(SAMPLE), "--db", str(db))
    return db


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path, seed_path: Path) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    vedette("run", str(seed_path), "--db", str(db))
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(db: Path, **env: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "vedette", "serve", "--db", str(db), "--port", str(port)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/openapi.json", timeout=2):  # open even when reads need a key
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"vedette serve did not start:\n{output}") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server_url(sample_db: Path) -> Iterator[str]:
    yield from _serve(sample_db)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[..., str]]:
    """Start `vedette serve` on any store: `serve(db, VEDETTE_API_READS_OPEN="no")` returns its URL.

    Every server started this way stops at the end of the session.
    """
    with contextlib.ExitStack() as servers:
        yield lambda db, **env: servers.enter_context(contextlib.contextmanager(_serve)(db, **env))


HOSTILE_PAGE = (
    "Militants shell Homs market\n\n"
    "Levant Monitor reports: Militants shelled the central market in Homs on Monday <script>window.__pwned=1</script>"
    ' and <img src=x onerror="window.__pwned=2"> killing two traders, according to local medics.\n\n'
    "Shops near the old clock tower stayed closed for the rest of the day.\n"
)


@pytest.fixture(scope="session")
def hostile_server_url(tmp_path_factory: pytest.TempPathFactory, gazetteer_path: Path) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / "hostile.txt"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    db = folder / "hostile.db"
    vedette("run", str(page), "--db", str(db))
    yield from _serve(db)


@pytest.fixture(scope="session")
def event_store() -> Callable[[Path, list[dict[str, Any]]], Path]:
    """Build a real store from hand-written reports, without the NLP stages: `event_store(path, reports)`.

    Each report is `{"outlet", "published": "YYYY-MM-DD", "events": [{"type", "day", "place": (name, lat, lon,
    country, feature), "modality" (default occurred), "sentence"}]}`; the store gets the documents and their
    events through `Store.add_documents`, then clusters and incidents through the credibility update.
    """
    from datetime import datetime

    from vedette.credibility import update
    from vedette.records import Document, Event, Segment, Toponym, document_id
    from vedette.store import Store

    def build(path: Path, reports: list[dict[str, Any]]) -> Path:
        docs = []
        for report in reports:
            sentences = [e.get("sentence") or f"{e['type'].title()} reported at {e['place'][0]} on {e['day']}."
                         for e in report["events"]]
            text = "\n\n".join(sentences)
            doc_id = document_id(text, report["outlet"])
            offsets = [text.index(s) for s in sentences]
            events = []
            for number, (spec, sentence, start) in enumerate(zip(report["events"], sentences, offsets, strict=True)):
                name, lat, lon, country, feature = spec["place"]
                place = Toponym(text=name, start=start, end=start + len(name), segment="body", name=name,
                                source="test", lat=lat, lon=lon, country=country, feature=feature)
                events.append(Event(
                    id=f"{doc_id}-{number}", doc_id=doc_id, event_type=spec["type"], trigger="reported",
                    place=place, date=spec["day"], modality=spec.get("modality", "occurred"), sentence=sentence,
                    sentence_start=start, sentence_end=start + len(sentence), segment="body", confidence=0.9,
                ))
            docs.append(Document(
                id=doc_id, text=text, origin=f"test:{doc_id}", title=sentences[0], source=report["outlet"],
                published=datetime.fromisoformat(report["published"]), language="en",
                segments=[Segment(kind="body", start=s, end=s + len(t)) for s, t in zip(offsets, sentences,
                                                                                       strict=True)],
                events=events,
            ))
        store = Store(path)
        store.add_documents(docs)
        update(store)
        return path

    return build


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """Debian's PostgreSQL + PostGIS, installed and started by the project's own script; its admin URL."""
    result = subprocess.run(["bash", str(REPO / "scripts" / "start-postgres.sh")], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"scripts/start-postgres.sh failed:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture()
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh database for one test, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"vedette_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server.replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_server.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
