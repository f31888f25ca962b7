"""`vedette alerts` on a real store: a spike, new places and a newly corroborated incident; each reported once;
JSON lines; a webhook on a local HTTP server (127.0.0.1) that gets the alerts, and keeps them when it fails."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# five places of Al Anbar, each more than 50 km from the others: five distinct incidents on one day
RAMADI = ("Ramadi", 33.42, 43.30, "IQ", "P.PPLA")
HADITHA = ("Haditha", 34.14, 42.38, "IQ", "P.PPL")
AL_QAIM = ("Al Qaim", 34.37, 41.09, "IQ", "P.PPL")
RUTBA = ("Rutba", 33.04, 40.28, "IQ", "P.PPL")
NUKHAYB = ("Nukhayb", 32.04, 42.25, "IQ", "P.PPL")
HOMS = ("Homs", 34.73, 36.72, "SY", "P.PPLA")
SPIKE_DAY = "2026-03-10"


def _reports() -> list[dict[str, Any]]:
    start = date(2026, 2, 1)
    reports = []
    for n in range(37):  # a quiet month: an incident at Ramadi every third day, a protest in Homs every other day
        day = (start + timedelta(days=n)).isoformat()
        events = []
        if n % 3 == 0:
            events.append(
                {
                    "type": "ASSAULT",
                    "day": day,
                    "place": RAMADI,
                    "sentence": f"A roadside bomb hit a patrol near Ramadi, report {n}.",
                }
            )
        if n % 2 == 0:
            events.append(
                {
                    "type": "PROTEST",
                    "day": day,
                    "place": HOMS,
                    "sentence": f"Residents of Homs protested over bread prices, day {n}.",
                }
            )
        if events:
            reports.append({"outlet": "Baghdad Wire", "published": day, "events": events})
    spike = {  # one report each, worded apart (alike wording would make them reprints of one another)
        RAMADI: "Gunmen attacked a checkpoint in Ramadi.",
        HADITHA: "A mortar round struck the market of Haditha on Tuesday.",
        AL_QAIM: "Insurgents ambushed a supply convoy outside Al Qaim overnight.",
        RUTBA: "Two soldiers died when their vehicle hit a mine west of Rutba.",
        NUKHAYB: "Smugglers fired on border guards near Nukhayb, officials say.",
    }
    for place, sentence in spike.items():
        event = {"type": "ASSAULT", "day": SPIKE_DAY, "place": place, "sentence": sentence}
        reports.append({"outlet": "Baghdad Wire", "published": SPIKE_DAY, "events": [event]})
    reports.append(
        {
            "outlet": "Tigris Times",
            "published": SPIKE_DAY,
            "events": [
                {
                    "type": "ASSAULT",
                    "day": SPIKE_DAY,
                    "place": HADITHA,
                    "sentence": "Militants stormed an army post on the edge of Haditha before dawn, officers said.",
                }
            ],
        }
    )
    return reports


@pytest.fixture
def store_db(tmp_path: Path, event_store: Any) -> Path:
    return event_store(tmp_path / "anbar.db", _reports())


def _alerts(cli: Any, db: Path, *args: str) -> list[dict[str, Any]]:
    result = cli("alerts", "--db", str(db), "--since", "2026-03-08", "--json", *args)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_alerts_spike_new_places_and_corroboration(store_db: Path, cli: Any) -> None:
    alerts = _alerts(cli, store_db)
    spikes = [a for a in alerts if a["kind"] == "spike"]
    assert [(a["region"], a["event_type"], a["day"], a["count"]) for a in spikes] == [
        ("Al Anbar, Iraq", "ASSAULT", SPIKE_DAY, 5)
    ]
    assert spikes[0]["p_value"] < spikes[0]["threshold"] == 0.01  # alpha 0.02 over two event types
    assert 0.3 < spikes[0]["expected"] < 0.5  # 12 incidents in the 28 days before
    assert sorted(a["place"] for a in alerts if a["kind"] == "new_place") == ["Al Qaim", "Haditha", "Nukhayb", "Rutba"]
    [corroborated] = [a for a in alerts if a["kind"] == "corroborated"]
    assert corroborated["place"] == "Haditha" and corroborated["count"] == 2
    assert sorted(corroborated["sources"]) == ["Baghdad Wire", "Tigris Times"]
    assert {a["day"] for a in alerts} == {SPIKE_DAY}


def test_alerts_are_reported_once_unless_all(store_db: Path, cli: Any) -> None:
    first = _alerts(cli, store_db)
    assert first and _alerts(cli, store_db) == []
    again = cli("alerts", "--db", str(store_db), "--since", "2026-03-08")
    assert again.stdout == "no new alerts from 2026-03-08\n"
    assert _alerts(cli, store_db, "--all") == first


def test_alerts_console_lines(store_db: Path, cli: Any) -> None:
    lines = cli("alerts", "--db", str(store_db), "--since", "2026-03-08").stdout.splitlines()
    [spike] = [line for line in lines if "  spike  " in line]
    assert spike.startswith(
        f"{SPIKE_DAY}  spike         spike: 5 ASSAULT incidents in Al Anbar, Iraq on {SPIKE_DAY}, against 0."
    )
    assert " a day over the previous 28 days (p = " in spike and spike.endswith(" < 0.01)")
    assert any(
        re.fullmatch(
            rf"{SPIKE_DAY}  new_place     first events at Rutba \(Al Anbar, Iraq\) on {SPIKE_DAY}: "
            r"1 event \(ASSAULT\); nearest earlier event \d+ km away",
            line,
        )
        for line in lines
    )


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    status = 204

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"type": self.headers["Content-Type"], "body": json.loads(body)})
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"received": [], "status": 204})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/vedette", handler
    finally:
        server.shutdown()
        server.server_close()


def test_alerts_webhook_gets_the_alerts_as_json(store_db: Path, cli: Any, hook: tuple[str, type[_Hook]]) -> None:
    url, handler = hook
    printed = _alerts(cli, store_db, "--webhook", url)
    [post] = handler.received
    assert post["type"] == "application/json"
    assert post["body"]["alerts"] == printed
    assert post["body"]["text"].startswith(f"vedette: {len(printed)} new alerts\n- ")


def test_alerts_webhook_failure_keeps_them_for_the_next_run(
    store_db: Path, cli: Any, hook: tuple[str, type[_Hook]]
) -> None:
    url, handler = hook
    handler.status = 500
    failed = cli("alerts", "--db", str(store_db), "--since", "2026-03-08", "--json", "--webhook", url, check=False)
    assert failed.returncode == 1
    assert failed.stderr.strip() == (
        f"Error: [V608] webhook {url} failed (HTTP 500); these alerts stay unsent and go out with the next run"
    )
    handler.status = 200
    retried = _alerts(cli, store_db, "--webhook", url)
    assert retried == [json.loads(line) for line in failed.stdout.splitlines()]
    assert handler.received[-1]["body"]["alerts"] == retried
    assert _alerts(cli, store_db, "--webhook", url) == [] and len(handler.received) == 2  # nothing new: no post
