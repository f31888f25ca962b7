"""What every reader shares: the input source, the options, the reader registry, quarantine and document helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, BinaryIO

from vedette import config
from vedette.errors import VedetteError
from vedette.ingest.language import detect_language
from vedette.records import Document, Quarantined, Segment, document_id

PAYLOAD_LIMIT = 64 * 1024
"""Bytes of a quarantined input kept in the quarantine table: enough to see what went wrong, not a 50 MB blob."""

FIELDS = ("id", "text", "title", "url", "published", "source")
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "content", "body", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "pubdate"),
    "source": ("source", "outlet", "publisher"),
}
"""Columns (or JSON keys) tried for each field, in order, unless `--map FIELD=COLUMN` names one."""


@dataclass(frozen=True)
class IngestOptions:
    columns: dict[str, str] = field(default_factory=dict)
    """FIELD -> column or JSON key given with `--map`; these replace the `DEFAULT_COLUMNS` guesses."""
    max_bytes: int = 20 * 1024 * 1024
    date_order: str = "MDY"

    @classmethod
    def from_config(cls, columns: dict[str, str] | None = None) -> IngestOptions:
        date_order = config.get("date_order").upper()
        if date_order not in ("MDY", "DMY", "YMD"):
            raise VedetteError("V123", value=date_order)
        max_mb = float(config.get("max_input_mb"))
        return cls(columns=dict(columns or {}), max_bytes=int(max_mb * 1024 * 1024), date_order=date_order)

    def candidates(self, name: str) -> tuple[str, ...]:
        """Column names to try for field `name`."""
        return (self.columns[name],) if name in self.columns else DEFAULT_COLUMNS[name]


def parse_mapping(items: list[str]) -> dict[str, str]:
    """`["text=article_content", ...]` as {field: column}; a bad item raises V120."""
    mapping: dict[str, str] = {}
    for item in items:
        name, sep, column = item.partition("=")
        if not sep or name.strip() not in FIELDS or not column.strip():
            raise VedetteError("V120", mapping=item, fields=", ".join(FIELDS))
        mapping[name.strip()] = column.strip()
    return mapping


@dataclass
class Source:
    """One input stream: a file, a decompressed .gz, stdin."""

    origin: str
    kind: str
    """The registered reader key, a suffix such as ".html"."""
    opener: Callable[[], BinaryIO]
    size: int | None = None
    """Size in bytes when known without reading (a regular file that is not compressed)."""
    compressed: bool = False


Item = Document | Quarantined
Reader = Callable[[Source, IngestOptions], Iterator[Item]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes (lower case, with the dot)."""

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn

    return register


WholeReader = Callable[[Source, IngestOptions, bytes, str], Iterator[Item]]


def whole_file_reader(
    *suffixes: str, charset: Callable[[bytes], str | None] = lambda data: None
) -> Callable[[WholeReader], Reader]:
    """Register a reader of a format that is read whole (a page, a feed, a JSON file) for file suffixes.

    The reader gets the input's bytes and their text; an input over the size limit, empty, binary or
    not decodable (in the encoding `charset` finds in the bytes, else UTF-8) is quarantined before it
    is called.
    """

    def register(fn: WholeReader) -> Reader:
        @wraps(fn)
        def read(source: Source, options: IngestOptions) -> Iterator[Item]:
            data = read_whole(source, options)
            if isinstance(data, Quarantined):
                yield data
                return
            text = decode(data, source.origin, charset(data) or "utf-8")
            if isinstance(text, Quarantined):
                yield text
                return
            yield from fn(source, options, data, text)

        return reader(*suffixes)(read)

    return register


def quarantine(code: str, payload: bytes = b"", **fields: object) -> Quarantined:
    """A Quarantined input whose reason is the coded message (fields must include `origin`)."""
    error = VedetteError(code, **fields)
    # Undecodable bytes echoed in a message (a CSV header, a file name) must not break the store.
    reason = str(error).encode("utf-8", "backslashreplace").decode("utf-8")
    origin = str(fields["origin"]).encode("utf-8", "backslashreplace").decode("utf-8")
    return Quarantined(origin=origin, reason=reason, payload=payload[:PAYLOAD_LIMIT])


