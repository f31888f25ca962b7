"""`vedette run --watch DIR`: files handed over once they hold still, processed as they arrive, alerts after
each batch, a clean stop on SIGTERM or after --watch-seconds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from vedette.alerts.watch import FolderWatch

REPO = Path(__file__).resolve().parents[2]
FEED = REPO / "vedette" / "data" / "sample" / "feeds" / "syria_wire_2026-03.jsonl"


def test_folder_watch_hands_over_steady_files_once(tmp_path: Path) -> None:
    watch = FolderWatch(tmp_path)
    feed = tmp_path / "nested" / "wire.jsonl"
    feed.parent.mkdir()
    feed.write_text('{"text": "one"}\n')
    (tmp_path / ".partial.txt").write_text("hidden: a download in progress")
    (tmp_path / "notes.docx").write_text("not a format vedette reads")
    assert watch.poll() == []  # seen once: it may still be being written
    assert watch.poll() == [feed]
    assert watch.poll() == []
    with feed.open("a") as handle:
        handle.write('{"text": "two"}\n')
    assert watch.poll() == []
    assert watch.poll() == [feed]  # a grown feed comes back; the store skips what it already holds


def test_run_watch_needs_a_folder(tmp_path: Path, cli: Any) -> None:
    result = cli("run", "--watch", str(tmp_path / "missing"), "--db", str(tmp_path / "w.db"), check=False)
    assert (result.returncode, result.stderr.strip()) == (
        1,
        f"Error: [V609] --watch {tmp_path / 'missing'}: not a directory",
    )
    result = cli("run", "--db", str(tmp_path / "w.db"), check=False)
    assert (result.returncode, result.stderr.strip()) == (2, "Error: give PATH... to process, or --watch DIR")


def _start(args: list[str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "vedette", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the pipeline and gazetteer load before watching starts
    assert line.startswith("watching "), line + (process.stderr.read() if process.poll() is not None else "")
    return process


@pytest.mark.slow
def test_run_watch_processes_new_files_and_prints_alerts(tmp_path: Path, gazetteer_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "watch.db"
    process = _start(
        ["run", "--watch", str(inbox), "--db", str(db), "--watch-seconds", "40", "--watch-interval", "0.3"]
    )
    shutil.copy(FEED, inbox / FEED.name)
    output, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert f"read 14, stored 14, duplicates 0, quarantined 0\nstore {db}: 14 documents" in output
    after_batch = output.split("quarantined inputs\n", 1)[1]
    assert "  new_place     first events at " in after_batch  # alerts follow the batch
    assert output.endswith(f"stopped watching {inbox}\n")


@pytest.mark.slow
def test_run_watch_stops_cleanly_on_sigterm(tmp_path: Path, gazetteer_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    process = _start(["run", "--watch", str(inbox), "--db", str(tmp_path / "w.db"), "--watch-interval", "0.3"])
    time.sleep(0.5)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert output == f"stopped watching {inbox}\n"
    assert time.monotonic() - started < 5
