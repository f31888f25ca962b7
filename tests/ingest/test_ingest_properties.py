"""Arbitrary bytes and arbitrary JSON never crash ingest, and every input is accounted for."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vedette.ingest import IngestOptions, read_paths
from vedette.pipeline import Pipeline
from vedette.records import Quarantined
from vedette.store import Store

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".xml", ".warc", ".txt.gz", ".jsonl.gz", ""]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
json_records = st.dictionaries(
    st.sampled_from(["id", "text", "title", "url", "published", "source", "other"]), json_values, max_size=6
)


def _no_reader_bug(items: list[object]) -> None:
    bugs = [i.reason for i in items if isinstance(i, Quarantined) and i.reason.startswith("[V199]")]
    assert not bugs, bugs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=600)), min_size=1, max_size=5))
@example(files=[(".csv", b"\r\x01")])  # a bare carriage return once reached csv as an unsplit line
def test_ingest_arbitrary_bytes_never_crash_and_are_accounted_for(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (suffix, data) in enumerate(files):
            path = Path(folder) / f"input{number}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        items = list(read_paths(paths, IngestOptions()))
        assert len(items) >= len(paths) or any(p.suffix in (".jsonl", ".gz") for p in paths)
        _no_reader_bug(items)
        store = Store(Path(folder) / "store.db")
        summary = Pipeline(["vedette.segment.rules.v1"]).run(paths, store)
        assert summary.read == summary.stored + summary.duplicates + summary.quarantined
        assert summary.read == len(items)
        assert store.counts()["documents"] == summary.stored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(json_records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=40)),
        min_size=1,
        max_size=8,
    )
)
def test_ingest_arbitrary_json_lines_never_crash_and_are_accounted_for(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        feed.write_text(
            "\n".join(line.replace("\n", " ") for line in lines) + "\n", encoding="utf-8", errors="surrogatepass"
        )
        items = list(read_paths([feed], IngestOptions()))
        _no_reader_bug(items)
        store = Store(Path(folder) / "store.db")
        summary = Pipeline(["vedette.segment.rules.v1"]).run([feed], store)
        assert summary.read == summary.stored + summary.duplicates + summary.quarantined == len(items)
        assert store.counts()["documents"] == summary.stored
