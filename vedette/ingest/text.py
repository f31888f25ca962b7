"""Plain-text pages: one file, one document; the segmenter finds headline, body and comments."""

from __future__ import annotations

from collections.abc import Iterator

from vedette.ingest.base import IngestOptions, Item, Quarantined, Source, decode, make_document, read_whole, reader


@reader(".txt", ".text")
def read_text(source: Source, options: IngestOptions) -> Iterator[Item]:
    data = read_whole(source, options)
    if isinstance(data, Quarantined):
        yield data
        return
    text = decode(data, source.origin)
    yield text if isinstance(text, Quarantined) else make_document(text, source.origin)
