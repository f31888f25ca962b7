"""`vedette clusters`, `vedette incidents`, `vedette sources`, `vedette language`, `vedette eval syndication`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from vedette.cli import DbOption, JsonOption, app, clip, eval_app, fail, out
from vedette.errors import VedetteError


def _current_store(db: str) -> Any:
    """The store with clusters and incidents brought up to date (a no-op when `vedette run` already did)."""
    from vedette.credibility import update
    from vedette.store import Store

    store = Store(db, create=False)
    update(store)
    return store


@app.command()
def clusters(
    db: str = DbOption,
    include_singletons: bool = typer.Option(False, "--all", help="also list documents reprinted by nobody"),
    as_json: bool = JsonOption,
) -> None:
    """List syndication clusters: reprints of one report, with the earliest member and the reprint chain."""
    from vedette.store_credibility import read_clusters

    try:
        rows = read_clusters(_current_store(db), include_singletons=include_singletons)
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("cluster", "size", "origin", "member", "outlet", "credits", "published", "similarity", "title")
    for cluster in rows:
        for number, member in enumerate(cluster["members"]):
            first = number == 0
            table.add_row(
                cluster["id"] if first else "",
                str(cluster["size"]) if first else "",
                (cluster["origin_source"] or "") if first else "",
                member["doc_id"] + (" (earliest)" if member["doc_id"] == cluster["earliest_doc_id"] else ""),
                member["outlet"] or "",
                " → ".join(member["upstream"]),
                (member["published"] or "")[:16],
                "" if member["similarity"] is None else f"{member['similarity']:.2f}",
                clip(member["title"] or "", 50),
            )
    out.print(table)


@app.command()
def incidents(
    db: str = DbOption,
    type: str | None = typer.Option(None, "--type", help="only this PLOVER event type, e.g. ASSAULT"),
    min_sources: int | None = typer.Option(None, "--min-sources", help="at least this many independent sources"),
    min_score: float | None = typer.Option(None, "--min-score", help="corroboration score at least this (0-1)"),
    multi_document: bool = typer.Option(False, "--multi", help="only incidents reported by more than one document"),
    limit: int | None = typer.Option(None, "--limit", help="at most this many incidents"),
    as_json: bool = JsonOption,
) -> None:
    """List incidents (events merged across documents), best corroborated first, with their explanation."""
    from vedette.store_credibility import read_incidents

    try:
        rows = read_incidents(
            _current_store(db),
            event_type=type,
            min_sources=min_sources,
            min_score=min_score,
            multi_document=multi_document,
            limit=limit,
        )
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("score", "sources", "docs", "type", "dates", "place", "explanation")
    for row in rows:
        dates = row["date_start"] or ""
        if row["date_end"] and row["date_end"] != row["date_start"]:
            dates += f"…{row['date_end'][5:]}"
        table.add_row(
            f"{row['score']:.2f}",
            str(row["independent_sources"]),
            str(row["documents"]),
            row["event_type"],
            dates,
            row["place_name"] or "",
            clip(row["explanation"], 90),
        )
    out.print(table)


@app.command()
def sources(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """List the source registry with how often each outlet occurs in the store, and the outlets it lacks."""
    from vedette.credibility.sources import load_registry, source_key
    from vedette.store_credibility import outlet_counts

    try:
        registry = load_registry()
        counts = outlet_counts(_current_store(db))
    except VedetteError as problem:
        fail(problem)
    known: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in registry.entries:
        keys = {source_key(n) for n in (entry.name, *entry.aliases)}
        found = {"documents": 0, "credited": 0}
        for name, count in counts.items():
            if source_key(name) in keys:
                seen.add(name)
                found = {k: found[k] + count[k] for k in found}
        known.append(
            {
                "name": entry.name,
                "kind": entry.kind,
                "country": entry.country,
                "alignment": entry.alignment,
                "reliability": entry.reliability,
                "fictional": entry.fictional,
                **found,
            }
        )
    unknown = [
        {"name": name, "reliability": registry.neutral, **count}
        for name, count in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        if name not in seen
    ]
    if as_json:
        print(
            json.dumps(
                {
                    "registry": registry.path,
                    "neutral_reliability": registry.neutral,
                    "sources": known,
                    "unknown": unknown,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table("outlet", "kind", "country", "alignment", "prior", "documents", "credited")
    for row in known:
        name = row["name"] + (" (fictional)" if row["fictional"] else "")
        table.add_row(
            name,
            row["kind"] or "",
            row["country"] or "",
            row["alignment"] or "",
            f"{row['reliability']:.2f}",
            str(row["documents"]),
            str(row["credited"]),
        )
    for row in unknown:
        table.add_row(
            str(row["name"]),
            "unknown",
            "",
            "",
            f"{row['reliability']:.2f} (neutral)",
            str(row["documents"]),
            str(row["credited"]),
        )
    out.print(f"registry: {registry.path}")
    out.print(table)
    if unknown:
        out.print(
            f"{len(unknown)} outlet(s) not in the registry get the neutral prior {registry.neutral}; "
            "add them to your copy of the registry (VEDETTE_SOURCES)."
        )


@app.command()
def language(
    doc_id: str | None = typer.Argument(None, help="a document id (`vedette documents` lists them)"),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Loaded terms in article text and the stance of reader comments (one document, or the store's summary)."""
    from vedette.store_credibility import document_language, language_summary

    try:
        store = _current_store(db)
        if doc_id is not None and store.document(doc_id) is None:
            raise VedetteError("V503", doc_id=doc_id, db=db)
        result = document_language(store, doc_id) if doc_id else language_summary(store)
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if doc_id:
        terms = Table("offset", "text", "term", "category", "segment", "quoted")
        for term in result["loaded_terms"]:
            terms.add_row(
                str(term["start"]),
                term["text"],
                term["term"],
                term["category"],
                term["segment"],
                "yes" if term["quoted"] else "",
            )
        out.print(terms)
    else:
        outlets = Table("outlet", "loaded terms (own words, by category)")
        for outlet, categories in sorted(result["loaded_terms_by_outlet"].items()):
            outlets.add_row(outlet, ", ".join(f"{c} {n}" for c, n in sorted(categories.items())))
        out.print(outlets)
    stance = Table("actor", "comments", "for", "against")
    for row in result["comment_stance"]:
        stance.add_row(row["actor"], str(row["comments"]), str(row["support"]), str(row["oppose"]))
    out.print(stance)


VariantsOption = typer.Option(
    None,
    "--variants",
    help="folder of the hand-written labelled reports (default: tests/data/syndication in the repository)",
)


@eval_app.command("syndication")
def eval_syndication(
    variants: Path | None = VariantsOption,
    threshold: float | None = typer.Option(
        None, "--threshold", help="similarity threshold to test (default: the syndication_threshold setting)"
    ),
    as_json: bool = JsonOption,
) -> None:
    """Pairwise precision, recall and adjusted Rand index of syndication clusters on the labelled set."""
    from vedette.credibility.evaluate import evaluate_syndication

    try:
        result = evaluate_syndication(variants, threshold)
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(result))
        return
    table = Table("metric", "value")
    for key, value in result.items():
        table.add_row(key, str(value))
    out.print(table)
