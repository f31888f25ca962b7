"""Documents -> Events: candidate sentences, one parse, the coder, then place, date and attribution.

Only sentences of headline, attribution and body segments are read; comments never
produce events. The lexicon's surface filter picks the sentences that can hold an
event, and only those go through the dependency parser (NER already ran in the NER
stage), so the parser costs a fraction of a full pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from vedette.events.actors import ActorEntry, normalise_actor
from vedette.events.coder import Coded, Mention, code_sentence
from vedette.events.dates import resolve_date
from vedette.events.lexicon import SurfaceFilter, surface_filter
from vedette.nlp import RecentResults, load_model, parse
from vedette.records import EVENT_SEGMENTS, Actor, Document, Event, Toponym

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer

_ACCORDING_TO = re.compile(r"\baccording to (?:the )?(?P<who>[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,5})")
_SENTENCE_END = re.compile(r"(?<!\.\w)\.$")  # "SANA." ends the sentence; "U.N." keeps its dot
_CONFIDENCE_BY_SOURCE = {
    "verb": 0.6,
    "governor": 0.6,
    "light": 0.6,
    "reversal": 0.55,
    "noun": 0.5,
    "noun-fallback": 0.35,
}


@lru_cache(maxsize=2)
def candidate_filter(model: str | None = None) -> SurfaceFilter:
    """The lexicon's surface filter, with irregular inflections taken from the model's lemmatizer tables."""
    nlp = load_model(model)
    irregular: dict[str, set[str]] = {}
    if "lemmatizer" in nlp.pipe_names:
        tables = cast("Lemmatizer", nlp.get_pipe("lemmatizer")).lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            for form, lemmas in tables[pos].items():
                for lemma in lemmas:
                    irregular.setdefault(lemma, set()).add(form)
    return surface_filter(irregular)


def is_candidate(text: str, model: str | None = None) -> bool:
    """Could this sentence hold an event? (Cheap: no parse.)"""
    return candidate_filter(model).matches(text)


def extract_events(
    docs: Iterable[Document],
    batch_size: int = 64,
    model: str | None = None,
    recent: RecentResults[tuple[str, bool], tuple[Coded, ...]] | None = None,
) -> Iterator[Document]:
    """Documents with `events` filled in; parses only sentences the surface filter lets through. With
    `recent` (the pipeline keeps one), a sentence coded recently is not parsed again (a reprint's
    sentences are its original's); it is keyed by the text and whether it is a headline."""
    docs = list(docs)
    recent = recent if recent is not None else RecentResults(0)
    wanted: list[tuple[int, int, tuple[str, bool]]] = []
    for index, doc in enumerate(docs):
        for start, end in doc.sentences:
            segment = doc.segment_at(start)
            if segment and segment.kind in EVENT_SEGMENTS and is_candidate(doc.text[start:end], model):
                wanted.append((index, start, (doc.text[start:end], segment.kind == "headline")))
    coded, unread = recent.split(key for _, _, key in wanted)
    for key, parsed in zip(unread, parse((text for text, _ in unread), batch_size, model), strict=True):
        coded[key] = tuple(code_sentence(parsed[:], headline=key[1]))
    found: dict[int, list[Event]] = {}
    for index, start, key in wanted:
        recent.put(key, coded[key])
        events = found.setdefault(index, [])
        events.extend(_with_antecedent(to_event(docs[index], start, key[0], c), events) for c in coded[key])
    for index, doc in enumerate(docs):
        yield doc.model_copy(update={"events": found.get(index, [])})


RECENT_SENTENCES = 50_000
"""How many coded sentences the pipeline's events stage remembers: about 2,500 documents' candidates."""


def to_event(doc: Document, offset: int, sentence: str, coded: Coded) -> Event:
    """A coded sentence event as a record: doc offsets, actors normalised, place, date and attribution."""
    segment = doc.segment_at(offset)
    actor = _actor(coded.actor, coded.actor_full, offset, doc.toponyms)
    target = _actor(coded.target, coded.target_full, offset, doc.toponyms)
    place, inferred = _place(doc, offset, offset + len(sentence), coded, [a for a in (actor, target) if a])
    confidence = _CONFIDENCE_BY_SOURCE.get(coded.via, 0.5) + (0.1 if coded.specificity >= 2 else 0.0)
    confidence += (0.1 if actor else 0.0) + (0.1 if place is not None and not inferred else 0.0) - 0.05 * coded.rank
    trigger_start = offset + coded.trigger.start
    return Event(
        id=hashlib.sha256(f"{doc.id}:{offset}:{coded.trigger.start}:{coded.event_type}".encode()).hexdigest()[:16],
        doc_id=doc.id,
        event_type=coded.event_type,
        mode=coded.mode,
        about_type=coded.about_type,
        trigger=coded.trigger.text,
        trigger_start=trigger_start,
        trigger_end=offset + coded.trigger.end,
        rank=coded.rank,
        actor=actor,
        target=target,
        place=place,
        place_inferred=inferred if place is not None else False,
        date=resolve_date(sentence, coded.trigger.start, doc.published, planned=coded.modality == "planned"),
        modality=coded.modality,  # type: ignore[arg-type]
        attribution=_attribution(doc, sentence, coded.reporter),
        sentence=sentence,
        sentence_start=offset,
        sentence_end=offset + len(sentence),
        segment=segment.kind if segment else "body",
        confidence=round(min(max(confidence, 0.05), 0.95), 2),
    )


_PRONOUNS = frozenset({"it", "they", "he", "she"})


def _with_antecedent(event: Event, earlier: list[Event]) -> Event:
    """ "It demanded ...": a pronoun actor stands for the last named actor of the document's earlier events."""
    actor = event.actor
    if actor is None or actor.text.lower() not in _PRONOUNS:
        return event
    named = next((e.actor for e in reversed(earlier) if e.actor and e.actor.text.lower() not in _PRONOUNS), None)
    if named is None:
        return event
    resolved = actor.model_copy(update={"name": named.name, "country": named.country, "sector": named.sector})
    return event.model_copy(update={"actor": resolved})


def _actor(core: Mention | None, full: Mention | None, offset: int, toponyms: list[Toponym]) -> Actor | None:
    """The actor record of a phrase: dictionary and country words first, then a place the geoparser resolved
    inside the whole phrase ("rebel commanders in Daraa" -> SYR)."""
    if core is None:
        return None
    entry = normalise_actor(core.text)
    if full is not None and full.text != core.text and entry.country is None and entry.sector not in ("IGO", "NGO"):
        wider = normalise_actor(full.text)  # "Kenzo Oshima, the UN relief coordinator"; "refugees from Liberia"
        if entry.sector is None:
            entry = wider
        elif wider.country is not None:
            entry = ActorEntry(entry.name, wider.country, entry.sector)
    country = entry.country
    if country is None and entry.sector not in ("IGO", "NGO"):
        span = full or core
        inside = [t for t in toponyms if offset + span.start <= t.start < offset + span.end and t.country]
        country = _iso3(inside[0].country) if inside else None
    return Actor(
        text=core.text,
        start=offset + core.start,
        end=offset + core.end,
        name=entry.name,
        country=country,
        sector=entry.sector,
    )


@lru_cache(maxsize=512)
def _iso3(iso2: str | None) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return found.alpha_3 if found else None


def _place(doc: Document, start: int, end: int, coded: Coded, parties: list[Actor]) -> tuple[Toponym | None, bool]:
    """The toponym of the event's clause (else sentence) nearest its trigger, else the document's focus place.

    A place inside a longer actor or target phrase ("the Raqqa Civil Council", "US forces") names the party,
    not where it happened."""
    trigger_at = start + coded.trigger.start
    clause = (start + coded.clause.start, start + coded.clause.end)
    modifiers = [(start + a, start + b) for a, b in coded.modifiers + coded.elsewhere]
    inside = [
        t
        for t in doc.toponyms
        if start <= t.start < end
        and not any(a.start <= t.start < a.end and t.end - t.start < a.end - a.start for a in parties)
        and not any(a <= t.start < b for a, b in modifiers)
    ]
    if inside:
        specific = [t for t in inside if t.feature != "A.PCLI"] or inside
        best = min(
            specific,
            key=lambda t: (not clause[0] <= t.start < clause[1], t.start < trigger_at, abs(t.start - trigger_at)),
        )
        return best, False
    if doc.focus:
        focus = doc.focus[0]
        match = next((t for t in doc.toponyms if t.name == focus.name and t.lat == focus.lat), None)
        if match is not None:
            return match, True
    return None, True


def _attribution(doc: Document, sentence: str, reporter: Mention | None) -> list[str]:
    """Who says so: the outlet, the outlets it credits ("X reports:"), the sentence's "according to Y",
    and who the sentence says told it ("officials said")."""
    chain = [doc.source] if doc.source else []
    chain += [s.source for s in doc.segments if s.kind == "attribution" and s.source]
    chain += [_SENTENCE_END.sub("", m.group("who")) for m in _ACCORDING_TO.finditer(sentence)]
    if reporter is not None:
        chain.append(re.sub(r"^(?:the|a|an)\s+", "", reporter.text, flags=re.I))
    return list(dict.fromkeys(chain))
