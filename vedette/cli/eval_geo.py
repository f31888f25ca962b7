"""`vedette eval geo`: geoparsing accuracy on a gold corpus (LGL or GeoVirus layout), as one JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vedette.cli import JsonOption, error, eval_app, fail, out, progress_bar
from vedette.cli.shared import ensure_gazetteer_with_progress
from vedette.errors import VedetteError


@eval_app.command("geo")
def eval_geo(
    path: Path = typer.Argument(..., help="gold corpus: lgl.xml / TR-News.xml (LGL layout) or GeoVirus.xml"),
    mode: str = typer.Option("resolve", "--mode", help="resolve (gold spans given) or end2end (recognition too)"),
    split: str = typer.Option("all", "--split", help="all, train (weights were learned here) or test (never tuned on)"),
    recognition: str = typer.Option(
        "full", "--recognition", help="end2end only: full (spaCy + gazetteer scan) or spacy (NER entities only)"
    ),
    errors_path: Path | None = typer.Option(
        None, "--errors", help="write each toponym resolved more than 161 km off to this file (JSON lines)"
    ),
    as_json: bool = JsonOption,
) -> None:
    """Acc@161km, exact GeoNames ids, country, mean/median error, AUC, and (end2end) recognition P/R/F1."""
    from vedette.geo import load_gazetteer
    from vedette.geo.evaluate import SPLITS, evaluate

    for chosen, allowed, option in (
        (mode, ("resolve", "end2end"), "--mode"),
        (split, SPLITS, "--split"),
        (recognition, ("full", "spacy"), "--recognition"),
    ):
        if chosen not in allowed:
            error(f"unknown {option} '{chosen}'; use one of: {', '.join(allowed)}")
            raise typer.Exit(2)
    if not path.exists():
        error(f"{path}: no such file")
        raise typer.Exit(1)
    ensure_gazetteer_with_progress()
    mistakes: list[dict[str, object]] | None = [] if errors_path else None
    try:
        with progress_bar() as progress:
            task = progress.add_task(f"{mode} {path.name}", total=None)
            result = evaluate(
                path,
                load_gazetteer(),
                mode,
                split,
                recognition,
                lambda done, total: progress.update(task, completed=done, total=total),
                mistakes,
            )
    except VedetteError as problem:
        fail(problem)  # after the progress bar has closed, so the error is the last line
    if errors_path and mistakes is not None:
        try:
            errors_path.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in mistakes), "utf-8")
        except OSError as problem:
            error(f"{errors_path}: cannot write the errors file ({problem.strerror})")
            raise typer.Exit(1) from problem
    if as_json:
        print(json.dumps(result))
        return
    table = Table("metric", "value")
    for key, value in result.items():
        table.add_row(key, json.dumps(value) if isinstance(value, dict) else str(value))
    out.print(table)
