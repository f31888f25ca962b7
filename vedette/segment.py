"""Segment: split a page into headline, attribution, body, comments and boilerplate.

A page is read line by line. Lines a reader recognises on sight get their kind directly:
boilerplate (share rows, cookie notes, "Read more", navigation), meta (datelines, bylines,
comment timestamps, "Reply", "12 likes", commenter names) and attribution ("Source: X",
"via X", "X reports:"). What is left are paragraphs, and there the hard question is where the
article stops and the reader comments begin, since plain-text pages carry no markup.

That switch is found the way a reader finds it: comments speak in the first and second person,
ask and exclaim, react ("Good, ..."), generalise and give advice, are short, informal and signed,
while the article reports in the third person, quotes people ("...," the governor said) and
closes with the wire's formulas ("did not comment"). Each paragraph gets a comment-evidence
score, the page's comment-section cues (a "3 Comments" header, "Reply" lines, name lines,
timestamps) count strongly for comments, and the border is the single change point that
maximises the summed evidence of the tail (comments always follow the article), opening on a
unit that reads as a comment; with too little evidence there are no comments. The tail is then
cut into comment blocks, each with its author when one is signed.

Readers that know part of the structure (HTML title and comment section, a feed's title) pass
it as segment hints; only the unmarked rest is segmented this way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vedette.ingest.dates import published_from_dateline
from vedette.records import Document, Segment

# --- what paragraphs say -------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z']+")
_QUOTED = re.compile(r"[\"“][^\"“”]{0,600}[\"”]")
_FIRST_SECOND_PERSON = frozenset(
    "i i'm i've i'd i'll me my mine myself we we're we've we'd us our ours you you're you've you'd you'll your "
    "yours yourself u ur".split()
)
# The word lists below are matched against lower-cased text: much faster than re.I for long alternations.
_INFORMAL_WORDS = re.compile(
    r"\b(?:w/|lol|lmao|smh|wtf|omg|imo|imho|btw|fyi|tbh|dont|cant|wont|doesnt|isnt|im|ppl|gonna|wanna|yeah|yep|nope|"
    r"folks|guys)(?:\b|(?<=/))"
)
_INFORMAL_MARKS = re.compile(r"\s&\s|!{2,}|\?{2,}|:\)|;\)|:\(|\.\.\.|(?:^|\s)@\w+")
_OPINION = re.compile(
    r"\b(?:shame|shameful|disgrace\w*|propaganda|liars?|idiots?|stupid|ridiculous|pathetic|nonsense|rubbish|"
    r"joke|hope|pray|bless|disagree|fake|hypocri\w+|wake up|sheep|msm|of course|obviously|clearly they|please|"
    r"typical|another one|well done|bravo|thank(?:s| you)|congrat\w*|good riddance|let's see|we'll see|enough|exactly|"
    r"rest in peace|rip|condolences|god have mercy|may god|god willing|inshallah|good|bad|great|brave|heroe?s?|"
    r"horrible|terrible|scary|sad|nice|awful|disgusting|evil|criminals?|rats|cowards?|honest question|"
    r"here we go|same (?:story|script|road|old)|every (?:time|year|week|month|winter|summer)|as always|as usual|"
    r"stay safe|nobody cares|the world)\b",
)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_SHOUT = re.compile(r"\b[A-Z]{5,}\b[!?.]?")
_REPORTING = re.compile(
    r"\b(?:said|told|according to|reported|announced|stated|confirmed|claimed|spokes(?:man|woman|person)|"
    r"(?<!they )(?<!people )(?<!everyone )says?|claims?|sources? (?:said|say|close)|"
    r"(?:on|late on|early on) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|"
    # The wire's closing formulas: who did not comment, what could not be verified, what it comes amid.
    r"\b(?:(?:did not|declined to|would not|refused to) (?:immediately )?(?:comment|respond)|no (?:immediate )?comment|"
    r"commented on|claimed responsibility|(?:no|neither) (?:group|side|party|one) (?:has )?(?:claimed|commented)|"
    r"could not (?:be )?(?:independently )?(?:verif|confirm|reach)\w*|(?:comes|came) (?:amid|as|after|days after))\b",
)
_GENERALISING = re.compile(
    r"\b(?:always|never|nobody|no one|everyone|everybody|everything|nothing|anyone who|all these|these people|"
    r"once again|yet again|again and again)\b",
)
"""A reader generalises ("they always", "nobody cares"); a report tells what happened this time."""
_ADVICE = re.compile(
    r"\b(?:should(?:n't| not)?|must|ought to|needs? to|let'?s|let them|why (?:do|does|did|is|are|would|should|not)|"
    r"how (?:can|could|do|does|is|long)|who (?:cares|believes|needs))\b",
)
"""What someone ought to do, and questions put to the reader: a commenter's voice (quotes are removed first)."""
_INTERJECTION = re.compile(
    r"^\W*(?:good|great|exactly|sure|yes|yeah|no|nope|well|wow|finally|agreed|indeed|true|correct|wrong|right|so|oh|"
    r"ah|ha+|lol|nice|sad|shame|bravo|thanks|thank you|amen|lies|nonsense|rubbish|typical|unbelievable|incredible|"
    r"hmm+|ok(?:ay)?|please|update|correction|funny|interesting)\s*[,.!?:;]",
    re.I,
)
"""A paragraph that opens with a one-word reaction ("Good, ...", "Exactly.") answers something; reports do not."""
_UNMARKED_QUESTION = re.compile(
    r"^\W*(?:what|why|how|who|where|when)\s+(?:\w+\s+)?(?:did|do|does|is|are|was|were|can|could|will|would|should)\b",
    re.I,
)
"""A question asked without its question mark ("what did anyone expect")."""
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", ":", "…")

