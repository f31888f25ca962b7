"""`vedette eval syndication`: one JSON object with pairwise precision, recall and ARI on the labelled set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_eval_syndication_meets_its_targets(cli: Any) -> None:
    result = json.loads(cli("eval", "syndication", "--json").stdout)
    assert result["precision"] >= 0.98
    assert result["recall"] >= 0.95
    assert -1.0 <= result["ari"] <= 1.0
    assert result["documents"] > result["true_clusters"] > 40


def test_eval_syndication_fails_when_the_threshold_is_absurd(cli: Any) -> None:
    """The metrics respond to the mechanism: a threshold of 1.0 splits every edited reprint off."""
    result = json.loads(cli("eval", "syndication", "--json", "--threshold", "1.0").stdout)
    assert result["recall"] < 0.5


def test_eval_syndication_missing_set_is_one_clear_error(cli: Any, tmp_path: Path) -> None:
    result = cli("eval", "syndication", "--json", "--variants", str(tmp_path), check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [V502] {tmp_path}: labelled syndication set not found; pass --variants DIR "
        "(tests/data/syndication in the repository)\n"
    )
