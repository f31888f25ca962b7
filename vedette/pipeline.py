"""The pipeline: registered stages applied in order to batches of documents.

A stage is a function `list[Document] -> list[Document]` registered under a
versioned name; per-document stages are pure `doc -> doc` functions lifted to
batches. The same `Pipeline.process` runs in-process and inside Spark's
`mapPartitions`, so no stage logic exists twice. Stages declare what they
`requires` and `assigns`, and the pipeline checks the order when it is built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vedette import config
from vedette.errors import VedetteError
from vedette.ingest import IngestOptions, read_paths
from vedette.records import Document, OutletReading, Quarantined
from vedette.store import Store

BatchFn = Callable[[list[Document]], list[Document]]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[], BatchFn]
    """Builds the batch function; heavy resources (models, gazetteer) load here, once per process."""
    languages: tuple[str, ...] | None = None
    """Languages (ISO 639-1) the stage can read; other documents pass it untouched. None: any language."""


STAGES: dict[str, Stage] = {}


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
          languages: tuple[str, ...] | None = None) -> Callable[[Callable[[], BatchFn]], Callable[[], BatchFn]]:
    def register(factory: Callable[[], BatchFn]) -> Callable[[], BatchFn]:
        STAGES[name] = Stage(name, requires, assigns, factory, languages)
        return factory

    return register


@stage("vedette.segment.rules.v1", assigns=("segments", "title", "published"))
def _segment_stage() -> BatchFn:
    from vedette.segment import segment

    return lambda docs: [segment(d) for d in docs]


# The English model, gazetteer recognition and verb lexicon would read other languages as noise:
# non-English documents are stored with their segments and language, and skip these stages.
@stage("vedette.nlp.spacy_ner.v2", requires=("segments",), assigns=("entities", "sentences"), languages=("en",))
def _ner_stage() -> BatchFn:
    from vedette.nlp import RECENT_UNITS, RecentResults, UnitReading, recognise

    batch_size = int(config.get("batch_size"))
    recent: RecentResults[str, UnitReading] = RecentResults(RECENT_UNITS)  # reprints repeat whole paragraphs
    return lambda docs: list(recognise(docs, batch_size=batch_size, recent=recent))


@stage("vedette.geo.gazetteer.v2", requires=("segments", "entities"), assigns=("toponyms", "focus"), languages=("en",))
def _geo_stage() -> BatchFn:
    from vedette.geo import geoparse_batch, load_gazetteer

    gazetteer = load_gazetteer()
    # The batch together: each outlet's home is inferred from its other documents in it (vedette.geo.outlets).
    return lambda docs: geoparse_batch(list(docs), gazetteer)


@stage("vedette.events.plover_rules.v2", requires=("segments", "sentences", "toponyms", "focus"), assigns=("events",),
       languages=("en",))
def _events_stage() -> BatchFn:
    from vedette.events.coder import Coded
    from vedette.events.extract import RECENT_SENTENCES, extract_events
    from vedette.nlp import RecentResults

    recent: RecentResults[tuple[str, bool], tuple[Coded, ...]] = RecentResults(RECENT_SENTENCES)
    return lambda docs: list(extract_events(docs, recent=recent))


CorpusStage = Callable[[Store], None]
CORPUS_STAGES: dict[str, CorpusStage] = {}
"""Steps over the whole store that run after every `Pipeline.run` (e.g. syndication clusters,
cross-document incidents): they need many documents at once, so they are not per-batch stages."""


def corpus_stage(name: str) -> Callable[[CorpusStage], CorpusStage]:
    def register(fn: CorpusStage) -> CorpusStage:
        CORPUS_STAGES[name] = fn
        return fn

    return register


@stage("vedette.credibility.language.v1", requires=("segments",), assigns=("loaded_terms", "comment_stance"),
       languages=("en",))
def _language_stage() -> BatchFn:
    from vedette.credibility.language import mark

    return lambda docs: [mark(d) for d in docs]


@corpus_stage("vedette.credibility.incidents.v1")
def _credibility_step(store: Store) -> None:
    from vedette.credibility import update

    update(store)


DEFAULT_STAGES = (
    "vedette.segment.rules.v1",
    "vedette.nlp.spacy_ner.v2",
    "vedette.geo.gazetteer.v2",
    "vedette.events.plover_rules.v2",
    "vedette.credibility.language.v1",
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
        self.cpu_seconds: dict[str, float] = dict.fromkeys(names, 0.0)
        """CPU time of this process spent in each stage so far (read by the benchmark: unlike wall time,
        it does not grow when other processes share the cores)."""

    def load(self) -> Pipeline:
        """Load models and gazetteers now rather than on the first batch."""
        self._loaded()
        return self

    def _loaded(self) -> list[BatchFn]:
        if self._functions is None:
            self._functions = [STAGES[name].factory() for name in self.stage_names]
        return self._functions

    def process(self, docs: list[Document]) -> list[Document]:
        for name, function in zip(self.stage_names, self._loaded(), strict=True):
            started = time.process_time()
            docs = _apply(function, docs, STAGES[name].languages)
            self.cpu_seconds[name] += time.process_time() - started
        return docs

    def run(self, paths: Iterable[str | Path], store: Store, on_item: Callable[[str, str], None] | None = None,
            batch_size: int | None = None, processor: BatchFn | None = None,
            options: IngestOptions | None = None) -> RunSummary:
        """Ingest `paths`, process new documents and write them and any quarantined inputs to `store`.

        `on_item(origin, outcome)` is told of every input: stored, duplicate or quarantined, so
        read = stored + duplicates + quarantined. `processor` replaces in-process `self.process`
        for each batch (the Spark engine passes one that runs the same stages in `mapPartitions`);
        accounting and storage stay here. `options` carry the `--map` columns and input limits.

        New documents are gathered `outlet_window()` at a time and grouped by outlet before they are
        cut into batches, so the geoparser finds an outlet's other documents in the batch (its home).

        Resumable: each batch is one transaction and every quarantined input is written as it is
        met, so a killed run started again skips what is stored and ends with the same store.
        """
        size = batch_size or int(config.get("batch_size"))
        window = max(size, outlet_window())
        summary = RunSummary()
        waiting: list[Document] = []
        pending: set[str] = set()

        def quarantine(item: Quarantined) -> None:
            summary.quarantined += 1
            summary.errors.append(item.reason)
            store.add_quarantined(item)
            if on_item:
                on_item(item.origin, "quarantined")

        def flush() -> None:
            waiting.sort(key=lambda d: d.source or "")  # stable: each outlet's documents keep their order
            # Read once per window, so a batch hears the same history in-process and in Spark's parallel jobs.
            history = store.outlet_history(d.source for d in waiting if d.source)
            for start in range(0, len(waiting), size):
                batch = with_outlet_history(waiting[start : start + size], history)
                processed, failed = _process_or_isolate(processor or self.process, batch)
                summary.stored += store.add_documents(processed)
                for doc in processed:
                    if on_item:
                        on_item(doc.origin, "stored")
                for item in failed:
                    quarantine(item)
            waiting.clear()

        for item in read_paths(paths, options):
            summary.read += 1
            if isinstance(item, Quarantined):
                quarantine(item)
                continue
            if item.id in pending or store.known_ids([item.id]):
                summary.duplicates += 1
                if on_item:
                    on_item(item.origin, "duplicate")
                continue
            pending.add(item.id)
            waiting.append(item)
            if len(waiting) >= window:
                flush()
        flush()
        run_corpus_stages(store)
        return summary


def with_outlet_history(docs: list[Document], history: Mapping[str, list[OutletReading]]) -> list[Document]:
    """`docs`, the first of each outlet carrying that outlet's stored readings (`Store.outlet_history`): the geo
    stage's outlet home then hears past runs, not only the batch."""
    carried: set[str] = set()
    out = []
    for doc in docs:
        source = doc.source or ""
        if source in history and source not in carried:
            carried.add(source)
            doc = doc.model_copy(update={"outlet_history": history[source]})
        out.append(doc)
    return out


