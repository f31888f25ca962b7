"""Records: JSONL (one object a line), JSON (an object or an array of them), CSV and TSV.

Fields come from columns (or JSON keys, dotted for nesting) named by `--map FIELD=COLUMN`, or
else from the first of `DEFAULT_COLUMNS` present. A record's origin is `file:N`, N being the
line it starts on, with `#id` added when the record carries its own id.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterator
from typing import Any

from vedette.errors import VedetteError
from vedette.ingest.base import (
    FIELDS,
    IngestOptions,
    Item,
    Quarantined,
    Source,
    decode,
    quarantine,
    reader,
    titled_document,
    too_large,
    whole_file_reader,
)
from vedette.ingest.dates import parse_time
from vedette.records import Document

csv.field_size_limit(sys.maxsize)  # the max_input_mb setting bounds rows instead


@reader(".jsonl", ".ndjson")
def read_jsonl(source: Source, options: IngestOptions) -> Iterator[Item]:
    seen_content = False
    with source.opener() as stream:
        for number, raw in enumerate(_lines(stream, options.max_bytes), start=1):
            origin = f"{source.origin}:{number}"
            if isinstance(raw, int):
                yield too_large(origin, raw, options)
                seen_content = True
                continue
            if not raw.strip():
                continue
            seen_content = True
            line = decode(raw, origin)
            if isinstance(line, Quarantined):
                yield line
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield quarantine("V104", raw.rstrip(b"\r\n"), origin=origin, detail=exc.msg)
                continue
            yield _record_item(record, origin, options, raw)
    if not seen_content:
        yield quarantine("V101", b"", origin=source.origin)


def _lines(stream: Any, limit: int) -> Iterator[bytes | int]:
    """Lines of a binary stream; for a line over `limit` bytes, its size (skipped without holding it whole)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(limit + 1)
                size += len(line)
            yield size
            continue
        yield line


@whole_file_reader(".json")
def read_json(source: Source, options: IngestOptions, data: bytes, text: str) -> Iterator[Item]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield quarantine("V104", data, origin=f"{source.origin}:{exc.lineno}", detail=exc.msg)
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        origin = f"{source.origin}[{number}]" if isinstance(value, list) else source.origin
        yield _record_item(record, origin, options, json.dumps(record, ensure_ascii=False).encode())


def _record_item(record: object, origin: str, options: IngestOptions, raw: bytes) -> Item:
    document = record_document(record, origin, options)
    return document if isinstance(document, Document) else quarantine(document.code, raw, **document.fields)


def record_document(record: object, origin: str, options: IngestOptions | None = None) -> Document | VedetteError:
    """A record (JSON object or CSV row as a dict) as a Document, or the error that keeps it out."""
    options = options or IngestOptions()
    if not isinstance(record, dict):
        return VedetteError("V104", origin=origin, detail="record is not a JSON object")
    values = {name: _field(record, options.candidates(name)) for name in FIELDS}
    body = values["text"]
    if not body or not body.strip():
        looked_for = ", ".join(f"'{c}'" for c in options.candidates("text"))
        return VedetteError("V105", origin=origin, fields=looked_for)
    if values["id"]:
        origin = f"{origin}#{values['id']}"
    return titled_document(
        values["title"],
        body,
        origin,
        source=values["source"] or None,
        url=values["url"] or None,
        published=parse_time(values["published"], options.date_order),
    )


def _field(record: dict[str, Any], candidates: tuple[str, ...]) -> str | None:
    """The first candidate key present (case-insensitive, dotted for nested objects), as text."""
    for key in candidates:
        value = _lookup(record, key)
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return None


def _lookup(record: dict[str, Any], key: str) -> object:
    value: object = record
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        if part in value:
            value = value[part]
            continue
        folded = {str(k).lower(): v for k, v in value.items()}
        value = folded.get(part.lower())
    return value


@reader(".csv", ".tsv")
def read_csv(source: Source, options: IngestOptions) -> Iterator[Item]:
    with source.opener() as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        head = text.read(min(options.max_bytes, 65536))
        rest = _chain(head, text)
        if not head.strip():
            yield quarantine("V101", b"", origin=source.origin)
            return
        if "\x00" in head:
            yield quarantine("V103", head.encode("utf-8", "surrogateescape"), origin=source.origin)
            return
        delimiter = "\t" if source.kind == ".tsv" else _delimiter(head)
        rows = csv.reader(rest, delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            yield quarantine("V101", b"", origin=source.origin)
            return
        except csv.Error as exc:
            yield quarantine(
                "V107", head.encode("utf-8", "surrogateescape"), origin=f"{source.origin}:1", detail=f"CSV: {exc}"
            )
            return
        header = [column.strip() for column in header]
        bad_header = _bad_header(header, head.encode("utf-8", "surrogateescape"), source.origin, options)
        if bad_header is not None:
            yield bad_header
            return
        line = rows.line_num + 1
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                yield quarantine("V107", b"", origin=f"{source.origin}:{line}", detail=f"CSV: {exc}")
                break
            origin = f"{source.origin}:{line}"
            line = rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            raw = delimiter.join(row).encode("utf-8", "surrogateescape")
            yield _row_item(row, header, origin, options, raw)


def _row_item(row: list[str], header: list[str], origin: str, options: IngestOptions, raw: bytes) -> Item:
    if len(raw) > options.max_bytes:
        return too_large(origin, len(raw), options, raw)
    if len(row) != len(header):
        return quarantine("V113", raw, origin=origin, found=len(row), expected=len(header))
    try:
        cells = [codecs.encode(cell, "utf-8", "strict").decode("utf-8") for cell in row]
    except UnicodeEncodeError as exc:
        return quarantine("V102", raw, origin=origin, detail=f"character {exc.start}")
    return _record_item(dict(zip(header, cells, strict=True)), origin, options, raw)


def _bad_header(header: list[str], head: bytes, origin: str, options: IngestOptions) -> Quarantined | None:
    """Why a CSV header cannot be read: bytes that are not UTF-8, or no column for a mapped field or for the text."""
    undecodable = next((i for i, c in enumerate(",".join(header)) if "\udc80" <= c <= "\udcff"), None)
    if undecodable is not None:
        return quarantine("V102", head, origin=origin, detail=f"header character {undecodable}")
    missing = _missing_columns(header, options)
    if missing:
        name, column = missing
        columns = ", ".join(header) or "none"
        return quarantine("V114", head, origin=origin, column=column, field=name, columns=columns)
    return None


def _missing_columns(header: list[str], options: IngestOptions) -> tuple[str, str] | None:
    """(field, column) of a mapped column the header lacks, or of the text field when nothing provides it."""
    folded = {column.lower() for column in header}
    for name, column in options.columns.items():
        if column.lower() not in folded:
            return name, column
    if not any(candidate.lower() in folded for candidate in options.candidates("text")):
        return "text", options.candidates("text")[0]
    return None


def _delimiter(head: str) -> str:
    first_line = head.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _chain(head: str, rest: io.TextIOWrapper) -> Iterator[str]:
    """Lines of `head` followed by the rest of the stream, as csv.reader wants them."""
    buffered = io.StringIO(head, newline="")  # lines may end in a bare "\r", as the file's own reader sees them
    pending = ""
    for line in buffered:
        if line.endswith(("\n", "\r")):
            yield pending + line
            pending = ""
        else:
            pending += line
    for line in rest:
        yield pending + line
        pending = ""
    if pending:
        yield pending
