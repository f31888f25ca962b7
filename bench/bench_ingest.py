"""Ingest + segment throughput on the sample corpus repeated to >= 5,000 documents.

Usage: .venv/bin/python bench/bench_ingest.py [--docs 5000]

Every copy gets a distinct id (a numbered line is added to each text file, a numbered id and a
changed text to each feed record), so nothing is skipped as a duplicate. The baseline, measured
in the same run on the same files, is what any reader must do: read each file and split its lines.
Prints docs/s for both and the ratio (vedette time / baseline time). Only ingest and the segment
stage run; NER, geoparsing and events are benchmarked elsewhere.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from vedette.ingest import IngestOptions, read_paths
from vedette.records import Document
from vedette.segment import segment

SAMPLE = Path(__file__).resolve().parents[1] / "vedette" / "data" / "sample"


def build_corpus(folder: Path, wanted: int) -> int:
    """Copies of the sample corpus until at least `wanted` documents; returns the document count."""
    pages = sorted((SAMPLE / "pages").glob("*.txt")) + sorted((SAMPLE / "html").glob("*.html"))
    feeds = sorted((SAMPLE / "feeds").glob("*.jsonl"))
    records = [line for feed in feeds for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    count, copy = 0, 0
    while count < wanted:
        target = folder / f"copy{copy:04d}"
        target.mkdir()
        for page in pages:
            text = page.read_text(encoding="utf-8")
            marker = f"\n<!-- copy {copy} -->\n" if page.suffix == ".html" else f"\n\nCopy {copy}.\n"
            (target / page.name).write_text(
                text.replace("</body>", marker + "</body>") if page.suffix == ".html" else text + marker,
                encoding="utf-8",
            )
        lines = []
        for number, line in enumerate(records):
            record = json.loads(line)
            record["id"] = f"{record.get('id', number)}-{copy}"
            record["text"] += f"\n\nCopy {copy}."
            lines.append(json.dumps(record))
        (target / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        count += len(pages) + len(records)
        copy += 1
    return count


def baseline(folder: Path) -> float:
    started = time.perf_counter()
    lines = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            lines += len(path.read_text(encoding="utf-8").splitlines())
    assert lines
    return time.perf_counter() - started


def vedette_ingest(folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    docs = 0
    for item in read_paths([folder], IngestOptions()):
        if isinstance(item, Document):
            segment(item)
            docs += 1
    return time.perf_counter() - started, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = build_corpus(folder, args.docs)
        baseline(folder)  # warm the page cache for both measurements
        base_seconds = baseline(folder)
        seconds, docs = vedette_ingest(folder)
    assert docs == total, f"expected {total} documents, read {docs}"
    print(f"documents: {docs}")
    print(f"baseline (read file + split lines): {total / base_seconds:,.0f} docs/s")
    print(f"vedette ingest + segment: {docs / seconds:,.1f} docs/s ({seconds:.1f} s)")
    print(f"ratio: vedette takes {seconds / base_seconds:,.0f}x the baseline time")


if __name__ == "__main__":
    main()
