"""Ingest: turn what the user names into `Document` records, or into `Quarantined` ones.

Every input ends up as exactly one of the two, so a run can always account for what it read.
Readers live one module per format family (`text`, `html`, `tabular`, `feeds`, `warc`) and
register themselves per file suffix with `@reader(".ext")`; `sources` resolves files,
directories, globs, `.gz` and stdin to streams for them.
"""

from __future__ import annotations

from vedette.ingest import feeds, html, tabular, text, warc  # noqa: F401 - importing registers the readers
from vedette.ingest.base import FIELDS, READERS, IngestOptions, Source, parse_mapping, reader
from vedette.ingest.dates import parse_time, published_from_dateline
from vedette.ingest.html import html_document
from vedette.ingest.sources import read_paths, sniff
from vedette.ingest.tabular import record_document

__all__ = [
    "FIELDS",
    "READERS",
    "IngestOptions",
    "Source",
    "html_document",
    "parse_mapping",
    "parse_time",
    "published_from_dateline",
    "read_paths",
    "reader",
    "record_document",
    "sniff",
]
