"""Syndication (MinHash + LSH) time for 1k, 10k and 100k synthetic documents, and its growth exponent.

Usage: .venv/bin/python bench/bench_syndication.py [--sizes 1000 10000 100000] [--store 100000]

Documents are 5 paragraphs of 40-80 words drawn from a Zipf-distributed vocabulary of 30,000 words
(so common words are shared by every document, as in real text); 30 % of them reprint one of the 500
documents before them with 5-15 % of the words replaced and, half the time, the paragraphs shuffled.
For each size the script times what `vedette run` does for syndication: signing (word 3-shingles +
MinHash) and clustering (LSH candidates, similarity check, union-find). The baseline, measured in
the same run on the same documents, is only cutting them into shingles: the linear floor any
near-duplicate detector pays. Prints time, docs/s, the ratio to the baseline, pairwise precision and
recall against the known reprints, and the growth exponent k of time ~ n^k fitted over the sizes
(1 is linear; an all-pairs comparison would be 2).

`--store N` also times the whole credibility corpus stage (`vedette.credibility.update`: clusters,
incidents, corroboration) on a SQLite store of N such documents with 3 events each, first in full,
then incrementally after 100 more documents arrive.
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from vedette import config
from vedette.credibility.evaluate import pairwise_scores
from vedette.credibility.syndication import Item, cluster_items, shingle_set, sign
from vedette.records import Document, Event, Segment, Toponym
from vedette.store import Store

PLACES = [
    ("Deir ez-Zor", 35.34, 40.14),
    ("Raqqa", 35.95, 39.01),
    ("Homs", 34.73, 36.72),
    ("Mosul", 36.34, 43.13),
    ("Ramadi", 33.42, 43.30),
    ("Sirte", 31.21, 16.59),
    ("Idlib", 35.93, 36.63),
    ("Hasakah", 36.50, 40.75),
]
TYPES = ["ASSAULT", "MOBILIZE", "PROTEST", "ACCUSE", "AID"]

VOCABULARY = 30_000
REPRINT_SHARE = 0.3
LOOKBACK = 500


def corpus(size: int, seed: int = 11) -> tuple[list[list[str]], list[str]]:
    """Documents (lists of paragraphs) and the true cluster of each."""
    rng = random.Random(seed)
    generator = np.random.default_rng(seed)
    words = [f"w{n}" for n in range(VOCABULARY)]
    docs: list[list[str]] = []
    labels: list[str] = []
    for index in range(size):
        if index and rng.random() < REPRINT_SHARE:
            parent = rng.randrange(max(0, index - LOOKBACK), index)
            docs.append(_reprint(docs[parent], rng, words))
            labels.append(labels[parent])
            continue
        ranks = generator.zipf(1.3, size=5 * 80) % VOCABULARY
        paragraphs, start = [], 0
        for _ in range(5):
            length = rng.randint(40, 80)
            paragraphs.append(" ".join(words[r] for r in ranks[start : start + length]))
            start += length
        docs.append(paragraphs)
        labels.append(f"d{index}")
    return docs, labels


def _reprint(paragraphs: list[str], rng: random.Random, words: list[str]) -> list[str]:
    rate = rng.uniform(0.05, 0.15)
    edited = []
    for paragraph in paragraphs:
        tokens = paragraph.split()
        for position in rng.sample(range(len(tokens)), round(rate * len(tokens))):
            tokens[position] = rng.choice(words)
        edited.append(" ".join(tokens))
    if rng.random() < 0.5:
        rng.shuffle(edited)
    return edited


def measure(size: int, threshold: float) -> dict[str, float]:
    docs, labels = corpus(size)
    started = time.perf_counter()
    for paragraphs in docs:
        shingle_set(paragraphs)
    baseline = time.perf_counter() - started
    items = [Item(doc_id=f"d{n}") for n in range(size)]
    started = time.perf_counter()
    sign(items, docs)
    signed = time.perf_counter() - started
    started = time.perf_counter()
    clusters = cluster_items(items, threshold)
    clustered = time.perf_counter() - started
    scores = pairwise_scores(labels, [clusters[item.doc_id] for item in items])
    return {
        "size": size,
        "baseline": baseline,
        "sign": signed,
        "cluster": clustered,
        "total": signed + clustered,
        "precision": scores["precision"],
        "recall": scores["recall"],
        "largest_cluster": max(Counter(clusters.values()).values()),
    }


def growth_exponent(rows: list[dict[str, float]]) -> float:
    sizes = [math.log(r["size"]) for r in rows]
    times = [math.log(r["total"]) for r in rows]
    return float(np.polyfit(sizes, times, 1)[0])


def stored_documents(docs: list[list[str]], first: int, rng: random.Random) -> list[Document]:
    """Documents with body segments and three located, dated events each, as the pipeline would store them."""
    made = []
    for number, paragraphs in enumerate(docs, first):
        text = "\n\n".join(paragraphs)
        segments, offset = [], 0
        for paragraph in paragraphs:
            segments.append(Segment(kind="body", start=offset, end=offset + len(paragraph)))
            offset += len(paragraph) + 2
        published = datetime(2026, 1, 1) + timedelta(hours=number % 2000)
        doc_id = f"doc{number:07d}"
        events = []
        for index in range(3):
            name, lat, lon = rng.choice(PLACES)
            place = Toponym(
                text=name,
                start=0,
                end=len(name),
                segment="body",
                name=name,
                source="bench",
                lat=lat,
                lon=lon,
                country="SY",
                admin1=name,
                feature="P.PPL",
            )
            events.append(
                Event(
                    id=f"{doc_id}-{index}",
                    doc_id=doc_id,
                    event_type=rng.choice(TYPES),
                    trigger="x",
                    place=place,
                    date=(published - timedelta(days=rng.randint(0, 2))).date().isoformat(),
                    attribution=[f"Outlet {number % 50}"],
                    sentence=paragraphs[0][:80],
                    sentence_start=0,
                    sentence_end=80,
                    segment="body",
                    confidence=0.5,
                )
            )
        made.append(
            Document(
                id=doc_id,
                text=text,
                origin=f"bench:{number}",
                source=f"Outlet {number % 50}",
                published=published,
                segments=segments,
                events=events,
            )
        )
    return made


def measure_store(size: int) -> tuple[float, float]:
    """Seconds for the full credibility step on `size` stored documents, then for 100 new ones."""
    from vedette.credibility import update

    docs, _ = corpus(size + 100)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        for start in range(0, size, 1000):
            store.add_documents(stored_documents(docs[start : min(start + 1000, size)], start, rng))
        started = time.perf_counter()
        update(store)
        full = time.perf_counter() - started
        store.add_documents(stored_documents(docs[size:], size, rng))
        started = time.perf_counter()
        update(store)
        return full, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--store", type=int, default=0, help="also time the corpus stage on a store of N documents")
    args = parser.parse_args()
    threshold = float(config.get("syndication_threshold"))
    rows = []
    print(f"threshold {threshold}; sign = shingles + MinHash, cluster = LSH + check + union-find")
    for size in args.sizes:
        row = measure(size, threshold)
        rows.append(row)
        print(
            f"{size:>7,} docs: {row['total']:7.1f} s ({row['size'] / row['total']:,.0f} docs/s; "
            f"sign {row['sign']:.1f} s, cluster {row['cluster']:.1f} s); baseline (shingles only) "
            f"{row['baseline']:.1f} s, ratio {row['total'] / row['baseline']:.1f}x; "
            f"pairwise precision {row['precision']:.4f} recall {row['recall']:.4f}; "
            f"largest cluster {row['largest_cluster']}",
            flush=True,
        )
    if len(rows) > 1:
        print(f"growth exponent (time ~ n^k, fitted over {len(rows)} sizes): k = {growth_exponent(rows):.2f}")
    if args.store:
        full, incremental = measure_store(args.store)
        print(
            f"corpus stage on a store of {args.store:,} documents ({3 * args.store:,} events): full {full:.1f} s; "
            f"then 100 new documents: {incremental:.1f} s"
        )


if __name__ == "__main__":
    main()
