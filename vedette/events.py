"""Events: PLOVER-coded "who did what to whom, where, when, how sure, who says so".

Only sentences of headline, attribution and body segments are read; comments
never produce events. A cheap lexical filter finds sentences with a trigger
word from `data/events/verbs.yaml`, and only those are parsed (spaCy
dependency parse), so the parser costs a fraction of the NER pass. From the
parse: the trigger's subject is the actor, its object (or "on/against X") the
target, its auxiliaries and governing verbs the modality ("plans to deploy" is
planned, "could strike" hypothetical, "did not attack" negated).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from vedette.geo.names import demonyms, fold
from vedette.nlp import load_model
from vedette.records import EVENT_SEGMENTS, Actor, Document, Event, Modality, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PLANNING_HEADS = frozenset("plan intend decide prepare expect aim seek set schedule announce propose mull consider vow".split())
_PLANNING_NOUNS = frozenset("decision plan plans intention preparation order orders".split())
_WISH_HEADS = frozenset("wish hope want desire".split())
_HYPOTHETICAL_AUX = frozenset("could might may would".split())
_PLACE_PREPOSITIONS = frozenset("at in near on to from around outside inside towards toward into across".split())
_DATE_HINT = re.compile(
    r"\b(?:yesterday|today|tonight|last|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)
_ACCORDING_TO = re.compile(r"\baccording to (?:the )?(?P<who>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})")


@dataclass(frozen=True)
class Trigger:
    event_type: str
    lemma: str
    particle: str | None
    is_noun: bool
    mode: str | None


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Trigger]]:
    """Head lemma -> triggers, from data/events/verbs.yaml."""
    path = resources.files("vedette") / "data" / "events" / "verbs.yaml"
    table: dict[str, list[Trigger]] = {}
    for event_type, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        for kind in ("verbs", "nouns"):
            for word in entry.get(kind, []):
                word, _, mode = str(word).partition(":")
                head, _, particle = word.partition(" ")
                table.setdefault(head, []).append(Trigger(event_type, head, particle or None, kind == "nouns", mode or None))
    return table


@lru_cache(maxsize=1)
def _surface_filter() -> re.Pattern[str]:
    """Matches any inflection of any trigger head: the cheap test before parsing."""
    stems = sorted({_stem(head) for head in triggers()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.I)


def _stem(word: str) -> str:
    irregular = {"fight": "fought", "build": "built", "flee": "fled", "hold": "held", "meet": "met",
                 "send": "sent", "shoot": "shot", "strike": "struck", "withdraw": "withdr", "hit": "hit"}
    if word in irregular:
        return f"{word[:3]}"  # both forms share the first letters; the parse decides
    return word[:-1] if word.endswith("e") and len(word) > 4 else word[: max(4, len(word) - 1)]


@dataclass(frozen=True)
class ActorEntry:
    name: str
    country: str | None
    sector: str | None


@lru_cache(maxsize=1)
def _actor_table() -> tuple[dict[str, ActorEntry], dict[str, str]]:
    path = resources.files("vedette") / "data" / "events" / "actors.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases: dict[str, ActorEntry] = {}
    for actor in data["actors"]:
        entry = ActorEntry(actor["name"], actor.get("country"), actor.get("sector"))
        for alias in actor["aliases"]:
            aliases[fold(alias)] = entry
    sectors = {fold(k): sector for sector, words in data["sector_keywords"].items() for k in words}
    return aliases, sectors


def normalise_actor(text: str) -> ActorEntry:
    """Canonical actor for a phrase: dictionary alias, else demonym/country + sector keyword."""
    aliases, sectors = _actor_table()
    folded = fold(text)
    words = folded.split()
    best: tuple[int, ActorEntry] | None = None
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            entry = aliases.get(" ".join(words[i : i + size]))
            if entry and (best is None or size > best[0]):
                best = (size, entry)
        if best:
            return best[1]
    country = next((demonyms()[w] for w in words if w in demonyms()), None) or _country_in(text)
    sector = next((sectors[" ".join(words[i : i + n])] for n in (2, 1) for i in range(len(words) - n + 1)
                   if " ".join(words[i : i + n]) in sectors), None)
    return ActorEntry(text.strip(), country, sector)


def _country_in(text: str) -> str | None:
    import pycountry

    for match in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text):
        try:
            return pycountry.countries.lookup(match.group(0)).alpha_3
        except LookupError:
            continue
    return None


def extract_events(docs: Iterable[Document], batch_size: int = 64, model: str | None = None) -> Iterator[Document]:
    """Documents with `events` filled in; parses only sentences that contain a trigger word."""
    docs = list(docs)
    wanted: list[tuple[int, int, int]] = []
    for index, doc in enumerate(docs):
        for start, end in doc.sentences:
            segment = doc.segment_at(start)
            if segment and segment.kind in EVENT_SEGMENTS and _surface_filter().search(doc.text, start, end):
                wanted.append((index, start, end))
    nlp = load_model(model)
    texts = (docs[i].text[s:e] for i, s, e in wanted)
    found: dict[int, list[Event]] = {}
    for (index, start, _), parsed in zip(wanted, nlp.pipe(texts, batch_size=batch_size)):
        found.setdefault(index, []).extend(_sentence_events(docs[index], start, parsed[:]))
    for index, doc in enumerate(docs):
        yield doc.model_copy(update={"events": found.get(index, [])})


def _sentence_events(doc: Document, offset: int, sentence: Span) -> Iterator[Event]:
    table = triggers()
    segment = doc.segment_at(offset)
    for token in sentence:
        candidates = table.get(token.lemma_.lower()) or table.get(token.text.lower()) or []
        trigger = next((t for t in candidates if _fits(t, token)), None)
        if trigger is None:
            continue
        actor = _actor(doc, offset, token)
        if trigger.is_noun and actor is None and not _is_headline(doc, offset):
            continue  # a bare noun ("the offensive") without a doer is background, not an event
        place, inferred = _place(doc, offset, offset + len(sentence.text), token.idx + offset)
        if place is None:
            continue
        modality = _modality(token)
        confidence = 0.55 + (0.15 if not trigger.is_noun else 0.0) + (0.15 if actor else 0.0) + (0.1 if not inferred else 0.0)
        yield Event(
            id=hashlib.sha256(f"{doc.id}:{offset}:{token.idx}:{trigger.event_type}".encode()).hexdigest()[:16],
            doc_id=doc.id,
            event_type=trigger.event_type,
            mode=trigger.mode,
            trigger=token.text,
            actor=actor,
            target=_target(doc, offset, token),
            place=place,
            place_inferred=inferred,
            date=_date(doc, sentence.text),
            modality=modality,
            attribution=_attribution(doc, sentence.text),
            sentence=sentence.text,
            sentence_start=offset,
            sentence_end=offset + len(sentence.text),
            segment=segment.kind if segment else "body",
            confidence=round(min(confidence, 0.95), 2),
        )


def _fits(trigger: Trigger, token: Token) -> bool:
    if trigger.is_noun != (token.pos_ in ("NOUN", "PROPN")):
        return False
    if not trigger.is_noun and token.pos_ not in ("VERB", "AUX"):
        return False
    if trigger.particle is None:
        return True
    wanted = trigger.particle.split()[0]
    near = [c for c in token.children] + [g for c in token.children if c.dep_ in ("dobj", "prep") for g in c.children]
    return any(t.lemma_.lower() == wanted or t.text.lower() == wanted for t in near)


def _is_headline(doc: Document, offset: int) -> bool:
    segment = doc.segment_at(offset)
    return bool(segment and segment.kind == "headline")


def _phrase(token: Token) -> tuple[int, int]:
    """Character span of a noun phrase without relative clauses and appositions."""
    keep = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl", "appos", "punct", "prep", "cc", "conj")
                                                 for a in _ancestors_until(t, token))]
    words = [t for t in keep if t.dep_ not in ("det",) or t.i > token.i]
    left = min(words, key=lambda t: t.i) if words else token
    right = max(words, key=lambda t: t.i) if words else token
    return left.idx, right.idx + len(right.text)


def _ancestors_until(token: Token, stop: Token) -> list[Token]:
    chain = []
    while token != stop and token.head != token:
        chain.append(token)
        token = token.head
    return chain


def _actor_at(doc: Document, offset: int, token: Token) -> Actor:
    start, end = _phrase(token)
    text = token.doc.text[start:end]
    entry = normalise_actor(text)
    return Actor(text=text, start=offset + start, end=offset + end, name=entry.name, country=entry.country, sector=entry.sector)


def _actor(doc: Document, offset: int, trigger: Token) -> Actor | None:
    """The doer: subject of the trigger, or of the verb it depends on ("X decided to deploy")."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        owner = next((c for c in trigger.children if c.dep_ == "poss"), None)
        return _actor_at(doc, offset, owner) if owner is not None else None
    if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN") and trigger.head.lemma_ not in _PLANNING_NOUNS:
        return _actor_at(doc, offset, trigger.head)  # "fighters fleeing Mosul"
    for verb in [trigger, *list(trigger.ancestors)[:3]]:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _actor_at(doc, offset, child)
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _actor_at(doc, offset, objects[0])
        if verb.dep_ == "ccomp":
            break  # the subject of "said" is the speaker, not the doer
    return None


