"""`vedette alerts` (spikes, new places, newly corroborated incidents) and `vedette eval alerts`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from vedette import config
from vedette.cli import DbOption, app, error, eval_app, fail, out
from vedette.cli.report import parse_day
from vedette.errors import VedetteError

if TYPE_CHECKING:
    from vedette.alerts import Alert
    from vedette.store import Store

WebhookOption = typer.Option(
    config.get("alert_webhook") or None,
    "--webhook",
    help="POST new alerts as JSON to this URL (default: VEDETTE_ALERT_WEBHOOK)",
)


@app.command()
def alerts(
    db: str = DbOption,
    since: str | None = typer.Option(
        None, "--since", help="first day to alert on, YYYY-MM-DD (default: the store's last 7 days)"
    ),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per alert and line (JSON lines)"),
    webhook: str | None = WebhookOption,
    include_sent: bool = typer.Option(False, "--all", help="also the alerts already reported by an earlier run"),
) -> None:
    """Report spikes per region and type, first events at new places and newly corroborated incidents."""
    from vedette.alerts import default_since, new_alerts
    from vedette.credibility import update
    from vedette.store import Store

    try:
        store = Store(db, create=False)
        update(store)  # incidents up to date (a no-op after `vedette run`)
        first = parse_day(since, "--since") if since else default_since(store)
        found = new_alerts(store, first, include_sent=include_sent)
    except VedetteError as problem:
        fail(problem)
    print_alerts(found, as_json, empty=f"no new alerts from {first.isoformat()}")
    send(store, found, webhook)


@eval_app.command("alerts")
def eval_alerts(
    as_json: bool = typer.Option(False, "--json", help="print the metrics as one JSON object"),
    seed: int = typer.Option(10, "--seed", help="seed of the synthetic streams"),
) -> None:
    """Spike recall and false alarms per 30 region-days on seeded synthetic streams (quiet and with spikes)."""
    from dataclasses import replace

    from vedette.alerts.evaluate import StreamShape, evaluate_alerts

    metrics = evaluate_alerts(replace(StreamShape(), seed=seed))
    if as_json:
        print(json.dumps(metrics))
        return
    out.print(
        f"recall {metrics['recall']:.4f} ({metrics['detected_spikes']}/{metrics['injected_spikes']} injected spikes), "
        f"false alarms per 30 region-days {metrics['false_alarms_per_30_days']:.4f} on the quiet stream, "
        f"{metrics['false_alarms_per_30_days_spiky_stream']:.4f} on the spiky one ({metrics['region_days']} "
        "region-days each)"
    )
    for size, recall in metrics["recall_by_spike_size"].items():  # type: ignore[attr-defined]
        out.print(f"  recall {recall:.4f} for spikes of {size}")


def print_alerts(found: list[Alert], as_json: bool, empty: str) -> None:
    """Console lines or JSON lines; the shared output of `vedette alerts` and `vedette run --watch`."""
    from vedette.alerts.sinks import console_line, json_line

    for alert in found:
        typer.echo(json_line(alert) if as_json else console_line(alert))
    if not found and not as_json:
        typer.echo(empty)


def send(store: Store, found: list[Alert], webhook: str | None) -> None:
    """Post to the webhook and remember the alerts as sent; a failed post is an error and leaves them unsent."""
    from vedette.alerts import deliver

    try:
        deliver(store, found, webhook)
    except VedetteError as problem:
        error(problem)
        raise typer.Exit(1) from None
