"""Syndication (MinHash + LSH) time for 1k, 10k and 100k synthetic documents, and its growth exponent.

Usage: .venv/bin/python bench/bench_syndication.py [--sizes 1000 10000 100000]

Documents are 5 paragraphs of 40-80 words drawn from a Zipf-distributed vocabulary of 30,000 words
(so common words are shared by every document, as in real text); 30 % of them reprint one of the 500
documents before them with 5-15 % of the words replaced and, half the time, the paragraphs shuffled.
For each size the script times what `vedette run` does for syndication: signing (word 3-shingles +
MinHash) and clustering (LSH candidates, similarity check, union-find). The baseline, measured in
the same run on the same documents, is only cutting them into shingles: the linear floor any
near-duplicate detector pays. Prints time, docs/s, the ratio to the baseline, pairwise precision and
recall against the known reprints, and the growth exponent k of time ~ n^k fitted over the sizes
(1 is linear; an all-pairs comparison would be 2).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import Counter

import numpy as np

from vedette import config
from vedette.credibility.evaluate import pairwise_scores
from vedette.credibility.syndication import Item, cluster_items, shingle_set, sign

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
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


if __name__ == "__main__":
    main()
