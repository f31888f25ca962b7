"""`vedette report`: a situation report (SITREP) over a period, as Markdown, HTML or PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from vedette.cli import DbOption, app, fail
from vedette.errors import VedetteError

if TYPE_CHECKING:
    from vedette.store import Store

DEFAULT_DAYS = 7
SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}

OutOption = typer.Option(..., "--out", help="file to write; Markdown also writes OUT-map.png and OUT-daily.png")


@app.command()
def report(
    out: Path = OutOption,
    since: str | None = typer.Option(None, "--since", help="first day, YYYY-MM-DD (default: 6 days before --until)"),
    until: str | None = typer.Option(None, "--until", help="last day, YYYY-MM-DD (default: the latest event's day)"),
    region: str | None = typer.Option(
        None, "--region", help="only this country or admin-1 unit, by name: 'Syria', 'Deir ez-Zor'"
    ),
    bbox: str | None = typer.Option(None, "--bbox", help="only this box: W,S,E,N in degrees"),
    fmt: str | None = typer.Option(None, "--format", help="md, html or pdf (default: from the --out suffix)"),
    db: str = DbOption,
) -> None:
    """Write a SITREP: headline figures, top incidents, change since the previous period, map, sources."""
    from vedette.credibility import update
    from vedette.report import build_report, write_report
    from vedette.store import Store

    try:
        chosen = fmt or SUFFIX_FORMATS.get(out.suffix.lower(), out.suffix.lstrip("."))
        store = Store(db, create=False)
        update(store)  # incidents up to date (a no-op after `vedette run`)
        last = parse_day(until, "--until") if until else _latest_day(store)
        first = parse_day(since, "--since") if since else last - timedelta(days=DEFAULT_DAYS - 1)
        box = _box(bbox) if bbox else None
        sitrep = build_report(store, first, last, region=region, bbox=box)
        written = write_report(sitrep, chosen, out)
    except VedetteError as problem:
        fail(problem)
    events = sitrep.figure("Events")
    typer.echo(
        f"{sitrep.scope.name}, {sitrep.scope.period.label}: {events.current} events "
        f"({events.previous} in the previous {sitrep.scope.period.days} days), "
        f"{sitrep.figure('Incidents').current} incidents"
    )
    for path in written:
        typer.echo(f"wrote {path}")


def parse_day(text: str, option: str) -> date:
    """A YYYY-MM-DD option value (V603 otherwise)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise VedetteError("V603", option=option, value=text) from None


def _latest_day(store: Store) -> date:
    from sqlalchemy import func, select

    from vedette.store import events

    with store.engine.connect() as conn:
        latest = conn.execute(select(func.max(events.c.date))).scalar()
    return date.fromisoformat(latest) if latest else date.today()


def _box(text: str) -> tuple[float, float, float, float]:
    from vedette.api.queries import BBox

    box = BBox.parse(text)
    return (box.min_lon, box.min_lat, box.max_lon, box.max_lat)
