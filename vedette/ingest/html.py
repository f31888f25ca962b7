"""HTML pages: main text and comments via trafilatura; the page's own charset is honoured."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from vedette.ingest.base import (
    IngestOptions,
    Item,
    Quarantined,
    Source,
    decode,
    join_parts,
    make_document,
    quarantine,
    read_whole,
    reader,
)
from vedette.records import Document

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.I)
_OPENS_PAGE = re.compile(r"<(?:html|body)\b", re.I)
_CLOSES_PAGE = re.compile(r"</(?:html|body)\s*>", re.I)


@reader(".html", ".htm", ".xhtml")
def read_html(source: Source, options: IngestOptions) -> Iterator[Item]:
    data = read_whole(source, options)
    if isinstance(data, Quarantined):
        yield data
        return
    yield html_item(data, source.origin)


def html_item(data: bytes, origin: str, url: str | None = None, charset: str | None = None) -> Item:
    """The document of an HTML page, or why it cannot be read (not text, truncated, no article text)."""
    text = decode(data, origin, charset or declared_charset(data) or "utf-8")
    if isinstance(text, Quarantined):
        return text
    if _OPENS_PAGE.search(text[:4096]) and not _CLOSES_PAGE.search(text):
        return quarantine("V111", data, origin=origin)
    document = html_document(text, origin, url=url)
    return document if document is not None else quarantine("V106", data, origin=origin)


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def html_document(html: str, origin: str, url: str | None = None) -> Document | None:
    """Title, main text and comment section of a web page; None when trafilatura finds no article text."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True)
    if extracted is None or not (extracted.text or "").strip():
        return None
    title = (extracted.title or "").strip() or None
    body_lines = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    if title:
        # Themes repeat the <h1> inside the article; keep the headline once.
        body_lines = [line for index, line in enumerate(body_lines) if not (index < 3 and line == title)]
    parts: list[tuple[str | None, str]] = [("headline", title)] if title else []
    parts += [(None, line) for line in body_lines]
    parts += [("comment", line) for line in (extracted.comments or "").split("\n") if line.strip()]
    text, hints = join_parts(parts)
    source = extracted.sitename or None
    return make_document(
        text,
        origin,
        hints=hints,
        title=title,
        source=source,
        url=extracted.url or url,
        published=_date(extracted.date),
        declared_language=(extracted.language or None),
    )


def _date(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
