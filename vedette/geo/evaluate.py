"""Geoparsing evaluation on gold corpora in the LGL layout (lgl.xml, TR-News.xml) or the GeoVirus layout.

Metrics follow Gritta et al. ("A Pragmatic Guide to Geoparsing Evaluation"): accuracy within 161 km,
mean and median error, and the area under the curve of log errors (0 best, 1 worst). A gold toponym the
geoparser leaves unresolved counts with the largest error on Earth (20,039 km).

Split: a document belongs to the train split when the first hex digit of the SHA-1 of its text is 0-7,
otherwise to the test split. Resolver weights are learned on the train split only.

Outlets: each document's outlet is read from the corpus (LGL/TR-News `<domain>`, GeoVirus the host of
`<source>`). Outlet homes (`vedette.geo.outlets`) are inferred from the evaluated documents only: with
`--split test`, from the other test documents of the same outlet, never from train documents.
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from vedette.errors import VedetteError
from vedette.geo.build import distance_km
from vedette.geo.gazetteer import Candidate, Gazetteer, Place
from vedette.geo.names import data_table, demonyms, fold, is_generic, without_generic_suffix
from vedette.geo.resolve import Mention, Weights, _iso3_to_iso2, annotate, choose_with_homes
from vedette.records import Document, Segment, Toponym

MAX_ERROR_KM = 20039.0
"""Half the Earth's circumference: the error of a toponym left unresolved."""
ACCURACY_KM = 161.0
SPLITS = ("all", "train", "test")
LANDMARK_WORDS = frozenset(
    "lake river sound bay island islands mount park square court mill church cathedral mosque temple hospital "
    "street road avenue bridge station centre center hall school college university".split()
)
"""Words that name no place once cut from their phrase: "Lake Hartwell" is not "Lake", "Court Square" not "Court"."""
_STREET = re.compile(
    r"\s(?:street|st|road|rd|drive|dr|avenue|ave|lane|ln|boulevard|blvd|way|highway|hwy|pike|parkway|pkwy)\.?$", re.I
)
"""A street is no town: "Post Road" is not Post, Texas, nor "Dublin Center Drive" Dublin."""


@dataclass
class GoldToponym:
    phrase: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None
    country: str | None = None


@dataclass
class GoldDocument:
    key: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    outlet: str | None = None

    @property
    def split(self) -> str:
        return "train" if hashlib.sha1(self.text.encode("utf-8")).hexdigest()[0] in "01234567" else "test"


