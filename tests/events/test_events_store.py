"""Events as stored and listed by the real CLI: all fields, events without a place, the sample corpus."""

import json
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PLACELESS = """Gunmen kidnap aid workers

Gunmen kidnapped two aid workers on Monday, their employer said.
"""


def test_events_without_any_place_are_listed_but_not_mapped(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "placeless.txt"
    page.write_text(PLACELESS, encoding="utf-8")
    db = tmp_path / "placeless.db"
    cli("run", str(page), "--db", str(db))
    events = json.loads(cli("events", "--db", str(db), "--json").stdout)
    assert events and {e["event_type"] for e in events} == {"ASSAULT"}
    assert all(e["place"] is None and e["lat"] is None and e["lon"] is None for e in events)
    geojson = json.loads(cli("serve", "--db", str(db), "--get", "/api/events").stdout)
    assert geojson["features"] == []


def test_events_json_has_every_event_field(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    events = json.loads(cli("events", "--db", str(sample_db), "--json").stdout)
    fields = {
        "id",
        "doc_id",
        "event_type",
        "mode",
        "about_type",
        "trigger",
        "trigger_start",
        "trigger_end",
        "rank",
        "actor",
        "target",
        "place",
        "place_inferred",
        "date",
        "modality",
        "attribution",
        "sentence",
        "sentence_start",
        "sentence_end",
        "segment",
        "confidence",
        "place_name",
        "lat",
        "lon",
    }
    assert all(fields <= set(e) for e in events)


def test_events_sample_corpus_is_sane(sample_db: Path, cli) -> None:  # type: ignore[no-untyped-def]
    events = json.loads(cli("events", "--db", str(sample_db), "--json").stdout)
    per_sentence = Counter((e["doc_id"], e["sentence_start"]) for e in events)
    assert max(per_sentence.values()) <= 3
    assert {e["segment"] for e in events} <= {"headline", "attribution", "body"}

    def find(words: str) -> list[dict]:
        return [e for e in events if words in e["sentence"] and e["rank"] == 0]

    assert {(e["event_type"], e["modality"]) for e in find("HTS denied launching any drones")} == {
        ("ASSAULT", "negated")
    }
    assert ("ASSAULT", "hypothetical") in {
        (e["event_type"], e["modality"]) for e in events if "could strike HTS positions" in e["sentence"]
    }
    assert {(e["event_type"], e["modality"]) for e in find("the army plans to set up new checkpoints")} == {
        ("MOBILIZE", "planned")
    }
    assert "REQUEST" not in {e["event_type"] for e in events if "who asked not to be named" in e["sentence"]}