# --- what lines are, on sight --------------------------------------------------------------------

_SOCIAL = (
    r"(?:share|shares|tweet|facebook|twitter|x|whatsapp|telegram|e-?mail|linkedin|reddit|print|copy link|"
    r"pinterest|messenger|vk|flipboard|pocket)"
)
_BOILERPLATE = re.compile(
    r"^\s*(?:share this|share on\b|share:|sharing is caring|read more\b|read also\b|see also\b|related(?: posts|"
    r" articles| stories| coverage| news|:)|more from\b|more on this\b|tags?:|tagged\b|filed under|posted in\b|"
    r"categor(?:y|ies):|click here|subscribe|sign up|sign in to comment|log in to (?:comment|reply)|we use cookies|"
    r"this (?:web)?site uses cookies|by continuing to (?:use|browse)|accept(?: all)? cookies|"
    r"cookie (?:policy|settings|notice)|manage cookies|"
    r"advertisement|sponsored|leave a (?:comment|reply)|post a comment|add a comment|cancel reply|comments are closed|"
    r"your email address will not be published|required fields are marked|notify me of|print this|follow us|"
    r"copyright|all rights reserved|©|\(c\) ?(?:19|20)\d\d|privacy policy|terms of (?:use|service)|skip to (?:main )?"
    r"content|back to top|previous (?:post|article|story)|next (?:post|article|story)|you may also like|recommended for"
    r" you|most read|trending now|newsletter|load more|show more comments|view all comments|(?:photo|image|picture|"
    r"video) ?(?:credit)?:|(?:editing|reporting|writing|additional reporting) by|\(editing by|\(reporting by|listen to "
    r"this article|\d+ min(?:ute)?s? read|join our|download our app|support (?:our|independent) journalism|"
    r"sort(?:ed)? by\b|(?:newest|oldest|best|top) first$|accept$|decline$|menu$|search$|home$)",
    re.I,
)
_SHARE_ROW = re.compile(rf"^\s*(?:{_SOCIAL}\b[\s|:·•/,-]*)+$", re.I)
_NAV_ROW = re.compile(r"^\s*(?:[^|»›>/\s][^|»›>/]{0,25}\s*[|»›>/]\s*){2,}[^|»›>/]{1,25}$")
_SECTION_HEADER = re.compile(
    r"^\s*(?:\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)|(?:reader\s+|user\s+)?comments?\s*(?:\(\d+\))?:?|"
    r"join the (?:discussion|conversation)|have your say|discussion|what do you think\??|responses to\b.*)\s*$",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{3,4}))?"
