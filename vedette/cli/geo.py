"""Place commands: geoparse, documents (with focus places), gazetteer build/stats/search."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vedette import config
from vedette.cli import DbOption, JsonOption, app, clip, error, fail, gazetteer_app, out, progress_bar
from vedette.cli.shared import ensure_gazetteer_with_progress, one_document
from vedette.errors import VedetteError


@app.command()
def geoparse(
    path: Path = typer.Argument(..., help="one document (txt, html) or the first record of a feed"),
    as_json: bool = JsonOption,
) -> None:
    """Show every toponym of a document and where it was resolved."""
    from vedette.pipeline import Pipeline

    ensure_gazetteer_with_progress()
    try:
        doc = Pipeline(["vedette.segment.rules.v1", "vedette.nlp.spacy_ner.v1", "vedette.geo.gazetteer.v1"]).process(
            [one_document(path)]
        )[0]
    except VedetteError as problem:
        fail(problem)
    rows = [t.model_dump() for t in doc.toponyms]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("text", "segment", "name", "country", "feature", "lat", "lon", "modifier")
    for row in rows:
        table.add_row(
            row["text"],
            row["segment"],
            row["name"],
            row["country"] or "",
            row["feature"] or "",
            f"{row['lat']:.4f}",
            f"{row['lon']:.4f}",
            row["modifier"] or "",
        )
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
        table.add_row(
            row["id"], (row["published"] or "")[:10], row["source"] or "", clip(row["title"] or "", 50), focus
        )
    out.print(table)


@gazetteer_app.command("build")
def gazetteer_build(
    path: Path = typer.Option(Path(config.get("gazetteer")), "--path", help="where to write it"),
) -> None:
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

    ensure_gazetteer_with_progress()
    table = Table("source", "feature", "entries")
    for source, feature, count in load_gazetteer().stats():
        table.add_row(source, feature, str(count))
    out.print(table)


@gazetteer_app.command("search")
def gazetteer_search(name: str = typer.Argument(..., help="a place name in any spelling")) -> None:
    """Candidate places for a name, with how the name matched."""
    from vedette.geo import load_gazetteer
    from vedette.geo.gazetteer import MATCH_STRENGTH

    ensure_gazetteer_with_progress()
    candidates = sorted(load_gazetteer().candidates(name), key=lambda c: (-MATCH_STRENGTH[c.how], -c.place.population))
    if not candidates:
        error(f"no gazetteer entry matches '{name}'")
        raise typer.Exit(1)
    table = Table("name", "country", "admin1", "feature", "population", "lat", "lon", "match", "score")
    for c in candidates[:20]:
        table.add_row(
            c.place.name,
            c.place.country or "",
            c.place.admin1 or "",
            c.place.feature,
            str(c.place.population),
            f"{c.place.lat:.4f}",
            f"{c.place.lon:.4f}",
            c.how,
            f"{MATCH_STRENGTH[c.how]:.2f}",
        )
    out.print(table)
