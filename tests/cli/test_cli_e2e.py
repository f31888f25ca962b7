"""End to end: the real CLI over the bundled sample corpus."""

import json
from pathlib import Path

import pytest

from vedette.geo.build import distance_km

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "vedette" / "data" / "sample"


def _sample_documents() -> int:
    feeds = sum(1 for f in SAMPLE.glob("feeds/*.jsonl") for line in f.read_text().splitlines() if line.strip())
    return feeds + len(list(SAMPLE.glob("pages/*.txt"))) + len(list(SAMPLE.glob("html/*.html")))


def test_cli_run_sample_stores_every_document(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    documents = json.loads(cli("documents", "--db", str(sample_db), "--json").stdout)
    assert len(documents) == _sample_documents() >= 30
    published = sorted(d["published"][:10] for d in documents if d["published"])
    assert published[0] <= "2026-03-02" and published[-1] >= "2026-03-19"
    assert all(d["focus"] for d in documents), [d["title"] for d in documents if not d["focus"]]


def test_cli_run_sample_places_events_at_the_nicknamed_airbases(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    events = json.loads(cli("events", "--db", str(sample_db), "--json").stdout)
    assert len(events) >= 60
    assert {e["country"] for e in events} >= {"SY", "IQ"}
    airbases = {"Tiyas": (34.5226, 37.6299), "Khmeimim": (35.4011, 35.9487), "Kuweires": (36.1871, 37.5832),
                "Al Asad": (33.7856, 42.4412), "Q-West": (35.7672, 43.1251)}
    for name, (lat, lon) in airbases.items():
        assert any(distance_km(e["lat"], e["lon"], lat, lon) < 2 for e in events), f"no event at {name}"


def test_cli_run_sample_twice_adds_nothing(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    before = cli("events", "--db", str(sample_db), "--json").stdout
    again = cli("run", str(SAMPLE), "--db", str(sample_db))
    total = _sample_documents()
    assert f"read {total}, stored 0, duplicates {total}, quarantined 0" in again.stdout
    assert cli("events", "--db", str(sample_db), "--json").stdout == before


def test_cli_run_reports_a_missing_file_and_exits_1(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nope.txt"
    result = cli("run", str(missing), "--db", str(tmp_path / "x.db"), check=False)
    assert result.returncode == 1
    assert f"Error: [V109] {missing}: no such file or directory\n" in result.stderr
    quarantined = json.loads(cli("quarantine", "--db", str(tmp_path / "x.db"), "--json").stdout)
    assert [q["origin"] for q in quarantined] == [str(missing)]


def test_cli_events_on_a_missing_store_says_what_to_run(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "none.db"
    result = cli("events", "--db", str(db), check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [V301] database {db} has no vedette tables; run `vedette run PATH --db {db}` first\n"
    )


def test_cli_serve_get_prints_geojson(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(cli("serve", "--db", str(sample_db), "--get", "/api/events").stdout)
    assert body["type"] == "FeatureCollection" and body["features"]


def test_cli_segment_and_geoparse_print_json(seed_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    segments = json.loads(cli("segment", str(seed_path), "--json").stdout)
    assert segments[0]["kind"] == "headline" and {"kind", "start", "end", "text", "author"} <= set(segments[0])
    toponyms = json.loads(cli("geoparse", str(seed_path), "--json").stdout)
    assert {"text", "start", "end", "segment", "name", "source", "source_id", "lat", "lon", "country", "admin1",
            "feature", "modifier", "score"} <= set(toponyms[0])
