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
        doc = Pipeline(["vedette.segment.rules.v1", "vedette.nlp.spacy_ner.v2", "vedette.geo.gazetteer.v2"]).process(
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
def gazetteer_stats(as_json: bool = JsonOption) -> None:
    """Entries per source and feature kind, and name keys per kind of match."""
    from vedette.geo import load_gazetteer

    ensure_gazetteer_with_progress()
    gazetteer = load_gazetteer()
    places = gazetteer.stats()
    names = gazetteer.name_stats()
    if as_json:
        print(
            json.dumps(
                {
                    "path": str(gazetteer.path),
                    "places": [{"source": s, "feature": f, "entries": n} for s, f, n in places],
                    "names": [{"how": how, "keys": n} for how, n in names],
                },
                indent=2,
            )
        )
        return
    table = Table("source", "feature", "entries", title=f"places in {gazetteer.path}")
    for source, feature, count in places:
        table.add_row(source, feature, str(count))
    table.add_row("all", "", str(sum(count for _, _, count in places)), style="bold")
    out.print(table)
    kinds = Table("name kind", "keys")
    for how, count in names:
        kinds.add_row(how, str(count))
    out.print(kinds)


@gazetteer_app.command("search")
def gazetteer_search(
    name: str = typer.Argument(..., help="a place name in any spelling"),
    limit: int = typer.Option(20, "--limit", help="how many candidates to show"),
    as_json: bool = JsonOption,
) -> None:
    """Candidate places for a name, with how the name matched and the resolver's context-free score."""
    from vedette.geo import load_gazetteer
    from vedette.geo.resolve import ranked

    ensure_gazetteer_with_progress()
    candidates = ranked(name, load_gazetteer().candidates(name))[:limit]
    if not candidates:
        error(f"no gazetteer entry matches '{name}'")
        raise typer.Exit(1)
    rows = [
        {
            "name": c.place.name,
            "source": c.place.source,
            "source_id": c.place.source_id,
            "country": c.place.country,
            "admin1": c.place.admin1,
            "feature": c.place.feature,
            "population": c.place.population,
            "lat": c.place.lat,
            "lon": c.place.lon,
            "match": c.how,
            "score": round(score, 4),
        }
        for c, score in candidates
    ]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("name", "source_id", "country", "admin1", "feature", "population", "lat", "lon", "match", "score")
    for c, score in candidates:
        table.add_row(
            c.place.name,
            c.place.source_id,
            c.place.country or "",
            c.place.admin1 or "",
            c.place.feature,
            str(c.place.population),
            f"{c.place.lat:.4f}",
            f"{c.place.lon:.4f}",
            c.how,
            f"{score:.3f}",
        )
    out.print(table)