def read_corpus(path: Path) -> tuple[str, list[GoldDocument]]:
    """The corpus layout ("lgl" or "geovirus") and its documents, with spans checked against the text."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as problem:
        raise VedetteError("V203", path=path, detail=problem) from problem
    first = root.find("article")
    if first is None:
        raise VedetteError("V203", path=path, detail="no <article> element")
    if first.find("toponyms") is not None:
        return "lgl", [_lgl_document(article) for article in root.iter("article")]
    if first.find("locations") is not None:
        return "geovirus", [_geovirus_document(article, index) for index, article in enumerate(root.iter("article"))]
    raise VedetteError("V203", path=path, detail="articles have neither <toponyms> (LGL) nor <locations> (GeoVirus)")


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """GeoNames id of a country -> ISO-2."""
    return {row["geonameid"]: row["iso2"] for row in data_table("countries.tsv")}


def _lgl_document(article: ET.Element) -> GoldDocument:
    text = article.findtext("text") or ""
    doc = GoldDocument(article.get("docid") or "", text, outlet=(article.findtext("domain") or "").strip() or None)
    for node in article.iter("toponym"):
        phrase = node.findtext("phrase") or ""
        start = _located(text, phrase, int(node.findtext("start") or 0))
        toponym = GoldToponym(phrase, start, start + len(phrase))
        gaztag = node.find("gaztag")
        if gaztag is not None and gaztag.findtext("lat"):
            toponym.lat, toponym.lon = float(gaztag.findtext("lat") or 0), float(gaztag.findtext("lon") or 0)
            toponym.geonameid = gaztag.get("geonameid") if (gaztag.get("geonameid") or "").isdigit() else None
            country = gaztag.find("country")
            country_id = country.get("geonameid") if country is not None else None
            if gaztag.findtext("fcode", "").startswith("PCL"):
                country_id = toponym.geonameid
            toponym.country = _country_codes().get(country_id or "")
        doc.toponyms.append(toponym)
    return doc


def _located(text: str, phrase: str, start: int) -> int:
    """TR-News spans drift 1-10 characters late after paragraph breaks: find the phrase at or just before."""
    for shift in range(0, 11):
        if text.startswith(phrase, start - shift):
            return start - shift
    return start


def _geovirus_document(article: ET.Element, index: int) -> GoldDocument:
    text = article.findtext("text") or ""
    source = (article.findtext("source") or "").strip()
    doc = GoldDocument(f"{source}#{index}", text, outlet=urlsplit(source).hostname or None)
    for node in article.iter("location"):
        phrase = node.findtext("name") or ""
        start = int(node.findtext("start") or 1) - 1  # GeoVirus offsets are 1-based
        doc.toponyms.append(
            GoldToponym(
                phrase, start, start + len(phrase), float(node.findtext("lat") or 0), float(node.findtext("lon") or 0)
            )
        )
    return doc


def candidates_for(gazetteer: Gazetteer, phrase: str) -> tuple[Candidate, ...]:
    """Candidates for a given span, trying simpler forms when the span as written names nothing.

    LGL and TR-News tag nationality words as their country ("Turkish" -> Turkey): a demonym names its country.
    """
    country = gazetteer.country(_iso3_to_iso2().get(demonyms().get(fold(phrase), ""), ""))
    if country:
        return (Candidate(country, "alt"),)
    variant_match: tuple[Candidate, ...] = ()
    for form in (phrase, *_simpler_forms(phrase)):
        found = gazetteer.candidates(form)
        if any(c.how not in ("skeleton", "fuzzy") for c in found):
            return found
        # A spelling variant ("Ohioans" ~ Ohanes) is the last resort: a simpler form may name the place exactly.
        variant_match = variant_match or found
    return variant_match


def _simpler_forms(phrase: str) -> Iterator[str]:
    text = phrase.strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            yield text
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            yield text[: -len(suffix)]
    if "," in text:
        yield text.split(",")[0]
    if _STREET.search(text):
        return
    if (bare := without_generic_suffix(text)) != fold(text):
        yield bare
    # Inhabitants name their place: "Minnesotans", "Ohioans", "Ontarians", "Richmondites", "New Londoners".
    for ending, replacement in (("ians", "io"), ("ans", ""), ("ns", ""), ("ites", ""), ("ers", "")):
        if text.endswith(ending) and len(text) > len(ending) + 3:
            yield text[: -len(ending)] + replacement
    # Last, the longest capitalised part: "North London" -> "London", "Upper Edmonton" -> "Edmonton".
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first : first + size])
            if part[:1].isupper() and not is_generic(part) and len(part) > 3 and fold(part) not in LANDMARK_WORDS:
                yield part


@dataclass
class Scored:
    """One gold toponym and the place the geoparser gave it (None: unresolved)."""

    gold: GoldToponym
    place: Place | None
    doc: str = ""
    candidates: tuple[Candidate, ...] = ()
    """The places the resolver chose from (resolve mode), to tell a wrong choice from a missing candidate."""

    @property
    def error_km(self) -> float:
        if self.place is None or self.gold.lat is None or self.gold.lon is None:
            return MAX_ERROR_KM
        return distance_km(self.place.lat, self.place.lon, self.gold.lat, self.gold.lon)


def gold_mentions(doc: GoldDocument, gazetteer: Gazetteer) -> list[Mention]:
    """The gold spans as annotated mentions, with the candidates the geoparser would give them."""
    from vedette.geo import trust_variants

    mentions = [Mention(t.phrase, t.start, t.end, candidates_for(gazetteer, t.phrase)) for t in doc.toponyms]
    trust_variants(mentions)  # as the geoparser does: variant spellings only in countries the text names
    annotate(doc.text, mentions, gazetteer)
    return mentions


def resolve_gold(
    docs: Sequence[GoldDocument],
    gazetteer: Gazetteer,
    weights: Weights | None = None,
    on_document: Callable[[int, int], None] | None = None,
) -> list[Scored]:
    """Resolution only: the gold spans are the mentions. The documents are resolved together, so that each
    outlet's home comes from its other documents among them."""
    mention_lists = []
    for i, doc in enumerate(docs):
        mention_lists.append(gold_mentions(doc, gazetteer))
        if on_document:
            on_document(i + 1, len(docs))
    from vedette.geo import outlet_country

    outlets = [d.outlet for d in docs]
    chosen = choose_with_homes(
        [d.text for d in docs], mention_lists, outlets, [outlet_country(o) for o in outlets], weights=weights
    )
    return [
        Scored(gold, resolution.candidate.place if resolution else None, doc.key, mention.candidates)
        for doc, mentions, resolutions in zip(docs, mention_lists, chosen, strict=True)
        for gold, mention, resolution in zip(doc.toponyms, mentions, resolutions, strict=True)
        if gold.lat is not None
    ]


