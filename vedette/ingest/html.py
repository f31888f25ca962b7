"""HTML pages: main text and comments via trafilatura; the page's own charset is honoured."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

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

_BLOCK_TAGS = frozenset(
    "p div li ol ul blockquote h1 h2 h3 h4 h5 h6 pre tr table section article header footer aside nav form".split()
)
_SKIPPED_TAGS = frozenset("script style noscript template button input textarea select".split())
_COMMENT_SECTION = re.compile(
    r"(?:^|[\s_-])(?:comments?(?:-area|-list|-section|list|s-wrap)?|disqus_thread|responses)(?:$|\s)", re.I
)
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
    comment_lines = comment_section_lines(html) or [
        line.strip() for line in (extracted.comments or "").split("\n") if line.strip()
    ]
    in_comments = set(comment_lines)
    parts = [(kind, line) for kind, line in parts if kind is not None or line not in in_comments]
    parts += [("comment", line) for line in comment_lines]
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


def comment_section_lines(html: str) -> list[str]:
    """Visible lines of the page's comment section (names, timestamps and all), or [] when there is none.

    trafilatura's comment text drops the commenters' names and times; the segmenter wants them.
    """
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        marker = f"{element.get('id', '')} {element.get('class', '')}"
        if _COMMENT_SECTION.search(marker):
            return block_lines(element)
    return []


def fragment_text(html: str) -> str:
    """Text of an HTML fragment, one paragraph per block element, paragraphs separated by blank lines."""
    if "<" not in html:
        return html.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    return "\n\n".join(block_lines(root))


def block_lines(root: object) -> list[str]:
    """One line of text per block element under `root`, inline elements joined, scripts left out."""
    lines: list[str] = []
    current: list[str] = []

    def close() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        block = tag in _BLOCK_TAGS
        if block:
            close()
        if tag == "br":
            current.append(" ")
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            close()

    walk(root)
    close()
    return lines