_AGO = r"\d+\s*(?:s|m|h|d|w|mo|y|sec|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|just now|yesterday"
_TIMESTAMP = re.compile(
    rf"^\s*(?:posted\s+)?(?:on\s+)?(?:{_DATE}(?:,?\s*(?:at|@|-|–|—)?\s*{_TIME})?|{_TIME}|{_AGO}|\d+[hmdw])\s*$", re.I
)
_CHROME = re.compile(
    r"^\s*(?:(?:reply|report|like|dislike|share|flag|permalink|edit|quote|upvote|downvote|report abuse|see more)"
    r"(?:\s*\(\d+\))?\s*[·|•↓]?\s*)+$|^\s*[▲▼↑↓+-]?\s*\d+\s*(?:likes?|upvotes?|points?|replies|votes?|"
    r"thumbs up|people like this)?\s*[▲▼↑↓]?\s*$|^\s*(?:in reply to|replying to)\b.{0,40}$",
    re.I,
)
_NAME = r"@?[A-Za-z][\w'’.-]*(?:[ _][A-Za-z0-9][\w'’.-]*){0,2}"
_WHEN = rf"(?:{_DATE}|{_AGO}|{_TIME}|\d+[hmdw])"
_AUTHOR_LINE = re.compile(
    rf"^\s*(?P<name>{_NAME})\s*(?:(?:says|said|wrote|writes|commented|replied)(?:\s+on\s+{_WHEN}.*?)?\s*:?|"
    rf"(?:[·|•,–—-]|\bon\b)?\s*{_WHEN}.*?(?:said:?|says:?|wrote:?)?)\s*$",
    re.I,
)
_PARTICLE = r"(?:al|el|bin|ibn|abu|de|da|van|von|der|la|le)[-\s]"
_BARE_NAME = re.compile(
    rf"^\s*@?(?:[A-Z]\.\s?)?[A-Z][\w'’-]*(?:[ _](?:{_PARTICLE})?[A-Z0-9][\w'’-]*){{0,3}}(?:\s[A-Z]\.)?\s*$|"
    r"^\s*@?[A-Za-z][A-Za-z]*[._\d][\w.]*(?<!\.)\s*$"
)
_SIGNATURE = re.compile(r"^\s*(?:—|–|--|~|-)\s*(?P<name>@?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s*$")
_CLOSING = re.compile(
    r"^\s*(?:share|tags?:|tagged|filed under|posted in|categor|source|via|\(?editing by|\(?reporting by|related|"
    r"more from|you may also like|recommended|originally|first published|republished)|" + _SHARE_ROW.pattern,
    re.I,
)
_DATELINE = re.compile(r"^\s*(?:posted|published|updated|last updated)\b", re.I)
_BYLINE = re.compile(
    rf"^\s*(?:by\s+[A-Z].{{0,80}}|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}\s*(?:[|,·•–—-]|\bfor\b)\s*.{{0,60}}|"
    rf"(?:staff|special) (?:reporter|correspondent|writer)s?\b.{{0,60}}|{_DATE}.{{0,40}})$",
)
_STANDALONE_CREDIT = re.compile(
    r"^\s*(?:source|sources|via|h/t|credit|originally published (?:by|in|at)|first published (?:by|in|at)|"
    r"(?:this (?:article|report|story) (?:was|is) )?(?:first |originally )?(?:published|republished|reprinted) "
    r"(?:by|from|with permission (?:of|from))|courtesy(?: of)?)\s*:?\s*(?P<source>[A-Z@][\w.&'’ -]{1,60}?)[\s.]*$",
    re.I,
)
_LEADING_CREDIT = re.compile(
    r"\s*(?P<source>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s+(?:reports|reported|writes|wrote|says)\s*:\s*"
)
_NEWS_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z'’.-]+(?:[ ,/]+[A-Z][A-Za-z'’.-]+){0,3},?\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2},?\s*)?)?"
    r"\((?P<source>[A-Z][\w.&'’ -]{1,40})\)\s*[-–—]+\s*"
)

# --- the change point ----------------------------------------------------------------------------

