"""Throughput of event extraction alone, against bare spaCy parsing of the same sentences.

Usage: .venv/bin/python bench/bench_events.py [--sentences 12000] [--batch-size 64] [--seed 7]

The sentences are synthetic news sentences built from templates written for this bench
(actors, actions, places, times; half of them carry no event, as in real reports), in
documents of 20 sentences with one body segment each. No geoparsing runs: this measures
`vedette.events.extract_events` only (surface filter, dependency parse of the candidate
sentences, the coder, actors, dates, attribution).

The baseline, measured in the same run on the same sentences, is `nlp.pipe` with the same
pipes the event stage uses (tok2vec, tagger, parser, attribute_ruler, lemmatizer) over
every sentence. Target: event extraction at least as fast as the bare parse (ratio >= 1.0),
because the surface filter spares the parser the sentences that cannot hold an event.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vedette.events.extract import extract_events, is_candidate  # noqa: E402
from vedette.nlp import PARSE_PIPES, load_model  # noqa: E402
from vedette.records import Document, Segment  # noqa: E402

ACTORS = [
    "The Syrian army",
    "Islamic State fighters",
    "The SDF",
    "PMF brigades",
    "The Iraqi Army",
    "The LNA",
    "Turkish drones",
    "Russian warplanes",
    "Houthi rebels",
    "Local police",
    "The UN envoy",
    "Tribal elders",
    "The Iraqi government",
    "Kurdish officials",
    "Hundreds of protesters",
    "The coalition",
]
PLACES = [
    "Deir Ezzor",
    "Raqqa",
    "Palmyra",
    "Mosul",
    "Al-Qaim",
    "Sirte",
    "Marib",
    "Hasakah",
    "Tal Tamr",
    "Idlib",
    "Ramadi",
    "Tripoli",
    "Sinjar",
    "Kirkuk",
    "Hodeidah",
    "Daraa",
]
TIMES = [
    "on Monday",
    "late on Tuesday",
    "before dawn on Sunday",
    "last week",
    "on Friday night",
    "in March",
    "yesterday",
    "on Wednesday",
]
EVENTS = [
    "{actor} shelled villages near {place} {time}, killing three civilians.",
    "{actor} sent reinforcements to {place} {time}, military sources said.",
    "{actor} withdrew from positions north of {place} {time}.",
    "{actor} detained twelve people in a security sweep in {place} {time}.",
    "{actor} met tribal leaders in {place} {time} to discuss the return of displaced families.",
    "{actor} threatened to attack {place} if the talks failed.",
    "{actor} demanded the release of prisoners held in {place}.",
    "{actor} plans to deploy more troops to {place} next week.",
    "{actor} denied launching any drones at {place}.",
    "{actor} could strike {place} if more rockets are fired, a spokesman said.",
    "{actor} accused the government of blocking aid to {place}.",
    "{actor} delivered food and medicine to families in {place} {time}.",
    "Thousands of residents demonstrated in {place} {time} against power cuts.",
    "{actor} agreed to extend the ceasefire around {place} for six months.",
    "{actor} rejected a proposal to hand over checkpoints near {place}.",
    "An ambush near {place} killed two soldiers {time}, according to SANA.",
]
FILLER = [
    "{place} lies on the road between the river and the desert.",
    "The city had a population of about 300,000 before the war.",
    "Prices of bread and fuel have risen sharply in {place} this year.",
    "The hospital in {place} has two operating theatres and a small laboratory.",
    "Many residents work in agriculture or in small shops along the main road.",
    "Schools in {place} reopened in September after a long closure.",
    "The weather is expected to stay dry and windy for the rest of the week.",
    "Local officials in {place} say electricity is available for six hours a day.",
    "The market near the old mosque is busiest in the early morning.",
    "Several families have returned to their homes in the past months.",
]


def sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for index in range(count):
        template = rng.choice(EVENTS if index % 2 == 0 else FILLER)
        out.append(template.format(actor=rng.choice(ACTORS), place=rng.choice(PLACES), time=rng.choice(TIMES)))
    return out


def documents(texts: list[str], per_document: int = 20) -> list[Document]:
    docs = []
    for start in range(0, len(texts), per_document):
        chunk = texts[start : start + per_document]
        text, spans = "", []
        for sentence in chunk:
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence + "\n\n"
        docs.append(
            Document(
                id=f"bench-{start}",
                text=text,
                origin="bench",
                source="Bench Wire",
                segments=[Segment(kind="body", start=0, end=len(text))],
                sentences=spans,
            )
        )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=12000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = sentences(args.sentences, args.seed)
    docs = documents(texts)
    nlp = load_model()
    list(extract_events(documents(texts[:200])))  # warm up: model, lexicon, filter, dateparser

    started = time.perf_counter()
    with nlp.select_pipes(enable=[p for p in PARSE_PIPES if p in nlp.pipe_names]):
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    coded = list(extract_events(docs, batch_size=args.batch_size))
    event_seconds = time.perf_counter() - started

    candidates = sum(1 for t in texts if is_candidate(t))
    events = sum(len(d.events) for d in coded)
    result = {
        "sentences": len(texts),
        "candidate_sentences": candidates,
        "events": events,
        "bare_parse_sentences_per_s": round(len(texts) / parse_seconds, 1),
        "event_extraction_sentences_per_s": round(len(texts) / event_seconds, 1),
        "ratio_events_to_bare_parse": round(parse_seconds / event_seconds, 3),
        "target": "ratio >= 1.0",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
