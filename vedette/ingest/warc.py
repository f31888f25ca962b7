"""WARC archives (warcio, plain or gzipped): every successful HTML or text response is a document.

Other records (requests, metadata, images, redirects, errors) are not documents and are not
counted as inputs; an archive with no document at all is quarantined as a whole.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from vedette.ingest.base import IngestOptions, Item, Source, decode, make_document, quarantine, reader, too_large
from vedette.ingest.html import html_item

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@reader(".warc", ".arc")
def read_warc(source: Source, options: IngestOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if source.origin != "-" and not _starts_like_warc(source):
        yield quarantine("V118", b"", origin=f"{source.origin}:1", detail="it does not start with a WARC/ header")
        return
    found = 0
    with source.opener() as stream:
        records = ArchiveIterator(stream)
        number = 0
        try:
            for record in records:
                number += 1
                item = _record_item(record, f"{source.origin}:{number}", options)
                if item is not None:
                    found += 1
                    yield item
        except ArchiveLoadFailed as exc:
            yield quarantine("V118", b"", origin=f"{source.origin}:{number + 1}", detail=str(exc).strip())
            return
    if not found:
        yield quarantine("V119", b"", origin=source.origin)


def _starts_like_warc(source: Source) -> bool:
    with source.opener() as stream:
        head = stream.read(512)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    return head.lstrip().upper().startswith((b"WARC/", b"FILEDESC://"))


def _record_item(record: object, origin: str, options: IngestOptions) -> Item | None:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type not in ("response", "resource"):
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    if http is not None and not (http.get_statuscode() or "").startswith("2"):
        return None
    content_type = (
        (http.get_header("Content-Type") if http is not None else None)
        or record.rec_headers.get_header(  # type: ignore[attr-defined]
            "Content-Type"
        )
        or ""
    )
    mime, _, params = content_type.partition(";")
    if mime.strip().lower() not in _TEXT_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    data = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > options.max_bytes:
        return too_large(origin, len(data), options, data)
    charset = params.partition("charset=")[2].strip().strip("\"'") or None
    if mime.strip().lower() == "text/plain":
        text = decode(data, origin, charset or "utf-8")
        return text if not isinstance(text, str) else make_document(text, origin, url=url)
    return html_item(data, origin, url=url, charset=charset)
