"""The report's two pictures, drawn offline with matplotlib: the incident map and the events-per-day chart.

Figures are built with `matplotlib.figure.Figure` (no pyplot and its global state) and returned as PNG
bytes, so the three output formats embed the very same image.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from vedette.report.basemap import ATTRIBUTION, Area, Basemap
from vedette.report.data import MapIncident, Sitrep

SEA = "#dfe8f0"
LAND = "#f4f2ed"
OUTSIDE = "#e9e6df"
BORDER = "#8f887d"
ADMIN1 = "#bdb6aa"
INK = "#2b2b2b"
SOURCE_COLOURS = {1: "#e3a33b", 2: "#d2533f", 3: "#8c1c13"}
"""Marker colour by independent sources: one, two, three or more."""
TYPE_COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860"]
OTHER_COLOUR = "#b8b8b8"
DPI = 150
MAP_WIDTH = 7.2
DAILY_SIZE = (7.2, 2.7)
MIN_SPAN_DEGREES = 2.0


def map_png(sitrep: Sitrep, basemap: Basemap) -> bytes:
    """Incidents of the period on country outlines and admin-1 boundaries; the top incidents numbered."""
    extent, size = _frame(map_extent(sitrep, basemap))
    west, south, east, north = extent
    figure = Figure(figsize=size, dpi=DPI)
    axes = figure.add_axes((0.07, 0.07, 0.9, 0.9))
    axes.set_facecolor(SEA)
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    in_view = [a for a in basemap.countries if _overlaps(a.bounds, extent)]
    focus = sitrep.scope.area
    axes.add_collection(
        PolyCollection(
            [polygon[0] for area in in_view for polygon in area.polygons],
            facecolors=[
                LAND if focus is None or _same_country(area, focus) else OUTSIDE
                for area in in_view
                for _ in area.polygons
            ],
            edgecolors=BORDER,
            linewidths=0.6,
            zorder=1,
        )
    )
    admin = [a for a in basemap.admin1 if _overlaps(a.bounds, extent)]
    axes.add_collection(
        LineCollection(
            [ring for area in admin for polygon in area.polygons for ring in polygon],
            colors=ADMIN1,
            linewidths=0.45,
            linestyles=(0, (3, 2)),
            zorder=2,
        )
    )
    if focus is not None:
        axes.add_collection(
            LineCollection(
                [ring for polygon in focus.polygons for ring in polygon], colors=INK, linewidths=1.4, zorder=3
            )
        )
    _label_areas(axes, in_view, extent, country=True)
    _label_areas(
        axes, [a for a in admin if a.contains(*_coordinates(sitrep.map_incidents)).any()], extent, country=False
    )
    _plot_incidents(axes, sitrep.map_incidents, extent)
    axes.tick_params(labelsize=6, colors="#666666", length=2)
    for spine in axes.spines.values():
        spine.set_edgecolor("#999999")
    axes.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=6,
                markerfacecolor=colour,
                markeredgecolor="white",
                label=label,
            )
            for label, colour in (
                ("1 source", SOURCE_COLOURS[1]),
                ("2 independent sources", SOURCE_COLOURS[2]),
                ("3 or more", SOURCE_COLOURS[3]),
            )
        ],
        loc="lower left",
        fontsize=6.5,
        framealpha=0.9,
        title="incidents (size: events)",
        title_fontsize=6.5,
    )
    figure.text(0.97, 0.012, ATTRIBUTION, ha="right", va="bottom", fontsize=5, color="#777777")
    return _png(figure)


def map_extent(sitrep: Sitrep, basemap: Basemap) -> tuple[float, float, float, float]:
    """The area asked for; else the box holding the bulk of the period's incidents (a few far-off ones, a
    statement from Moscow, would shrink the theatre to a dot); else the basemap's admin-1 coverage."""
    if sitrep.scope.area is not None:
        bounds = sitrep.scope.area.bounds
    elif sitrep.scope.bbox is not None:
        bounds = sitrep.scope.bbox
    elif sitrep.map_incidents:
        lons, lats = _coordinates(sitrep.map_incidents)
        weights = np.array([i.events for i in sitrep.map_incidents], dtype=float)
        bounds = (
            _quantile(lons, weights, 0.03),
            _quantile(lats, weights, 0.03),
            _quantile(lons, weights, 0.97),
            _quantile(lats, weights, 0.97),
        )
    else:
        boxes = np.array([a.bounds for a in basemap.admin1])
        bounds = (boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max())
    west, south, east, north = (float(v) for v in bounds)
    pad_x = max((east - west) * 0.08, (MIN_SPAN_DEGREES - (east - west)) / 2, 0.3)
    pad_y = max((north - south) * 0.08, (MIN_SPAN_DEGREES - (north - south)) / 2, 0.3)
    return (max(west - pad_x, -180), max(south - pad_y, -85), min(east + pad_x, 180), min(north + pad_y, 85))


def outside_frame(sitrep: Sitrep, basemap: Basemap) -> int:
    """Incidents of the map that fall outside its frame (said in the caption)."""
    (west, south, east, north), _ = _frame(map_extent(sitrep, basemap))
    return sum(1 for i in sitrep.map_incidents if not (west <= i.lon <= east and south <= i.lat <= north))


