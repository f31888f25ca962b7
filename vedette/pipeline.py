"""The pipeline: registered stages applied in order to batches of documents.

A stage is a function `list[Document] -> list[Document]` registered under a
versioned name; per-document stages are pure `doc -> doc` functions lifted to
batches. The same `Pipeline.process` runs in-process and inside Spark's
`mapPartitions`, so no stage logic exists twice. Stages declare what they
`requires` and `assigns`, and the pipeline checks the order when it is built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vedette import config
from vedette.ingest import read_paths
from vedette.records import Document, Quarantined
from vedette.store import Store

BatchFn = Callable[[list[Document]], list[Document]]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[], BatchFn]
    """Builds the batch function; heavy resources (models, gazetteer) load here, once per process."""


STAGES: dict[str, Stage] = {}


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Callable[[Callable[[], BatchFn]], Callable[[], BatchFn]]:
    def register(factory: Callable[[], BatchFn]) -> Callable[[], BatchFn]:
        STAGES[name] = Stage(name, requires, assigns, factory)
        return factory

    return register


@stage("vedette.segment.rules.v1", assigns=("segments",))
def _segment_stage() -> BatchFn:
    from vedette.segment import segment

    return lambda docs: [segment(d) for d in docs]


@stage("vedette.nlp.spacy_ner.v1", requires=("segments",), assigns=("entities", "sentences"))
def _ner_stage() -> BatchFn:
    from vedette.nlp import recognise

    batch_size = int(config.get("batch_size"))
    return lambda docs: list(recognise(docs, batch_size=batch_size))


@stage("vedette.geo.gazetteer.v1", requires=("segments", "entities"), assigns=("toponyms", "focus"))
def _geo_stage() -> BatchFn:
    from vedette.geo import geoparse, load_gazetteer

    gazetteer = load_gazetteer()
    return lambda docs: [geoparse(d, gazetteer) for d in docs]


@stage("vedette.events.plover_rules.v1", requires=("segments", "sentences", "toponyms", "focus"), assigns=("events",))
def _events_stage() -> BatchFn:
    from vedette.events import extract_events

    return lambda docs: list(extract_events(docs))


CorpusStage = Callable[[Store], None]
CORPUS_STAGES: dict[str, CorpusStage] = {}
"""Steps over the whole store that run after every `Pipeline.run` (e.g. syndication clusters,
cross-document incidents): they need many documents at once, so they are not per-batch stages."""


def corpus_stage(name: str) -> Callable[[CorpusStage], CorpusStage]:
    def register(fn: CorpusStage) -> CorpusStage:
        CORPUS_STAGES[name] = fn
        return fn

    return register


DEFAULT_STAGES = (
    "vedette.segment.rules.v1",
    "vedette.nlp.spacy_ner.v1",
    "vedette.geo.gazetteer.v1",
    "vedette.events.plover_rules.v1",
)


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)


class Pipeline:
    def __init__(self, stage_names: Iterable[str] = DEFAULT_STAGES) -> None:
        names = list(stage_names)
        available: set[str] = {"text"}
        for name in names:
            if name not in STAGES:
                raise ValueError(f"unknown stage '{name}'; registered: {', '.join(STAGES)}")
            missing = set(STAGES[name].requires) - available
            if missing:
                raise ValueError(f"stage '{name}' needs {', '.join(sorted(missing))} from an earlier stage")
            available.update(STAGES[name].assigns)
        self.stage_names = names
        self._functions: list[BatchFn] | None = None
        self.seconds: dict[str, float] = dict.fromkeys(names, 0.0)
        """Time spent in each stage so far (read by the benchmark)."""

    def _loaded(self) -> list[BatchFn]:
        if self._functions is None:
            self._functions = [STAGES[name].factory() for name in self.stage_names]
        return self._functions

    def process(self, docs: list[Document]) -> list[Document]:
        for name, function in zip(self.stage_names, self._loaded(), strict=True):
            started = time.perf_counter()
            docs = function(docs)
            self.seconds[name] += time.perf_counter() - started
        return docs

    def process_partition(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Process a stream in batches (what Spark's mapPartitions calls)."""
        size = batch_size or int(config.get("batch_size"))
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self.process(batch)
                batch = []
        if batch:
            yield from self.process(batch)

    def run(self, paths: Iterable[str | Path], store: Store, on_item: Callable[[str, str], None] | None = None,
            batch_size: int | None = None, processor: BatchFn | None = None) -> RunSummary:
        """Ingest `paths`, process new documents and write them and any quarantined inputs to `store`.

        `on_item(origin, outcome)` is told of every input: stored, duplicate or quarantined.
        `processor` replaces in-process `self.process` for each batch (the Spark engine passes one
        that runs the same stages in `mapPartitions`); accounting and storage stay here.
        """
        size = batch_size or int(config.get("batch_size"))
        summary = RunSummary()
        batch: list[Document] = []
        pending: set[str] = set()

        def flush() -> None:
            if batch:
                summary.stored += store.add_documents((processor or self.process)(batch))
                for doc in batch:
                    if on_item:
                        on_item(doc.origin, "stored")
                batch.clear()

        for item in read_paths(paths):
            summary.read += 1
            if isinstance(item, Quarantined):
                summary.quarantined += 1
                summary.errors.append(item.reason)
                store.add_quarantined(item)
                if on_item:
                    on_item(item.origin, "quarantined")
                continue
            if item.id in pending or store.known_ids([item.id]):
                summary.duplicates += 1
                if on_item:
                    on_item(item.origin, "duplicate")
                continue
            pending.add(item.id)
            batch.append(item)
            if len(batch) >= size:
                flush()
        flush()
        for corpus_step in CORPUS_STAGES.values():
            corpus_step(store)
        return summary