CHANGE_POINT_THRESHOLD = 0.5
"""Evidence a paragraph needs to count for the comments rather than the article."""
MIN_TAIL_EVIDENCE = 0.4
"""Summed evidence the whole tail needs before a page is said to have comments at all."""
SECTION_HEADER_EVIDENCE = 3.0
SCRIPT_SHIFT_EVIDENCE = 1.0
"""A paragraph in another script than the article's: readers comment in their own language."""
LENGTH_SHIFT_EVIDENCE = 0.3
"""A paragraph under half the length of the article's opening paragraphs: readers write short."""
CLOSING_EVIDENCE = 0.6
"""Paragraphs after the article's closing furniture (share row, tags, source credit) lean to comments, those before
it to the article."""
SECTION_BREAK_EVIDENCE = 0.5
"""A border where the page leaves a wider gap than between its other paragraphs (in HTML: where the main text
passes into a list of boxes of a new kind)."""
COMMENT_CUE_EVIDENCE = 1.5
"""A timestamp, "Reply", "12 likes" or a commenter's name line: comment-section furniture."""


@dataclass
class _Line:
    start: int
    end: int
    text: str
    gap: int
    """Blank lines before this one."""
    hint: str | None
    """The kind a reader's segment hint gives this line, if any."""


@dataclass
class _Unit:
    """A paragraph (one or more adjacent lines) or a single line recognised on sight."""

    lines: list[_Line]
    kind: str
    """"text" for a paragraph, else boilerplate / meta / attribution / header / cue."""
    author: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def segment(doc: Document) -> Document:
    """The document with `segments` filled in, and `title` and `published` when the page shows them."""
    lines = _lines(doc.text, doc.segments)
    segments: list[Segment] = []
    has_headline = any(line.hint == "headline" for line in lines)
    index = 0
    while index < len(lines):
        hint = lines[index].hint
        run_end = index
        while run_end < len(lines) and lines[run_end].hint == hint:
            run_end += 1
        run = lines[index:run_end]
        if hint == "headline":
            segments.append(Segment(kind="headline", start=run[0].start, end=run[-1].end))
        elif hint == "comment":
            segments += _comment_segments(run)
        else:
            segments += _segment_plain(doc.text, run, find_headline=not has_headline and index == 0)
        index = run_end
    headline = next((doc.text[s.start : s.end] for s in segments if s.kind == "headline"), None)
    meta = (doc.text[s.start : s.end] for s in segments if s.kind == "meta")
    return doc.model_copy(
        update={
            "segments": segments,
            "title": doc.title or (" ".join(headline.split()) if headline else None),
            "published": doc.published or published_from_dateline(meta),
        }
    )


def _lines(text: str, hints: list[Segment]) -> list[_Line]:
    lines: list[_Line] = []
    offset, gap = 0, 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.rstrip()
        if stripped.strip():
            start = offset + len(raw) - len(raw.lstrip())
            end = offset + len(stripped)
            hint = next((h.kind for h in hints if h.start <= start < h.end), None)
            lines.append(_Line(start, end, text[start:end], gap, hint))
            gap = 0
        else:
            gap += 1
        offset += len(raw)
    return lines


def comment_evidence(paragraph: str) -> float:
    """How much a paragraph reads like a reader comment rather than reporting (about -1.5..4)."""
    plain = paragraph.replace("’", "'")
    unquoted = _QUOTED.sub(" ", plain)
    words = [w.lower() for w in _WORD.findall(unquoted)]
    if not words:
        return 0.0
    personal = sum(w in _FIRST_SECOND_PERSON for w in words) / len(words)
    score = min(personal * 12, 1.5)
    questions = unquoted.count("?") or int(bool(_UNMARKED_QUESTION.match(unquoted)))
    score += 0.5 * min(questions + unquoted.count("!"), 2)
    lowered = unquoted.lower()
    score += min(0.6 * (len(_INFORMAL_WORDS.findall(plain.lower())) + len(_INFORMAL_MARKS.findall(plain))), 1.8)
    score += min(0.4 * len(_OPINION.findall(lowered)), 0.8)
    score += 0.4 * bool(_SHOUT.search(unquoted))
    score += min(0.3 * len(_GENERALISING.findall(lowered)), 0.6)
    score += min(0.3 * len(_ADVICE.findall(lowered)), 0.6)
    score += 0.5 * bool(_INTERJECTION.match(unquoted))
    if len(words) < 25:
        score += 0.4 if len(words) < 12 else 0.2
    if paragraph[:1].islower():
        score += 0.3
    if not paragraph.rstrip().endswith(_SENTENCE_ENDS):
        score += 0.3  # edited text ends its paragraphs like sentences; a quick post often does not
    if _REPORTING.search(lowered):
        score -= 0.8
    return score


