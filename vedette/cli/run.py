"""Commands that bring documents in: run, quarantine, segment."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from vedette.cli import DbOption, JsonOption, app, clip, error, fail, out, progress_bar
from vedette.cli.alerts import WebhookOption
from vedette.cli.shared import ensure_gazetteer_with_progress, one_document
from vedette.errors import VedetteError

if TYPE_CHECKING:
    from vedette.ingest import IngestOptions
    from vedette.pipeline import Pipeline, RunSummary
    from vedette.store import Store

WatchOption = typer.Option(
    None, "--watch", help="then keep watching this folder: process new files as they arrive and print the new "
    "alerts after each batch (stop with Ctrl-C)"
)


@app.command()
def run(
    paths: list[str] = typer.Argument(
        None,
        help="files, directories or quoted globs ('feeds/*.jsonl'), or - for stdin; txt, html, jsonl, json, csv, "
        "tsv, rss/atom xml, warc, and .gz of any (optional with --watch)",
        show_default=False,
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
    watch: Path | None = WatchOption,
    watch_seconds: float | None = typer.Option(None, "--watch-seconds", help="stop watching after this many seconds"),
    watch_interval: float = typer.Option(2.0, "--watch-interval", help="seconds between two looks at the folder"),
    webhook: str | None = WebhookOption,
) -> None:
    """Ingest PATHS and run the full pipeline into the store; with --watch, keep processing new files."""
    from vedette.pipeline import Pipeline
    from vedette.store import Store

    if engine not in ("local", "spark"):
        error(f"unknown engine '{engine}'; use --engine local or --engine spark")
        raise typer.Exit(2)
    if not paths and watch is None:
        error("give PATH... to process, or --watch DIR")
        raise typer.Exit(2)
    if watch is not None and not watch.is_dir():
        fail(VedetteError("V609", path=watch))
    from vedette.ingest import IngestOptions, parse_mapping

    try:
        options = IngestOptions.from_config(parse_mapping(columns))
        ensure_gazetteer_with_progress()
        store = Store(db)
        pipeline = Pipeline()
        processor, batch_size = None, None
        if engine == "spark":
            from vedette.scale import SparkProcessor, job_size, start_spark

            processor = SparkProcessor(start_spark(spark_master), events_out, pipeline.stage_names)
            batch_size = job_size()
        summary = None
        if paths:
            with progress_bar() as progress:
                task = progress.add_task("processing", total=None)

                def on_item(origin: str, outcome: str) -> None:
                    progress.update(task, advance=1, description=f"{outcome}: {Path(origin).name}")

                summary = pipeline.run(paths, store, on_item=on_item, batch_size=batch_size, processor=processor,
                                       options=options)
    except VedetteError as problem:
        fail(problem)
    if summary is not None:
        _report_run(summary, store, db)
    if watch is not None:
        _watch(watch, pipeline, store, db, options, watch_seconds, watch_interval, webhook)
    elif summary is not None and summary.quarantined and not (summary.stored or summary.duplicates):
        raise typer.Exit(1)


def _report_run(summary: RunSummary, store: Store, db: str) -> None:
    for reason in summary.errors:
        error(reason)
    counts = store.counts()
    typer.echo(
        f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
        f"quarantined {summary.quarantined}\n"
        f"store {db}: {counts['documents']} documents, {counts['events']} events, "
        f"{counts['places']} places, {counts['quarantined']} quarantined inputs"
    )


def _watch(folder: Path, pipeline: Pipeline, store: Store, db: str, options: IngestOptions,
           seconds: float | None, interval: float, webhook: str | None) -> None:
    """Process files as they arrive, then print and send the new alerts; a signal ends it after the batch."""
    from vedette.alerts import new_alerts
    from vedette.alerts.watch import FolderWatch
    from vedette.cli.alerts import print_alerts, send

    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()
        signal.signal(signum, signal.SIG_DFL)  # a second Ctrl-C stops at once

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)
    deadline = time.monotonic() + seconds if seconds is not None else None
    watcher = FolderWatch(folder)
    typer.echo(f"watching {folder} every {interval:g} s (Ctrl-C to stop)")
    while not stop.is_set():
        ready = watcher.poll()
        if ready:
            try:
                _report_run(pipeline.run(ready, store, options=options), store, db)
                found = new_alerts(store)
            except VedetteError as problem:
                fail(problem)
            print_alerts(found, as_json=False, empty="no new alerts")
            send(store, found, webhook)
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            break
        stop.wait(interval if left is None else min(interval, left))
    typer.echo(f"stopped watching {folder}")


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
        table.add_row(str(row["kind"]), str(row["start"]), str(row["end"]), str(row["author"] or ""),
                      clip(str(row["text"]), 80))
    out.print(table)
