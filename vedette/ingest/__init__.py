"""Ingest: turn files into `Document` records, or into `Quarantined` ones.

Every input ends up as exactly one of the two, so a run can always account for
what it read. Readers are registered per file suffix in `READERS`; to add a
format, write a reader `(path) -> Iterator[Document | Quarantined]` and
register it with `@reader(".ext")`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from vedette.errors import VedetteError
from vedette.records import Document, Quarantined, Segment, document_id

Reader = Callable[[Path], Iterator[Document | Quarantined]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn

    return register


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Quarantined]:
    """Documents and quarantined inputs from files and directories, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from (item for f in files if f.suffix.lower() in READERS for item in read_file(f))
        elif path.exists():
            yield from read_file(path)
        else:
            yield _quarantine(VedetteError("V109", origin=path), b"")


def read_file(path: Path) -> Iterator[Document | Quarantined]:
    read = READERS.get(path.suffix.lower())
    if read is None:
        supported = ", ".join(sorted(READERS))
        yield _quarantine(VedetteError("V108", origin=path, suffix=path.suffix, supported=supported), b"")
        return
    yield from read(path)


def _quarantine(error: VedetteError, payload: bytes) -> Quarantined:
    return Quarantined(origin=str(error.fields["origin"]), reason=str(error), payload=payload)


def _decode(path: Path) -> tuple[str | None, Quarantined | None]:
    """The file's text, or the reason it cannot be read as text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, _quarantine(VedetteError("V107", origin=path, detail=exc.strerror or exc), b"")
    if not data.strip():
        return None, _quarantine(VedetteError("V101", origin=path), data)
    if b"\x00" in data[:4096]:
        return None, _quarantine(VedetteError("V103", origin=path), data)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, _quarantine(VedetteError("V102", origin=path, detail=f"byte {exc.start}"), data)


_DATELINE = re.compile(r"^\s*(?:posted|published|updated)(?:\s+on)?[:\s]+(?P<when>.+?)(?:\s+by\s+.*)?$", re.I)


def published_from_dateline(lines: Iterable[str]) -> datetime | None:
    """The date of a scraped page's "Posted on March 4, 2026 by …" line, if any."""
    import dateparser

    for line in lines:
        match = _DATELINE.match(line)
        if match:
            parsed = dateparser.parse(match.group("when"), settings={"DATE_ORDER": "MDY", "RETURN_AS_TIMEZONE_AWARE": False})
            if parsed:
                return parsed
    return None


@reader(".txt", ".text")
def read_text(path: Path) -> Iterator[Document | Quarantined]:
    text, problem = _decode(path)
    if problem:
        yield problem
        return
    assert text is not None
    text = text.replace("\r\n", "\n")
    lines = [line for line in text.splitlines() if line.strip()]
    yield Document(
        id=document_id(text, None),
        text=text,
        origin=str(path),
        title=lines[0].strip() if lines else None,
        published=published_from_dateline(lines[1:6]),
    )


@reader(".html", ".htm")
def read_html(path: Path) -> Iterator[Document | Quarantined]:
    text, problem = _decode(path)
    if problem:
        yield problem
        return
    assert text is not None
    document = html_document(text, origin=str(path))
    yield document if document else _quarantine(VedetteError("V106", origin=path), text.encode())


def html_document(html: str, origin: str) -> Document | None:
    """Main text and comments of a web page (trafilatura), with their segments marked."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True)
    if extracted is None or not (extracted.text or "").strip():
        return None
    title = (extracted.title or "").strip() or None
    body_lines = [line for line in extracted.text.split("\n") if line.strip()]
    if title and body_lines and body_lines[0].strip() == title:
        body_lines = body_lines[1:]
    parts: list[tuple[str, str]] = []
    if title:
        parts.append(("headline", title))
    parts.extend(("body", line) for line in body_lines)
    parts.extend(("comment", line) for line in (extracted.comments or "").split("\n") if line.strip())
    text, segments = _join_parts(parts)
    published = datetime.fromisoformat(extracted.date) if extracted.date else None
    source = extracted.sitename or None
    return Document(
        id=document_id(text, source),
        text=text,
        origin=origin,
        title=title,
        source=source,
        url=extracted.url or None,
        published=published,
        segments=segments,
    )


def _join_parts(parts: list[tuple[str, str]]) -> tuple[str, list[Segment]]:
    """One text with paragraphs separated by blank lines, and a segment per part."""
    chunks: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for kind, chunk in parts:
        chunk = chunk.strip()
        segments.append(Segment(kind=kind, start=offset, end=offset + len(chunk)))  # type: ignore[arg-type]
        chunks.append(chunk)
        offset += len(chunk) + 2
    return "\n\n".join(chunks), segments


FIELDS = ("id", "text", "title", "url", "published", "source")


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path) -> Iterator[Document | Quarantined]:
    text, problem = _decode(path)
    if problem:
        yield problem
        return
    assert text is not None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _quarantine(VedetteError("V104", origin=origin, detail=exc.msg), line.encode())
            continue
        document = record_document(record, origin)
        yield document if isinstance(document, Document) else _quarantine(document, line.encode())


def record_document(record: object, origin: str) -> Document | VedetteError:
    """A feed record (JSON object with the `FIELDS` keys) as a Document."""
    if not isinstance(record, dict):
        return VedetteError("V104", origin=origin, detail="record is not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return VedetteError("V105", origin=origin, fields="'text'")
    title = record.get("title") if isinstance(record.get("title"), str) else None
    source = record.get("source") if isinstance(record.get("source"), str) else None
    parts = ([("headline", title)] if title else []) + [("body", p) for p in body.split("\n\n") if p.strip()]
    text, segments = _join_parts(parts)
    return Document(
        id=document_id(text, source),
        text=text,
        origin=origin,
        title=title,
        source=source,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        published=_parse_time(record.get("published")),
        segments=segments,
    )


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        import dateparser

        return dateparser.parse(value)
