"""Events of the seed page as stored by the real CLI run."""

import json
from pathlib import Path

import pytest

from vedette.geo.build import distance_km

pytestmark = pytest.mark.slow

TIYAS = (34.5226, 37.6299)
PALMYRA = (34.5624, 38.2840)


@pytest.fixture(scope="module")
def events(seed_db: Path, cli) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(cli("events", "--db", str(seed_db), "--json").stdout)


def test_events_seed_has_at_least_four_in_syria_or_iraq(events: list[dict]) -> None:
    assert len(events) >= 4
    assert {e["country"] for e in events} <= {"SY", "IQ"}


def test_events_seed_has_russian_military_event_at_t4(events: list[dict]) -> None:
    at_t4 = [e for e in events if distance_km(e["lat"], e["lon"], *TIYAS) <= 5]
    assert any(e["actor"] and e["actor"]["country"] == "RUS" and e["actor"]["sector"] == "MIL" for e in at_t4)


def test_events_seed_deir_ezzor_reinforcement_is_planned_mobilize(events: list[dict]) -> None:
    deir = [e for e in events if e["place"]["name"].startswith("Deir ez-Zor")]
    assert [(e["event_type"], e["modality"]) for e in deir] == [("MOBILIZE", "planned")]


def test_events_seed_every_event_is_attributed_to_almasdarnews(events: list[dict]) -> None:
    assert all("AlMasdarNews" in e["attribution"] for e in events)


def test_events_seed_no_event_comes_from_a_comment(events: list[dict], seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    comments_start = text.index("Got to beef it up")
    assert all(e["sentence_end"] <= comments_start for e in events)
    assert {e["segment"] for e in events} <= {"headline", "body"}


def test_events_seed_json_keeps_the_foundation_fields(events: list[dict]) -> None:
    for field in ("event_type", "place_name", "lat", "lon", "sentence", "doc_id"):
        assert all(e[field] is not None for e in events), field
    assert any(
        distance_km(e["lat"], e["lon"], *PALMYRA) <= 50 or distance_km(e["lat"], e["lon"], *TIYAS) <= 50 for e in events
    )