def _target(doc: Document, offset: int, trigger: Token) -> Actor | None:
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return _actor_at(doc, offset, child)
    for child in trigger.children:
        if child.dep_ == "prep" and child.lemma_ in ("on", "against", "with"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _actor_at(doc, offset, objects[0])
    return None


def _modality(trigger: Token) -> Modality:
    chain = [trigger] + [t for t in trigger.ancestors][:3]
    if any(child.dep_ == "neg" for t in chain[:2] for child in t.children):
        return "negated"
    if any(t.lemma_.lower() in ("deny",) for t in chain[1:]):
        return "negated"
    aux = {child.lemma_.lower() for t in chain[:2] for child in t.children if child.dep_ in ("aux", "auxpass")}
    if aux & _HYPOTHETICAL_AUX or any(child.lemma_.lower() == "if" for child in trigger.children):
        return "hypothetical"
    if any(t.lemma_.lower() in _WISH_HEADS for t in chain[1:]):
        return "wished"
    if "will" in aux or "shall" in aux or any(
        t.lemma_.lower() in _PLANNING_HEADS or t.lemma_.lower() in _PLANNING_NOUNS for t in chain[1:]
    ):
        return "planned"
    if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in ("go",) and "be" in {c.lemma_ for c in trigger.head.children}:
        return "planned"  # "is going to deploy"
    return "occurred"


def _place(doc: Document, start: int, end: int, trigger_at: int) -> tuple[Toponym | None, bool]:
    """The toponym of the sentence the event most likely happened at, else the document's focus."""
    inside = [t for t in doc.toponyms if start <= t.start < end]
    if inside:
        specific = [t for t in inside if t.feature != "A.PCLI"] or inside
        return min(specific, key=lambda t: (t.start < trigger_at, abs(t.start - trigger_at))), False
    if doc.focus:
        focus = doc.focus[0]
        match = next((t for t in doc.toponyms if t.name == focus.name and t.lat == focus.lat), None)
        return match, True
    return None, True


def _date(doc: Document, sentence: str) -> str | None:
    base = doc.published.replace(tzinfo=None) if doc.published else None
    if base is not None and _DATE_HINT.search(sentence):
        from dateparser.search import search_dates

        found = search_dates(sentence, languages=["en"],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
        for text, when in found or []:
            if _DATE_HINT.search(text) and when <= base.replace(hour=23, minute=59) and (base - when).days < 366:
                return when.date().isoformat()
    return base.date().isoformat() if base else None


def _attribution(doc: Document, sentence: str) -> list[str]:
    """Who says so: the outlet, the outlets it credits ("X reports:"), and "according to Y" in the sentence."""
    chain = [doc.source] if doc.source else []
    chain += [s.source for s in doc.segments if s.kind == "attribution" and s.source]
    chain += [m.group("who") for m in _ACCORDING_TO.finditer(sentence)]
    return list(dict.fromkeys(chain))