def _line_kind(text: str) -> tuple[str, str | None]:
    """What a line is on sight: (kind, author) with kind header / boilerplate / cue / author / attribution / text."""
    if _DATELINE.match(text) and len(text) < 100:
        return "meta", None
    if _SECTION_HEADER.match(text):
        return "header", None
    if _BOILERPLATE.match(text) or _SHARE_ROW.match(text) or _NAV_ROW.match(text):
        return "boilerplate", None
    if _TIMESTAMP.match(text) or _CHROME.match(text):
        return "cue", None
    author = _AUTHOR_LINE.match(text)
    if author and len(text) < 120:
        return "author", author.group("name").strip()
    if (_STANDALONE_CREDIT.match(text) and len(text.split()) <= 12) or _LEADING_CREDIT.fullmatch(text):
        return "attribution", None
    return "text", None


def _units(lines: list[_Line], headline_first: bool = False) -> list[_Unit]:
    """Lines recognised on sight stand alone; the others join their neighbours (no blank line between) in paragraphs.

    A page with no blank lines at all has a paragraph per line; a headline is always a line of its own,
    and so is a name that opens a paragraph (a commenter's name above what they wrote).
    """
    dense = all(line.gap == 0 for line in lines[1:])
    units: list[_Unit] = []
    name_above = False
    for line in lines:
        kind, author = _line_kind(line.text)
        previous = units[-1] if units else None
        first_text = headline_first and all(u.kind != "text" for u in units[:-1])
        joins = kind == "text" and previous is not None and previous.kind == "text" and line.gap == 0 and not dense
        if previous is not None and joins and not first_text and not name_above:
            previous.lines.append(line)
        else:
            units.append(_Unit([line], kind, author))
        name_above = kind == "text" and len(units[-1].lines) == 1 and _is_name(line.text)
    for previous, unit in zip(units, units[1:], strict=False):
        # Under "Related posts" or "Read more": a list of linked headlines, not article text.
        if (
            previous.kind == "boilerplate"
            and unit.kind == "text"
            and len(unit.lines) > 1
            and all(_looks_like_link(line.text) for line in unit.lines)
        ):
            unit.kind = "boilerplate"
    return units


def _looks_like_link(line: str) -> bool:
    return len(line.split()) <= 15 and not line.rstrip().endswith((".", "!", "?", ":"))


def _segment_plain(text: str, lines: list[_Line], find_headline: bool) -> list[Segment]:
    units = _units(lines, headline_first=find_headline)
    segments: list[Segment] = []
    first = 0
    while first < len(units) and units[first].kind == "boilerplate":
        segments.append(_unit_segment(units[first], "boilerplate"))
        first += 1
    if find_headline and first < len(units) and _looks_like_headline(units[first]):
        segments.append(_unit_segment(units[first], "headline"))
        first += 1
    # Datelines, bylines and kickers sit between the headline and the first paragraph.
    while first < len(units) and _is_top_meta(units[first]):
        kind = "boilerplate" if units[first].kind == "boilerplate" else "meta"
        segments.append(_unit_segment(units[first], kind))
        first += 1
    content = units[first:]
    split = _comment_change_point(content)
    for unit in content[:split]:
        segments += _article_segments(text, unit)
    segments += _comment_segments([line for unit in content[split:] for line in unit.lines])
    return segments


def _looks_like_headline(unit: _Unit) -> bool:
    words = unit.text.split()
    return unit.kind == "text" and len(unit.lines) == 1 and 0 < len(words) <= 25 and not unit.text.endswith(":")


def _is_top_meta(unit: _Unit) -> bool:
    if unit.kind in ("boilerplate", "cue", "meta"):
        return True
    if unit.kind not in ("text", "author") or len(unit.lines) > 1:
        return False
    line = unit.text
    words = line.split()
    short_label = len(words) <= 4 and not line.rstrip().endswith((".", "!", "?", '"', "”"))
    return bool(_DATELINE.match(line) or (len(words) <= 14 and _BYLINE.match(line)) or short_label)


