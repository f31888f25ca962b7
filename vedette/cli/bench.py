"""`vedette bench`: pipeline throughput against the bare-NER bound."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from vedette.cli import app, out
from vedette.cli.shared import ensure_gazetteer_with_progress


@app.command()
def bench(
    docs: int = typer.Option(2000, "--docs", help="synthetic 500-word reports to process"),
    scaling: bool = typer.Option(False, "--scaling", help="also time 1k, 5k and 20k documents and fit the growth"),
    sizes: str | None = typer.Option(None, "--sizes", help="comma-separated sizes for --scaling"),
    out_dir: Path = typer.Option(Path("bench/results"), "--out", help="where latest.json and latest.png go"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Measure full-pipeline throughput, per-stage time, peak RSS and (--scaling) growth."""
    from vedette.benchmark.throughput import run_benchmark

    ensure_gazetteer_with_progress()
    scaling_sizes = [int(s) for s in sizes.split(",")] if sizes else [1000, 5000, 20000]
    result = run_benchmark(docs, scaling_sizes if scaling else None, out_dir)
    if as_json:
        print(json.dumps(result))
        return
    out.print_json(json.dumps(result))
