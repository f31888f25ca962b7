"""Syndication on hand-made documents: what counts as a reprint, what does not, and who came first."""

from __future__ import annotations

import random
from datetime import datetime

from vedette.credibility.syndication import (
    Item,
    body_paragraphs,
    cluster_items,
    earliest,
    find_links,
    make_item,
    shingle_set,
    sign,
    similarity,
)
from vedette.records import Segment

REPORT = [
    "Artillery shells struck the eastern quarter of the town early on Tuesday, damaging a bakery, a school and "
    "at least four houses near the grain silo, according to a local doctor who treated the wounded.",
    "The doctor said six people, including two children, were taken to the district hospital with shrapnel "
    "wounds, and that one man was in a serious condition after surgery on Tuesday evening.",
    "Residents said the shelling lasted for about an hour and came from positions north of the river, where "
    "rival forces have exchanged fire several times since the start of the month.",
    "Local officials called on the monitoring mission to send observers and said schools would stay closed "
    "until the end of the week while engineers inspected damaged buildings.",
]
OTHER_REPORT = [
    "Aid workers reached three villages west of the river on Wednesday with food parcels and blankets, the "
    "first delivery since roads were cut by flooding last month, a relief agency said.",
    "The agency said two thousand families had received help and a second convoy would follow next week if "
    "the bridge near the main road could be repaired in time.",
]


def _doc(paragraphs: list[str], headline: str = "Shells hit town", credit: str | None = None) -> tuple[str, list]:
    parts = [headline, *paragraphs]
    text, segments, offset = "", [], 0
    for number, part in enumerate(parts):
        if text:
            text += "\n\n"
            offset = len(text)
        if number == 1 and credit:
            prefix = f"{credit} reports: "
            segments.append(Segment(kind="attribution", start=offset, end=offset + len(prefix), source=credit))
            text += prefix
            offset = len(text)
        text += part
        segments.append(Segment(kind="headline" if number == 0 else "body", start=offset, end=len(text)))
    return text, segments


def _item(doc_id: str, paragraphs: list[str], **kwargs) -> Item:
    credit = kwargs.pop("credit", None)
    text, segments = _doc(paragraphs, credit=credit)
    item = make_item(doc_id, text, segments, **kwargs)
    sign([item], [body_paragraphs(text, segments)])
    return item


def _edit(paragraphs: list[str], rate: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    edited = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for index in rng.sample(range(len(words)), round(rate * len(words))):
            words[index] = rng.choice(["reportedly", "also", "nearby", "several", "officials"])
        edited.append(" ".join(words))
    return edited


def test_syndication_paragraph_order_does_not_change_the_shingles() -> None:
    assert shingle_set(REPORT) == shingle_set(list(reversed(REPORT)))


def test_syndication_headline_and_comments_are_not_part_of_the_body() -> None:
    text, segments = _doc(REPORT, headline="A completely different headline")
    text += "\n\nWhat a terrible day, God protect the town!"
    segments.append(Segment(kind="comment", start=len(text) - 42, end=len(text)))
    assert body_paragraphs(text, segments) == REPORT


def test_syndication_ten_percent_edits_stay_above_the_threshold_and_other_reports_below() -> None:
    original = _item("a", REPORT)
    reprint = _item("b", _edit(REPORT, 0.10, seed=1))
    unrelated = _item("c", OTHER_REPORT)
    assert similarity(original.signature, reprint.signature) >= 0.3
    assert similarity(original.signature, unrelated.signature) < 0.1


def test_syndication_clusters_reprints_and_keeps_independent_reports_apart() -> None:
    items = [
        _item("orig", REPORT, published=datetime(2026, 3, 4, 7, 15), outlet="Levant Monitor"),
        _item("shuffled", list(reversed(_edit(REPORT, 0.12, seed=2))), published=datetime(2026, 3, 5)),
        _item("credited", _edit(REPORT, 0.05, seed=3), credit="Levant Monitor", published=datetime(2026, 3, 5, 9)),
        _item("other", OTHER_REPORT, published=datetime(2026, 3, 4)),
    ]
    clusters = cluster_items(items, threshold=0.3)
    assert clusters == {"orig": "orig", "shuffled": "orig", "credited": "orig", "other": "other"}


def test_syndication_copies_further_apart_than_the_window_are_not_reprints() -> None:
    # Word for word the same body, so only the dates decide: within the window, or undated, it links.
    items = [
        _item("march", REPORT, published=datetime(2026, 3, 4)),
        _item("april", REPORT, published=datetime(2026, 4, 20)),
        _item("august", REPORT, published=datetime(2026, 8, 1)),
        _item("undated", REPORT),
    ]
    pairs = {frozenset((a, b)) for a, b, _ in find_links(items, items, threshold=0.3)}
    assert pairs == {
        frozenset(pair)
        for pair in [("march", "april"), ("march", "undated"), ("april", "undated"), ("august", "undated")]
    }


def test_syndication_earliest_prefers_the_original_over_a_same_day_reprint_without_a_time() -> None:
    original = Item("orig", published=datetime(2026, 3, 4, 7, 15))
    reprint = Item("page", published=datetime(2026, 3, 4), upstream=["Levant Monitor"])
    undated = Item("undated")
    assert earliest([reprint, undated, original]).doc_id == "orig"
    assert earliest([undated, Item("later", published=datetime(2026, 3, 9))]).doc_id == "later"


def test_syndication_document_without_body_is_a_singleton() -> None:
    empty = Item("empty")
    sign([empty], [[]])
    assert empty.signature is None
    assert cluster_items([empty, _item("a", REPORT)], threshold=0.3) == {"empty": "empty", "a": "a"}


def test_syndication_upstream_chain_comes_from_attribution_segments_in_registry_spelling() -> None:
    text, segments = _doc(REPORT, credit="Al-Masdar News")
    item = make_item("x", text, segments, outlet="gulf dispatch")
    assert item.upstream == ["AlMasdarNews"]
    assert item.outlet == "Gulf Dispatch"
