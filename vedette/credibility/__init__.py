"""Credibility: syndication clusters, incidents with cross-source corroboration, the source registry,
and loaded-language and comment-stance markers.

`update(store)` is the whole-store step (registered as a corpus stage in `vedette.pipeline`);
`language.mark(doc)` is the per-document stage. Tables and read queries: `vedette.store_credibility`.
"""

from vedette.credibility.update import UpdateSummary, update

__all__ = ["UpdateSummary", "update"]
