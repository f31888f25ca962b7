"""Core commands: run, serve, events, documents, quarantine, segment, geoparse, gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from vedette import config
from vedette.cli import DbOption, JsonOption, app, clip, error, fail, gazetteer_app, out, progress_bar
from vedette.errors import VedetteError


def _ensure_gazetteer() -> None:
    from vedette.geo import ensure_gazetteer
    from vedette.geo.build import is_current

    path = Path(config.get("gazetteer"))
    if is_current(path):
        return
    with progress_bar() as progress:
        task = progress.add_task("building gazetteer", total=None)
        ensure_gazetteer(path, lambda source, n: progress.update(task, description=f"gazetteer: {source}", completed=n))


@app.command()
def run(
    paths: list[Path] = typer.Argument(..., help="files or directories (txt, html, jsonl)"),
    db: str = DbOption,
) -> None:
    """Ingest PATHS and run the full pipeline into the store."""
    from vedette.pipeline import Pipeline
    from vedette.store import Store

    try:
        _ensure_gazetteer()
        store = Store(db)
        with progress_bar() as progress:
            task = progress.add_task("processing", total=None)

            def on_item(origin: str, outcome: str) -> None:
                progress.update(task, advance=1, description=f"{outcome}: {Path(origin).name}")

            summary = Pipeline().run(paths, store, on_item=on_item)
    except VedetteError as problem:
        fail(problem)
    for reason in summary.errors:
        error(reason)
    counts = store.counts()
    typer.echo(
        f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
        f"quarantined {summary.quarantined}\n"
        f"store {db}: {counts['documents']} documents, {counts['events']} events, "
        f"{counts['places']} places, {counts['quarantined']} quarantined inputs"
    )
    if summary.quarantined and not (summary.stored or summary.duplicates):
        raise typer.Exit(1)


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option(config.get("host"), "--host", help="address to bind"),
    port: int = typer.Option(int(config.get("port")), "--port", help="port to listen on"),
    get: Optional[str] = typer.Option(None, "--get", help="print the response for this path and exit, e.g. /api/events"),
) -> None:
    """Serve the HTTP API and the offline map."""
    from vedette.api import create_app

    try:
        application = create_app(db)
    except VedetteError as problem:
        fail(problem)
    if get:
        from fastapi.testclient import TestClient

        response = TestClient(application).get(get)
        out.print_json(response.text) if "json" in response.headers.get("content-type", "") else print(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)
    import uvicorn

    out.print(f"serving at http://{host}:{port}", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def events(
    db: str = DbOption,
    type: Optional[str] = typer.Option(None, "--type", help="only this PLOVER event type, e.g. ASSAULT"),
    modality: Optional[str] = typer.Option(None, "--modality", help="occurred, planned, hypothetical, negated or wished"),
    limit: Optional[int] = typer.Option(None, "--limit", help="at most this many events"),
    as_json: bool = JsonOption,
) -> None:
    """List events from the store."""
    from vedette.store import Store

    try:
        rows = Store(db, create=False).events(event_type=type, modality=modality, limit=limit)
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("date", "type", "modality", "actor", "place", "source", "sentence")
    for row in rows:
        actor = (row.get("actor") or {}).get("name") or ""
        table.add_row(row.get("date") or "", row["event_type"], row["modality"], actor, row["place_name"] or "",
                      row["source"] or "", clip(row["sentence"], 70))
    out.print(table)


@app.command()
def documents(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """List stored documents with their focus places."""
    from vedette.store import Store

    try:
        rows = list(Store(db, create=False).documents())
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("id", "published", "source", "title", "focus")
    for row in rows:
        focus = ", ".join(f["name"] for f in row["focus"])
        table.add_row(row["id"], (row["published"] or "")[:10], row["source"] or "", clip(row["title"] or "", 50), focus)
    out.print(table)


@app.command()
def quarantine(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """List inputs that could not be processed, with the reason."""
    from vedette.store import Store

    try:
        rows = Store(db, create=False).quarantined()
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("origin", "reason", "when")
    for row in rows:
        table.add_row(row["origin"], row["reason"], row["quarantined_at"])
    out.print(table)


def _one_document(path: Path) -> Any:
    from vedette.ingest import read_paths
    from vedette.records import Quarantined

    for item in read_paths([path]):
        if isinstance(item, Quarantined):
            error(item.reason)
            raise typer.Exit(1)
        return item
    error(f"{path}: no document found")
    raise typer.Exit(1)


@app.command()
def segment(path: Path = typer.Argument(..., help="one document (txt, html) or the first record of a feed"),
            as_json: bool = JsonOption) -> None:
    """Show how a document splits into headline, attribution, body, comments and boilerplate."""
    from vedette.segment import segment as split

    doc = split(_one_document(path))
    rows = [{"kind": s.kind, "start": s.start, "end": s.end, "text": doc.text[s.start:s.end], "author": s.author,
             "source": s.source} for s in doc.segments]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("kind", "start", "end", "author", "text")
    for row in rows:
        table.add_row(row["kind"], str(row["start"]), str(row["end"]), row["author"] or "", clip(row["text"], 80))
    out.print(table)


@app.command()
def geoparse(path: Path = typer.Argument(..., help="one document (txt, html) or the first record of a feed"),
             as_json: bool = JsonOption) -> None:
    """Show every toponym of a document and where it was resolved."""
    from vedette.pipeline import Pipeline

    _ensure_gazetteer()
    try:
        doc = Pipeline(["vedette.segment.rules.v1", "vedette.nlp.spacy_ner.v1", "vedette.geo.gazetteer.v1"]).process(
            [_one_document(path)])[0]
    except VedetteError as problem:
        fail(problem)
    rows = [t.model_dump() for t in doc.toponyms]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("text", "segment", "name", "country", "feature", "lat", "lon", "modifier")
    for row in rows:
        table.add_row(row["text"], row["segment"], row["name"], row["country"] or "", row["feature"] or "",
                      f"{row['lat']:.4f}", f"{row['lon']:.4f}", row["modifier"] or "")
    out.print(table)


@gazetteer_app.command("build")
def gazetteer_build(path: Path = typer.Option(Path(config.get("gazetteer")), "--path", help="where to write it")) -> None:
    """Build the gazetteer from the bundled sources (takes about 20 s)."""
    from vedette.geo.build import build

    with progress_bar() as progress:
        task = progress.add_task("building gazetteer", total=None)
        counts = build(path, lambda source, n: progress.update(task, description=f"gazetteer: {source}", completed=n))
    out.print(f"gazetteer {path}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)


@gazetteer_app.command("stats")
def gazetteer_stats() -> None:
    """Entries per source and feature kind."""
    from vedette.geo import load_gazetteer

    _ensure_gazetteer()
    table = Table("source", "feature", "entries")
    for source, feature, count in load_gazetteer().stats():
        table.add_row(source, feature, str(count))
    out.print(table)


@gazetteer_app.command("search")
def gazetteer_search(name: str = typer.Argument(..., help="a place name in any spelling")) -> None:
    """Candidate places for a name, with how the name matched."""
    from vedette.geo import load_gazetteer
    from vedette.geo.gazetteer import MATCH_STRENGTH

    _ensure_gazetteer()
    candidates = sorted(load_gazetteer().candidates(name), key=lambda c: (-MATCH_STRENGTH[c.how], -c.place.population))
    if not candidates:
        error(f"no gazetteer entry matches '{name}'")
        raise typer.Exit(1)
    table = Table("name", "country", "admin1", "feature", "population", "lat", "lon", "match", "score")
    for c in candidates[:20]:
        table.add_row(c.place.name, c.place.country or "", c.place.admin1 or "", c.place.feature,
                      str(c.place.population), f"{c.place.lat:.4f}", f"{c.place.lon:.4f}", c.how,
                      f"{MATCH_STRENGTH[c.how]:.2f}")
    out.print(table)
