"""`vedette eval syndication`: pairwise precision, recall and adjusted Rand index on a labelled set.

The labelled set is generated, the same every run (seeded), from two kinds of base report: the bundled
sample corpus (its 3-outlet reprint set is one gold cluster, `sample_labels.json`) and hand-written
independent reports on the same happenings (`independent.jsonl`): the hard negatives, true reports
of the same events in other words. Each base gets reprint variants made the way reprinters make them:
a rewritten headline, shuffled paragraphs, added boilerplate, an "X reports:" credit, and 5-15 % of the
words edited (synonyms, insertions, deletions); the last variant of each base reprints the one before
it, so its edits add up as along a reprint chain. A variant belongs to its base's cluster; the labels
come from how the set was made, never from the system under test.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from math import comb
from pathlib import Path, PurePath
from typing import Any

from vedette import config
from vedette.credibility.syndication import body_paragraphs, cluster_items, make_item, sign
from vedette.errors import VedetteError
from vedette.records import Document, document_id

VARIANTS_PER_BASE = 3
SEED = 20260301
DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "syndication"

_HEADLINE_OPENERS = ["Report:", "Update:", "Syria:", "Iraq:", "Middle East:", "Watch:", "Latest:", "Exclusive:"]
_HEADLINE_CLOSERS = ["- sources", "| regional news", "(updated)", "- report", ": what we know", "amid tension"]
_BOILERPLATE = [
    "Share this:",
    "Read more: the war in the east explained",
    "Tags: security, conflict, region",
    "Follow us on social media for the latest updates.",
    "Subscribe to our newsletter.",
    "(Editing by the regional desk)",
    "Related posts",
    "All rights reserved.",
    "This article was republished with permission.",
    "Advertisement",
]
_SYNONYMS = {
    "said": ["stated", "reported", "told reporters"],
    "killed": ["left dead", "slain"],
    "wounded": ["injured", "hurt"],
    "attack": ["assault", "strike"],
    "fighters": ["militants", "gunmen"],
    "troops": ["soldiers", "forces"],
    "town": ["village", "locality"],
    "city": ["town", "urban centre"],
    "began": ["started", "launched"],
    "near": ["close to", "outside"],
    "officials": ["authorities", "sources"],
    "army": ["military", "armed forces"],
    "morning": ["early hours", "dawn"],
    "several": ["a number of", "some"],
    "residents": ["locals", "inhabitants"],
    "moved": ["shifted", "relocated"],
    "struck": ["hit", "bombed"],
    "border": ["frontier", "boundary"],
    "group": ["faction", "organisation"],
    "area": ["region", "zone"],
    "later": ["subsequently", "afterwards"],
}
_FILLERS = [
    "also",
    "reportedly",
    "on Monday",
    "meanwhile",
    "again",
    "still",
    "locally",
    "allegedly",
    "once more",
    "according to witnesses",
    "however",
    "indeed",
]


@dataclass(frozen=True)
class LabelledDoc:
    doc: Document
    label: str


def evaluate_syndication(variants_dir: Path | None = None, threshold: float | None = None) -> dict[str, Any]:
    """Cluster the labelled set and score the clusters pairwise against its labels."""
    limit = float(config.get("syndication_threshold")) if threshold is None else threshold
    labelled = list(labelled_set(variants_dir or DEFAULT_SET))
    items, bodies = [], []
    for entry in labelled:
        items.append(make_item(entry.doc.id, entry.doc.text, entry.doc.segments, entry.doc.published, entry.doc.source))
        bodies.append(body_paragraphs(entry.doc.text, entry.doc.segments))
    sign(items, bodies)
    predicted = cluster_items(items, limit)
    truth = [entry.label for entry in labelled]
    guess = [predicted[entry.doc.id] for entry in labelled]
    return {
        **pairwise_scores(truth, guess),
        "documents": len(labelled),
        "true_clusters": len(set(truth)),
        "predicted_clusters": len(set(guess)),
        "threshold": limit,
    }


def pairwise_scores(truth: list[str], guess: list[str]) -> dict[str, float]:
    """Pairwise precision and recall (a pair is positive when both share a cluster) and adjusted Rand index."""
    together = sum(comb(n, 2) for n in Counter(zip(truth, guess, strict=True)).values())
    true_pairs = sum(comb(n, 2) for n in Counter(truth).values())
    guessed_pairs = sum(comb(n, 2) for n in Counter(guess).values())
    expected = true_pairs * guessed_pairs / comb(len(truth), 2) if len(truth) > 1 else 0.0
    best = (true_pairs + guessed_pairs) / 2
    return {
        "precision": round(together / guessed_pairs, 4) if guessed_pairs else 1.0,
        "recall": round(together / true_pairs, 4) if true_pairs else 1.0,
        "ari": round((together - expected) / (best - expected), 4) if best != expected else 1.0,
        "true_pairs": true_pairs,
        "predicted_pairs": guessed_pairs,
    }


def labelled_set(folder: Path) -> Iterator[LabelledDoc]:
    """The bases (sample corpus and independent reports), each followed by its reprint variants."""
    from vedette.segment import segment

    if not (folder / "independent.jsonl").is_file() or not (folder / "sample_labels.json").is_file():
        raise VedetteError("V502", path=folder)
    rng = random.Random(SEED)
    for base, label in _bases(folder):
        base = segment(base)
        yield LabelledDoc(base, label)
        parent = base
        for number in range(VARIANTS_PER_BASE):
            # the last variant reprints the one before it: edits pile up along a reprint chain
            source = parent if number == VARIANTS_PER_BASE - 1 else base
            parent = segment(_variant(source, body_paragraphs(source.text, source.segments), number, rng))
            yield LabelledDoc(parent, label)


def _bases(folder: Path) -> Iterator[tuple[Document, str]]:
    from vedette.ingest import read_paths
    from vedette.records import Quarantined

    gold = json.loads((folder / "sample_labels.json").read_text(encoding="utf-8"))
    cluster_of = {name: cluster[0] for cluster in gold["clusters"] for name in cluster}
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    for item in read_paths([sample]):
        if isinstance(item, Quarantined):
            continue
        name = item.origin.split("#", 1)[1] if "#" in item.origin else PurePath(item.origin).name
        yield item, cluster_of.get(name, name)
    for line in (folder / "independent.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            published = datetime.fromisoformat(record["published"].replace("Z", "+00:00"))
            text = f"{record['title']}\n\n{record['text']}"
            yield (
                Document(
                    id=document_id(text, record["source"]),
                    text=text,
                    origin=f"{folder}#{record['id']}",
                    title=record["title"],
                    source=record["source"],
                    published=published,
                ),
                record["id"],
            )


def _variant(base: Document, paragraphs: list[str], number: int, rng: random.Random) -> Document:
    """A reprint of `base` as another outlet would publish it."""
    body = list(paragraphs)
    if rng.random() < 0.5:
        rng.shuffle(body)
    body = _edit_words(body, rng.uniform(0.05, 0.15), rng)
    outlet = f"Reprint Outlet {number + 1}"
    if base.source and rng.random() < 0.3:
        body[0] = f"{base.source} reports: {body[0]}"
    headline = _headline(base.title or (paragraphs[0] if paragraphs else ""), rng)
    text = "\n\n".join([headline, *body])
    if rng.random() < 0.6:
        text += "\n\n" + "\n\n".join(rng.sample(_BOILERPLATE, rng.randint(1, 3)))
    return Document(
        id=document_id(text, outlet),
        text=text,
        origin=f"{base.origin}~variant{number + 1}",
        title=headline,
        source=outlet,
        published=base.published,
    )


def _headline(title: str, rng: random.Random) -> str:
    words = title.split()
    keep = words[: max(3, len(words) // 2)] if rng.random() < 0.5 else words[len(words) // 3 :]
    return " ".join([rng.choice(_HEADLINE_OPENERS), *keep, rng.choice(_HEADLINE_CLOSERS)])


def _edit_words(paragraphs: list[str], rate: float, rng: random.Random) -> list[str]:
    """Replace, insert or delete `rate` of the words, spread over all paragraphs."""
    words = [p.split() for p in paragraphs]
    positions = [(i, j) for i, para in enumerate(words) for j in range(len(para))]
    for i, j in sorted(rng.sample(positions, round(rate * len(positions))), reverse=True):
        word = words[i][j]
        action = rng.random()
        bare = word.strip(".,;:\"'").lower()
        if action < 0.5:
            words[i][j] = rng.choice(_SYNONYMS[bare]) if bare in _SYNONYMS else rng.choice(_FILLERS)
        elif action < 0.75:
            words[i].insert(j, rng.choice(_FILLERS))
        elif len(words[i]) > 1:
            del words[i][j]
    return [" ".join(para) for para in words if para]
