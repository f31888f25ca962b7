"""Geoparse: find toponyms in a document and resolve each to a gazetteer place.

`recognise` finds place mentions (spaCy entities plus a gazetteer scan),
`resolve` picks each mention's place with learned weights over the evidence a
reader uses, `outlets` infers each outlet's home from its other documents in
the batch, `relative` moves points for "20 km north of X", and `focus` ranks
what the document is about. `evaluate` scores all this on gold corpora.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from vedette import config
from vedette.errors import VedetteError
from vedette.geo.build import Progress, build, is_current
from vedette.geo.focus import focus
from vedette.geo.gazetteer import Candidate, Gazetteer
from vedette.geo.outlets import Reading, domain_country
from vedette.geo.recognise import VARIANT_MATCHES, named_countries, recognise
from vedette.geo.relative import modifier_before, shifted_point
from vedette.geo.resolve import Mention, Resolution, annotate, choose_with_homes
from vedette.records import Document, Toponym

__all__ = ["Gazetteer", "geoparse", "geoparse_batch", "load_gazetteer", "ensure_gazetteer", "trust_variants"]

SMALL_PLACE = 10_000
"""A town this small, in a country the document never names, is a coincidence of names (Calcutta, Ohio).
(End-to-end geoparsing only: `vedette eval geo --mode resolve` resolves every gold span.)"""


def ensure_gazetteer(path: Path | None = None, progress: Progress | None = None) -> Path:
    """The gazetteer path, built first when missing or out of date."""
    target = Path(path or config.get("gazetteer"))
    if not is_current(target):
        build(target, progress)
    return target


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    return Gazetteer(ensure_gazetteer(path))


def geoparse(
    doc: Document, gazetteer: Gazetteer, scan_gazetteer: bool = True, outlet_country: str | None = None
) -> Document:
    """The document with its toponyms and focus places filled in (alone: no outlet home, see `geoparse_batch`).

    `outlet_country` defaults to `outlet_country(doc.source, doc.url)`.
    """
    return geoparse_batch([doc], gazetteer, scan_gazetteer, [outlet_country])[0]


def geoparse_batch(
    docs: Sequence[Document],
    gazetteer: Gazetteer,
    scan_gazetteer: bool = True,
    outlet_countries: Sequence[str | None] | None = None,
) -> list[Document]:
    """The documents with their toponyms and focus places filled in, resolved together: a document whose
    outlet (`doc.source`) has other documents in the batch, or stored ones that a document of the batch carries
    (`Document.outlet_history`), is resolved a second time with the home those others point to
    (`vedette.geo.outlets`). A pure function of the batch: no store is read.

    `outlet_countries` (one per document, None: `outlet_country(doc.source, doc.url)`) as for `geoparse`."""
    from vedette.credibility.sources import source_key

    given = outlet_countries or [None] * len(docs)
    countries = [country or outlet_country(doc.source, doc.url) for doc, country in zip(docs, given, strict=True)]
    mention_lists, contexts = [], []
    for doc in docs:
        mentions = recognise(doc, gazetteer, scan_gazetteer)
        contexts.append(trust_variants(mentions))
        mentions = [m for m in mentions if m.candidates]
        annotate(doc.text, mentions, gazetteer)
        mention_lists.append(mentions)
    outlets = [source_key(doc.source) if doc.source else None for doc in docs]
    stored = _stored_readings(docs, outlets, gazetteer)
    chosen = choose_with_homes([d.text for d in docs], mention_lists, outlets, countries, stored=stored)
    parsed = []
    for doc, resolutions, context in zip(docs, chosen, contexts, strict=True):
        toponyms = [
            _toponym(doc, resolution)
            for resolution in resolutions
            if resolution is not None and not _coincidence(resolution.candidate, context)
        ]
        update = {"toponyms": toponyms, "focus": focus(doc, toponyms), "outlet_history": []}
        parsed.append(doc.model_copy(update=update))
    return parsed


def _stored_readings(
    docs: Sequence[Document], outlets: Sequence[str | None], gazetteer: Gazetteer
) -> dict[str, list[list[Reading]]]:
    """Outlet -> the readings of each of its stored documents that the batch's documents carry
    (`Document.outlet_history`), with places the gazetteer still holds. Two documents of an outlet may carry the
    same stored document: it counts once."""
    by_outlet: dict[str, dict[str, list[Reading]]] = {}
    for doc, outlet in zip(docs, outlets, strict=True):
        if outlet is None or not doc.outlet_history:
            continue
        carried: dict[str, list[Reading]] = {}
        for reading in doc.outlet_history:
            place = gazetteer.place(reading.source, reading.source_id)
            if place is not None:
                carried.setdefault(reading.document, []).append(Reading(reading.text, place, reading.score))
        stored = by_outlet.setdefault(outlet, {})
        for document, readings in carried.items():
            stored.setdefault(document, readings)
    return {outlet: list(stored.values()) for outlet, stored in by_outlet.items()}


def outlet_country(source: str | None, url: str | None = None) -> str | None:
    """The country of a document's outlet: the registry's, for outlets it knows (a wire service's country says
    nothing of where its stories happen); else that of the country-code domain of its address or its name
    ("independent.ie")."""
    from vedette.credibility.sources import load_registry

    try:
        info = load_registry().lookup(source)
    except VedetteError:
        info = None  # a broken registry file is reported by the credibility stage, not here
    if info is not None and info.known:
        return info.country if info.kind == "outlet" else None
    return domain_country(url) or domain_country(source)


def trust_variants(mentions: list[Mention]) -> Counter[str]:
    """Drop variant-spelling candidates ("Der El Zor") outside the countries the text names exactly; return
    those countries with their votes."""
    context = named_countries(mentions)
    for mention in mentions:
        mention.candidates = tuple(
            c for c in mention.candidates if c.how not in VARIANT_MATCHES or context.get(c.place.country or "", 0) > 0
        )
    return context


def _coincidence(candidate: Candidate, context: Counter[str]) -> bool:
    place = candidate.place
    foreign = bool(context) and context.get(place.country or "", 0) == 0
    if not foreign or candidate.how == "alias":
        return False
    # A county or district abroad ("Ain" of "Ain Issa" as the French department) is a coincidence too.
    return (place.feature == "P.PPL" and place.population < SMALL_PLACE) or place.feature.startswith("A.ADM2")


def _toponym(doc: Document, resolution: Resolution) -> Toponym:
    mention, place = resolution.mention, resolution.candidate.place
    segment = doc.segment_at(mention.start)
    modifier = modifier_before(doc.text, mention.start)
    lat, lon = shifted_point(place, modifier)
    return Toponym(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        segment=segment.kind if segment else "body",
        name=place.name,
        source=place.source,
        source_id=place.source_id,
        lat=lat,
        lon=lon,
        country=place.country,
        admin1=place.admin1,
        feature=place.feature,
        modifier=modifier,
        score=round(resolution.probability, 3),
    )
