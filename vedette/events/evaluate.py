"""Event coding accuracy on PLOVER gold sentences (`../shared/data/events/PLOVER_GSR_CAMEO.json` layout).

Each gold record is one sentence with one main event. The sentence goes through the
same path as a document sentence (surface filter, parse, coder) as a bare body
segment without place or date, and the event vedette ranks first is scored; a
sentence without any event counts as a miss (a false negative, no false positive).
The gold carries PLOVER 0.5b1 (2016) labels, mapped onto the current 16 types.
Actor/target country accuracy is over the records whose gold actor/target has a
code: correct when the first event's actor (target) code is among the gold codes;
an actor's code is its ISO-3 country, or IGO/NGO for organisations without one.
Records with a `modality` field (vedette's own dev set) also score modality: correct
when the first event has the gold type and the gold modality.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vedette.errors import VedetteError
from vedette.events.extract import extract_events
from vedette.events.lexicon import PLOVER_TYPES
from vedette.records import Actor, Document, Event, Segment

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "shared" / "data" / "events" / "PLOVER_GSR_CAMEO.json"
LABELS_2016: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""PLOVER 0.5b1 labels that current PLOVER renamed or merged (see ../shared/data/events/SOURCES.md)."""


@dataclass
class GoldSentence:
    id: str
    text: str
    event_type: str
    label: str
    """The label as written in the gold file (before the 2016 -> current mapping)."""
    actor_codes: list[str] = field(default_factory=list)
    target_codes: list[str] = field(default_factory=list)
    modality: str | None = None
    """Optional `modality` field (vedette's own dev sets): occurred, planned, hypothetical, negated, wished."""


def read_gold(path: Path) -> list[GoldSentence]:
    """Gold sentences of a PLOVER gold file: a JSON list of records with `text` and `event`."""
    if not path.is_file():
        raise VedetteError("V205", path=path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise VedetteError("V204", path=path, detail=problem) from problem
    if not isinstance(records, list):
        raise VedetteError("V204", path=path, detail="the top level is not a list")
    gold: list[GoldSentence] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict) or "event" not in record:
            raise VedetteError("V204", path=path, detail=f"record {index} has no `event`")
        if record["event"] == "DOCUMENT":
            continue
        text = str(record.get("text") or "").strip()
        if not text:
            raise VedetteError("V204", path=path, detail=f"record {record.get('id', index)} has no `text`")
        if text.startswith("{") and text.endswith("}"):  # some gold texts are wrapped in braces
            text = text[1:-1].strip()
        label = str(record["event"])
        event_type = LABELS_2016.get(label, label)
        if event_type not in PLOVER_TYPES:
            raise VedetteError("V204", path=path, detail=f"record {record.get('id', index)}: unknown event '{label}'")
        gold.append(
            GoldSentence(
                str(record.get("id", index)),
                text,
                event_type,
                label,
                _codes(record.get("source")),
                _codes(record.get("target")),
                record.get("modality"),
            )
        )
    return gold


def _codes(actors: Any) -> list[str]:
    if not isinstance(actors, list):
        return []
    return [str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code")]


def code_gold(gold: list[GoldSentence]) -> list[Event | None]:
    """The first-ranked event vedette codes in each gold sentence (None: no event)."""
    docs = [
        Document(
            id=g.id,
            text=g.text,
            origin=g.id,
            segments=[Segment(kind="body", start=0, end=len(g.text))],
            sentences=[(0, len(g.text))],
        )
        for g in gold
    ]
    first: list[Event | None] = []
    for doc in extract_events(docs):
        first.append(min(doc.events, key=lambda e: e.rank) if doc.events else None)
    return first


def actor_code(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or (actor.sector if actor.sector in ("IGO", "NGO") else None)


def evaluate(
    path: Path = DEFAULT_GOLD,
    coder: Callable[[list[GoldSentence]], list[Event | None]] = code_gold,
) -> dict[str, Any]:
    """Micro/macro F1, per-type P/R/F1, actor/target country accuracy and the confusions, as one dict."""
    gold = read_gold(path)
    predicted = coder(gold)
    return score(gold, predicted, str(path))


def score(gold: list[GoldSentence], predicted: list[Event | None], source: str = "") -> dict[str, Any]:
    true_positive: Counter[str] = Counter()
    false_positive: Counter[str] = Counter()
    false_negative: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    for sentence, event in zip(gold, predicted, strict=True):
        guess = event.event_type if event else "none"
        confusion.setdefault(sentence.event_type, Counter())[guess] += 1
        if guess == sentence.event_type:
            true_positive[guess] += 1
            continue
        false_negative[sentence.event_type] += 1
        if event is not None:
            false_positive[guess] += 1
    per_type: dict[str, dict[str, float | int]] = {}
    for event_type in PLOVER_TYPES:
        tp, fp, fn = true_positive[event_type], false_positive[event_type], false_negative[event_type]
        if tp + fp + fn == 0:
            continue
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        per_type[event_type] = {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "support": tp + fn,
            "predicted": tp + fp,
        }
    tp, fp, fn = sum(true_positive.values()), sum(false_positive.values()), sum(false_negative.values())
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    supported = [v["f1"] for v in per_type.values() if v["support"]]
    actor_hits = [
        actor_code(e.actor if e else None) in s.actor_codes
        for s, e in zip(gold, predicted, strict=True)
        if s.actor_codes
    ]
    target_hits = [
        actor_code(e.target if e else None) in s.target_codes
        for s, e in zip(gold, predicted, strict=True)
        if s.target_codes
    ]
    modality_hits = [
        e is not None and e.event_type == s.event_type and e.modality == s.modality
        for s, e in zip(gold, predicted, strict=True)
        if s.modality
    ]
    worst = sorted((t for t in per_type if per_type[t]["support"]), key=lambda t: per_type[t]["f1"])[:6]
    return {
        "file": source,
        "sentences": len(gold),
        "micro_f1": _f1(precision, recall),
        "micro_precision": precision,
        "micro_recall": recall,
        "macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0,
        "no_event": sum(1 for e in predicted if e is None),
        "per_type": per_type,
        "actor_country_accuracy": _ratio(sum(actor_hits), len(actor_hits)),
        "actor_country_n": len(actor_hits),
        "target_country_accuracy": _ratio(sum(target_hits), len(target_hits)),
        "target_country_n": len(target_hits),
        **(
            {"modality_accuracy": _ratio(sum(modality_hits), len(modality_hits)), "modality_n": len(modality_hits)}
            if modality_hits
            else {}
        ),
        "worst_types": {t: dict(confusion[t].most_common()) for t in worst},
        "confusion": {t: dict(c.most_common()) for t, c in sorted(confusion.items())},
        "label_map": LABELS_2016,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
