"""How `Pipeline.run` cuts new documents into batches: grouped by outlet within a window, input order kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vedette.pipeline import Pipeline, outlet_window
from vedette.records import Document
from vedette.store import Store


def _feed(path: Path, sources: list[str]) -> Path:
    lines = [
        json.dumps({"id": f"r{i}", "source": source, "text": f"Report number {i} from {source} about the market."})
        for i, source in enumerate(sources)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_groups_each_windows_documents_by_outlet_before_batching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEDETTE_BATCH_SIZE", "2")
    assert outlet_window() == 64
    sources = ["Hama Post", "Idlib Times", "Aleppo Today"] * 30  # 90 documents: one full window, then 26
    batches: list[list[Document]] = []

    def record(batch: list[Document]) -> list[Document]:
        batches.append(batch)
        return batch

    summary = Pipeline(["vedette.segment.rules.v1"]).run(
        [_feed(tmp_path / "feed.jsonl", sources)], Store(tmp_path / "v.db"), processor=record
    )

    assert summary.stored == 90
    assert all(len(b) == 2 for b in batches[:-1])
    first_window = [d for b in batches[:32] for d in b]
    assert [d.source for d in first_window] == sorted(sources[:64])  # grouped by outlet
    for outlet in set(sources):
        numbers = [int(d.origin.rsplit("#r", 1)[1]) for d in first_window if d.source == outlet]
        assert numbers == sorted(numbers)  # each outlet's documents in input order
    assert sum(len({d.source for d in b}) > 1 for b in batches[:32]) <= 2  # only where one outlet's run ends
