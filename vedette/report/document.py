"""The SITREP as a list of blocks (headings, paragraphs, tables, images) that every format renders.

Markdown, HTML and PDF all render this one list, so they carry the same words and the same figures.
Text here is plain: each renderer escapes it for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass

from vedette.report.basemap import ATTRIBUTION
from vedette.report.data import CORROBORATED, Change, Sitrep

TOP_CHANGES = 12
NEW_PLACES = 10


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Text:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    """Right-aligned columns."""
    widths: list[float]
    """Relative column widths on paper."""


@dataclass(frozen=True)
class Image:
    name: str
    png: bytes
    caption: str
    max_height_mm: float


Block = Heading | Text | Bullets | Table | Image

FIGURES_HEADING = "Headline figures"


def title(sitrep: Sitrep) -> str:
    return f"SITREP: {sitrep.scope.name}, {sitrep.scope.period.label}"


def blocks(sitrep: Sitrep, map_png: bytes, map_caption: str, daily_png: bytes) -> list[Block]:
    period = sitrep.scope.period
    return [
        Heading(title(sitrep), 1),
        Text(
            f"Generated {sitrep.generated.strftime('%Y-%m-%d %H:%M')} UTC by vedette from {sitrep.store}. "
            f"Compared with the previous {period.days} days, {period.previous.label}.",
            small=True,
        ),
        Heading("Summary"),
        Text(summary(sitrep)),
        Heading(FIGURES_HEADING),
        Table(
            ["Figure", "This period", "Previous period", "Change"],
            [[f.name, str(f.current), str(f.previous), signed(f.change)] for f in sitrep.figures],
            [False, True, True, True],
            [3.2, 1, 1, 1],
        ),
        Image("map", map_png, map_caption, 118),
        Heading("Top incidents"),
        Text(
            f"The {len(sitrep.top_incidents)} best corroborated of the period's {sitrep.incidents_in_scope} incidents: "
            "ranked by independent sources (reprints and relays of one origin count once), then by corroboration "
            "score (0-1, from the sources' reliability priors, their diversity and their agreement on what happened). "
            "Numbers match the map."
        ),
        _top_incidents(sitrep),
        Heading("What changed since the previous period"),
        Text(_change_sentence(sitrep)),
        Heading("By event type", 3),
        _changes(sitrep.types, "Event type", len(sitrep.types)),
        Heading("By region", 3),
        _changes(sitrep.regions, "Region (admin-1 unit, or country)", TOP_CHANGES),
        Heading("Places reported for the first time", 3),
        _new_places(sitrep),
        Heading("Events per day"),
        Image(
            "daily",
            daily_png,
            "Events per day, stacked by the period's five most reported event types; the dashed "
            "line is the previous period's daily mean.",
            80,
        ),
        Heading("Sources"),
        Text(
            "Outlets whose reports hold the period's events. Reprints: its reports that copy another outlet's "
            "report (same syndication cluster, not the earliest). Reprinted: copies other outlets ran of its "
            "reports. Reliability priors come from the source registry and are editorial judgement, not "
            "measurements."
        ),
        _outlets(sitrep),
        Heading("Loaded language per outlet"),
        Text(
            "Loaded terms (lexicon: vedette/data/lexicon/loaded_terms.yaml) in the article text of the period's "
            "reports, per outlet. Own words only; terms inside quotation marks are counted apart."
        ),
        _language(sitrep),
        Heading("Notes"),
        Bullets(_notes(sitrep)),
    ]


def summary(sitrep: Sitrep) -> str:
    period = sitrep.scope.period
    events, incidents = sitrep.figure("Events"), sitrep.figure("Incidents")
    corroborated = sitrep.figure("Corroborated incidents (2+ independent sources)")
    reports, outlets = sitrep.figure("Reports"), sitrep.figure("Outlets")
    if not events.current:
        return (
            f"No events dated {period.label} ({period.days} days) in {sitrep.scope.name}; the previous "
            f"{period.days} days had {events.previous}."
        )
    parts = [
        f"From {period.start.isoformat()} to {period.end.isoformat()} ({period.days} days), {sitrep.scope.name}: "
        f"{events.current} events in {incidents.current} incidents, from {reports.current} reports by "
        f"{outlets.current} outlets; {corroborated.current} incidents are told by {CORROBORATED} or more "
        "independent sources.",
        f"Compared with the previous {period.days} days: {events.current} events (was {events.previous}), "
        f"{incidents.current} incidents (was {incidents.previous}).",
        "Most reported: " + ", ".join(f"{c.name} ({c.current})" for c in sitrep.types[:3] if c.current) + ".",
    ]
    regions = [c for c in sitrep.regions if c.current and c.name != "no place"]
    if regions:
        parts.append("Busiest regions: " + "; ".join(f"{c.name} ({c.current})" for c in regions[:3]) + ".")
    if sitrep.top_incidents and sitrep.top_incidents[0].independent_sources >= CORROBORATED:
        best = sitrep.top_incidents[0]
        parts.append(
            f"Best corroborated: {best.event_type} at {best.place} on {best.dates} "
            f"({best.independent_sources} independent sources)."
        )
    return " ".join(parts)


def signed(change: int) -> str:
    return f"+{change}" if change > 0 else str(change)


def _change_sentence(sitrep: Sitrep) -> str:
    rising = sorted((c for c in sitrep.regions if c.name != "no place"), key=lambda c: c.previous - c.current)
    up = [c for c in rising if c.current > c.previous][:3]
    down = [c for c in reversed(rising) if c.current < c.previous][:3]
    parts = []
    if up:
        parts.append("Largest rises: " + "; ".join(f"{c.name} ({signed(c.current - c.previous)})" for c in up) + ".")
    if down:
        parts.append("Largest falls: " + "; ".join(f"{c.name} ({signed(c.current - c.previous)})" for c in down) + ".")
    parts.append(f"{len(sitrep.new_places)} places have events for the first time in the store.")
    return " ".join(parts)


def _top_incidents(sitrep: Sitrep) -> Table:
    rows = [
        [
            str(t.rank),
            t.dates,
            t.event_type,
            f"{t.place} ({t.region})" if t.region and t.region != t.place else t.place,
            str(t.independent_sources),
            f"{t.score:.2f}",
            t.modality + ("" if t.modality_agreement >= 1 else f" ({t.modality_agreement:.0%} agree)"),
            "; ".join(t.sources),
            _clip(t.summary, 220),
        ]
        for t in sitrep.top_incidents
    ]
    return Table(
        ["#", "Dates", "Type", "Place", "Indep. sources", "Score", "Modality", "Sources", "What was reported"],
        rows,
        [True, False, False, False, True, True, False, False, False],
        [0.35, 1.25, 1.15, 1.7, 0.85, 0.7, 0.95, 1.9, 3.1],
    )


def _changes(changes: list[Change], label: str, limit: int) -> Table:
    shown = changes[:limit]
    rows = [[c.name, str(c.current), str(c.previous), signed(c.current - c.previous)] for c in shown]
    rest = changes[limit:]
    if rest:
        current, previous = sum(c.current for c in rest), sum(c.previous for c in rest)
        rows.append([f"{len(rest)} others", str(current), str(previous), signed(current - previous)])
    return Table([label, "This period", "Previous period", "Change"], rows, [False, True, True, True], [3.2, 1, 1, 1])


def _new_places(sitrep: Sitrep) -> Table:
    return Table(
        ["Place", "Region", "First day", "Events in the period"],
        [[p.place, p.region, p.first_day, str(p.events)] for p in sitrep.new_places[:NEW_PLACES]],
        [False, False, False, True],
        [2.2, 2.2, 1, 1],
    )


def _outlets(sitrep: Sitrep) -> Table:
    return Table(
        ["Outlet", "Reports", "Events", "Reprints", "Reprinted", "Reliability prior", "Alignment"],
        [
            [
                o.outlet,
                str(o.reports),
                str(o.events),
                str(o.reprints),
                str(o.reprinted),
                f"{o.reliability:.2f}",
                o.alignment,
            ]
            for o in sitrep.outlets
        ],
        [False, True, True, True, True, True, False],
        [2.2, 0.8, 0.8, 0.8, 0.9, 0.9, 2.2],
    )


def _language(sitrep: Sitrep) -> Table:
    return Table(
        ["Outlet", "Reports", "Loaded terms", "Per report", "Quoted", "Categories", "Most used"],
        [
            [
                row.outlet,
                str(row.reports),
                str(row.own_terms),
                f"{row.per_report:.2f}",
                str(row.quoted_terms),
                ", ".join(f"{name} {n}" for name, n in sorted(row.categories.items(), key=lambda kv: -kv[1])),
                ", ".join(f"{term} ({n})" for term, n in row.top_terms),
            ]
            for row in sitrep.language
        ],
        [False, True, True, True, True, False, False],
        [2.0, 0.8, 0.9, 0.8, 0.8, 2.0, 2.0],
    )


def _notes(sitrep: Sitrep) -> list[str]:
    period = sitrep.scope.period
    notes = [
        f"Scope: events dated {period.label}, both days included"
        + ("" if sitrep.scope.name == "all places" else f", whose place lies in {sitrep.scope.name}")
        + ". Undated events are in no period.",
        "An incident is one happening merged across reports (same type, compatible actors, nearby places and "
        "dates); its independent sources count a syndication cluster, a reprint chain or outlets relaying one "
        "agency once.",
        "Regions are the basemap's admin-1 units (Natural Earth) for the countries it covers, else the country; an "
        "event placed only at country level counts for the country.",
        ATTRIBUTION + "; drawn offline with matplotlib, no map tiles.",
    ]
    if sitrep.unlocated_events:
        notes.insert(
            1,
            f"{sitrep.unlocated_events} events of the period have no place: they are counted in the "
            "figures but are not on the map.",
        )
    return notes


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
