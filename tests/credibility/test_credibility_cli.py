"""The credibility commands on the processed sample corpus, through the real CLI and a real SQLite store."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

RP_ORIGINAL = "lm-20260304-0519"
RP_REPRINTS = (
    "gd-20260305-1130",
    "p01_euphrates-post_2026-03-04_saa-moves-troops-deir-ezzor.txt",
    "p02_orontes-daily_2026-03-05_army-convoy-heads-east.txt",
)
TAL_TAMR = (
    "p05_euphrates-post_2026-03-11_turkish-shelling-tal-tamr.txt",
    "h02_gulf-dispatch_2026-03-11_shells-hit-tal-tamr.html",
)
TARMIYAH = ("bw-20260307-2264", "tt-20260307-0342")

pytestmark = pytest.mark.slow


def _json(cli: Any, *args: str, **kwargs: Any) -> Any:
    return json.loads(cli(*args, "--json", **kwargs).stdout)


def _doc_ids(cli: Any, db: Path) -> dict[str, str]:
    """Sample names (feed record id or file name) -> document id."""
    names = {}
    for doc in _json(cli, "documents", "--db", str(db)):
        origin = doc["origin"]
        names[origin.split("#", 1)[1] if "#" in origin else Path(origin).name] = doc["id"]
    return names


def _incidents_with(incidents: list[dict[str, Any]], doc_ids: set[str], event_type: str) -> list[dict[str, Any]]:
    return [i for i in incidents if i["event_type"] == event_type and doc_ids <= set(i["doc_ids"])]


def test_clusters_three_outlet_reprint_is_one_cluster_led_by_the_original(cli: Any, sample_db: Path) -> None:
    ids = _doc_ids(cli, sample_db)
    clusters = _json(cli, "clusters", "--db", str(sample_db))
    assert len(clusters) == 1
    cluster = clusters[0]
    members = {m["doc_id"]: m for m in cluster["members"]}
    assert set(members) == {ids[RP_ORIGINAL], *(ids[name] for name in RP_REPRINTS)}
    assert cluster["earliest_doc_id"] == ids[RP_ORIGINAL]
    assert cluster["origin_source"] == "Levant Monitor"
    for name in RP_REPRINTS:
        assert members[ids[name]]["upstream"] == ["Levant Monitor"]
        assert members[ids[name]]["upstream_doc_id"] == ids[RP_ORIGINAL]
    assert members[ids[RP_ORIGINAL]]["upstream"] == []


def test_clusters_all_lists_every_document_once(cli: Any, sample_db: Path) -> None:
    clusters = _json(cli, "clusters", "--db", str(sample_db), "--all")
    members = [m["doc_id"] for c in clusters for m in c["members"]]
    assert len(members) == len(set(members)) == 38
    assert sum(1 for c in clusters if c["size"] == 1) == 34


def test_incidents_reprinted_report_shows_one_independent_source(cli: Any, sample_db: Path) -> None:
    ids = _doc_ids(cli, sample_db)
    rp_docs = {ids[RP_ORIGINAL], *(ids[name] for name in RP_REPRINTS)}
    incidents = _json(cli, "incidents", "--db", str(sample_db))
    moves = _incidents_with(incidents, rp_docs, "MOBILIZE")
    assert moves, "the SAA deployment told by all four documents should be one MOBILIZE incident"
    for incident in moves:
        assert incident["documents"] == 4
        assert incident["independent_sources"] == 1
        assert incident["reprints"] == 3
        assert "3 reprints of 1 origin not counted" in incident["explanation"]
        assert incident["explanation"].endswith(": Levant Monitor")
    assert all(i["independent_sources"] == 1 for i in incidents if set(i["doc_ids"]) <= rp_docs)


@pytest.mark.parametrize("pair", [TAL_TAMR, TARMIYAH], ids=["tal-tamr", "tarmiyah"])
def test_incidents_two_unrelated_outlets_show_two_sources(cli: Any, sample_db: Path, pair: tuple[str, str]) -> None:
    ids = _doc_ids(cli, sample_db)
    incidents = _json(cli, "incidents", "--db", str(sample_db), "--type", "ASSAULT", "--min-sources", "2")
    both = _incidents_with(incidents, {ids[pair[0]], ids[pair[1]]}, "ASSAULT")
    assert both, f"no ASSAULT incident holds both {pair}"
    for incident in both:
        assert incident["independent_sources"] == 2
        assert incident["documents"] == 2
        assert incident["explanation"].startswith("2 independent sources")
        assert 0.0 < incident["score"] <= 1.0


def test_incidents_every_event_belongs_to_exactly_one_incident(sample_db: Path) -> None:
    with sqlite3.connect(sample_db) as conn:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        linked = conn.execute("SELECT count(*), count(DISTINCT event_id) FROM incident_events").fetchone()
        orphans = conn.execute("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM incident_events)")
        scores = conn.execute("SELECT min(score), max(score) FROM incidents").fetchone()
        assert events > 0 and linked == (events, events) and orphans.fetchone()[0] == 0
    assert 0.0 <= scores[0] <= scores[1] <= 1.0


def test_incidents_filters_apply(cli: Any, sample_db: Path) -> None:
    strong = _json(cli, "incidents", "--db", str(sample_db), "--min-score", "0.4")
    assert strong and all(i["score"] >= 0.4 for i in strong)
    assert [i["score"] for i in strong] == sorted((i["score"] for i in strong), reverse=True)
    assert len(_json(cli, "incidents", "--db", str(sample_db), "--limit", "3")) == 3


def test_incidents_follow_new_reprints_incrementally(cli: Any, sample_db: Path, tmp_path: Path) -> None:
    """A later run that stores a reprint of the Gulf Dispatch report adds a cluster member, not a source."""
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    ids = _doc_ids(cli, db)
    with sqlite3.connect(db) as conn:
        text, segments = conn.execute(
            "SELECT text, segments FROM documents WHERE id = ?", (ids[TAL_TAMR[1]],)
        ).fetchone()
    body = [text[s["start"] : s["end"]] for s in json.loads(segments) if s["kind"] == "body"]
    record = {
        "id": "kv-1",
        "title": "Shelling wounds civilians in Assyrian town",
        "source": "Khabur Voice",
        "published": "2026-03-12T08:00:00Z",
        "url": "https://khabur-voice.example/1",
        "text": "\n\n".join(["Gulf Dispatch reports: " + body[0], *body[1:], "Share this:"]),
    }
    feed = tmp_path / "reprint.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    cli("run", str(feed), "--db", str(db))
    reprint_id = _doc_ids(cli, db)["kv-1"]
    clusters = {m["doc_id"]: c for c in _json(cli, "clusters", "--db", str(db)) for m in c["members"]}
    assert clusters[reprint_id]["earliest_doc_id"] == ids[TAL_TAMR[1]]
    member = next(m for m in clusters[reprint_id]["members"] if m["doc_id"] == reprint_id)
    assert member["upstream"] == ["Gulf Dispatch"] and member["upstream_doc_id"] == ids[TAL_TAMR[1]]
    incidents = _json(cli, "incidents", "--db", str(db), "--type", "ASSAULT")
    tal_tamr = _incidents_with(incidents, {ids[TAL_TAMR[0]], ids[TAL_TAMR[1]], reprint_id}, "ASSAULT")
    assert tal_tamr and all(i["independent_sources"] == 2 and i["reprints"] == 1 for i in tal_tamr)


def test_sources_lists_registry_counts_and_unknown_outlets(cli: Any, sample_db: Path) -> None:
    listing = _json(cli, "sources", "--db", str(sample_db))
    by_name = {s["name"]: s for s in listing["sources"]}
    assert by_name["Levant Monitor"]["documents"] == 5
    assert by_name["Levant Monitor"]["credited"] == 3
    assert by_name["SANA"]["reliability"] == 0.4
    assert by_name["Reuters"]["documents"] == 0
    assert all(u["reliability"] == listing["neutral_reliability"] for u in listing["unknown"])
    assert not {u["name"] for u in listing["unknown"]} & set(by_name)


def test_sources_unknown_outlet_gets_the_neutral_prior(cli: Any, sample_db: Path, tmp_path: Path) -> None:
    registry = tmp_path / "mine.yaml"
    registry.write_text(
        "neutral_reliability: 0.4\nsources:\n  - {name: Levant Monitor, reliability: 0.9}\n", encoding="utf-8"
    )
    listing = _json(cli, "sources", "--db", str(sample_db), env={**_env(), "VEDETTE_SOURCES": str(registry)})
    assert [s["name"] for s in listing["sources"]] == ["Levant Monitor"]
    unknown = {u["name"]: u for u in listing["unknown"]}
    assert unknown["Gulf Dispatch"] == {"name": "Gulf Dispatch", "reliability": 0.4, "documents": 3, "credited": 0}


def test_sources_broken_registry_is_one_clear_error(cli: Any, sample_db: Path, tmp_path: Path) -> None:
    registry = tmp_path / "broken.yaml"
    registry.write_text("sources: [{name: X, reliability: high}]\n", encoding="utf-8")
    result = cli("sources", "--db", str(sample_db), check=False, env={**_env(), "VEDETTE_SOURCES": str(registry)})
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [V501] {registry}: source registry is not valid (reliability of 'X' must be a "
        "number from 0 to 1, not 'high'); fix the file or unset VEDETTE_SOURCES\n"
    )


def test_language_document_and_summary(cli: Any, sample_db: Path) -> None:
    ids = _doc_ids(cli, sample_db)
    page = _json(cli, "language", ids[RP_REPRINTS[1]], "--db", str(sample_db))
    stance = {s["actor"]: s for s in page["comment_stance"]}
    assert stance["Syrian Arab Army"]["support"] >= 1
    assert stance["Syrian Democratic Forces"]["oppose"] >= 1
    summary = _json(cli, "language", "--db", str(sample_db))
    assert summary["comment_stance"] and summary["loaded_terms_by_outlet"]


def test_language_unknown_document_is_one_clear_error(cli: Any, sample_db: Path) -> None:
    result = cli("language", "nope", "--db", str(sample_db), check=False)
    assert result.returncode == 1
    assert result.stderr == f"Error: [V503] no document 'nope' in {sample_db}; `vedette documents` lists the ids\n"


def _env() -> dict[str, str]:
    return dict(os.environ)