def read_whole(source: Source, options: IngestOptions) -> bytes | Quarantined:
    """All bytes of a single-document source, or the quarantine of one over the size limit."""
    if source.size is not None and source.size > options.max_bytes:
        return too_large(source.origin, source.size, options)
    with source.opener() as stream:
        data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return too_large(source.origin, len(data), options, data)
    return data


def too_large(origin: str, size: int, options: IngestOptions, head: bytes = b"") -> Quarantined:
    """The quarantine of an input (a file, a line, a row, a record) of `size` bytes over the `max_input_mb` limit."""
    mb = 1024 * 1024
    return quarantine("V110", head, origin=origin, size_mb=size / mb, limit_mb=options.max_bytes / mb)


def decode(data: bytes, origin: str, encoding: str = "utf-8") -> str | Quarantined:
    """Text of an input, or why it is not text: empty, binary, not decodable."""
    if not data.strip():
        return quarantine("V101", data, origin=origin)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return quarantine("V103", data, origin=origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return quarantine("V102", data, origin=origin, detail=f"byte {exc.start}")
    except LookupError:
        return decode(data, origin)
    if not text.strip():
        return quarantine("V101", data, origin=origin)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_document(
    text: str,
    origin: str,
    *,
    hints: list[Segment] | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: object = None,
    declared_language: str | None = None,
) -> Document:
    """A Document with its stable id and detected language.

    `hints` are the segments a reader already knows (a title, a marked comment section); the
    segmenter works out the rest.
    """
    language = detect_language(_language_sample(text, hints or [])) or declared_language
    return Document(
        id=document_id(text, source),
        text=text,
        origin=origin,
        title=title,
        source=source,
        url=url,
        published=published,  # type: ignore[arg-type]
        language=language,
        segments=hints or [],
    )


def titled_document(title: str | None, body: str, origin: str, **fields: Any) -> Document:
    """A record's document (a feed entry, a JSON or CSV record): its title is the headline, its body's
    paragraphs (separated by blank lines) follow; `fields` go to `make_document`."""
    title = " ".join((title or "").split()) or None
    parts: list[tuple[str | None, str]] = [("headline", title)] if title else []
    parts += [(None, paragraph) for paragraph in body.replace("\r\n", "\n").split("\n\n")]
    text, hints = join_parts(parts)
    return make_document(text, origin, hints=hints, title=title, **fields)


def _language_sample(text: str, hints: list[Segment]) -> str:
    """Headline and article text: the part outside reader comments, which may be in another language."""
    comments = [h for h in hints if h.kind == "comment"]
    end = min((c.start for c in comments), default=len(text))
    return text[:end]


SECTION_BREAK = "section break"
"""A part kind with no text: the next paragraph follows two blank lines, a wider break than the others."""


def join_parts(parts: list[tuple[str | None, str]]) -> tuple[str, list[Segment]]:
    """One text of paragraphs separated by blank lines, and a segment hint for every part with a kind."""
    pieces: list[str] = []
    hints: list[Segment] = []
    offset, separator, previous_kind = 0, "", None
    for kind, chunk in parts:
        chunk = chunk.strip()
        if kind == SECTION_BREAK:
            separator = "\n\n\n" if pieces else ""
            continue
        if not chunk:
            continue
        start, offset = offset + len(separator), offset + len(separator) + len(chunk)
        pieces += [separator, chunk]
        if kind == previous_kind == "comment":
            # Consecutive comment lines are one region, a comment section, not one hint per line.
            hints[-1] = hints[-1].model_copy(update={"end": offset})
        elif kind is not None:
            hints.append(Segment(kind=kind, start=start, end=offset))  # type: ignore[arg-type]
        separator, previous_kind = "\n\n", kind
    return "".join(pieces), hints
