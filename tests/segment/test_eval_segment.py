"""`vedette eval segment --json` on the dev set: one JSON object with the standard metrics, and the targets."""

import json
from pathlib import Path

import pytest

from vedette.segment_eval import LABELS, dev_pages, read_gold

DEV = Path(__file__).resolve().parents[1] / "data" / "segment"
HELD_OUT = Path(__file__).resolve().parents[1] / "data" / "segment_heldout"
"""Pages written before any tuning and never tuned on: `vedette eval segment` on them says how well it generalises."""


@pytest.fixture(scope="module")
def metrics(cli) -> dict:  # type: ignore[no-untyped-def]
    result = cli("eval", "segment", "--json")
    [line] = result.stdout.splitlines()
    return json.loads(line)


def test_eval_segment_prints_one_json_object_with_the_metrics(metrics: dict) -> None:
    assert metrics["pages"] >= 40
    assert set(metrics["f1"]) == set(LABELS)
    assert {"accuracy", "precision", "recall", "comment_as_body_rate", "body_as_comment_rate", "lines"} <= set(metrics)
    assert metrics["lines"] == sum(len(read_gold(p.with_suffix(".gold"))) for p in dev_pages(DEV))


def test_eval_segment_reaches_the_accuracy_target(metrics: dict) -> None:
    assert metrics["accuracy"] >= 0.95


def test_eval_segment_reaches_the_comment_as_body_target(metrics: dict) -> None:
    assert metrics["comment_as_body_rate"] <= 0.02
    assert metrics["body_as_comment_rate"] <= 0.02


@pytest.mark.parametrize("folder", [DEV, HELD_OUT], ids=["dev", "held-out"])
def test_eval_segment_text_pages_match_their_gold_lines(folder: Path) -> None:
    for page in dev_pages(folder):
        if page.suffix == ".txt":
            lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
            assert lines == [text for _, text in read_gold(page.with_suffix(".gold"))], page.name


def test_eval_segment_reads_the_held_out_folder_given_as_argument(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("eval", "segment", str(HELD_OUT), "--json")
    held_out = json.loads(result.stdout)
    pages = dev_pages(HELD_OUT)
    assert held_out["pages"] == len(pages) >= 12
    assert {p.suffix for p in pages} == {".txt", ".html"}
    assert held_out["lines"] == sum(len(read_gold(p.with_suffix(".gold"))) for p in pages)


def test_eval_segment_refuses_a_folder_without_labelled_pages(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("eval", "segment", str(tmp_path), "--json", check=False)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"Error: {tmp_path}: no labelled pages (NAME.txt or NAME.html with NAME.gold beside it)"
    )