def _article_segments(text: str, unit: _Unit) -> list[Segment]:
    if unit.kind == "boilerplate" or unit.kind == "header":
        return [_unit_segment(unit, "boilerplate")]
    if unit.kind == "attribution":
        match = _STANDALONE_CREDIT.match(unit.text)
        source = match.group("source").strip() if match else None
        return [_unit_segment(unit, "attribution").model_copy(update={"source": source})]
    if unit.kind == "cue":
        # A timestamp between article paragraphs is part of the article (a live blog's "16:32").
        return [_unit_segment(unit, "body")]
    if unit.kind in ("author", "meta"):
        return [_unit_segment(unit, "meta")]
    return _split_attribution(text, _unit_segment(unit, "body"))


def _unit_segment(unit: _Unit, kind: str) -> Segment:
    return Segment(kind=kind, start=unit.lines[0].start, end=unit.lines[-1].end)  # type: ignore[arg-type]


def _is_cue(unit: _Unit) -> bool:
    """Comment-section furniture: a timestamp, "Reply", a name line, a "— Karim" signature."""
    if unit.kind in ("cue", "author"):
        return True
    return unit.kind == "text" and (_is_name_line(unit) or (len(unit.lines) == 1 and bool(_SIGNATURE.match(unit.text))))


def _paragraph_evidence(unit: _Unit, script: str | None) -> float:
    signed = len(unit.lines) > 1 and _SIGNATURE.match(unit.lines[-1].text)
    score = comment_evidence(unit.text) - CHANGE_POINT_THRESHOLD + (COMMENT_CUE_EVIDENCE if signed else 0.0)
    if script is not None and _script(unit.text) not in (None, script):
        score += SCRIPT_SHIFT_EVIDENCE
    return score


def _script(text: str) -> str | None:
    """ "latin" or "other" by the majority of letters (a comment in Arabic under an English article)."""
    if text.isascii():
        return "latin" if _LATIN_LETTER.search(text) else None
    letters = len(_ANY_LETTER.findall(text))
    if not letters:
        return None
    return "latin" if len(_LATIN_LETTER.findall(text)) * 2 >= letters else "other"


def _is_name_line(unit: _Unit) -> bool:
    return len(unit.lines) == 1 and _is_name(unit.text)


def _is_name(line: str) -> bool:
    return bool(_BARE_NAME.match(line)) and len(line.split()) <= 4


def _unit_scores(units: list[_Unit]) -> list[float]:
    """Comment evidence of each unit, less the threshold: positive leans to comments."""
    script = _script(" ".join(u.text for u in units if u.kind == "text")[:3000])
    paragraphs = [index for index, unit in enumerate(units) if unit.kind == "text" and not _is_cue(unit)]
    # The article's opening paragraphs set the length a paragraph of this page has; comments are not counted.
    lengths = sorted(len(units[i].text.split()) for i in paragraphs[:2])
    typical = lengths[0] if lengths else 0
    closing = _closing_furniture(units, paragraphs)
    paragraph_set = set(paragraphs)
    scores = [0.0] * len(units)
    for index in paragraphs:
        unit = units[index]
        scores[index] = _paragraph_evidence(unit, script)
        if len(unit.text.split()) * 2 < typical:
            scores[index] += LENGTH_SHIFT_EVIDENCE
        if closing is not None:
            scores[index] += CLOSING_EVIDENCE if index > closing else -CLOSING_EVIDENCE
    for index, unit in enumerate(units):
        if unit.kind == "header":
            scores[index] = SECTION_HEADER_EVIDENCE
        elif _is_cue(unit):
            # Furniture counts when it sits by a paragraph a reader could have written, not by reporting
            # (a live blog's "16:32" above a paragraph of news, a subheading in Title Case).
            nearby = [scores[i] for i in (index - 1, index + 1) if i in paragraph_set]
            scores[index] = COMMENT_CUE_EVIDENCE if any(score > -CHANGE_POINT_THRESHOLD for score in nearby) else 0.0
    return scores


def _closing_furniture(units: list[_Unit], paragraphs: list[int]) -> int | None:
    """Index of the article's closing furniture (share row, tags, source line) when paragraphs stand on both sides."""
    if not paragraphs:
        return None
    for index in range(paragraphs[0] + 1, paragraphs[-1]):
        unit = units[index]
        if unit.kind in ("boilerplate", "attribution") and _CLOSING.match(unit.text):
            return index
    return None


