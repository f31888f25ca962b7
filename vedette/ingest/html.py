"""HTML pages: main text and comments via trafilatura; the page's own charset is honoured."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any

from vedette.ingest.base import (
    SECTION_BREAK,
    IngestOptions,
    Item,
    Quarantined,
    Source,
    decode,
    join_parts,
    make_document,
    quarantine,
    whole_file_reader,
)
from vedette.records import Document

_BLOCK_TAGS = frozenset(
    "p div li ol ul blockquote h1 h2 h3 h4 h5 h6 pre tr table section article header footer aside nav form".split()
)
_FURNITURE_TAGS = frozenset("nav header footer aside form menu".split())
_SENTENCE = re.compile(r"\w+(?:\W+\w+){4,}.*[.!?…]['\"”’)]*$")
"""Five words or more ending like a sentence: what a post says, unlike a name, a date or a link."""
_MAX_LINK_SHARE = 0.25
"""Above this share of its text in links, a box is a teaser of another page, not a post."""
_SKIPPED_TAGS = frozenset("script style noscript template button input textarea select".split())
_COMMENT_SECTION = re.compile(
    r"(?:^|[\s_/-])(?:comments?(?:-area|-list|-section|list|s-wrap)?|disqus_thread|responses)(?:$|\s)", re.I
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.I)
_OPENS_PAGE = re.compile(r"<(?:html|body)\b", re.I)
_CLOSES_PAGE = re.compile(r"</(?:html|body)\s*>", re.I)


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


@whole_file_reader(".html", ".htm", ".xhtml", charset=declared_charset)
def read_html(source: Source, options: IngestOptions, data: bytes, text: str) -> Iterator[Item]:
    yield _page_item(data, text, source.origin)


def html_item(data: bytes, origin: str, url: str | None = None, charset: str | None = None) -> Item:
    """The document of an HTML page, or why it cannot be read (not text, truncated, no article text)."""
    text = decode(data, origin, charset or declared_charset(data) or "utf-8")
    return text if isinstance(text, Quarantined) else _page_item(data, text, origin, url)


def _page_item(data: bytes, text: str, origin: str, url: str | None = None) -> Item:
    if _OPENS_PAGE.search(text[:4096]) and not _CLOSES_PAGE.search(text):
        return quarantine("V111", data, origin=origin)
    document = html_document(text, origin, url=url)
    return document if document is not None else quarantine("V106", data, origin=origin)


def html_document(html: str, origin: str, url: str | None = None) -> Document | None:
    """Title, main text and comment section of a web page; None when trafilatura finds no article text.

    trafilatura decides which lines are the article; the page itself says where they stand and
    what else a reader sees below them. Lines keep the page's order (trafilatura may move one);
    a comment section is what the page marks as one (id, class or schema.org type), else the
    list of posts below the article (see `_posts`), which follows a section break the segmenter
    weighs as a likely border.
    """
    import trafilatura

    root = _parse(html)
    extracted = trafilatura.bare_extraction(
        root if root is not None else html, include_comments=True, with_metadata=True
    )
    # trafilatura returns its Document (a dict only with as_dict=True); its text is None when it finds none
    if not isinstance(extracted, trafilatura.settings.Document) or not extracted.text or not extracted.text.strip():
        return None
    title = (extracted.title or "").strip() or None
    main_lines = [" ".join(line.split()) for line in extracted.text.split("\n") if line.strip()]
    if title:
        # Themes repeat the <h1> inside the article; keep the headline once.
        main_lines = [line for index, line in enumerate(main_lines) if not (index < 3 and line == title)]
    blocks = _blocks(root) if root is not None else []
    comment_lines = [block.text for block in blocks if block.in_comments] or [
        line.strip() for line in (extracted.comments or "").split("\n") if line.strip()
    ]
    in_comments = set(comment_lines)
    parts: list[tuple[str | None, str]] = [("headline", title)] if title else []
    parts += _laid_out([line for line in main_lines if line not in in_comments], blocks)
    parts += [("comment", line) for line in comment_lines]
    text, hints = join_parts(parts)
    return make_document(
        text,
        origin,
        hints=hints,
        title=title,
        source=extracted.sitename or None,
        url=extracted.url or url,
        published=_date(extracted.date),
        declared_language=(extracted.language or None),
    )


def _parse(html: str) -> Any:
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return None


def _date(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class _Block:
    """One visible line of the page: a block element's text."""

    text: str
    box: Any
    """The element a reader sees it in: the block around a paragraph (`<div class="post">` around a `<p>`), or the
    block itself when it holds further blocks."""
    in_comments: bool
    """Inside an element the page marks as comments."""