OUTLET_WINDOW_BATCHES = 32
"""How many batches of new documents `Pipeline.run` groups by outlet at a time."""


def outlet_window() -> int:
    """Documents `Pipeline.run` gathers before grouping them by outlet and cutting them into batches."""
    return OUTLET_WINDOW_BATCHES * int(config.get("batch_size"))


def run_corpus_stages(store: Store) -> None:
    """The whole-store steps (clusters, incidents) after new documents were stored: `Pipeline.run`
    ends with them, and so does a document posted to the API."""
    with store.exclusive():  # two writers must not rebuild clusters and incidents at once
        for corpus_step in CORPUS_STAGES.values():
            corpus_step(store)


def _apply(function: BatchFn, docs: list[Document], languages: tuple[str, ...] | None) -> list[Document]:
    """`function` on the documents in `languages` (undetected counts as readable), the others unchanged, in order."""
    if languages is None:
        return function(docs)
    readable = [i for i, d in enumerate(docs) if d.language is None or d.language in languages]
    if len(readable) == len(docs):
        return function(docs)
    result = list(docs)
    for index, doc in zip(readable, function([docs[i] for i in readable]) if readable else [], strict=True):
        result[index] = doc
    return result


def _process_or_isolate(process: BatchFn, batch: list[Document]) -> tuple[list[Document], list[Quarantined]]:
    """The processed batch; when processing fails, each document alone, so one bad input cannot sink its batch."""
    try:
        return process(batch), []
    except Exception:  # noqa: BLE001 - retried one by one below, failures are quarantined with their reason
        pass
    processed: list[Document] = []
    failed: list[Quarantined] = []
    for doc in batch:
        try:
            processed.extend(process([doc]))
        except Exception as exc:  # noqa: BLE001
            problem = VedetteError("V122", origin=doc.origin, detail=f"{type(exc).__name__}: {exc}")
            failed.append(Quarantined(origin=doc.origin, reason=str(problem), payload=doc.text.encode()[:65536]))
    return processed, failed
