"""From what the user names (files, directories, globs, `-` for stdin) to sources for the readers.

Every named path becomes at least one item: a directory that cannot be listed, a broken
symlink, a FIFO or a glob matching nothing is quarantined, never skipped. Inside directories
only files of a known format (plus `.gz` of one) are inputs; hidden files are left alone.
"""

from __future__ import annotations

import glob
import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from vedette.ingest.base import READERS, IngestOptions, Item, Source, quarantine

SNIFF_BYTES = 4096


def read_paths(paths: Iterable[str | Path], options: IngestOptions | None = None) -> Iterator[Item]:
    """Documents and quarantined inputs from files, directories, globs and stdin, in a stable order."""
    options = options or IngestOptions.from_config()
    for raw in paths:
        name = str(raw)
        if name == "-":
            yield from _read_source(_stdin_source(), options)
        elif glob.has_magic(name) and not os.path.lexists(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield quarantine("V121", origin=name)
            for match in matches:
                yield from _read_path(Path(match), options, named=True)
        else:
            yield from _read_path(Path(name), options, named=True)


def _read_path(path: Path, options: IngestOptions, named: bool) -> Iterator[Item]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield quarantine("V109", origin=path)
        return
    except OSError as exc:
        yield quarantine("V107", origin=path, detail=exc.strerror or exc)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, options)
    elif stat.S_ISREG(info.st_mode):
        source = _file_source(path, info.st_size, named)
        if isinstance(source, Source):
            yield from _read_source(source, options)
        else:
            yield source
    else:
        yield quarantine("V112", origin=path, kind=_file_kind(info.st_mode))


def _walk(directory: Path, options: IngestOptions) -> Iterator[Item]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield quarantine("V107", origin=directory, detail=exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, options)
        elif format_of(entry.name)[0] is not None:
            yield from _read_path(path, options, named=False)


def format_of(name: str) -> tuple[str | None, bool]:
    """(reader key, gzipped) for a file name: `feed.jsonl.gz` -> (".jsonl", True)."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    return (suffix if suffix in READERS else None), gzipped


def _file_source(path: Path, size: int, named: bool) -> Source | Item:
    kind, gzipped = format_of(path.name)
    if kind is None and named and not os.path.splitext(path.name.removesuffix(".gz"))[1]:
        kind = _sniff_file(path, gzipped)
    if kind is None:
        supported = ", ".join(sorted(READERS))
        return quarantine("V108", origin=path, suffix=path.suffix, supported=supported)
    # warcio reads gzipped archives itself, record by record.
    decompress = gzipped and kind != ".warc"

    def opener() -> BinaryIO:
        return gzip.open(path, "rb") if decompress else open(path, "rb")  # type: ignore[return-value]

    return Source(origin=str(path), kind=kind, opener=opener, size=None if decompress else size, compressed=gzipped)


def _sniff_file(path: Path, gzipped: bool) -> str:
    try:
        with gzip.open(path, "rb") if gzipped else open(path, "rb") as stream:
            return sniff(stream.read(SNIFF_BYTES))
    except (OSError, EOFError, zlib.error):
        return ".txt"


def sniff(head: bytes) -> str:
    """The reader key for content of unknown type, from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return ".warc"
    if start.startswith(b"<?xml") and any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return ".xml"
    if start.startswith((b"<rss", b"<feed")):
        return ".xml"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return ".html"
    if start.startswith(b"{"):
        return ".jsonl"
    if start.startswith(b"["):
        return ".json"
    return ".txt"


def _stdin_source() -> Source:
    stream = sys.stdin.buffer
    head = stream.peek(SNIFF_BYTES) if hasattr(stream, "peek") else b""
    gzipped = head[:2] == b"\x1f\x8b"
    if gzipped:
        wrapped: BinaryIO = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        kind = sniff(wrapped.peek(SNIFF_BYTES))  # type: ignore[attr-defined]
    else:
        wrapped, kind = stream, sniff(head)

    def opener() -> BinaryIO:
        return _Unclosable(wrapped)  # type: ignore[return-value]

    return Source(origin="-", kind=kind, opener=opener, compressed=gzipped)


class _Unclosable:
    """stdin for a reader's `with` block: readers close their streams, but stdin belongs to the process."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._stream)

    def __enter__(self) -> BinaryIO:
        return self._stream

    def __exit__(self, *exc: object) -> None:
        return None


def _read_source(source: Source, options: IngestOptions) -> Iterator[Item]:
    """The reader's items; a stream that breaks off (bad gzip, I/O error) or a reader bug quarantines the rest."""
    read = READERS[source.kind]
    try:
        yield from read(source, options)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield quarantine("V115", origin=source.origin, detail=str(exc) or type(exc).__name__)
    except OSError as exc:
        yield quarantine("V107", origin=source.origin, detail=exc.strerror or exc)
    except Exception as exc:  # noqa: BLE001 - the input is kept and reported, the run goes on
        yield quarantine("V199", origin=source.origin, detail=f"{type(exc).__name__}: {exc}")


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return kind
    return "a special file"
