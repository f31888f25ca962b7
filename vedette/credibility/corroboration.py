"""Corroboration: how many independent sources support an incident, how diverse they are, whether they agree.

A source is independent when nothing links it to another: documents in one syndication cluster are
one source, and so are documents whose reprint chain leads back to the same outlet ("X reports:", or
"according to X" when X is an outlet or agency in the registry). Two reports by one outlet are one
source too. A document that names no outlet and credits none is its own source.

The score in [0, 1] combines, per independent source, the registry's reliability prior r (noisy-OR:
1 - prod(1 - 0.6 r)), the diversity of their alignments (x 0.85 for one viewpoint up to x 1.0 when
every source has its own; an unknown alignment counts half) and modality agreement (the share of
sources whose majority modality is the incident's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from vedette.credibility.sources import Registry, source_key
from vedette.credibility.syndication import UnionFind

WEIGHT = 0.6
"""How much one source of prior r lifts the score: one neutral source (r=0.5) alone gives 0.3 before diversity."""


@dataclass
class Support:
    """One supporting event with what corroboration needs of its document."""

    event_id: str
    doc_id: str
    cluster_id: str
    modality: str
    outlet: str | None
    upstream: list[str]
    """Outlets the document credits ("X reports:"), nearest first."""
    cited: list[str]
    """Names the event's sentence cites ("according to X")."""
    origin: str
    """Where the document came from (a path), to name documents that name no outlet."""


@dataclass
class SourceGroup:
    origin: str
    outlets: list[str]
    documents: list[str]
    modality: str
    reliability: float
    country: str | None = None
    alignment: str | None = None
    known: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Corroboration:
    independent_sources: int
    documents: int
    reprints: int
    alignments: int
    modality: str
    modality_agreement: float
    score: float
    explanation: str
    sources: list[SourceGroup] = field(default_factory=list)


def root_outlet(support: Support, registry: Registry) -> str | None:
    """The outlet at the far end of the document's reprint chain, or of the sentence's citation of a known outlet."""
    chain = [name for name in (support.outlet, *support.upstream) if name]
    chain += [registry.canonical(name) for name in support.cited if registry.knows(name)]
    return chain[-1] if chain else None


def corroborate(supports: Sequence[Support], registry: Registry) -> Corroboration:
    groups = UnionFind()
    roots: dict[str, str | None] = {}
    for support in supports:
        doc = f"doc:{support.doc_id}"
        groups.union(doc, f"cluster:{support.cluster_id}")
        root = root_outlet(support, registry)
        roots[support.event_id] = root
        if root:
            groups.union(doc, f"outlet:{source_key(root)}")
    by_group: dict[str, list[Support]] = {}
    for support in supports:
        by_group.setdefault(groups.find(f"doc:{support.doc_id}"), []).append(support)
    sources = sorted(
        (_group(members, roots, registry) for members in by_group.values()), key=lambda g: (-g.reliability, g.origin)
    )
    votes = Counter(g.modality for g in sources)
    modality = max(votes, key=lambda m: (votes[m], m == "occurred", m))
    agreement = votes[modality] / len(sources)
    documents = len({s.doc_id for s in supports})
    alignments = len({g.alignment for g in sources if g.alignment})
    score = _score(sources, agreement)
    return Corroboration(
        independent_sources=len(sources),
        documents=documents,
        reprints=documents - len(sources),
        alignments=alignments,
        modality=modality,
        modality_agreement=round(agreement, 3),
        score=round(score, 3),
        explanation=explain(sources, documents, alignments, modality, agreement),
        sources=sources,
    )


def _group(members: list[Support], roots: dict[str, str | None], registry: Registry) -> SourceGroup:
    named = Counter(root for m in members if (root := roots[m.event_id]))
    if named:
        origin = max(named, key=lambda name: (named[name], name))
    else:
        first = min(members, key=lambda m: m.doc_id)
        origin = f"unnamed outlet ({PurePath(first.origin.split(':')[0]).name})"
    info = registry.lookup(origin if named else None)
    votes = Counter(m.modality for m in members)
    return SourceGroup(
        origin=origin,
        outlets=sorted({m.outlet for m in members if m.outlet}),
        documents=sorted({m.doc_id for m in members}),
        modality=max(votes, key=lambda m: (votes[m], m == "occurred", m)),
        reliability=info.reliability,
        country=info.country,
        alignment=info.alignment,
        known=info.known,
    )


def _score(sources: list[SourceGroup], agreement: float) -> float:
    doubt = 1.0
    for group in sources:
        doubt *= 1.0 - WEIGHT * group.reliability
    if len(sources) == 1:
        diversity = 0.0
    else:
        known = {g.alignment for g in sources if g.alignment}
        unknown = sum(1 for g in sources if not g.alignment)
        diversity = min(1.0, max(0.0, (len(known) + 0.5 * unknown - 1) / (len(sources) - 1)))
    return min(1.0, max(0.0, (1.0 - doubt) * (0.85 + 0.15 * diversity) * agreement))


def explain(sources: list[SourceGroup], documents: int, alignments: int, modality: str, agreement: float) -> str:
    """One line: "2 independent sources, 2 alignments; 3 reprints of 1 origin not counted; all say occurred: …"."""
    count = len(sources)
    parts = [
        f"{count} independent source{'s' if count != 1 else ''}, {alignments} alignment{'s' if alignments != 1 else ''}"
    ]
    reprints = documents - count
    if reprints:
        origins = sum(1 for g in sources if len(g.documents) > 1)
        parts.append(
            f"{reprints} reprint{'s' if reprints != 1 else ''} of {origins} "
            f"origin{'s' if origins != 1 else ''} not counted"
        )
    if count == 1:
        parts.append(f"says {modality}")
    elif agreement == 1.0:
        parts.append(f"all say {modality}")
    else:
        agreeing = round(agreement * count)
        parts.append(f"{agreeing} of {count} say {modality}")
    return "; ".join(parts) + ": " + ", ".join(g.origin for g in sources)
