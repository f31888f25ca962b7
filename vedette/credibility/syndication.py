"""Syndication: which documents are reprints of one another, found by MinHash + LSH over article bodies.

Only `body` segments count: headlines are rewritten by reprinters, boilerplate is added, and reader
comments are another text altogether. Each body paragraph is cut into word 3-shingles on its own, so
reordered paragraphs change nothing; a word edit touches at most three shingles. datasketch's
MinHashLSH proposes candidate pairs in near-constant time per document, and a pair is a reprint when
the MinHash estimate of its Jaccard similarity reaches `syndication_threshold`. Reprints form clusters
(connected components), each knowing its earliest member and, from the attribution segments
("X reports:"), the chain of outlets that leads back to the origin.

In the store the step is incremental: documents without a cluster are signed, matched against the
stored signatures of documents published within `WINDOW_DAYS` of them, and merged into the clusters
they hit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import cast

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from vedette import config
from vedette.credibility.sources import Registry, load_registry, source_key
from vedette.records import Segment
from vedette.store import Store, documents
from vedette.store_credibility import syndication_clusters, syndication_members

NUM_PERM = 128
SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"
"""datasketch's hashing scheme; stored signatures are only comparable under the same one."""
LSH_MARGIN = 0.75
"""LSH is built for a lower threshold than the verified one, so pairs just above it are still proposed."""
WINDOW_DAYS = 60
"""Reprints appear within weeks of the original; older stored documents are not compared."""
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Item:
    """A document as syndication sees it."""

    doc_id: str
    published: datetime | None = None
    outlet: str | None = None
    upstream: list[str] = field(default_factory=list)
    """Outlets credited by "X reports:" segments, nearest first."""
    signature: np.ndarray | None = None
    shingles: int = 0


def body_paragraphs(text: str, segments: Iterable[Segment]) -> list[str]:
    return [text[s.start : s.end] for s in segments if s.kind == "body"]


