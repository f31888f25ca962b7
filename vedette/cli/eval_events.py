"""`vedette eval events`: PLOVER event coding accuracy on gold sentences, as one JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vedette.cli import JsonOption, eval_app, fail, out
from vedette.errors import VedetteError
from vedette.events.evaluate import DEFAULT_GOLD

GoldArgument = typer.Argument(
    DEFAULT_GOLD, help="PLOVER gold: a JSON list of records with `text` and `event` (2016 labels are mapped)"
)


@eval_app.command("events")
def eval_events(file: Path = GoldArgument, as_json: bool = JsonOption) -> None:
    """Micro/macro F1 and per-type P/R/F1 of the first-ranked event per gold sentence; actor/target countries."""
    from vedette.events.evaluate import evaluate

    try:
        result = evaluate(file)
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(result))
        return
    summary = Table("metric", "value")
    for key in (
        "sentences",
        "micro_f1",
        "micro_precision",
        "micro_recall",
        "macro_f1",
        "no_event",
        "actor_country_accuracy",
        "actor_country_n",
        "target_country_accuracy",
        "target_country_n",
    ):
        summary.add_row(key, str(result[key]))
    out.print(summary)
    types = Table("type", "precision", "recall", "f1", "support", "predicted", "confused with")
    for event_type, row in result["per_type"].items():
        confused = result["confusion"].get(event_type, {})
        others = ", ".join(f"{k} {v}" for k, v in confused.items() if k != event_type)
        types.add_row(event_type, *(str(row[k]) for k in ("precision", "recall", "f1", "support", "predicted")), others)
    out.print(types)
