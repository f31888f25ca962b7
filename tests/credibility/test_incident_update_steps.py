"""The whole-store incident step, run a few events at a time, assigns exactly as in one pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from vedette.credibility import update
from vedette.store import Store
from vedette.store_credibility import incident_events, incidents


def _partition(store: Store) -> set[frozenset[str]]:
    with store.engine.connect() as conn:
        groups: dict[str, set[str]] = {}
        for event_id, incident_id in conn.execute(select(incident_events.c.event_id, incident_events.c.incident_id)):
            groups.setdefault(incident_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


def _rows(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(incidents)))


@pytest.mark.slow
def test_incident_update_in_small_steps_matches_one_pass(sample_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "steps.db"
    shutil.copy(sample_db, copy)
    store = Store(copy)
    expected_partition, expected_rows = _partition(store), _rows(store)
    with store.engine.begin() as conn:
        conn.execute(delete(incident_events))
        conn.execute(delete(incidents))

    summary = update(store, events_per_step=7)

    assert summary.events_assigned == sum(len(g) for g in expected_partition)
    assert len(expected_partition) > 20, "the sample corpus should give many incidents to compare"
    assert any(len(g) > 1 for g in expected_partition)
    assert _partition(store) == expected_partition
    assert _rows(store) == expected_rows
