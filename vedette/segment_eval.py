"""Line-level evaluation of segmentation against hand-labelled pages (`vedette eval segment`).

A dev set is a folder of pages (`NAME.txt`, `NAME.html`) each with `NAME.gold` beside it: one
line per text line a reader sees on the page, `LABEL<TAB>TEXT`, with LABEL one of `LABELS`
(blank lines are ignored). For an HTML page the lines are its visible text blocks, including
navigation and footers. Each gold line is found in the segmented document's text (whitespace
folded); its predicted label is the kind of the segment covering most of it. `meta` counts as
`comment` next to a comment (a commenter's name, timestamp or "Reply") and as `boilerplate`
elsewhere (datelines, bylines); text the reader dropped (nav bars, cookie notes) counts as
`boilerplate`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from vedette.ingest import IngestOptions, read_paths
from vedette.records import Document, Segment
from vedette.segment import segment

LABELS = ("headline", "attribution", "body", "comment", "boilerplate")
ARTICLE = frozenset({"headline", "attribution", "body"})
"""Labels events are read from: a comment predicted as one of these could become a "fact"."""
_SPACE = re.compile(r"\s+")


def read_gold(path: Path) -> list[tuple[str, str]]:
    """(label, text) per labelled line of a gold file; a bad label raises ValueError naming the line."""
    gold: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in LABELS:
            raise ValueError(f"{path}:{number}: expected LABEL<TAB>TEXT with LABEL one of {', '.join(LABELS)}")
        gold.append((label, text))
    return gold


def dev_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html") and p.with_suffix(".gold").exists())


def predict_lines(doc: Document, texts: list[str]) -> list[str]:
    """The predicted label of each text line of the page, in order."""
    folded, offsets = _fold(doc.text)
    labels: list[str] = []
    cursor = 0
    for text in texts:
        needle = _SPACE.sub(" ", text).strip()
        found = folded.find(needle, cursor)
        if found < 0:
            found = folded.find(needle)
        if found < 0 or not needle:
            labels.append("boilerplate")
            continue
        cursor = found + len(needle)
        labels.append(_label_of(doc.segments, offsets[found], offsets[found + len(needle) - 1] + 1))
    return labels


def _fold(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs as one space, and the original offset of every folded character."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets


def _label_of(segments: list[Segment], start: int, end: int) -> str:
    covered: Counter[str] = Counter()
    for index, seg in enumerate(segments):
        overlap = min(end, seg.end) - max(start, seg.start)
        if overlap > 0:
            covered[_gold_kind(segments, index)] += overlap
    return covered.most_common(1)[0][0] if covered else "boilerplate"


def _gold_kind(segments: list[Segment], index: int) -> str:
    kind = segments[index].kind
    if kind != "meta":
        return kind
    neighbours = [s for s in reversed(segments[:index]) if s.kind != "meta"][:1]
    neighbours += [s for s in segments[index + 1 :] if s.kind != "meta"][:1]
    return "comment" if any(s.kind == "comment" for s in neighbours) else "boilerplate"


def evaluate(folder: Path) -> dict[str, Any]:
    """Accuracy, per-label precision/recall/F1 and the comment-as-body rate over every page of `folder`."""
    pairs: list[tuple[str, str]] = []
    pages = dev_pages(folder)
    options = IngestOptions()
    for page in pages:
        gold = read_gold(page.with_suffix(".gold"))
        [doc] = list(read_paths([page], options))
        if not isinstance(doc, Document):
            predicted = ["boilerplate"] * len(gold)
        else:
            predicted = predict_lines(segment(doc), [text for _, text in gold])
        pairs += [(g, p) for (g, _), p in zip(gold, predicted, strict=True)]
    return _metrics(pairs, len(pages))


def _metrics(pairs: list[tuple[str, str]], pages: int) -> dict[str, Any]:
    total = len(pairs)
    correct = sum(g == p for g, p in pairs)
    precision, recall, f1 = {}, {}, {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        actual = sum(g == label for g, _ in pairs)
        precision[label] = round(tp / predicted, 4) if predicted else 0.0
        recall[label] = round(tp / actual, 4) if actual else 0.0
        both = precision[label] + recall[label]
        f1[label] = round(2 * precision[label] * recall[label] / both, 4) if both else 0.0
    comments = [p for g, p in pairs if g == "comment"]
    article = [p for g, p in pairs if g in ARTICLE]
    return {
        "pages": pages,
        "lines": total,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "comment_as_body_rate": round(sum(p in ARTICLE for p in comments) / len(comments), 4) if comments else 0.0,
        "body_as_comment_rate": round(sum(p == "comment" for p in article) / len(article), 4) if article else 0.0,
        "support": dict(Counter(g for g, _ in pairs)),
    }
