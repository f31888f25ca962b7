"""Publication times from feed fields, CSV cells and page datelines.

ISO 8601 and RFC 2822 are read exactly; an all-numeric date such as `4/5/2017` is ambiguous and is
read in the order of the `date_order` setting (MDY by default: April 5); an English month name with
day and year ("March 4, 2026", "4 March 2026 at 10:05 am") is read directly too. Anything else goes
to dateparser with the same order (a few milliseconds a call, which a page's dateline should not cost).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime

_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_NUMERIC = re.compile(rf"^\s*(?P<a>\d{{1,4}})[/.-](?P<b>\d{{1,2}})[/.-](?P<c>\d{{1,4}})(?:[ T]+{_CLOCK})?\s*$", re.I)
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number], "Sept" if number == 9 else "")
    if name
}
_MONTH_NAME = re.compile(
    r"^\s*(?:(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?|(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+"
    rf"(?P<month_after>[a-z]{{3,9}})\.?),?\s+(?P<year>\d{{4}})(?:,?\s*(?:at\s+|-\s*)?{_CLOCK})?\s*$",
    re.I,
)
_DATELINE = re.compile(r"^\s*(?:posted|published|updated)(?:\s+on)?[:\s]+(?P<when>.+?)(?:\s+by\s+.*)?$", re.I)


def parse_time(value: object, date_order: str = "MDY") -> datetime | None:
    """A datetime from a field value, or None when it does not read as a date."""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    direct = _numeric_date(text, date_order) or _month_name_date(text)
    if direct is not None:
        return direct
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    try:
        return dateparser.parse(text, settings={"DATE_ORDER": date_order, "RETURN_AS_TIMEZONE_AWARE": False})
    except (ValueError, OverflowError):
        return None


def _numeric_date(text: str, date_order: str) -> datetime | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = (int(match.group(k)) for k in "abc")
    if len(match.group("a")) == 4:
        year, month, day = a, b, c
    else:
        first, second = (a, b) if date_order != "YMD" else (b, c)
        month, day = (first, second) if date_order != "DMY" else (second, first)
        year = c if date_order != "YMD" else a
        if year < 100:
            year += 2000 if year < 70 else 1900
    return _datetime(year, month, day, match)


def _month_name_date(text: str) -> datetime | None:
    match = _MONTH_NAME.match(text)
    if not match:
        return None
    month = _MONTHS.get((match.group("month") or match.group("month_after")).lower())
    if month is None:
        return None
    day = int(match.group("day") or match.group("day_first"))
    return _datetime(int(match.group("year")), month, day, match)


def _datetime(year: int, month: int, day: int, clock: re.Match[str]) -> datetime | None:
    """The date with the time of day `clock` matched (midnight when it matched none), or None when it does not exist."""
    hour = int(clock.group("hour") or 0)
    ampm = (clock.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, int(clock.group("minute") or 0), int(clock.group("second") or 0))
    except ValueError:
        return None


def published_from_dateline(lines: Iterable[str], date_order: str = "MDY") -> datetime | None:
    """The date of a scraped page's "Posted on March 4, 2026 by …" line, if any."""
    for line in lines:
        match = _DATELINE.match(line)
        if match:
            parsed = parse_time(match.group("when"), date_order)
            if parsed:
                return parsed
    return None
