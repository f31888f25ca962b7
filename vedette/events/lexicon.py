"""The event lexicon: trigger patterns, governors and word classes from `data/events/verbs.yaml`.

A pattern is a head lemma plus words that must be found around the head in the
dependency parse ("lift @restriction", "open fire"). The lexicon also builds the
cheap surface test that picks the sentences worth parsing: a sentence is a
candidate when some pattern's head *and* all its required words occur in it as
any inflected form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from vedette.errors import VedetteError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
COOPERATIVE: frozenset[str] = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
"""Types whose promise is an AGREE; a promise of any other type (except MOBILIZE) is a THREATEN."""

_WORD = re.compile(r"[a-z]+")
_PATH = "data/events/verbs.yaml"


@dataclass(frozen=True)
class Pattern:
    event_type: str
    head: str
    needs: tuple[frozenset[str], ...] = ()
    """Each set holds alternatives (lemmas or multi-word entries); one of each must occur near the head."""
    subject_needs: tuple[frozenset[str], ...] = ()
    mode: str | None = None
    is_noun: bool = False

    @property
    def specificity(self) -> int:
        return 1 + len(self.needs) + len(self.subject_needs)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    objects: dict[str, str] = field(default_factory=dict)
    """Nouns typed only as the object of a light or reversing verb ("aid", "relations")."""
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    """Lemma -> the governor groups it belongs to (report, agree, commit_cooperative, threaten, ...)."""
    light_verbs: frozenset[str] = frozenset()
    reversal_verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    reversal_nouns: frozenset[str] = frozenset()
    reversal_map: dict[str, str] = field(default_factory=dict)
    reversal_objects: dict[str, str] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    """Regular inflected form -> lemma, for every word the lexicon knows (a fallback for lemmatizer slips)."""
    known: frozenset[str] = frozenset()
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    """Governor group -> its words."""

    def lemma(self, lemma: str, word: str) -> str:
        """The lexicon's lemma for a token: the parser's when the lexicon knows it, else one of its own."""
        return lemma if lemma in self.known else self.forms.get(word, lemma)

    def has(self, lemma: str, *groups: str) -> bool:
        """Is `lemma` in any of these governor groups?"""
        return not self.groups.get(lemma, frozenset()).isdisjoint(groups)

    def words_of(self, group: str) -> frozenset[str]:
        return self.members.get(group, frozenset())


def _split(words: str) -> list[str]:
    return words.replace("-", " ").split()


def _parse_pattern(
    text: str, event_type: str, classes: dict[str, frozenset[str]], is_noun: bool, path: str = _PATH
) -> Pattern:
    body, _, mode = str(text).partition(":")
    words = _split(body.lower())
    if is_noun:
        if "of" in words[1:]:
            at = words.index("of")
            head, others = words[at - 1], words[: at - 1] + words[at + 1 :]
        else:
            head, others = words[-1], words[:-1]
    else:
        head, others = words[0], words[1:]
    needs: list[frozenset[str]] = []
    subject_needs: list[frozenset[str]] = []
    for word in others:
        target = subject_needs if word.startswith("^") else needs
        alternatives: set[str] = set()
        for alternative in word.lstrip("^").split("|"):
            if not alternative.startswith("@"):
                alternatives.add(alternative)
            elif alternative[1:] in classes:
                alternatives |= classes[alternative[1:]]
            else:
                raise VedetteError("V206", path=path, detail=f"pattern {text!r} names an unknown class {alternative}")
        target.append(frozenset(alternatives))
    return Pattern(event_type, head, tuple(needs), tuple(subject_needs), mode.strip() or None, is_noun)


def _class_words(entries: Iterable[Any]) -> frozenset[str]:
    return frozenset(" ".join(_split(str(e).lower())) for e in entries)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of `vedette/data/events/verbs.yaml`, loaded once per process."""
    return read_lexicon((resources.files("vedette") / _PATH).read_text(encoding="utf-8"), "vedette/" + _PATH)


def read_lexicon(text: str, path: str) -> Lexicon:
    """A lexicon from the text of a verbs.yaml; `path` names it in errors."""
    try:
        data = yaml.safe_load(text)
        return _build(data, path)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as problem:
        raise VedetteError("V206", path=path, detail=f"{type(problem).__name__}: {problem}") from problem


