"""The coder: a parsed sentence -> ranked PLOVER events (type, mode, modality, actor, target spans).

Every verb (and predicate adjective) is read compositionally, from the outside in:

1. a specific trigger pattern on the verb itself wins ("lifted the curfew" is CONCEDE);
2. a governor wraps the event of its complement: reporting verbs are transparent
   ("officials said X attacked"), a "must" in the report makes a REQUEST, "agree/offer to"
   make an AGREE, "promise/vow to" an AGREE about cooperative and a THREATEN about hostile
   content, "threaten", "demand", "refuse", "accuse" their own type about the content, "deny"
   negates it, "plan/decide/prepare" keep its type as planned, "hope" as wished,
   "try/continue" as is;
3. a light verb takes its type from its event noun ("held talks"), a reversing verb undoes
   it ("suspended aid" is SANCTION, "called off the strike" CONCEDE);
4. else the verb's own trigger; "will" + a cooperative action is a promise (AGREE), + a
   hostile one a threat (THREATEN), as PLOVER codes statements of intent.

Event nouns not taken by a verb count when they have a doer ("Turkish shelling"), are the
subject of a verb of happening ("clashes erupted") or head the sentence. Events are ranked
main clause first (reporting verbs do not count as clauses), then left to right; the
first-ranked one is the sentence's main event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from vedette.events.actors import normalise_actor
from vedette.events.lexicon import COOPERATIVE, Lexicon, Pattern, lexicon
from vedette.events.modality import has_must, is_negated, own_reading, strongest
from vedette.events.words import Word, release, words_of

if TYPE_CHECKING:
    from spacy.tokens import Span

_PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_NOMINAL_POS = _NOUN_POS | {"PRON"}
_CLAUSE_POS = _PREDICATE_POS | _NOUN_POS
_NEAR_FIRST = frozenset(
    {
        "dobj",
        "prt",
        "prep",
        "dative",
        "attr",
        "acomp",
        "oprd",
        "nsubjpass",
        "npadvmod",
        "advmod",
        "compound",
        "amod",
        "pobj",
        "pcomp",
        "nmod",
        "poss",
        "appos",
    }
)
_NEAR_DEEPER = frozenset(
    {"pobj", "compound", "amod", "prep", "conj", "nmod", "pcomp", "dobj", "prt", "poss", "npadvmod", "nummod"}
)
_LIGHT_OBJECT_PREPS = frozenset({"in", "to", "under", "on", "into", "for"})
_TARGET_PREPS = frozenset(
    {"against", "on", "upon", "with", "to", "at", "into", "toward", "towards", "from", "over", "of", "for", "in"}
)
_BACKGROUND_PREPS = frozenset(
    {
        "after",
        "before",
        "since",
        "following",
        "during",
        "amid",
        "amidst",
        "despite",
        "prior",
        "until",
        "like",
        "than",
        "ahead",
        "because",
        "due",
    }
)
_STATIVE_PASSIVES = frozenset(
    {
        "oppose",
        "commit",
        "prepare",
        "determine",
        "set",
        "schedule",
        "expect",
        "poise",
        "due",
        "dedicate",
        "resolve",
        "bind",
        "suppose",
        "force",
        "compel",
        "oblige",
        "engage",
        "involve",
    }
)
_PERSONAL_PRONOUNS = frozenset(
    {
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "its",
        "their",
        "his",
        "her",
        "our",
        "them",
        "him",
        "itself",
        "themselves",
    }
)
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
_COLLECTIVE_HEADS = frozenset(
    {
        "group",
        "number",
        "member",
        "delegation",
        "team",
        "thousand",
        "hundred",
        "dozen",
        "some",
        "one",
        "two",
        "three",
        "several",
        "many",
        "most",
        "part",
        "contingent",
        "patch",
        "band",
        "wing",
        "faction",
        "unit",
        "batch",
        "body",
        "representative",
        "element",
        "couple",
        "million",
        "lot",
        "all",
        "each",
        "both",
        "none",
        "handful",
        "scores",
        "score",
        "tens",
        "hundreds",
        "thousands",
        "dozens",
        "crowd",
        "supporter",
        "leader",
        "leadership",
        "activist",
        "official",
        "head",
        "chief",
        "spokesman",
        "spokeswoman",
        "commander",
    }
)
_HOSTILE_PROMISES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
_SPEECH_GROUPS = (
    "agree",
    "commit_cooperative",
    "commit_hostile",
    "commit_adjectives",
    "threaten",
    "request",
    "refuse",
    "accuse",
    "complain",
    "deny",
    "prepare",
    "plan",
    "wish",
    "attempt",
    "aspect",
    "report",
)
_TRANSPARENT_GROUPS = ("attempt", "aspect", "plan", "wish", "prepare", "report")
_INFINITIVE_GOVERNORS = (
    "agree",
    "commit_cooperative",
    "commit_hostile",
    "commit_adjectives",
    "threaten",
    "request",
    "refuse",
)
_QUANTITIES = frozenset(
    {
        "part",
        "some",
        "much",
        "most",
        "all",
        "half",
        "portion",
        "rest",
        "bulk",
        "share",
        "majority",
        "number",
        "series",
        "wave",
    }
)
_THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "SANCTION": "relations",
    "PROTEST": "relations",
}
_MAX_DEPTH = 5
_PLACE_HEADS = frozenset(
    "city town village province governorate district area countryside region border base airbase airport road "
    "highway crossing camp port desert coast front outskirts suburb neighbourhood neighborhood square field hill "
    "mountain valley river bank checkpoint capital state county island enclave pocket side territory part "
    "north south east west centre center".split()
)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
_PHRASE_CUT_FULL = frozenset({"relcl", "acl", "punct", "cc", "conj", "advcl", "det"})
"""Links that end a noun phrase: what lies beyond them is not part of it."""
_PHRASE_CUT = _PHRASE_CUT_FULL | {"appos"}
_AWAY_FROM_TYPES = frozenset({"RETREAT", "SANCTION", "COERCE", "CONCEDE"})
_SPEECH_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"})
_REFLEXIVES = frozenset({"themselves", "itself", "himself", "herself", "ourselves"})
_NOUN_TARGET_PREPS = frozenset({"of", "on", "against", "with", "to", "in", "upon", "at"})
_TARGET_PREPS_BY = {
    (nominal, away): (_NOUN_TARGET_PREPS if nominal else _TARGET_PREPS) - (set() if away else {"from"})
    for nominal in (False, True)
    for away in (False, True)
}
"""Prepositions whose object can be the target, by (is the trigger a noun, does the event move away from it)."""
_TIME_WORDS = frozenset(
    {
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        "week",
        "month",
        "year",
        "day",
        "night",
        "morning",
        "evening",
        "afternoon",
        "weekend",
        "hour",
        "decade",
        "time",
        "period",
        "moment",
        "season",
        "anniversary",
        "minute",
        "dawn",
        "dusk",
        "midnight",
        "noon",
    }
)
_DATE_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|June|July|August"
    r"|September|October|November|December|\d+(?:st|nd|rd|th)?"
)


@dataclass
class Frame:
    """One event while it is being read: its type and the words that gave it."""

    event_type: str
    trigger: Word
    """The word that names the action: a verb or an event noun."""
    top: Word
    """The outermost word of the reading (a governor, or the trigger itself)."""
    reading: str = "occurred"
    mode: str | None = None
    about_type: str | None = None
    specificity: int = 1
    via: str = "verb"
    used: list[Word] = field(default_factory=list)
    target_hint: Word | None = None
    reporter: Word | None = None
    """Who the sentence says told it ("officials said ..."): part of the attribution."""


@dataclass(frozen=True)
class Mention:
    """A phrase in the sentence: character offsets relative to the parsed text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Coded:
    """One coded event of a sentence (parse-level; `vedette.events.extract` adds place, date, source)."""

    event_type: str
    mode: str | None
    about_type: str | None
    modality: str
    trigger: Mention
    actor: Mention | None
    actor_full: Mention | None
    """The actor's whole noun phrase (with prepositional modifiers): a second place to look for a country."""
    target: Mention | None
    target_full: Mention | None
    rank: int
    via: str
    specificity: int
    clause: Mention
    """The clause the event is told in (the outermost word's subtree): where its place is looked for first."""
    elsewhere: tuple[tuple[int, int], ...] = ()
    """Clauses conjoined to the event's own clause: their places are not the event's."""
    modifiers: tuple[tuple[int, int], ...] = ()
    """Names used as modifiers of a non-place noun ("US forces", "Turkish drones"): never the event's place."""
    reporter: Mention | None = None


