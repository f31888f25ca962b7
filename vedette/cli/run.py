"""Commands that bring documents in: run, quarantine, segment."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vedette.cli import DbOption, JsonOption, app, clip, error, fail, out, progress_bar
from vedette.cli.shared import ensure_gazetteer_with_progress, one_document
from vedette.errors import VedetteError


@app.command()
def run(
    paths: list[str] = typer.Argument(
        ...,
        help="files, directories or quoted globs ('feeds/*.jsonl'), or - for stdin; txt, html, jsonl, json, csv, "
        "tsv, rss/atom xml, warc, and .gz of any",
    ),
    db: str = DbOption,
    columns: list[str] = typer.Option(
        [],
        "--map",
        help="FIELD=COLUMN: read FIELD (id, text, title, url, published, source) from this CSV column or JSON key; "
        "repeat for each field",
    ),
    engine: str = typer.Option("local", "--engine", help="local (in-process) or spark (same stages in pyspark)"),
    spark_master: str = typer.Option("local[*]", "--spark-master", help="Spark master URL for --engine spark"),
    events_out: Path = typer.Option(Path("vedette-events.parquet"), "--events-out",
                                    help="Parquet dataset the Spark engine appends events to"),
) -> None:
    """Ingest PATHS and run the full pipeline into the store."""
    from vedette.pipeline import Pipeline
    from vedette.store import Store

    if engine not in ("local", "spark"):
        error(f"unknown engine '{engine}'; use --engine local or --engine spark")
        raise typer.Exit(2)
    from vedette.ingest import IngestOptions, parse_mapping

    try:
        options = IngestOptions.from_config(parse_mapping(columns))
        ensure_gazetteer_with_progress()
        store = Store(db)
        pipeline = Pipeline()
        processor, batch_size = None, None
        if engine == "spark":
            from vedette.scale import SPARK_BATCH, SparkProcessor, start_spark

            processor = SparkProcessor(start_spark(spark_master), events_out, pipeline.stage_names)
            batch_size = SPARK_BATCH
        with progress_bar() as progress:
            task = progress.add_task("processing", total=None)

            def on_item(origin: str, outcome: str) -> None:
                progress.update(task, advance=1, description=f"{outcome}: {Path(origin).name}")

            summary = pipeline.run(paths, store, on_item=on_item, batch_size=batch_size, processor=processor,
                                   options=options)
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


@app.command()
def segment(
    path: Path = typer.Argument(..., help="one document (txt, html) or the first record of a feed"),
    as_json: bool = JsonOption,
) -> None:
    """Show how a document splits into headline, attribution, body, comments and boilerplate."""
    from vedette.segment import segment as split

    doc = split(one_document(path))
    rows = [
        {
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "text": doc.text[s.start : s.end],
            "author": s.author,
            "source": s.source,
        }
        for s in doc.segments
    ]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("kind", "start", "end", "author", "text")
    for row in rows:
        table.add_row(row["kind"], str(row["start"]), str(row["end"]), row["author"] or "", clip(row["text"], 80))
    out.print(table)
