"""Which alerts went out already: one row per alert key, written once every output took them.

The table hangs off the store's metadata like the credibility tables and is created on first use, so a
store made before alerts existed gains it the first time `vedette alerts` runs.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, String, Table, Text, insert, select

from vedette.alerts.detect import Alert
from vedette.store import Store, metadata

alerts_sent = Table(
    "alerts_sent",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("day", String(10), nullable=False, index=True),
    Column("sent_at", DateTime, nullable=False),
    Column("alert", Text, nullable=False),  # the alert as JSON, as it went out
)



def unsent(store: Store, alerts: list[Alert]) -> list[Alert]:
    """The alerts whose key has not gone out before, in their order."""
    with store.engine.connect() as conn:
        sent: set[str] = set()
        keys = [a.key for a in alerts]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            sent.update(conn.execute(select(alerts_sent.c.key).where(alerts_sent.c.key.in_(chunk))).scalars())
    return [a for a in alerts if a.key not in sent]


def mark_sent(store: Store, alerts: list[Alert]) -> None:
    fresh = unsent(store, alerts)
    if not fresh:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.engine.begin() as conn:
        conn.execute(
            insert(alerts_sent),
            [{"key": a.key, "kind": a.kind, "day": a.day, "sent_at": now, "alert": a.model_dump_json()} for a in fresh],
        )
