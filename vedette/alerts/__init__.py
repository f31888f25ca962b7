"""Alerts: spikes per region and type, first events at a new place, newly corroborated incidents.

`detect` finds every alert of a window in the store; `state` remembers which went out; `sinks` formats them
as console lines or JSON lines and posts them to a webhook; `spikes` is the statistical test and `evaluate`
measures it on synthetic streams (`vedette eval alerts`); `watch` feeds `vedette run --watch`.
"""

from __future__ import annotations

from datetime import date

from vedette.alerts.detect import Alert, default_since, detect
from vedette.alerts.sinks import post_webhook
from vedette.alerts.state import mark_sent, unsent
from vedette.report.basemap import load_basemap
from vedette.store import Store

__all__ = ["Alert", "default_since", "detect", "new_alerts", "deliver"]


def new_alerts(store: Store, since: date | None = None, include_sent: bool = False) -> list[Alert]:
    """The window's alerts (from `since`, default the store's last week) not sent before, unless `include_sent`."""
    found = detect(store, since or default_since(store), load_basemap())
    return found if include_sent else unsent(store, found)


def deliver(store: Store, alerts: list[Alert], webhook: str | None) -> None:
    """Post to the webhook (if any), then remember the alerts as sent; a failed post leaves them unsent."""
    if webhook:
        post_webhook(webhook, alerts)
    mark_sent(store, alerts)
