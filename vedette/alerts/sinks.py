"""Where alerts go besides the console: JSON lines and a webhook (an HTTP POST of JSON)."""

from __future__ import annotations

import httpx

from vedette.alerts.detect import Alert
from vedette.errors import VedetteError

WEBHOOK_TIMEOUT_S = 10.0


def json_line(alert: Alert) -> str:
    return alert.model_dump_json()


def console_line(alert: Alert) -> str:
    return f"{alert.day}  {alert.kind:<12}  {alert.message}"


def post_webhook(url: str, alerts: list[Alert]) -> None:
    """POST `{"text": ..., "alerts": [...]}` once for the batch; `text` is what chat webhooks (Slack,
    Mattermost) show. Anything but a 2xx answer raises V608, so the caller keeps the alerts unsent."""
    if not alerts:
        return
    text = f"vedette: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''}\n" + "\n".join(
        f"- {a.message}" for a in alerts
    )
    payload = {"text": text, "alerts": [a.model_dump(mode="json") for a in alerts]}
    try:
        response = httpx.post(url, json=payload, timeout=WEBHOOK_TIMEOUT_S)
    except httpx.HTTPError as problem:
        raise VedetteError("V608", url=url, detail=str(problem) or type(problem).__name__) from problem
    if not response.is_success:
        raise VedetteError("V608", url=url, detail=f"HTTP {response.status_code}")