def code_sentence(sentence: Span, headline: bool = False) -> list[Coded]:
    """All events of one parsed sentence, main event first."""
    coder = SentenceCoder(sentence, headline)
    try:
        return coder.run()
    finally:
        release(coder.all_words)


class SentenceCoder:
    def __init__(self, sentence: Span, headline: bool = False) -> None:
        words = words_of(sentence.doc)  # read from spaCy once; the tree is walked many times
        self.all_words = words
        self.words = words[sentence.start : sentence.end]
        self.start = sentence.start
        self.base = sentence.start_char
        self.text = "".join(w.text_with_ws for w in words)  # Doc.text would build every Token anew
        self.headline = headline
        self.lex: Lexicon = lexicon()
        self._lemmas = [self.lex.lemma(w.lemma_.lower(), w.lower_) for w in words]
        self._near_cache: dict[int, set[str]] = {}
        self._depth_cache: dict[int, float] = {}

    # --- the run ---------------------------------------------------------------------------------
    def run(self) -> list[Coded]:
        frames: list[Frame] = []
        background: list[Frame] = []
        used: set[int] = set()
        predicates = [t for t in self.words if t.pos_ in _PREDICATE_POS]
        for token in sorted(predicates, key=lambda t: (self._clause_depth(t), len(t.ancestors), t.i)):
            if token.i in used or self._hyphen_compound(token):
                continue
            if any(c.dep_ == "det" for c in token.children):
                continue  # "until the shelling stops": a gerund used as a noun, read with the nouns
            frame = self.read_predicate(token, 0)
            if frame is None:
                continue
            (background if self._is_background(frame.top) else frames).append(frame)
            used.update(self._consumed(frame))
        for frame in frames + background:
            target = self._target_token(frame)
            if target is not None:
                used.add(target.i)
        for token in self.words:
            nominal = token.pos_ in _NOUN_POS or any(c.dep_ == "det" for c in token.children)
            if token.i in used or not nominal or self._in_name(token):
                continue
            frame = self.read_noun_event(token, allow_background=not frames and not background)
            if frame is not None:
                frames.append(frame)
                used.update(self._consumed(frame))
        if not frames:  # a relative clause or a "during the campaign to retake" is all there is
            frames = background
        frames.sort(key=lambda f: (self._clause_depth(f.top) + (0.05 if f.via.startswith("noun") else 0), f.top.i))
        coded: list[Coded] = []
        seen: set[str] = set()
        for frame in frames:
            if frame.event_type in seen:
                continue
            seen.add(frame.event_type)
            coded.append(self._coded(frame, len(coded)))
        return coded

    def _is_background(self, token: Word) -> bool:
        """Participles before a noun ("wounded patients"), relative clauses and clauses under
        "after/during/since ..." describe, they do not report."""
        chain = [token, *token.ancestors]
        return token.dep_ in _MODIFIER_DEPS or any(t.dep_ == "relcl" for t in chain) or self._in_background(token)

    def _hyphen_compound(self, token: Word) -> bool:
        """ "Iran-backed", "Turkish-controlled": never an event."""
        return token.i > 0 and token.nbor(-1).text == "-" and token.dep_ in _MODIFIER_DEPS

    def _in_name(self, token: Word) -> bool:
        """A capitalised word inside a sentence ("Popular Mobilization Forces") is part of a name, not an event."""
        return not self.headline and token.text[:1].isupper() and token.i > self.start and not token.is_sent_start

    def _consumed(self, frame: Frame) -> set[int]:
        """Tokens a frame has read, with the conjuncts of what it wraps ("called on them to release X and to let
        Y return" is one request); the outermost word's own conjuncts stay separate events ("met and agreed")."""
        out = {t.i for t in frame.used} | {frame.trigger.i, frame.top.i}
        pending = [t for t in list(frame.used) + [frame.trigger] if t.i != frame.top.i or t.pos_ in _NOUN_POS]
        while pending:
            token = pending.pop()
            for child in token.children:
                if child.dep_ == "conj" and child.i not in out:
                    out.add(child.i)
                    pending.append(child)
        return out

    # --- predicates --------------------------------------------------------------------------------
    def lemma(self, token: Word) -> str:
        return self._lemmas[token.i]

    def read_predicate(self, token: Word, depth: int) -> Frame | None:
        """The event a verb or predicate adjective reports, reading its complements."""
        if depth > _MAX_DEPTH:
            return None
        lemma = self.lemma(token)
        own = None if token.pos_ == "ADJ" else self._best(token, self.lex.verbs.get(lemma, []))
        if own is not None and own.specificity >= 2:
            frame = self._content(token, own)
            complement = self._complement(token)
            if frame.event_type in _SPEECH_TYPES and complement is not None:  # "called on X to avoid Y"
                inner = self._read_complement(complement, depth)
                if inner is not None:
                    frame.about_type = inner.event_type
                    frame.used += inner.used + [inner.trigger]
            return frame
        if token.pos_ == "AUX" or lemma == "be":
            predicate = next((c for c in token.children if c.dep_ in ("acomp", "attr") and c.pos_ == "ADJ"), None)
            if predicate is not None:
                inner = self.read_predicate(predicate, depth + 1)
                if inner is not None:
                    return self._merge_reading(inner, token)
        complement = self._complement(token)
        if complement is not None and self.lex.has(lemma, "request") and self._anonymity(complement):
            return None  # "residents, who asked not to be named"
        if complement is not None and lemma in self.lex.groups:
            inner = self._read_complement(complement, depth)
            composed = self._compose(token, lemma, inner, complement)
            if composed is not None:
                return composed
        if complement is not None and complement.pos_ not in _NOUN_POS and self.lex.has(lemma, *_TRANSPARENT_GROUPS):
            own = None  # "tried to secure": the verb only frames its clause
        planned = self._plan_noun_complement(token)
        if planned is not None:
            noun, verb = planned
            inner = self.read_predicate(verb, depth + 1)
            if inner is not None:
                inner.used += [noun, verb]
                reading = strongest(self._reading_of(inner), "planned", self._governor_reading(token))
                return self._outer(inner, token, reading)
        light = self._light_or_reversal(token)
        if light is not None:
            return light
        if own is not None:
            frame = self._content(token, own)
            if self.lex.has(lemma, "request", "refuse", "accuse", "threaten", "agree"):
                frame.about_type = frame.about_type or self._object_type(token)
            return frame
        return None

    def _read_complement(self, complement: Word, depth: int) -> Frame | None:
        if complement.pos_ in _NOUN_POS:
            return self.read_noun_event(complement, allow_background=True, as_argument=True)
        return self.read_predicate(complement, depth + 1)

    def _compose(self, governor: Word, lemma: str, inner: Frame | None, complement: Word) -> Frame | None:
        frame = self._compose_frame(governor, lemma, inner, complement)
        if frame is not None and frame.via == "governor" and self._target_token(frame) is None:
            if complement.pos_ not in _NOUN_POS:  # "threatened to retaliate against US forces"
                candidates = [c for c in self._target_candidates(complement, 0, "") if not self._temporal(c)]
                frame.target_hint = next((c for c in candidates if self._actor_like(c)), None)
        return frame

    def _compose_frame(self, governor: Word, lemma: str, inner: Frame | None, complement: Word) -> Frame | None:
        groups = self.lex.groups[lemma]
        group = next(g for g in _SPEECH_GROUPS + tuple(sorted(groups)) if g in groups)
        reading = self._governor_reading(governor)
        about = inner.event_type if inner else None
        if group == "report":
            said = self._speech_object(governor)
            if said is not None:  # "reiterated its demand that Israel ease restrictions"
                return self._speech(said[0], governor, reading, about, inner, self._doer(complement))
            if complement.pos_ not in _NOUN_POS and has_must(complement, self.lex):
                hint = self._doer(inner.top if inner else complement)
                inner = self._speech("REQUEST", governor, reading, about, inner, hint)
            if inner is not None and inner.reporter is None:
                reporter = self._doer(governor)
                if reporter is not None and reporter.lower_ not in _PERSONAL_PRONOUNS:
                    inner.reporter = reporter
            return inner
        if group == "agree":
            return self._speech("AGREE", governor, reading, about, inner)
        if group in ("commit_cooperative", "commit_hostile", "commit_adjectives"):
            if inner is None:
                if group == "commit_adjectives":
                    return None
                default = "AGREE" if group == "commit_cooperative" else "THREATEN"
                return self._speech(default, governor, reading, None, None)
            promised = self._promise_type(inner.event_type, self._reading_of(inner) == "negated")
            if promised is None:
                return self._outer(inner, governor, strongest(self._reading_of(inner), "planned", reading))
            return self._speech(promised, governor, reading, about, inner)
        if group == "threaten":
            if complement.dep_ == "ccomp" and self._someone_else(complement, governor):
                return inner  # "agencies warned that fighting could disrupt imports": a report, not a threat
            return self._speech("THREATEN", governor, reading, about, inner)
        if group == "request":
            hint = self._governor_object(governor) or (self._doer(complement) if complement.dep_ == "ccomp" else None)
            return self._speech("REQUEST", governor, reading, about, inner, hint)
        if group == "refuse":
            return self._speech("REJECT", governor, reading, about, inner)
        if group == "complain":
            if complement.dep_ != "ccomp":
                return None
            return self._speech("ACCUSE", governor, reading, about, inner, self._doer(inner.top) if inner else None)
        if group == "accuse":
            return self._speech("ACCUSE", governor, reading, about, inner, self._governor_object(governor))
        if inner is None:
            return None
        if group == "deny":
            return self._outer(inner, governor, "negated")
        if group in ("plan", "prepare"):
            if group == "prepare" and inner.event_type == "ASSAULT":
                inner.event_type, inner.mode = "MOBILIZE", "troops"
            return self._outer(inner, governor, strongest(self._reading_of(inner), "planned", reading))
        if group == "wish":
            return self._outer(inner, governor, strongest(self._reading_of(inner), "wished", reading))
        return self._outer(inner, governor, strongest(self._reading_of(inner), reading))

    def _speech(
        self,
        event_type: str,
        governor: Word,
        reading: str,
        about: str | None,
        inner: Frame | None,
        hint: Word | None = None,
    ) -> Frame:
        """A statement (promise, threat, demand, refusal, accusation) as the event, about its content."""
        mode = _THREAT_MODES.get(about or "") if event_type == "THREATEN" else None
        frame = Frame(
            event_type,
            governor,
            governor,
            reading=reading,
            mode=mode,
            about_type=about,
            via="governor",
            specificity=2 if inner else 1,
            used=[governor] + (inner.used + [inner.trigger] if inner else []),
        )
        frame.target_hint = self._governor_object(governor) or hint or self._target_token(inner)
        return frame

    def _anonymity(self, clause: Word) -> bool:
        """ "not to be named / identified / quoted": a condition of anonymity, not a request."""
        return (
            self.lemma(clause) in self.lex.words_of("anonymity")
            and any(c.dep_ == "auxpass" for c in clause.children)
            and is_negated(clause)
        )

    def _someone_else(self, clause: Word, speaker: Word) -> bool:
        """Is the clause about someone other than the speaker? (Pronouns and agentless passives may be the
        speaker: "warned that it would respond", "warned that any attack will be answered".)"""
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.dep_ == "nsubjpass":
            return False
        return not any(t.lower_ in _PERSONAL_PRONOUNS for t in subject.subtree)

    def _speech_object(self, governor: Word) -> tuple[str, Word] | None:
        """A statement named as the object of a reporting verb: "renewed its call", "repeated the threat"."""
        for child in governor.children:
            if child.dep_ == "dobj":
                pattern = self._noun_pattern(child)
                if pattern is not None and pattern.event_type in _SPEECH_TYPES:
                    return pattern.event_type, child
        return None

    def _promise_type(self, promised: str, negated: bool) -> str | None:
        if promised == "MOBILIZE":
            return None
        if promised in COOPERATIVE:
            return "REJECT" if negated else "AGREE"
        return None if negated else "THREATEN"

    def _outer(self, inner: Frame, governor: Word, reading: str) -> Frame:
        """The inner event seen from a governor that keeps its type (plan, try, deny, continue)."""
        return replace(inner, top=governor, reading=reading, used=inner.used + [governor])

    def _merge_reading(self, inner: Frame, copula: Word) -> Frame:
        reading = strongest(self._reading_of(inner), self._governor_reading(copula))
        return replace(inner, top=copula, reading=reading, used=inner.used + [copula])

    def _governor_reading(self, token: Word) -> str:
        reading = "negated" if is_negated(token) else own_reading(token, self.lex)
        return "planned" if reading == "future" else reading

    @staticmethod
    def _reading_of(frame: Frame) -> str:
        return "planned" if frame.reading == "future" else frame.reading

    def _content(self, token: Word, pattern: Pattern, via: str = "verb", used: Iterable[Word] = ()) -> Frame:
        """An event named by the verb itself; "will" + the action turns it into a promise or a threat."""
        reading = own_reading(token, self.lex)
        negated = is_negated(token)
        frame = Frame(
            pattern.event_type,
            token,
            token,
            mode=pattern.mode,
            specificity=pattern.specificity,
            via=via,
            used=[token, *used],
        )
        if reading == "future" and not self._under_plan(token) and self._has_doer(token):
            promised = (
                self._promise_type(pattern.event_type, negated)
                if pattern.event_type in COOPERATIVE | _HOSTILE_PROMISES | {"MOBILIZE"}
                else None
            )
            if promised is not None:
                frame.about_type, frame.event_type = pattern.event_type, promised
                frame.mode = _THREAT_MODES.get(pattern.event_type) if promised == "THREATEN" else None
                frame.target_hint = self._target_token(frame)
                frame.reading = "occurred"
                return frame
        frame.reading = "negated" if negated else ("planned" if reading == "future" else reading)
        speaker = self._demanding_speaker(token)
        if speaker is not None:  # "issued a reminder to Iraq that it must cooperate"
            demand = self._speech(
                "REQUEST", speaker, self._governor_reading(speaker), frame.event_type, frame, self._doer(token)
            )
            demand.used.append(token)
            return demand
        return frame

    def _demanding_speaker(self, token: Word) -> Word | None:
        """The verb whose subordinate clause says someone "must" do something (reports do this themselves)."""
        if token.dep_ not in ("acl", "relcl", "ccomp") or not has_must(token, self.lex):
            return None
        for ancestor in token.ancestors:
            if ancestor.pos_ == "VERB":
                return None if self.lex.has(self.lemma(ancestor), "report") and token.head.i == ancestor.i else ancestor
        return None

    def _has_doer(self, token: Word) -> bool:
        """Is someone named as doing it? ("trucks would be searched" promises nothing)."""
        if any(c.dep_ == "nsubjpass" for c in token.children) and not any(c.dep_ == "agent" for c in token.children):
            return False
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return subject is None or self.noun_type(subject) is None  # "the operation would target": no one promises

    def _under_plan(self, token: Word) -> bool:
        head = token.head
        return token.dep_ in ("xcomp", "ccomp") and self.lex.has(self.lemma(head), "plan", "prepare", "wish")

    def _complement(self, token: Word) -> Word | None:
        """The clause (or, for some governors, the noun) a governor wraps."""
        for dep in ("xcomp", "ccomp"):
            for child in token.children:
                if child.dep_ == dep and child.pos_ in _CLAUSE_POS:
                    return child
        for child in token.children:
            if child.dep_ == "acomp" and child.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in child.children):
                return child
        lemma = self.lemma(token)
        if self.lex.has(lemma, *_INFINITIVE_GOVERNORS):  # "have sworn to fight" parsed as a purpose clause
            for child in token.children:
                if child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                    return child
        for child in token.children:  # "accused X of attacking", "blamed X for the bombing", "opposed to"
            if child.dep_ != "prep" or child.lower_ not in ("of", "for", "to", "on", "against", "from"):
                continue
            for grandchild in child.children:
                if (
                    grandchild.dep_ in ("pcomp", "pobj")
                    and (grandchild.pos_ in _PREDICATE_POS or self._noun_pattern(grandchild) is not None)
                    and self.lex.has(
                        lemma,
                        "accuse",
                        "request",
                        "refuse",
                        "deny",
                        "threaten",
                        "agree",
                        "commit_cooperative",
                        "commit_hostile",
                        "commit_adjectives",
                    )
                ):
                    return grandchild
        if self.lex.has(lemma, "deny", "refuse", "request", "threaten") and lemma not in self.lex.light_verbs:
            for child in token.children:
                if child.dep_ == "dobj" and self._noun_pattern(child) is not None:
                    return child
        return None

    def _plan_noun_complement(self, token: Word) -> tuple[Word, Word] | None:
        """ "made the decision to beef up": the planned verb behind a plan noun object."""
        for child in token.children:
            if child.dep_ in ("dobj", "nsubj", "attr") and self.lemma(child) in self.lex.words_of("plan_nouns"):
                for grandchild in child.children:
                    if grandchild.dep_ in ("acl", "relcl", "xcomp") and grandchild.pos_ == "VERB":
                        return child, grandchild
        return None

    def _light_or_reversal(self, token: Word) -> Frame | None:
        lemma = self.lemma(token)
        reversal = self._best(token, self.lex.reversal_verbs.get(lemma, []))
        light = lemma in self.lex.light_verbs or self.lex.has(lemma, "report_objects")
        if reversal is None and not light:
            return None
        for obj in self._event_objects(token, light):
            typed = self.noun_type(obj, allow_objects=True)
            if typed is None:
                continue
            event_type, mode, specificity, used = typed
            if reversal is not None:
                undone = self.lex.reversal_objects.get(self.lemma(obj)) or self.lex.reversal_map.get(event_type)
                if undone is None:
                    continue
                return self._content(token, Pattern(undone, lemma), via="reversal", used=[obj, *used])
            pattern = Pattern(event_type, lemma, mode=mode)
            frame = self._content(token, pattern, via="light", used=[obj, *used])
            frame.specificity = specificity + 1
            return frame
        return None

    def _event_objects(self, token: Word, with_preps: bool) -> Iterator[Word]:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                yield child
                yield from (c for c in child.children if c.dep_ == "conj")
                if self.lemma(child) in _QUANTITIES:  # "suspended part of the aid programme"
                    yield from (
                        g
                        for c in child.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children
                        if g.dep_ == "pobj"
                    )
        if with_preps:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in _LIGHT_OBJECT_PREPS:
                    yield from (c for c in child.children if c.dep_ in ("pobj", "pcomp") and c.pos_ in _NOUN_POS)

    def _object_type(self, token: Word) -> str | None:
        for obj in self._event_objects(token, with_preps=True):
            typed = self.noun_type(obj, allow_objects=True)
            if typed:
                return typed[0]
        return None

    # --- nouns ------------------------------------------------------------------------------------
    def noun_type(self, noun: Word, allow_objects: bool = False) -> tuple[str, str | None, int, list[Word]] | None:
        """(type, mode, specificity, tokens used) of an event noun, a support noun or a reversal noun."""
        pattern = self._noun_pattern(noun)
        if pattern is not None:
            return pattern.event_type, pattern.mode, pattern.specificity, []
        lemma = self.lemma(noun)
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        modifiers += [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
        ]
        if lemma in self.lex.words_of("support_nouns"):
            for modifier in modifiers:
                typed = self.noun_type(modifier, allow_objects=True) if modifier.pos_ in _NOUN_POS else None
                if typed:
                    return typed[0], typed[1], typed[2], [modifier, *typed[3]]
        if lemma in self.lex.reversal_nouns:
            for modifier in modifiers:
                typed = self.noun_type(modifier, allow_objects=True) if modifier.pos_ in _NOUN_POS else None
                if typed:
                    undone = self.lex.reversal_objects.get(self.lemma(modifier)) or self.lex.reversal_map.get(typed[0])
                    if undone:
                        return undone, None, typed[2], [modifier, *typed[3]]
        if allow_objects:
            for key in (self._compound_key(noun), lemma, noun.lower_):
                if key in self.lex.objects:
                    return self.lex.objects[key], None, 1, []
        return None

    def _compound_key(self, noun: Word) -> str:
        words = [self.lemma(c) for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
        return " ".join([*words, self.lemma(noun)])

    def _noun_pattern(self, noun: Word) -> Pattern | None:
        patterns = self.lex.nouns.get(self.lemma(noun)) or self.lex.nouns.get(noun.lower_) or []
        return self._best(noun, patterns)

    def read_noun_event(self, noun: Word, allow_background: bool, as_argument: bool = False) -> Frame | None:
        """An event named by a noun, when the sentence presents it as an event rather than as background."""
        typed = self.noun_type(noun)
        if typed is None:
            return None
        event_type, mode, specificity, used = typed
        frame = Frame(event_type, noun, noun, mode=mode, specificity=specificity, via="noun", used=[noun, *used])
        if as_argument:
            return frame
        happening = noun.dep_ in ("nsubj", "nsubjpass") and self.lex.has(self.lemma(noun.head), "happen")
        if noun.dep_ == "ROOT" or self.headline or happening or self._noun_doer(noun) is not None:
            frame.reading = (
                "negated" if noun.head.pos_ in _PREDICATE_POS and is_negated(noun.head) and happening else "occurred"
            )
            return frame
        if allow_background and not self._in_background(noun) and not self._definite(noun):
            frame.via = "noun-fallback"
            return frame
        return None

    @staticmethod
    def _definite(noun: Word) -> bool:
        """ "the attack", "this deployment": a definite noun usually points back to an event already told."""
        return any(
            c.dep_ == "det"
            and c.lower_ in ("the", "this", "that", "these", "those")
            or c.dep_ == "poss"
            and c.pos_ == "PRON"
            for c in noun.children
        )

    def _in_background(self, noun: Word) -> bool:
        return any(
            a.dep_ == "prep" and a.lower_ in _BACKGROUND_PREPS or a.lower_ == "retaliation" for a in noun.ancestors
        )

    # --- pattern matching -------------------------------------------------------------------------------
    def _best(self, token: Word, patterns: list[Pattern]) -> Pattern | None:
        best: Pattern | None = None
        for pattern in patterns:
            if best is not None and pattern.specificity <= best.specificity:
                continue
            nominal = token.pos_ in _NOUN_POS or any(c.dep_ == "det" for c in token.children)
            if nominal != pattern.is_noun:
                continue
            if self._satisfied(token, pattern):
                best = pattern
        return best

    def _satisfied(self, token: Word, pattern: Pattern) -> bool:
        if pattern.needs:
            near = self._near(token)
            if not all(self._found(need, near) for need in pattern.needs):
                return False
        if pattern.subject_needs:
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if token.dep_ in ("acl", "relcl"):
                subjects.append(token.head)
            near_subject: set[str] = set()
            for subject in subjects:
                near_subject |= {self.lemma(t) for t in subject.subtree} | {t.lower_ for t in subject.subtree}
            if not all(self._found(need, near_subject) for need in pattern.subject_needs):
                return False
        return True

    @staticmethod
    def _found(need: frozenset[str], near: set[str]) -> bool:
        for entry in need:
            if " " in entry:
                if all(word in near for word in entry.split()):
                    return True
            elif entry in near:
                return True
        return False

    def _near(self, token: Word) -> set[str]:
        """Lemmas and words around a trigger: its objects, particles, prepositions and their modifiers."""
        cached = self._near_cache.get(token.i)
        if cached is not None:
            return cached
        near: set[str] = set()
        frontier = [c for c in token.children if c.dep_ in _NEAR_FIRST]
        frontier += [g for c in token.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
        for _ in range(4):
            following: list[Word] = []
            for t in frontier:
                if t.lower_ == "according":
                    continue
                near.add(self.lemma(t))
                near.add(t.lower_)
                if t.dep_ != "advmod":
                    following.extend(c for c in t.children if c.dep_ in _NEAR_DEEPER)
            frontier = following
        self._near_cache[token.i] = near
        return near

    # --- ranking ---------------------------------------------------------------------------------------
    def _clause_depth(self, token: Word) -> float:
        """How deep a word sits in subordinate clauses; complements of reporting verbs are not deeper."""
        cached = self._depth_cache.get(token.i)
        if cached is not None:
            return cached
        depth = 0.0
        current = token
        for _ in range(30):
            head = current.head
            if head.i == current.i:
                break
            dep = current.dep_
            if dep in ("ccomp", "xcomp", "parataxis", "acomp") and (
                self.lex.has(self.lemma(head), "report") or head.pos_ == "AUX"
            ):
                pass
            elif dep == "conj":
                depth += 0.1
            elif dep in ("ccomp", "xcomp", "acomp", "aux"):
                depth += 0.5
            else:
                depth += 1.0
            current = head
        self._depth_cache[token.i] = depth
        return depth

    # --- actors and targets -------------------------------------------------------------------------------
    def _doer(self, top: Word) -> Word | None:
        """Who does it: the subject of the outermost verb, climbing shared-subject links."""
        if top.pos_ in _NOUN_POS:
            return self._noun_doer(top)
        current = top
        came_by_conj = False
        for _ in range(8):
            for child in current.children:
                if child.dep_ in ("nsubj", "csubj") and child.pos_ != "VERB":
                    return self._resolve_pronoun(child, current)
                if child.dep_ == "agent":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            passive_subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            if passive_subject is not None:
                if self.lemma(current) in _STATIVE_PASSIVES or came_by_conj:  # "were not informed and called for"
                    return self._resolve_pronoun(passive_subject, current)
                return None
            head = current.head
            if head.i == current.i:
                return None
            if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "pobj"):
                came_by_conj = current.dep_ == "conj"
                current = head
                continue
            if current.dep_ in ("acl", "relcl") and head.pos_ in _NOUN_POS:
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
                if infinitive or self.lex.has(self.lemma(head), "plan_nouns", "utterance_nouns"):
                    current = head.head  # "used the airport as a command centre to advise": the user advises
                    continue
                return head
            return None
        return None

    def _resolve_pronoun(self, subject: Word, verb: Word) -> Word:
        """ "Syria says it is willing": a pronoun subject stands for the subject of a governing verb."""
        word = subject.lower_
        if word in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if word not in _PERSONAL_PRONOUNS:
            return subject
        for ancestor in verb.ancestors:
            for child in ancestor.children:
                named = child.lower_ not in _PERSONAL_PRONOUNS
                if child.dep_ in ("nsubj", "nsubjpass") and named and child.i < subject.i:
                    return child
        return subject

    def _noun_doer(self, noun: Word, with_source: bool = False) -> Word | None:
        """The doer of an event noun: possessor, "by X" (or "from X" for offers and demands), or a name modifier."""
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ not in _PERSONAL_PRONOUNS:
                return child
        for child in noun.children:
            if child.dep_ == "prep" and (child.lower_ == "by" or with_source and child.lower_ == "from"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in noun.children:
            if (
                child.dep_ in ("amod", "compound")
                and child.i < noun.i
                and (child.pos_ == "PROPN" or child.text[:1].isupper() and child.pos_ == "ADJ")
            ):
                return child
        return None

    def _governor_object(self, governor: Word) -> Word | None:
        for child in governor.children:
            if (
                child.dep_ in ("dobj", "dative")
                and self.noun_type(child) is None
                and not self._temporal(child)
                and self.lemma(child) not in self.lex.words_of("plan_nouns")
            ):
                return child
        for child in governor.children:  # "called on Arabs to", "appealed to the UN"
            if child.dep_ == "prep" and child.lower_ in ("on", "upon", "to", "with"):
                objects = [
                    g for g in child.children if g.dep_ == "pobj" and g.pos_ in _NOMINAL_POS and not self._temporal(g)
                ]
                if objects and self.noun_type(objects[0]) is None:
                    return objects[0]
        return None

    def _target_token(self, frame: Frame | None) -> Word | None:
        """At whom it is done: an explicit hint, else the most actor-like of the trigger's objects."""
        if frame is None:
            return None
        if frame.target_hint is not None:
            return frame.target_hint
        candidates = [
            c
            for c in self._target_candidates(frame.trigger, 0, frame.event_type)
            if not self._temporal(c) and self.lemma(c) not in self._things
        ]
        actor_like = next((c for c in candidates if self._actor_like(c)), None)
        if actor_like is not None:
            return actor_like
        return next((c for c in candidates if not (c.head.dep_ == "prep" and c.head.lower_ == "in")), None)

    def _target_candidates(self, token: Word, depth: int, event_type: str) -> Iterator[Word]:
        """Passive subject, indirect and direct object, subjects of a causative's clause, prepositional objects;
        an event noun among them stands for its own doer and objects ("rejected a US offer")."""
        if depth > 2:
            return
        children = list(token.children)
        found: list[Word] = []
        if token.pos_ not in _NOUN_POS:
            found += [c for c in children if c.dep_ == "nsubjpass" and self.lemma(token) not in _STATIVE_PASSIVES]
            found += [c for c in children if c.dep_ == "dative" and c.pos_ != "ADP"]
            found += [
                g for c in children if c.dep_ == "dative" and c.pos_ == "ADP" for g in c.children if g.dep_ == "pobj"
            ]  # "sent troops to the area": a prepositional dative
            found += [c for c in children if c.dep_ == "dobj" and c.lower_ not in _REFLEXIVES]
            found += [g for c in children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
        away = event_type in _AWAY_FROM_TYPES  # "withdrew from X", "expelled from X"; "fired from X" is no target
        prepositions = _TARGET_PREPS_BY[token.pos_ in _NOUN_POS, away]
        found += [
            g
            for c in children
            if c.dep_ == "prep" and c.lower_ in prepositions
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ in _NOMINAL_POS
        ]
        for candidate in found:
            if self.noun_type(candidate, allow_objects=True) is None:
                yield candidate
                continue
            if candidate.dep_ == "pobj" and candidate.head.lower_ not in ("for", "of", "against", "on"):
                continue  # "with support from X": X is an ally, not a target
            doer = self._noun_doer(candidate, with_source=True)
            if doer is not None:
                yield doer
            yield from self._target_candidates(candidate, depth + 1, event_type)

    @cached_property
    def _things(self) -> frozenset[str]:
        """Weapons and supplies: what is fired or given, never at whom."""
        return self.lex.classes["weapon_fire"] | self.lex.classes["aid"]

    def _actor_like(self, token: Word) -> bool:
        if token.pos_ == "PROPN" or token.lower_ in _PERSONAL_PRONOUNS:
            return True
        entry = normalise_actor(self._phrase(token, full=False).text)
        return entry.country is not None or entry.sector is not None

    def _temporal(self, token: Word) -> bool:
        return self.lemma(token) in _TIME_WORDS or token.like_num or bool(_DATE_WORD.fullmatch(token.text))

    # --- output --------------------------------------------------------------------------------------------
    def _coded(self, frame: Frame, rank: int) -> Coded:
        actor = self._doer(frame.top)
        if actor is None and frame.top.i != frame.trigger.i:
            actor = self._doer(frame.trigger)
        target = self._target_token(frame)
        if target is not None and actor is not None and target.i == actor.i:
            target = None
        return Coded(
            event_type=frame.event_type,
            mode=frame.mode,
            about_type=frame.about_type,
            modality=self._reading_of(frame),
            trigger=self._mention(frame.trigger.idx, frame.trigger.idx + len(frame.trigger.text)),
            actor=self._phrase(actor, full=False) if actor is not None else None,
            actor_full=self._phrase(actor, full=True) if actor is not None else None,
            target=self._phrase(target, full=False) if target is not None else None,
            target_full=self._phrase(target, full=True) if target is not None else None,
            rank=rank,
            via=frame.via,
            specificity=frame.specificity,
            clause=self._clause_of(frame),
            elsewhere=self._elsewhere(frame),
            modifiers=self._name_modifiers(),
            reporter=self._phrase(frame.reporter, full=False) if frame.reporter is not None else None,
        )

    def _name_modifiers(self) -> tuple[tuple[int, int], ...]:
        base = self.base
        return tuple(
            (t.idx - base, t.idx - base + len(t.text))
            for t in self.words
            if t.dep_ in ("compound", "amod")
            and t.pos_ in ("PROPN", "ADJ")
            and t.head.pos_ == "NOUN"
            and self.lemma(t.head) not in _PLACE_HEADS
        )

    def _clause_of(self, frame: Frame) -> Mention:
        """The outermost word's subtree without its conjoined clauses ("denied X and said Y": not Y)."""
        head = frame.top if frame.top.pos_ not in _NOUN_POS else frame.top.head
        elsewhere = {t.i for c in head.children if c.dep_ == "conj" and c.pos_ in _PREDICATE_POS for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in elsewhere] or [head]
        return self._mention(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))

    def _elsewhere(self, frame: Frame) -> tuple[tuple[int, int], ...]:
        """Spans of clauses conjoined to the event's own: their places belong to their own events."""
        base = self.base
        spans = []
        for ancestor in [frame.top, *frame.top.ancestors]:
            for child in ancestor.children:
                if (
                    child.dep_ == "conj"
                    and child.pos_ in _PREDICATE_POS
                    and child.i != frame.top.i
                    and frame.top.i not in {t.i for t in child.subtree}
                ):
                    words = list(child.subtree)
                    spans.append((words[0].idx - base, words[-1].idx + len(words[-1].text) - base))
        return tuple(spans)

    def _mention(self, start: int, end: int) -> Mention:
        base = self.base
        return Mention(self.text[start:end], start - base, end - base)

    def _phrase(self, token: Word, full: bool) -> Mention:
        """The noun phrase of a head word: without relative clauses, appositions and (unless `full`) most PPs."""
        if self.lemma(token) in _COLLECTIVE_HEADS or token.lower_ in _COLLECTIVE_HEADS:
            inner = [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if inner:
                token = inner[0]
        cut = _PHRASE_CUT_FULL if full else _PHRASE_CUT
        kept = [token]  # a word is kept when every link between it and the head word is
        pending = [token]
        while pending:
            for child in pending.pop().children:
                if child.dep_ in cut or not full and child.dep_ == "prep" and not _is_name_of(child):
                    continue
                kept.append(child)
                pending.append(child)
        left = min(kept, key=lambda t: t.i)
        right = max(kept, key=lambda t: t.i)
        return self._mention(left.idx, right.idx + len(right.text))


def _is_name_of(preposition: Word) -> bool:
    """ "King Hassan of Morocco", "Association of African Jurists": an "of" that is part of a name."""
    return (
        preposition.lower_ == "of"
        and preposition.head.pos_ == "PROPN"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in preposition.children)
    )
