"""`vedette events`: list events from the store."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from vedette.cli import DbOption, JsonOption, app, clip, fail, out
from vedette.errors import VedetteError


@app.command()
def events(
    db: str = DbOption,
    type: str | None = typer.Option(None, "--type", help="only this PLOVER event type, e.g. ASSAULT"),
    modality: str | None = typer.Option(None, "--modality", help="occurred, planned, hypothetical, negated or wished"),
    limit: int | None = typer.Option(None, "--limit", help="at most this many events"),
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
        about = f" ({row['about_type']})" if row.get("about_type") else ""
        table.add_row(
            row.get("date") or "",
            row["event_type"] + about,
            row["modality"],
            actor,
            (row["place_name"] or "") + (" (inferred)" if row.get("place_inferred") and row["place_name"] else ""),
            row["source"] or "",
            clip(row["sentence"], 70),
        )
    out.print(table)
