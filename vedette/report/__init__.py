"""SITREP: a situation report over a period and an area, written as Markdown, HTML or PDF.

`gather` (data.py) counts what the store says about the period and the one before; `charts` draws the
map over the offline basemap and the events-per-day chart; `document` lays both out as blocks; `render`
writes the blocks in each format. `vedette report` is the command.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from vedette.errors import VedetteError
from vedette.report import charts, document, render
from vedette.report.basemap import Basemap, load_basemap
from vedette.report.data import Period, Scope, Sitrep, gather
from vedette.store import Store

__all__ = ["Period", "Scope", "Sitrep", "build_report", "write_report", "FORMATS"]

FORMATS = render.FORMATS


def build_report(
    store: Store,
    since: date,
    until: date,
    region: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> Sitrep:
    """Count the period's events (in the region or box, if given) and those of the period before."""
    if since > until:
        raise VedetteError("V604", since=since.isoformat(), until=until.isoformat())
    if region and bbox:
        raise VedetteError("V606")
    basemap = load_basemap()
    scope = Scope(Period(since, until), area=basemap.find(region) if region else None, bbox=bbox)
    return gather(store, scope, basemap)


def write_report(sitrep: Sitrep, fmt: str, out: Path) -> list[Path]:
    """Write the report in `fmt` (md, html or pdf) to `out`; returns every file written (Markdown adds its images)."""
    if fmt not in FORMATS:
        raise VedetteError("V605", value=fmt)
    basemap = load_basemap()
    blocks = document.blocks(
        sitrep, charts.map_png(sitrep, basemap), _map_caption(sitrep, basemap), charts.daily_png(sitrep)
    )
    title = document.title(sitrep)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "md":
            return render.write_markdown(blocks, out)
        if fmt == "html":
            out.write_text(render.to_html(blocks, title), encoding="utf-8")
        else:
            out.write_bytes(render.to_pdf(blocks, title))
    except OSError as problem:
        raise VedetteError("V607", path=out, detail=problem.strerror or problem) from problem
    return [out]


def _map_caption(sitrep: Sitrep, basemap: Basemap) -> str:
    shown = len(sitrep.map_incidents)
    parts = [
        f"Map: {shown} incidents of the period placed more precisely than a country; numbered labels are "
        "the top incidents. Dashed lines: admin-1 boundaries."
    ]
    outside = charts.outside_frame(sitrep, basemap)
    if outside:
        parts.append(f"{outside} incidents lie outside the frame.")
    if sitrep.unlocated_events:
        parts.append(f"{sitrep.unlocated_events} events without a place are not shown.")
    return " ".join(parts)
