"""Loaded language in article text and the stance of reader comments, from data/lexicon/loaded_terms.yaml.

Article text (headline and body) gets its loaded terms marked with spans and a flag for words inside
quotation marks. Comments get no events and no term marks; instead each comment sentence that names
an actor is read for support and opposition cues, and the document keeps, per actor, how many
comments lean for and against it. The two are kept apart from events on purpose: they describe how a
story is told and received, not what happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from vedette.geo.names import fold
from vedette.records import ActorStance, Document, LoadedTerm, Segment

ARTICLE_SEGMENTS = frozenset({"headline", "body"})
SUPPORTING = frozenset({"glorifying"})
OPPOSING = frozenset({"delegitimising", "dehumanising"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Lexicon:
    terms: re.Pattern[str]
    """Any loaded form, as a whole word, case-insensitive."""
    entries: dict[str, tuple[str, str]]
    """Lower-cased form -> (term, category)."""
    support: re.Pattern[str]
    oppose: re.Pattern[str]
    actors: tuple[tuple[re.Pattern[str], str], ...]
    """Folded actor name pattern -> canonical actor."""
    acronyms: tuple[tuple[re.Pattern[str], str], ...]
    """Upper-case aliases ("IS", "SDF"), matched with their case on the original text: folded, "IS" is "is"."""


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    base = resources.files("vedette") / "data"
    data = yaml.safe_load((base / "lexicon" / "loaded_terms.yaml").read_text(encoding="utf-8"))
    forms: list[tuple[str, str, str]] = []
    for category, entries in data["categories"].items():
        for entry in entries:
            forms += [(str(form), entry["term"], category) for form in entry["forms"]]
    forms.sort(key=lambda f: len(f[0]), reverse=True)  # the longest form wins ("terrorist groups" over "terrorist")
    # One plain alternation: a named group per form makes the scan ~15x slower.
    terms = re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(re.escape(form) for form, _, _ in forms) + r")\b", re.I)
    stance = data["stance"]
    actors_data = yaml.safe_load((base / "events" / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    extra = [(alias, actor) for actor, aliases in (stance.get("actor_names") or {}).items() for alias in aliases]
    for alias, actor in [
        (a, entry["name"]) for entry in actors_data for a in (entry["name"], *entry["aliases"])
    ] + extra:
        if alias.isupper():
            acronyms[alias] = actor
        elif fold(alias):
            names[fold(alias)] = actor
    actors = tuple((re.compile(rf"\b{re.escape(alias)}\b"), actor) for alias, actor in _longest_first(names))
    return Lexicon(
        terms=terms,
        entries={form.lower(): (term, category) for form, term, category in reversed(forms)},
        support=_cue_pattern(stance["support"]),
        oppose=_cue_pattern(stance["oppose"]),
        actors=actors,
        acronyms=tuple((re.compile(rf"\b{re.escape(alias)}\b"), actor) for alias, actor in _longest_first(acronyms)),
    )


def _longest_first(names: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(names.items(), key=lambda kv: len(kv[0]), reverse=True)


def _cue_pattern(cues: list[str]) -> re.Pattern[str]:
    folded = sorted({fold(c) for c in cues}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in folded) + r")\b")


def mark(doc: Document) -> Document:
    """The document with `loaded_terms` (article text) and `comment_stance` (reader comments) filled in."""
    return doc.model_copy(update={"loaded_terms": list(loaded_terms(doc)), "comment_stance": comment_stance(doc)})


def loaded_terms(doc: Document) -> Iterator[LoadedTerm]:
    table = lexicon()
    for segment in doc.segments:
        if segment.kind not in ARTICLE_SEGMENTS:
            continue
        text = doc.text[segment.start : segment.end]
        for match in table.terms.finditer(text):
            term, category = table.entries[match.group(0).lower()]
            yield LoadedTerm(
                text=match.group(0),
                start=segment.start + match.start(),
                end=segment.start + match.end(),
                term=term,
                category=category,
                segment=segment.kind,
                quoted=_inside_quotes(text, match.start()),
            )


def _inside_quotes(text: str, offset: int) -> bool:
    before = text[:offset]
    curly_open = before.count("\u201c") - before.count("\u201d")
    return curly_open > 0 or before.count('"') % 2 == 1


def comment_stance(doc: Document) -> list[ActorStance]:
    """Per actor named in the comments: comments that mention it, lean for it and lean against it."""
    table = lexicon()
    found: dict[str, ActorStance] = {}
    for segment in doc.segments_of("comment"):
        for actor, lean in _comment_leanings(doc.text, segment, table).items():
            stance = found.setdefault(actor, ActorStance(actor=actor))
            stance.comments += 1
            stance.support += lean > 0
            stance.oppose += lean < 0
    return sorted(found.values(), key=lambda s: s.actor)


def _comment_leanings(text: str, segment: Segment, table: Lexicon) -> dict[str, int]:
    """Actor -> net lean (positive for, negative against, 0 mentioned only) over one comment's sentences."""
    leanings: dict[str, int] = {}
    for sentence in _SENTENCE_END.split(text[segment.start : segment.end]):
        folded = f" {fold(sentence)} "
        actors = _actors_in(folded, table)
        actors += [a for pattern, a in table.acronyms if pattern.search(sentence) and a not in actors]
        if not actors:
            continue
        lean = len(table.support.findall(folded)) - len(table.oppose.findall(folded))
        for match in table.terms.finditer(sentence):
            category = table.entries[match.group(0).lower()][1]
            lean += (category in SUPPORTING) - (category in OPPOSING)
        for actor in actors:
            leanings[actor] = leanings.get(actor, 0) + (lean > 0) - (lean < 0)
    return leanings


def _actors_in(folded: str, table: Lexicon) -> list[str]:
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for pattern, actor in table.actors:
        for match in pattern.finditer(folded):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue  # inside a longer name already found ("Syrian Democratic Forces" holds no "Syrian")
            taken.append((match.start(), match.end()))
            if actor not in found:
                found.append(actor)
    return found
