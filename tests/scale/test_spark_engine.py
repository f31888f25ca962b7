"""The Spark engine (local mode) gives the same events as the in-process engine."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "vedette" / "data" / "sample"


def test_spark_engine_matches_in_process_engine(tmp_path: Path, sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db, parquet = tmp_path / "spark.db", tmp_path / "events.parquet"
    result = cli("run", str(SAMPLE), "--db", str(db), "--engine", "spark", "--spark-master", "local[2]",
                 "--events-out", str(parquet))
    assert "quarantined 0" in result.stdout
    spark_events = json.loads(cli("events", "--db", str(db), "--json").stdout)
    local_events = json.loads(cli("events", "--db", str(sample_db), "--json").stdout)
    assert spark_events, "the Spark run stored no events"
    assert spark_events == local_events  # same ids, fields and coordinates

    from vedette.scale import read_events, start_spark

    written = read_events(start_spark("local[1]"), parquet)
    assert sorted(e["id"] for e in written) == sorted(e["id"] for e in local_events)
