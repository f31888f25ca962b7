"""Bad input is quarantined with a one-line reason naming the file, and the run goes on."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vedette.ingest import IngestOptions, read_paths
from vedette.pipeline import Pipeline
from vedette.records import Document, Quarantined
from vedette.store import Store

REPO = Path(__file__).resolve().parents[2]
GOOD = "Army shells Homs\n\nGovernment forces shelled the town of Talbiseh north of Homs on Tuesday, officials said.\n"


def _reasons(*paths: Path, options: IngestOptions | None = None) -> list[str]:
    return [i.reason for i in read_paths(paths, options or IngestOptions()) if isinstance(i, Quarantined)]


def test_quarantine_a_50_mb_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    with open(big, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: the reader must refuse it by size, not read it
    assert _reasons(big, options=IngestOptions(max_bytes=20 * 1024 * 1024)) == [
        f"[V110] {big}: 50.0 MB is over the 20 MB input limit; raise VEDETTE_MAX_INPUT_MB to read it"
    ]


def test_quarantine_an_oversized_jsonl_line_keeps_the_rest(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"text": "x" * 3000})
    feed.write_text(json.dumps({"text": GOOD}) + "\n" + line + "\n" + json.dumps({"text": GOOD + "More."}) + "\n")
    items = list(read_paths([feed], IngestOptions(max_bytes=2048)))
    assert [type(i).__name__ for i in items] == ["Document", "Quarantined", "Document"]
    assert items[1].reason.startswith(f"[V110] {feed}:2: 0.0 MB is over the")  # type: ignore[union-attr]


def test_quarantine_truncated_html(tmp_path: Path) -> None:
    page = tmp_path / "cut.html"
    page.write_text(
        "<html><head><title>Shelling</title></head><body><article><p>Government forces shelled the "
        "town of Talbiseh on Tuesday, killing three civil",
        encoding="utf-8",
    )
    assert _reasons(page) == [
        f"[V111] {page}: HTML ends before </body> or </html>; the page looks truncated, fetch it again"
    ]


def test_quarantine_special_files_and_broken_links_inside_a_directory(tmp_path: Path) -> None:
    # Tests run as root, which can read any directory, so unreadable entries are made another way:
    # a named pipe (opening it would block forever) and a symlink to nothing.
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_paths([tmp_path], IngestOptions()))
    assert [(Path(i.origin).name, type(i).__name__) for i in items] == [
        ("gone.txt", "Quarantined"),
        ("ok.txt", "Document"),
        ("pipe.txt", "Quarantined"),
    ]
    assert items[0].reason == f"[V109] {tmp_path / 'gone.txt'}: no such file or directory"  # type: ignore[union-attr]
    assert items[2].reason == (
        f"[V112] {tmp_path / 'pipe.txt'}: not a regular file (a named pipe); "  # type: ignore[union-attr]
        "give files, directories, globs or - for stdin"
    )


def test_quarantine_a_directory_without_read_permission(tmp_path: Path) -> None:
    """Root reads any directory, so as root the real CLI runs under `setpriv` without the capabilities that
    bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): the kernel then refuses for real."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "open.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0o000)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and util-linux setpriv is missing, so no directory can be unreadable")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    listing = (
        "import sys\nfrom vedette.ingest import read_paths\n"
        "for i in read_paths(sys.argv[1:]): print(getattr(i, 'reason', i.origin))"
    )
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", listing, str(locked), str(tmp_path / "open.txt")],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"[V107] {locked}: cannot read (Permission denied)",
        str(tmp_path / "open.txt"),
    ]


def test_quarantine_every_bad_input_and_account_for_all(tmp_path: Path) -> None:
    files = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blob.html": b"\x00\x01\x02\x03binary",
        "latin.txt": "Caf\xe9 bombed in Homs".encode("latin-1"),
        "cut.html": b"<html><body><p>Shelling in Homs on Tuesday killed",
        "feed.jsonl": (json.dumps({"text": GOOD}) + "\n{broken\n" + json.dumps({"text": GOOD}) + "\n").encode(),
        "sheet.csv": b"headline,outlet\nA,B\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    store = Store(tmp_path / "store.db")
    summary = Pipeline(["vedette.segment.rules.v1"]).run([tmp_path], store)
    assert (summary.read, summary.stored, summary.duplicates, summary.quarantined) == (9, 2, 1, 6)
    assert summary.read == summary.stored + summary.duplicates + summary.quarantined
    origins = sorted(Path(row["origin"]).name for row in store.quarantined())
    assert origins == ["blob.html", "cut.html", "empty.txt", "feed.jsonl:2", "latin.txt", "sheet.csv"]
    again = Pipeline(["vedette.segment.rules.v1"]).run([tmp_path], store)
    assert (again.stored, again.duplicates, again.quarantined) == (0, 3, 6)
    assert len(store.quarantined()) == 6


def test_quarantine_cli_prints_one_line_per_bad_input_and_the_summary(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "cli.db"
    result = cli("run", str(tmp_path / "empty.txt"), "--db", str(db), check=False)
    assert result.returncode == 1
    assert f"Error: [V101] {tmp_path / 'empty.txt'}: file is empty" in result.stderr.splitlines()
    assert result.stdout.startswith("read 1, stored 0, duplicates 0, quarantined 1\n")
    listing = json.loads(cli("quarantine", "--db", str(db), "--json").stdout)
    assert [(row["origin"], row["reason"]) for row in listing] == [
        (str(tmp_path / "empty.txt"), f"[V101] {tmp_path / 'empty.txt'}: file is empty")
    ]


def test_quarantine_a_document_that_fails_processing_alone(tmp_path: Path) -> None:
    from vedette.pipeline import STAGES, Stage

    def factory():  # type: ignore[no-untyped-def]
        def fail_on_marker(docs: list[Document]) -> list[Document]:
            if any("EXPLODE" in d.text for d in docs):
                raise RuntimeError("stage bug")
            return docs

        return fail_on_marker

    STAGES["test.fails_on_marker.v1"] = Stage("test.fails_on_marker.v1", (), (), factory)
    try:
        (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
        (tmp_path / "b.txt").write_text("EXPLODE\n\nThis page breaks a stage.", encoding="utf-8")
        store = Store(tmp_path / "s.db")
        summary = Pipeline(["test.fails_on_marker.v1"]).run([tmp_path], store)
    finally:
        del STAGES["test.fails_on_marker.v1"]
    assert (summary.stored, summary.quarantined) == (1, 1)
    assert summary.errors == [
        f"[V122] {tmp_path / 'b.txt'}: processing failed (RuntimeError: stage bug); please report it with the input"
    ]
