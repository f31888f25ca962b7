"""Plain-text pages: one file, one document; the segmenter finds headline, body and comments."""

from __future__ import annotations

from collections.abc import Iterator

from vedette.ingest.base import IngestOptions, Item, Source, make_document, whole_file_reader


@whole_file_reader(".txt", ".text")
def read_text(source: Source, options: IngestOptions, data: bytes, text: str) -> Iterator[Item]:
    yield make_document(text, source.origin)
