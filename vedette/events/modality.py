"""Modality: did it happen, is it planned, only possible, denied or wished?

Read off one predicate at a time (its auxiliaries, negation and condition
markers); the coder merges the readings along a chain of governing verbs
("decided not to attack": planned + negated = negated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from vedette.events.lexicon import Lexicon

if TYPE_CHECKING:
    from vedette.events.words import Word

Reading = Literal["occurred", "future", "planned", "hypothetical", "negated", "wished"]
"""A predicate's own reading; "future" (will/shall) becomes "planned" unless the coder turns it into a promise."""

_STRENGTH: dict[str, int] = {"occurred": 0, "future": 1, "planned": 1, "wished": 2, "hypothetical": 3, "negated": 4}
_CONDITIONS = frozenset({"if", "unless", "whether"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


def strongest(*readings: str) -> str:
    """The reading that wins when several apply: negated > hypothetical > wished > planned > occurred."""
    return max(readings, key=lambda r: _STRENGTH[r])


def own_reading(token: Word, lex: Lexicon) -> str:
    """The reading of one predicate from its own auxiliaries and condition; negation is `is_negated`."""
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in token.children):
        return "hypothetical"
    words = {a.lower_ for a in auxiliaries}
    if words & lex.words_of("hypothetical"):
        return "hypothetical"
    if words & lex.words_of("future") or _going_to(token):
        return "future"
    if "would" in words:
        return "future" if _reported(token, lex) else "hypothetical"
    return "occurred"


def is_negated(token: Word) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATIONS) for c in token.children)


def has_must(token: Word, lex: Lexicon) -> bool:
    """ "X must/should do Y" (or "has to"): the sentence reports a demand."""
    words = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if words & lex.words_of("must"):
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_ in ("have", "need") and head.tag_ in ("VBZ", "VBP", "VBD", "VB")


def _going_to(token: Word) -> bool:
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_ == "go"
        and head.tag_ == "VBG"
        and any(c.lemma_ == "be" for c in head.children if c.dep_ == "aux")
    )


def _reported(token: Word, lex: Lexicon) -> bool:
    """ "said it would allow ...": `would` as the future of a past report, not a hypothetical."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("ccomp", "conj", "xcomp", "parataxis") or current.head.i == current.i:
            return False
        current = current.head
        if lex.has(current.lemma_.lower(), "report", "threaten", "commit_cooperative", "commit_hostile", "agree"):
            return True
    return False