def shingle_set(paragraphs: Iterable[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of each paragraph on its own (lower-cased); a paragraph shorter than n is one shingle."""
    found: set[bytes] = set()
    for paragraph in paragraphs:
        words = [w.lower() for w in _WORD.findall(paragraph)]
        if not words:
            continue
        last = max(1, len(words) - size + 1)
        found.update(" ".join(words[i : i + size]).encode("utf-8") for i in range(last))
    return found


def signatures(shingle_sets: Sequence[set[bytes]]) -> list[np.ndarray | None]:
    """MinHash signatures (uint32 arrays); None for an empty body."""
    present = [s for s in shingle_sets if s]
    hashed = (
        iter(MinHash.bulk([list(s) for s in present], num_perm=NUM_PERM, seed=SEED, scheme=SCHEME))
        if present
        else iter(())
    )
    return [np.asarray(next(hashed).hashvalues, dtype=np.uint32) if s else None for s in shingle_sets]


def make_item(
    doc_id: str,
    text: str,
    segments: Iterable[Segment],
    published: datetime | None = None,
    outlet: str | None = None,
    registry: Registry | None = None,
) -> Item:
    """An unsigned Item: outlet and upstream chain from the attribution segments (sign with `sign`)."""
    segments = list(segments)
    canonical = (registry or load_registry()).canonical
    upstream = [canonical(s.source) for s in segments if s.kind == "attribution" and s.source]
    if published is not None and published.tzinfo is not None:  # compared with the store's naive UTC times
        published = published.astimezone(UTC).replace(tzinfo=None)
    return Item(
        doc_id=doc_id,
        published=published,
        outlet=canonical(outlet) if outlet else None,
        upstream=list(dict.fromkeys(upstream)),
    )


def sign(items: Sequence[Item], bodies: Sequence[list[str]]) -> None:
    sets = [shingle_set(paragraphs) for paragraphs in bodies]
    for item, shingles, signature in zip(items, sets, signatures(sets), strict=True):
        item.shingles, item.signature = len(shingles), signature


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two bodies."""
    return float(np.count_nonzero(a == b)) / len(a)


def find_links(new: Sequence[Item], pool: Sequence[Item], threshold: float) -> Iterator[tuple[str, str, float]]:
    """Pairs (new doc, other doc, similarity) at or above `threshold`; `pool` may include `new`.

    Only the new documents are indexed and every document is queried against them: a band collision is
    symmetric, and a query costs less than an insert, so a few new documents against a large store cost
    one cheap query per stored document instead of rebuilding an index of all of them."""
    lsh = MinHashLSH(threshold=threshold * LSH_MARGIN, num_perm=NUM_PERM)
    fresh: dict[str, Item] = {}
    for item in new:
        if item.signature is not None and item.doc_id not in fresh:
            fresh[item.doc_id] = item
            lsh.insert(item.doc_id, LeanMinHash(seed=SEED, hashvalues=item.signature, scheme=SCHEME))
    if not fresh:
        return
    asked: set[str] = set()
    for item in (*new, *pool):
        if item.signature is None or item.doc_id in asked:
            continue
        asked.add(item.doc_id)
        for candidate in lsh.query(LeanMinHash(seed=SEED, hashvalues=item.signature, scheme=SCHEME)):
            other = fresh[candidate]
            if candidate != item.doc_id and within_window(other, item):
                score = similarity(cast(np.ndarray, other.signature), item.signature)
                if score >= threshold:
                    yield candidate, item.doc_id, score


def within_window(a: Item, b: Item) -> bool:
    """Can one be a reprint of the other? Not when both are dated and further apart than `WINDOW_DAYS`.

    Checked for every pair, so a year of reports stored in one run links exactly the pairs that a day-by-day
    run would (which compares new documents only with stored ones near their dates): template-alike reports
    months apart must not chain into one cluster."""
    if a.published is None or b.published is None:
        return True
    return abs(a.published - b.published) <= timedelta(days=WINDOW_DAYS)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = self.parent.setdefault(key, key)
        while root != self.parent[root]:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key in list(self.parent):
            found.setdefault(self.find(key), []).append(key)
        return found


def cluster_items(items: Sequence[Item], threshold: float | None = None) -> dict[str, str]:
    """Document id -> cluster key (the earliest member's id) for signed items, all compared with all."""
    limit = float(config.get("syndication_threshold")) if threshold is None else threshold
    sets = UnionFind()
    for item in items:
        sets.find(item.doc_id)
    for a, b, _ in find_links(items, items, limit):
        sets.union(a, b)
    by_id = {item.doc_id: item for item in items}
    assignment: dict[str, str] = {}
    for members in sets.groups().values():
        head = earliest([by_id[m] for m in members])
        assignment.update((m, head.doc_id) for m in members)
    return assignment


def earliest(members: Iterable[Item]) -> Item:
    """The first publication: by day, then originals before reprints (a date-only reprint is not earlier
    than a timed original of the same day), then by time and id; undated documents come last."""
    return min(
        members,
        key=lambda m: (
            m.published is None,
            m.published.date() if m.published else None,
            bool(m.upstream),
            m.published,
            m.doc_id,
        ),
    )


def origin_source(members: Sequence[Item], head: Item) -> str | None:
    """The outlet the reprint chain leads back to: the most credited root, else the earliest member's outlet."""
    roots: dict[str, int] = {}
    for member in members:
        root = member.upstream[-1] if member.upstream else member.outlet
        if root:
            roots[root] = roots.get(root, 0) + 1
    if not roots:
        return None
    head_root = head.upstream[-1] if head.upstream else head.outlet
    return max(roots, key=lambda name: (roots[name], name == head_root, name))


def upstream_member(member: Item, members: Sequence[Item]) -> str | None:
    """The cluster member published by the outlet this one credits first, if the store holds one."""
    if not member.upstream:
        return None
    wanted = source_key(member.upstream[0])
    candidates = [m for m in members if m.outlet and source_key(m.outlet) == wanted and m.doc_id != member.doc_id]
    return earliest(candidates).doc_id if candidates else None


# ---- the store step --------------------------------------------------------------------------------


def update_clusters(store: Store, threshold: float | None = None, chunk: int = 2000) -> set[str]:
    """Cluster the documents that have none yet; returns the ids of documents whose cluster was set or changed."""
    limit = float(config.get("syndication_threshold")) if threshold is None else threshold
    registry = load_registry()
    new = _unclustered(store, registry, chunk)
    if not new:
        return set()
    pool = _stored_pool(store, new)
    sets = UnionFind()
    cluster_of = {item.doc_id: cluster_id for item, cluster_id in pool}
    for item in new:
        sets.find(item.doc_id)
    for a, b, _ in find_links(new, [item for item, _ in pool], limit):
        sets.union(a, f"cluster:{cluster_of[b]}" if b in cluster_of else b)
    by_id = {item.doc_id: item for item in new}
    writes = _Writes()
    with store.engine.begin() as conn:
        for group in sets.groups().values():
            old_clusters = [key.removeprefix("cluster:") for key in group if key.startswith("cluster:")]
            members = [by_id[key] for key in group if not key.startswith("cluster:")]
            writes.add(members, _stored_members(conn, old_clusters), old_clusters)
        writes.flush(conn)
    return writes.changed


def _unclustered(store: Store, registry: Registry, chunk: int) -> list[Item]:
    query = (
        select(documents.c.id, documents.c.text, documents.c.segments, documents.c.published, documents.c.source)
        .outerjoin(syndication_members, syndication_members.c.doc_id == documents.c.id)
        .where(syndication_members.c.doc_id.is_(None))
        .order_by(documents.c.id)
    )
    items: list[Item] = []
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=chunk).execute(query)
        for rows in result.partitions():
            batch, bodies = [], []
            for row in rows:
                segments = [Segment(**s) for s in json.loads(row.segments)]
                batch.append(make_item(row.id, row.text, segments, row.published, row.source, registry))
                bodies.append(body_paragraphs(row.text, segments))
            sign(batch, bodies)
            items.extend(batch)
    return items


def _stored_pool(store: Store, new: Sequence[Item]) -> list[tuple[Item, str]]:
    """Signed stored documents that may be reprinted by (or reprint) the new ones, with their cluster ids."""
    query = select(
        syndication_members.c.doc_id,
        syndication_members.c.cluster_id,
        syndication_members.c.signature,
        syndication_members.c.published,
    ).where(syndication_members.c.signature.is_not(None))
    dates = [item.published for item in new]
    if all(dates):
        window = timedelta(days=WINDOW_DAYS)
        low, high = min(dates) - window, max(dates) + window  # type: ignore[type-var,operator]
        query = query.where(
            or_(syndication_members.c.published.is_(None), syndication_members.c.published.between(low, high))
        )
    with store.engine.connect() as conn:
        return [
            (
                Item(doc_id=r.doc_id, published=r.published, signature=np.frombuffer(r.signature, dtype="<u4")),
                r.cluster_id,
            )
            for r in conn.execute(query)
        ]


def _stored_members(conn: Connection, cluster_ids: list[str]) -> list[Item]:
    if not cluster_ids:
        return []
    rows = conn.execute(select(syndication_members).where(syndication_members.c.cluster_id.in_(cluster_ids)))
    return [
        Item(
            doc_id=r.doc_id,
            published=r.published,
            outlet=r.outlet,
            upstream=json.loads(r.upstream),
            signature=None if r.signature is None else np.frombuffer(r.signature, dtype="<u4"),
            shingles=r.shingles,
        )
        for r in rows
    ]


class _Writes:
    """Rows for the clusters of one update, written in a few bulk statements."""

    def __init__(self) -> None:
        self.dropped: list[str] = []
        self.clusters: list[dict[str, object]] = []
        self.inserted: list[dict[str, object]] = []
        self.updated: list[dict[str, object]] = []
        self.changed: set[str] = set()

    def add(self, fresh: list[Item], stored: list[Item], old_clusters: list[str]) -> None:
        """One cluster of new documents and the stored clusters they joined."""
        members = fresh + stored
        stored_ids = {m.doc_id for m in stored}
        head = earliest(members)
        self.dropped += old_clusters
        self.clusters.append(
            {
                "id": head.doc_id,
                "earliest_doc_id": head.doc_id,
                "origin_source": origin_source(members, head),
                "size": len(members),
                "outlets": json.dumps([m.outlet for m in sorted(members, key=_publication_order)], ensure_ascii=False),
            }
        )
        for member in members:
            values = {
                "cluster_id": head.doc_id,
                "upstream_doc_id": upstream_member(member, members),
                "similarity": (
                    similarity(member.signature, head.signature)
                    if member.signature is not None and head.signature is not None
                    else None
                ),
            }
            if member.doc_id in stored_ids:
                self.updated.append({"key": member.doc_id, **{f"new_{k}": v for k, v in values.items()}})
            else:
                self.inserted.append(
                    {
                        "doc_id": member.doc_id,
                        "published": member.published,
                        "outlet": member.outlet,
                        "upstream": json.dumps(member.upstream, ensure_ascii=False),
                        "shingles": member.shingles,
                        "signature": None if member.signature is None else member.signature.astype("<u4").tobytes(),
                        **values,
                    }
                )
            self.changed.add(member.doc_id)

    def flush(self, conn: Connection) -> None:
        for start in range(0, len(self.dropped), 500):
            conn.execute(
                delete(syndication_clusters).where(syndication_clusters.c.id.in_(self.dropped[start : start + 500]))
            )
        for table, rows in ((syndication_clusters, self.clusters), (syndication_members, self.inserted)):
            if rows:
                conn.execute(insert(table), rows)
        if self.updated:
            conn.execute(
                update(syndication_members)
                .where(syndication_members.c.doc_id == bindparam("key"))
                .values(
                    cluster_id=bindparam("new_cluster_id"),
                    upstream_doc_id=bindparam("new_upstream_doc_id"),
                    similarity=bindparam("new_similarity"),
                ),
                self.updated,
            )


def _publication_order(item: Item) -> tuple[bool, datetime, str]:
    return (item.published is None, item.published or datetime.min, item.doc_id)