def _comment_change_point(units: list[_Unit]) -> int:
    """Index of the first comment unit (len(units) when the page has no comments).

    The tail must open with a unit that reads as a comment (or comment furniture): a comment
    section does not start with a paragraph of reporting, nor before a "3 Comments" header.
    """
    scores = _unit_scores(units)
    best_split, best_gain, gain = len(units), MIN_TAIL_EVIDENCE, 0.0
    first_text = next((i for i, u in enumerate(units) if u.kind == "text"), len(units))
    header = next((i for i, u in enumerate(units) if u.kind == "header"), 0)
    gaps = Counter(unit.lines[0].gap for unit in units[first_text + 1 :])
    usual_gap = gaps.most_common(1)[0][0] if gaps else 0
    for index in range(len(units) - 1, first_text, -1):  # the article keeps its first paragraph
        gain += scores[index]
        border = gain + (SECTION_BREAK_EVIDENCE if units[index].lines[0].gap > usual_gap else 0.0)
        if gain > 0 and border > best_gain and scores[index] > 0 and index >= header:
            best_split, best_gain = index, border
    # A thread repeats its furniture: a name line and a paragraph laid out like the comments below are a comment
    # too, however much it reads like reporting.
    while (
        len(units) > best_split > max(first_text, header - 1) + 2
        and _furniture(units[best_split]) is not None
        and _furniture(units[best_split - 2]) == _furniture(units[best_split])
        and units[best_split - 1].kind == "text"
        and not _is_cue(units[best_split - 1])
    ):
        best_split -= 2
    # Furniture right after the article (a share row, "Leave a comment") belongs to neither side.
    while best_split < len(units) and units[best_split].kind == "boilerplate":
        best_split += 1
    return best_split


def _furniture(unit: _Unit) -> str | None:
    """What kind of comment furniture a unit is: "name", "author" ("Name says:"), "cue" (a timestamp, "Reply")."""
    if unit.kind in ("author", "cue"):
        return unit.kind
    return "name" if unit.kind == "text" and _is_name_line(unit) else None


def _comment_segments(lines: list[_Line]) -> list[Segment]:
    """Comment blocks with their authors, and the furniture around them as meta or boilerplate.

    A comment starts after a name line, a timestamp or "Reply", or at a blank line; when the page
    separates comments by two or more blank lines, single blank lines stay inside one comment.
    """
    segments: list[Segment] = []
    texts = [line for line in lines if _line_kind(line.text)[0] == "text"]
    wide_gaps = any(line.gap >= 2 for line in texts[1:])
    author: str | None = None
    current: Segment | None = None
    for line in lines:
        kind, named = _line_kind(line.text)
        signature = _SIGNATURE.match(line.text)
        if kind == "text" and _is_name(line.text) and not signature:
            kind, named = "author", line.text.strip()
        if kind in ("header", "boilerplate"):
            segments.append(Segment(kind="boilerplate", start=line.start, end=line.end))
            current, author = None, None
        elif kind == "author":
            segments.append(Segment(kind="meta", start=line.start, end=line.end))
            current, author = None, named
        elif kind in ("cue", "attribution", "meta"):
            segments.append(Segment(kind="meta", start=line.start, end=line.end))
            current = None
        elif signature and current is not None and line.gap <= 1:
            current.end = line.end
            current.author = current.author or signature.group("name").lstrip("@")
            current = None
        elif current is not None and (line.gap == 0 or (wide_gaps and line.gap < 2)):
            current.end = line.end
        else:
            current = Segment(kind="comment", start=line.start, end=line.end, author=author)
            segments.append(current)
            author = None
    return segments


def _split_attribution(text: str, segment: Segment) -> list[Segment]:
    """Leading credits split off a body paragraph: "X reports:" (possibly nested) and "CITY (Agency) -"."""
    pieces: list[Segment] = []
    start = segment.start
    while True:
        match = _LEADING_CREDIT.match(text, start, segment.end) or _NEWS_DATELINE.match(text, start, segment.end)
        if not match or match.end() >= segment.end:
            break
        pieces.append(Segment(kind="attribution", start=start, end=match.end(), source=match.group("source").strip()))
        start = match.end()
    pieces.append(Segment(kind="body", start=start, end=segment.end))
    return pieces
