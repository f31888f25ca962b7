"""Event dates: the date expression nearest the trigger, resolved against the publication date.

A regular expression finds the expressions ("on Monday", "last Tuesday", "Jan",
"5 March", "yesterday", "last week"). A bare weekday is the latest such day up to
the publication day (a report published on a Tuesday about "Tuesday morning" means
that day), or the next one for a planned event; everything else goes to dateparser
with the publication date as its base. Boundaries ("by April", "since March") are
not the event's date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MAY = r"(?:(?<=in |on |of )May|May(?= \d))"  # "May" as a month only in context, never the modal verb
_DATE = re.compile(
    rf"\b(?:(?:last|this|next|on|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:yesterday|today|tonight)\b"
    rf"|\b(?:last|this|next)\s+(?:week|weekend|month|year)\b"
    rf"|\b\d{{1,2}}\s+(?:days?|weeks?|months?)\s+ago\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH}|May)(?:\s+\d{{4}})?\b"
    rf"|\b(?:{_MONTH}|{_MAY})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
)
_BOUNDARY = re.compile(
    r"\b(?:by|until|till|before|after|since|from|to|through|between|and)\s+(?:early\s+|late\s+|mid-?)?$", re.I
)
_BARE_WEEKDAY = re.compile(rf"^(?:on\s+)?({_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?$", re.I)
_LEADING = re.compile(r"^(?:on|early|late)\s+", re.I)


def resolve_date(sentence: str, trigger_at: int, published: datetime | None, planned: bool = False) -> str | None:
    """ISO date of the event told in `sentence` (trigger at character `trigger_at`), else the publication date."""
    if published is None:
        return None
    base = published.replace(tzinfo=None)
    candidates = sorted(_DATE.finditer(sentence), key=lambda m: abs(m.start() - trigger_at))
    for match in candidates:
        if _BOUNDARY.search(sentence[: match.start()]):
            continue
        when = _resolve(match.group(0), base, planned)
        if when is None or (when > base.replace(hour=23, minute=59) and not planned) or (base - when).days > 366:
            continue
        return when.date().isoformat()
    return base.date().isoformat()


def _resolve(text: str, base: datetime, planned: bool) -> datetime | None:
    bare = _BARE_WEEKDAY.match(text)
    if bare:
        wanted = _WEEKDAYS.index(bare.group(1).lower())
        if planned:
            return base + timedelta(days=(wanted - base.weekday()) % 7)
        return base - timedelta(days=(base.weekday() - wanted) % 7)
    return _parse(_LEADING.sub("", text), base)


@lru_cache(maxsize=4096)
def _parse(text: str, base: datetime) -> datetime | None:
    import dateparser

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
