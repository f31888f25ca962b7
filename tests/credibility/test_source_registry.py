"""The source registry: names in any spelling, neutral priors for strangers, clear errors for a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from vedette.credibility.sources import load_registry
from vedette.errors import VedetteError


def test_registry_finds_outlets_by_name_or_alias_in_any_spelling() -> None:
    registry = load_registry()
    for spelling in ("AlMasdarNews", "Al-Masdar News", "al masdar news", "AMN"):
        assert registry.lookup(spelling).name == "AlMasdarNews"
    sana = registry.lookup("Syrian Arab News Agency")
    assert (sana.name, sana.country, sana.alignment, sana.known) == ("SANA", "SY", "Syrian state", True)
    assert registry.lookup("Reuters").reliability > registry.lookup("SANA").reliability


def test_registry_gives_unknown_outlets_the_neutral_prior() -> None:
    registry = load_registry()
    stranger = registry.lookup("Mesopotamia Ledger")
    assert (stranger.known, stranger.reliability, stranger.alignment) == (False, registry.neutral, None)
    assert registry.lookup(None).reliability == registry.neutral


def test_registry_lists_every_sample_outlet_as_fictional() -> None:
    registry = load_registry()
    for outlet in (
        "Levant Monitor",
        "Euphrates Post",
        "Orontes Daily",
        "Badia Herald",
        "Baghdad Wire",
        "Tigris Times",
        "Gulf Dispatch",
        "Sirte Courier",
    ):
        assert registry.lookup(outlet).fictional, outlet


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("sources: [{name: X, reliability: 2}]", "reliability of 'X' must be a number from 0 to 1, not 2"),
        ("sources: [{reliability: 0.5}]", "entry 1 has no name"),
        ("sources: [{name: X, bias: left}]", "entry 'X' has unknown field bias"),
        ("just text", "expected a mapping with a `sources` list"),
    ],
)
def test_registry_rejects_a_broken_file_naming_the_problem(tmp_path: Path, content: str, detail: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VedetteError) as caught:
        load_registry(str(path))
    assert caught.value.code == "V501"
    assert str(caught.value) == (
        f"[V501] {path}: source registry is not valid ({detail}); fix the file or unset VEDETTE_SOURCES"
    )