def _build(data: dict[str, Any], path: str) -> Lexicon:
    classes = {name: _class_words(words) for name, words in data["classes"].items()}
    result = Lexicon(classes=classes)
    for event_type, entry in data["types"].items():
        if event_type not in PLOVER_TYPES:
            raise VedetteError("V206", path=path, detail=f"unknown PLOVER type {event_type!r}")
        for text in entry.get("verbs", []):
            pattern = _parse_pattern(text, event_type, classes, is_noun=False, path=path)
            result.verbs.setdefault(pattern.head, []).append(pattern)
        for text in entry.get("nouns", []):
            pattern = _parse_pattern(text, event_type, classes, is_noun=True, path=path)
            result.nouns.setdefault(pattern.head, []).append(pattern)
        for word in entry.get("objects", []):
            result.objects[" ".join(_split(str(word).lower()))] = event_type
    groups: dict[str, set[str]] = {}
    for group, words in data["governors"].items():
        for word in words:
            groups.setdefault(str(word).lower(), set()).add(group)
    result.groups = {word: frozenset(owners) for word, owners in groups.items()}
    result.members = {group: frozenset(str(w).lower() for w in words) for group, words in data["governors"].items()}
    result.light_verbs = frozenset(data["light_verbs"])
    reversals = data["reversals"]
    for text in reversals["verbs"]:
        pattern = _parse_pattern(text, "REVERSAL", classes, is_noun=False)
        result.reversal_verbs.setdefault(pattern.head, []).append(pattern)
    result.reversal_nouns = frozenset(reversals["nouns"])
    result.reversal_map = dict(reversals["map"])
    result.reversal_objects = dict(reversals["objects"])
    known = set(result.verbs) | set(result.nouns) | set(result.groups) | set(result.light_verbs)
    known |= set(result.reversal_verbs) | set(result.objects) | set(result.reversal_nouns)
    forms: dict[str, str] = {}
    for word in sorted(known):
        for form in inflections(word, {}):
            forms.setdefault(form, word)
    for word in known:
        forms[word] = word
    result.forms = forms
    result.known = frozenset(known)
    return result


class SurfaceFilter:
    """Does a sentence contain, in any inflection, the words some trigger needs? (No parse needed.)

    Each requirement is a tuple of word-form sets that must all meet the sentence's words.
    """

    def __init__(self, requirements: Iterable[tuple[frozenset[str], ...]]) -> None:
        self._by_form: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for requirement in requirements:
            first, rest = requirement[0], requirement[1:]
            for form in first:
                self._by_form.setdefault(form, []).append(rest)

    def matches(self, text: str) -> bool:
        words = set(_WORD.findall(text.lower()))
        for word in words:
            for rest in self._by_form.get(word, ()):
                if all(not words.isdisjoint(forms) for forms in rest):
                    return True
        return False


def surface_filter(irregular: dict[str, set[str]]) -> SurfaceFilter:
    """The filter for the lexicon; `irregular` maps a lemma to its irregular forms (from the spaCy model)."""
    lex = lexicon()

    def forms(entries: Iterable[str]) -> frozenset[str]:
        out: set[str] = set()
        for entry in entries:
            for word in _split(entry):
                out |= inflections(word, irregular)
        return frozenset(out)

    requirements: list[tuple[frozenset[str], ...]] = []
    for table in (lex.verbs, lex.nouns):
        for head, patterns in table.items():
            for pattern in patterns:
                requirements.append((forms([head]), *(forms(need) for need in pattern.needs)))
    objects = forms(lex.objects)
    requirements.append((forms(lex.light_verbs), objects))
    requirements.append((forms(lex.reversal_verbs), objects | forms(lex.nouns)))
    requirements.append((forms(lex.words_of("must")),))
    return SurfaceFilter(requirements)


def inflections(word: str, irregular: dict[str, set[str]]) -> set[str]:
    """Regular English inflections of a lemma (over-generating is harmless) plus its irregular forms."""
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out | irregular.get(word, set())