def _frame(extent: tuple[float, float, float, float]) -> tuple[tuple[float, float, float, float], tuple[float, float]]:
    """Widen the extent to the figure's shape (no white bands), and pick the shape from the extent."""
    west, south, east, north = extent
    stretch = math.cos(math.radians((south + north) / 2))
    ratio = (north - south) / ((east - west) * stretch)
    shape = min(max(ratio, 0.6), 1.1)
    if ratio < shape:
        extra = ((east - west) * stretch * shape - (north - south)) / 2
        south, north = max(south - extra, -85), min(north + extra, 85)
    else:
        extra = ((north - south) / shape / stretch - (east - west)) / 2
        west, east = max(west - extra, -180), min(east + extra, 180)
    return (west, south, east, north), (MAP_WIDTH, MAP_WIDTH * shape)


def daily_png(sitrep: Sitrep) -> bytes:
    """Events per day, stacked by the period's five most frequent types, with the previous period's mean."""
    figure = Figure(figsize=DAILY_SIZE, dpi=DPI)
    axes = figure.add_axes((0.07, 0.2, 0.7, 0.72))
    main_types = [c.name for c in sitrep.types if c.current][:5]
    positions = np.arange(len(sitrep.days))
    bottom = np.zeros(len(sitrep.days))
    for name, colour in [*zip(main_types, TYPE_COLOURS, strict=False), ("other", OTHER_COLOUR)]:
        heights = np.array(
            [
                sum(n for t, n in counts.items() if t not in main_types) if name == "other" else counts[name]
                for _, counts in sitrep.days
            ],
            dtype=float,
        )
        if heights.any():
            axes.bar(positions, heights, bottom=bottom, color=colour, width=0.8, label=name, zorder=2)
        bottom += heights
    events = sitrep.figure("Events")
    previous_mean = events.previous / sitrep.scope.period.days
    axes.axhline(
        previous_mean,
        color=INK,
        linestyle="--",
        linewidth=0.8,
        zorder=3,
        label=f"previous period: {previous_mean:.1f}/day",
    )
    step = max(1, math.ceil(len(sitrep.days) / 15))
    axes.set_xticks(
        positions[::step],
        [day.strftime("%d %b") for day, _ in sitrep.days][::step],
        fontsize=6,
        rotation=45,
        ha="right",
    )
    axes.set_xlim(-0.6, len(sitrep.days) - 0.4)
    axes.tick_params(axis="y", labelsize=6)
    axes.set_ylabel("events", fontsize=7)
    axes.grid(axis="y", color="#e4e4e4", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=6.5, frameon=False)
    return _png(figure)


def _plot_incidents(axes: Any, incidents: list[MapIncident], extent: tuple[float, float, float, float]) -> None:
    ordered = sorted(incidents, key=lambda i: (i.independent_sources, i.events))  # corroborated ones on top
    if ordered:
        axes.scatter(
            [i.lon for i in ordered],
            [i.lat for i in ordered],
            s=[14 + 18 * math.sqrt(i.events) for i in ordered],
            c=[SOURCE_COLOURS[min(max(i.independent_sources, 1), 3)] for i in ordered],
            alpha=0.8,
            edgecolors="white",
            linewidths=0.5,
            zorder=4,
        )
    # top incidents at (nearly) one spot share a label: "8, 9, 10"
    near = (extent[2] - extent[0]) / 60
    spots: list[tuple[float, float, list[int]]] = []
    for incident in sorted((i for i in incidents if i.rank), key=lambda i: i.rank or 0):
        spot = next((s for s in spots if abs(s[0] - incident.lon) < near and abs(s[1] - incident.lat) < near), None)
        if spot is None:
            spots.append((incident.lon, incident.lat, [incident.rank or 0]))
        else:
            spot[2].append(incident.rank or 0)
    for lon, lat, ranks in spots:
        axes.annotate(
            ", ".join(map(str, ranks)),
            (lon, lat),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=6.5,
            fontweight="bold",
            color=INK,
            zorder=5,
            annotation_clip=True,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#555555", "linewidth": 0.4},
        )


def _label_areas(axes: Any, areas: list[Area], extent: tuple[float, float, float, float], country: bool) -> None:
    """Country names in capitals; admin-1 names (only of units holding incidents) in small italics."""
    west, south, east, north = extent
    for area in areas:
        outline = max((polygon[0] for polygon in area.polygons), key=len)
        lon, lat = float(outline[:, 0].mean()), float(outline[:, 1].mean())
        span = float(outline[:, 0].max() - outline[:, 0].min())
        if not (west < lon < east and south < lat < north) or span < (east - west) / (10 if country else 25):
            continue
        axes.text(
            lon,
            lat,
            area.name.upper() if country else area.name,
            fontsize=6.5 if country else 5.5,
            style="normal" if country else "italic",
            color="#8a8378" if country else "#9b9488",
            ha="center",
            va="center",
            zorder=3,
            clip_on=True,
        )


def _coordinates(incidents: list[MapIncident]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([i.lon for i in incidents], dtype=float), np.array([i.lat for i in incidents], dtype=float)


def _quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order]) / weights.sum()
    return float(values[order][min(int(np.searchsorted(cumulative, q)), len(values) - 1)])


def _same_country(area: Area, focus: Area) -> bool:
    return area is focus or (focus.kind == "admin1" and area.country == focus.country)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