def _laid_out(lines: list[str], blocks: list[_Block]) -> list[tuple[str | None, str]]:
    """Main-text lines in page order, the posts below them, and a SECTION_BREAK where a list of posts begins."""
    page = "\n".join(block.text for block in blocks)
    starts = list(accumulate((len(block.text) + 1 for block in blocks[:-1]), initial=0))
    first_block: dict[str, int] = {}
    for index, block in enumerate(blocks):
        first_block.setdefault(block.text, index)
    placed: list[tuple[int, int, str, Any]] = []
    position = 0
    for order, line in enumerate(lines):
        # Most lines are a block's whole text; others (a <br> split, a merged inline run) are found in the page.
        block_index = first_block.get(line)
        found = starts[block_index] if block_index is not None else page.find(line)
        box = None
        if found >= 0:
            position = found
            box = blocks[bisect_right(starts, found) - 1].box
        placed.append((position, order, line, box))
    article = next((box for _, _, _, box in sorted(placed, key=lambda item: item[:2]) if box is not None), None)
    if article is not None:
        present = set(lines)
        first = min(position for position, _, _, box in placed if box is not None)
        posts = _posts(blocks[bisect_right(starts, first) :], _box_kind(article))
        placed += [
            (start, len(lines) + index, block.text, block.box)
            for index, (start, block) in enumerate(zip(starts, blocks, strict=True))
            if block.box in posts and block.text not in present
        ]
    placed.sort(key=lambda item: item[:2])
    parts: list[tuple[str | None, str]] = []
    seen: set[str] = set()
    previous: str | None = None
    for _, _, line, box in placed:
        kind = _box_kind(box) if box is not None else previous
        if parts and kind not in seen and kind != previous and _repeated(box):
            parts.append((SECTION_BREAK, ""))
        parts.append((None, line))
        if kind is not None:
            seen.add(kind)
        previous = kind
    return parts


def _posts(blocks: list[_Block], article_kind: str) -> set[Any]:
    """Boxes below the article that a reader takes for a list of posts, though the page does not mark them.

    A post box is one of several siblings of its own kind (not the article's kind), outside the
    page's navigation, header, footer and sidebars, holds a sentence of its own and is not mostly
    links (a list of related stories is).
    """
    lines_of: dict[Any, list[str]] = {}
    for block in blocks:
        if not block.in_comments:
            lines_of.setdefault(block.box, []).append(block.text)
    posts: set[Any] = set()
    for box, lines in lines_of.items():
        if _box_kind(box) == article_kind or not _repeated(box) or _in_furniture(box):
            continue
        text = " ".join(box.text_content().split())
        links = sum(len(" ".join(a.text_content().split())) for a in box.iter("a"))
        if any(_SENTENCE.search(line) for line in lines) and links < _MAX_LINK_SHARE * len(text):
            posts.add(box)
    return posts


def _in_furniture(element: Any) -> bool:
    return any(isinstance(e.tag, str) and e.tag in _FURNITURE_TAGS for e in element.iterancestors()) or (
        element.tag in _FURNITURE_TAGS
    )


def _box_kind(box: Any) -> str:
    classes = sorted({"".join(c for c in token if not c.isdigit()) for token in (box.get("class") or "").split()})
    return ".".join([box.tag, *classes])


def _repeated(box: Any) -> bool:
    """One of two or more sibling boxes of the same kind (posts in a list, not the one article body)."""
    parent = box.getparent() if box is not None else None
    if parent is None:
        return False
    kind = _box_kind(box)
    same = 0
    for sibling in parent:
        same += isinstance(sibling.tag, str) and _box_kind(sibling) == kind
        if same >= 2:
            return True
    return False


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
    return [block.text for block in _blocks(root)]


def _blocks(root: Any) -> list[_Block]:
    """The visible lines under `root`, one per block element, each with its box and whether it is in marked comments."""
    lines: list[_Block] = []
    current: list[str] = []
    open_blocks: list[Any] = [root]
    comment_depth = 0

    def close() -> None:
        text = " ".join("".join(current).split())
        if text:
            own = open_blocks[-1]
            holds_blocks = any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in own)
            box = own if holds_blocks or len(open_blocks) == 1 else open_blocks[-2]
            lines.append(_Block(text, box, comment_depth > 0))
        current.clear()

    def walk(element: Any) -> None:
        nonlocal comment_depth
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        block = tag in _BLOCK_TAGS
        marked = bool(tag) and _marks_comments(element)
        if block:
            close()
            open_blocks.append(element)
        comment_depth += marked
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
            open_blocks.pop()
        comment_depth -= marked

    walk(root)
    close()
    return lines


def _marks_comments(element: Any) -> bool:
    """The element's id, class or schema.org type says it is comments (a section, a list or one comment)."""
    marker = " ".join(element.get(name, "") for name in ("id", "class", "itemprop", "itemtype"))
    return bool(marker.strip()) and bool(_COMMENT_SECTION.search(marker))
