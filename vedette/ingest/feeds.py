"""RSS and Atom feeds (feedparser): each entry is a document; the feed's title is its outlet."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from vedette.ingest.base import IngestOptions, Item, Source, quarantine, titled_document, whole_file_reader
from vedette.ingest.html import fragment_text

_LOOKS_LIKE_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


@whole_file_reader(".rss", ".atom", ".xml")
def read_feed(source: Source, options: IngestOptions, data: bytes, text: str) -> Iterator[Item]:
    import feedparser

    if not _LOOKS_LIKE_FEED.search(data[:4096]):
        yield quarantine("V116", data, origin=source.origin, detail="no <rss>, <feed> or <rdf:RDF> element")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        yield quarantine("V116", data, origin=source.origin, detail=str(problem) if problem else "no entries")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, start=1):
        origin = f"{source.origin}:{number}"
        body = _entry_text(entry)
        if not body.strip():
            yield quarantine("V117", _entry_payload(entry), origin=origin)
            continue
        yield titled_document(
            entry.get("title"),
            body,
            origin,
            source=outlet,
            url=entry.get("link") or None,
            published=_entry_time(entry),
            declared_language=(feed.feed.get("language") or "")[:2].lower() or None,
        )


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "") or entry.get("description", "")
    return fragment_text(html or "")


def _entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _entry_payload(entry: Any) -> bytes:
    return f"{entry.get('title', '')}\n{entry.get('link', '')}".encode()
