"""A run killed with SIGKILL mid-way and started again ends with the same store as an uninterrupted run."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "vedette" / "data" / "sample"


def _corpus(folder: Path) -> Path:
    shutil.copytree(SAMPLE / "pages", folder / "pages")
    shutil.copytree(SAMPLE / "html", folder / "html")
    (folder / "bad").mkdir()
    (folder / "bad" / "empty.txt").write_bytes(b"")
    (folder / "bad" / "cut.html").write_bytes(b"<html><body><p>Shelling in Homs on Tuesday killed")
    (folder / "pages" / "zz_again.txt").write_bytes((SAMPLE / "pages").iterdir().__next__().read_bytes())
    return folder


def _run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VEDETTE_BATCH_SIZE": "2"}
    return subprocess.Popen(
        [sys.executable, "-m", "vedette", "run", str(corpus), "--db", str(db)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, set[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            "documents": set(conn.execute("SELECT id, origin, title, language, segments FROM documents")),
            "events": set(conn.execute("SELECT id, doc_id, event_type, modality, payload FROM events")),
            "quarantine": set(conn.execute("SELECT origin, reason FROM quarantine")),
        }


@pytest.mark.slow
def test_ingest_resume_after_sigkill_ends_with_the_same_store(tmp_path: Path, gazetteer_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    whole, resumed = tmp_path / "whole.db", tmp_path / "resumed.db"
    baseline = _run(corpus, whole)
    victim = _run(corpus, resumed)
    deadline = time.monotonic() + 300  # a bound for a stuck run on a loaded machine, not a speed target
    while _stored(resumed) < 4:  # some batches are committed, the rest is not
        assert victim.poll() is None, "the run ended before it could be killed; use a larger corpus"
        assert time.monotonic() < deadline, "no batch was committed in time"
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    stored_before = _stored(resumed)
    assert baseline.wait(timeout=120) == 0
    total = len(_snapshot(whole)["documents"])
    assert 4 <= stored_before < total, "the kill must land mid-way"
    assert _run(corpus, resumed).wait(timeout=120) == 0
    assert _snapshot(resumed) == _snapshot(whole)
