"""The Spark engine against the in-process engine, on the same synthetic corpus, in the same run.

    .venv/bin/python bench/bench_spark.py [--docs 5000] [--master local[2]]

Both run the real CLI (`vedette run`, then `vedette run --engine spark --spark-master MASTER`) on
one JSONL file of `vedette bench`'s synthetic reports, each into its own fresh SQLite store. Wall
time is what counts here: Spark's point is to use more cores (and machines) than one process does.
The in-process run uses one core for the NLP; local[2] has two Python workers. Prints one JSON
object with both rates, their ratio, and whether the two stores hold the same event ids.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vedette.benchmark.corpus import write_jsonl


def timed_run(corpus: Path, db: Path, *options: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vedette", "run", str(corpus), "--db", str(db), *options],
                   check=True, stdout=subprocess.DEVNULL, env=os.environ.copy())
    return time.perf_counter() - started


def event_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM events")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vedette-bench-spark-") as tmp:
        work = Path(tmp)
        corpus = write_jsonl(work / "corpus.jsonl", args.docs)
        local_seconds = timed_run(corpus, work / "local.db")
        spark_seconds = timed_run(corpus, work / "spark.db", "--engine", "spark", "--spark-master", args.master,
                                  "--events-out", str(work / "events.parquet"))
        same = event_ids(work / "local.db") == event_ids(work / "spark.db")
    result = {
        "docs": args.docs,
        "master": args.master,
        "in_process_docs_per_s": round(args.docs / local_seconds, 2),
        "spark_docs_per_s": round(args.docs / spark_seconds, 2),
        "spark_vs_in_process": round(local_seconds / spark_seconds, 3),
        "same_event_ids": same,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
