"""Publication times from feed fields, CSV cells and page datelines.

ISO 8601 and RFC 2822 are read exactly; an all-numeric date such as `4/5/2017` is ambiguous and is
read in the order of the `date_order` setting (MDY by default: April 5); anything else goes to
dateparser with the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime

_NUMERIC = re.compile(
    r"^\s*(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})"
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?\s*$",
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
    numeric = _numeric_date(text, date_order)
    if numeric is not None:
        return numeric
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
    hour = int(match.group("hour") or 0)
    if match.group("ampm") and match.group("ampm").lower().startswith("p") and hour < 12:
        hour += 12
    try:
        return datetime(year, month, day, hour, int(match.group("minute") or 0), int(match.group("second") or 0))
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