def mistakes(scored: Sequence[Scored]) -> Iterator[dict[str, object]]:
    """One record per gold toponym resolved more than 161 km off, with a first guess at why (`--errors FILE`).

    `why`: `unresolved`, `missing` (no candidate within 161 km), `wrong-country`, `region-for-town` /
    `town-for-region` (an administrative area where the gold is a town, or the reverse), `same-country`.
    """
    for s in scored:
        if s.error_km <= ACCURACY_KM:
            continue
        gold = s.gold
        reachable = [c for c in s.candidates if _within_161(c.place, gold)]
        target = next((c for c in reachable if _same_id(Scored(gold, c.place))), reachable[0] if reachable else None)
        yield {
            "doc": s.doc,
            "phrase": gold.phrase,
            "start": gold.start,
            "gold": {"lat": gold.lat, "lon": gold.lon, "geonameid": gold.geonameid, "country": gold.country},
            "predicted": _place_record(s.place, None) if s.place else None,
            "error_km": round(s.error_km, 1),
            "why": _why(s, target),
            "candidates": len(s.candidates),
            "right_candidate": _place_record(target.place, target.how) if target else None,
        }


def _within_161(place: Place, gold: GoldToponym) -> bool:
    return (
        gold.lat is not None
        and gold.lon is not None
        and distance_km(place.lat, place.lon, gold.lat, gold.lon) <= ACCURACY_KM
    )


def _why(scored: Scored, target: Candidate | None) -> str:
    place = scored.place
    if place is None:
        return "unresolved"
    if target is None and scored.candidates:
        return "missing"
    right = target.place if target else None
    gold_country = scored.gold.country or (right.country if right else None)
    if gold_country and place.country != gold_country:
        return "wrong-country"
    if right and place.feature.startswith("A.") and not right.feature.startswith("A."):
        return "region-for-town"
    if right and right.feature.startswith("A.") and not place.feature.startswith("A."):
        return "town-for-region"
    return "same-country"


def _place_record(place: Place, how: str | None) -> dict[str, object]:
    record: dict[str, object] = {
        "name": place.name,
        "source_id": place.source_id,
        "feature": place.feature,
        "country": place.country,
        "admin1": place.admin1,
        "population": place.population,
        "lat": place.lat,
        "lon": place.lon,
    }
    if how:
        record["match"] = how
    return record


def resolution_metrics(scored: Sequence[Scored]) -> dict[str, float | int | None]:
    errors = sorted(s.error_km for s in scored)
    with_id = [s for s in scored if s.gold.geonameid]
    with_country = [s for s in scored if s.gold.country]
    resolved_with_country = [s for s in with_country if s.place is not None]
    return {
        "n": len(scored),
        "acc161": _percent(sum(e <= ACCURACY_KM for e in errors), len(errors)),
        "exact": _percent(sum(_same_id(s) for s in with_id), len(with_id)) if with_id else None,
        "country": _percent(
            sum(s.place is not None and s.place.country == s.gold.country for s in with_country), len(with_country)
        )
        if with_country
        else None,
        # Over the toponyms given an answer only: an unresolved span counts in `country`, not here.
        "country_resolved": _percent(
            sum(s.place is not None and s.place.country == s.gold.country for s in resolved_with_country),
            len(resolved_with_country),
        )
        if resolved_with_country
        else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "auc": round(auc(errors), 4) if errors else None,
    }


def _same_id(scored: Scored) -> bool:
    place = scored.place
    return place is not None and place.source == "geonames" and place.source_id == scored.gold.geonameid


def auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al. 2018; lower is better)."""
    logs = sorted(math.log(e + 1) for e in errors_km)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / ((len(logs) - 1) * math.log(MAX_ERROR_KM))


def coverage(docs: Sequence[GoldDocument], gazetteer: Gazetteer) -> dict[str, float | None]:
    """How much of the gold the gazetteer holds at all: GeoNames ids, spans with a candidate within 161 km, and
    spans (of toponyms with a gold country) with a candidate in the right country: the best `acc161` and
    `country` any choice among the candidates could reach."""
    ids = [t.geonameid for d in docs for t in d.toponyms if t.geonameid]
    located = [t for d in docs for t in d.toponyms if t.lat is not None]
    candidates = [candidates_for(gazetteer, t.phrase) for t in located]
    reachable = sum(any(_within_161(c.place, t) for c in found) for t, found in zip(located, candidates, strict=True))
    with_country = [(t, found) for t, found in zip(located, candidates, strict=True) if t.country]
    right_country = sum(any(c.place.country == t.country for c in found) for t, found in with_country)
    return {
        "ids": _percent(sum(gazetteer.place("geonames", i) is not None for i in ids), len(ids)) if ids else None,
        "reach161": _percent(reachable, len(located)) if located else None,
        "country": _percent(right_country, len(with_country)) if with_country else None,
    }


def match_spans(gold: Sequence[GoldToponym], predicted: Sequence[Toponym]) -> list[tuple[GoldToponym, Toponym]]:
    """Pairs of gold and predicted toponyms whose spans overlap, each used once."""
    used: set[int] = set()
    pairs = []
    for toponym in gold:
        for i, guess in enumerate(predicted):
            if i not in used and guess.start < toponym.end and toponym.start < guess.end:
                used.add(i)
                pairs.append((toponym, guess))
                break
    return pairs


def end2end(
    docs: Sequence[GoldDocument],
    gazetteer: Gazetteer,
    recognition: str = "full",
    on_document: Callable[[int, int], None] | None = None,
) -> tuple[list[Scored], dict[str, float]]:
    """Recognition and resolution: spaCy NER (plus the gazetteer scan unless `recognition` is "spacy").
    The documents are geoparsed as one batch, as the pipeline does, with the corpus's outlet as their source."""
    from vedette.geo import geoparse_batch
    from vedette.nlp import recognise

    recognised: list[Document] = []
    batch = 16
    for offset in range(0, len(docs), batch):
        plain = [
            Document(
                id=d.key or str(offset + i),
                text=d.text,
                origin=d.key,
                source=d.outlet,
                segments=[Segment(kind="body", start=0, end=len(d.text))],
            )
            for i, d in enumerate(docs[offset : offset + batch])
        ]
        recognised.extend(recognise(plain, batch_size=batch))
        if on_document:
            on_document(min(offset + batch, len(docs)), len(docs))
    scored: list[Scored] = []
    gold_count = predicted_count = matched = 0
    for gold_doc, doc in zip(docs, geoparse_batch(recognised, gazetteer, recognition == "full"), strict=True):
        pairs = match_spans(gold_doc.toponyms, doc.toponyms)
        gold_count += len(gold_doc.toponyms)
        predicted_count += len(doc.toponyms)
        matched += len(pairs)
        scored.extend(Scored(gold, _as_place(guess), gold_doc.key) for gold, guess in pairs if gold.lat is not None)
    p = matched / predicted_count if predicted_count else 0.0
    r = matched / gold_count if gold_count else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return scored, {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f1, 1)}


def _as_place(toponym: Toponym) -> Place:
    return Place(
        0,
        toponym.name,
        toponym.source,
        toponym.source_id or "",
        toponym.lat,
        toponym.lon,
        toponym.country,
        toponym.admin1,
        None,
        toponym.feature or "",
        0,
    )


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def evaluate(
    path: Path,
    gazetteer: Gazetteer,
    mode: str = "resolve",
    split: str = "all",
    recognition: str = "full",
    on_document: Callable[[int, int], None] | None = None,
    errors: list[dict[str, object]] | None = None,
) -> dict[str, object]:
    """Run the geoparser on a gold corpus and return the metrics as one JSON-ready dict.

    `errors`, when given, receives one record per toponym resolved more than 161 km off (see `mistakes`)."""
    layout, docs = read_corpus(path)
    if split != "all":
        docs = [d for d in docs if d.split == split]
    result: dict[str, object] = {
        "corpus": path.name,
        "layout": layout,
        "mode": mode,
        "split": split,
        "documents": len(docs),
    }
    if mode == "resolve":
        scored = resolve_gold(docs, gazetteer, on_document=on_document)
        result.update(resolution_metrics(scored))
    else:
        scored, recognised = end2end(docs, gazetteer, recognition, on_document)
        result["recognition"] = recognition
        result.update(resolution_metrics(scored))
        result.update(recognised)
    if errors is not None:
        errors.extend(mistakes(scored))
    result["coverage"] = coverage(docs, gazetteer)
    return result
