"""`vedette eval events`: one JSON object of standard metrics, on the PLOVER gold and on vedette's own sets."""

import json
from pathlib import Path

import pytest

from vedette.events.lexicon import PLOVER_TYPES

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
GOLD = Path(__file__).resolve().parents[3] / "shared" / "data" / "events" / "PLOVER_GSR_CAMEO.json"


def test_eval_events_default_gold_prints_metrics_and_meets_the_target(cli) -> None:  # type: ignore[no-untyped-def]
    if not GOLD.exists():
        pytest.fail(f"the PLOVER gold is missing: {GOLD} (../shared must sit beside the repo)")
    result = json.loads(cli("eval", "events", "--json").stdout)
    assert result["sentences"] == 322
    assert set(result["per_type"]) <= set(PLOVER_TYPES)  # the 16 PLOVER event types, nothing else
    assert {"precision", "recall", "f1", "support"} <= set(result["per_type"]["ASSAULT"])
    assert result["per_type"]["REQUEST"]["support"] == 34  # DEMAND mapped onto REQUEST
    assert result["micro_f1"] >= 0.80
    assert 0 < result["actor_country_accuracy"] <= 1 and result["actor_country_n"] > 250


def test_eval_events_on_a_file_scores_modality_too(cli) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(cli("eval", "events", str(DATA / "plover_dev.json"), "--json").stdout)
    assert result["sentences"] == 131
    assert result["micro_f1"] >= 0.95 and result["modality_accuracy"] >= 0.95


def test_eval_events_counts_no_event_as_a_miss(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            [
                {"id": "a", "event": "FIGHT", "text": "Rebels shelled the town on Monday."},
                {"id": "b", "event": "AGREE", "text": "The weather was fine all week."},
            ]
        ),
        encoding="utf-8",
    )
    result = json.loads(cli("eval", "events", str(gold), "--json").stdout)
    assert (result["micro_precision"], result["micro_recall"], result["no_event"]) == (1.0, 0.5, 1)
    assert result["confusion"] == {"AGREE": {"none": 1}, "ASSAULT": {"ASSAULT": 1}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            None,
            "Error: [V205] {path}: no such file; pass a PLOVER gold file "
            "(default: ../shared/data/events/PLOVER_GSR_CAMEO.json)",
        ),
        (
            '{"event": 1}',
            "Error: [V204] {path}: not PLOVER event gold (the top level is not a list); "
            "expected a JSON list of records with `text` and `event`",
        ),
        (
            '[{"id": "x", "event": "DANCE", "text": "They danced."}]',
            "Error: [V204] {path}: not PLOVER event gold (record x: unknown event 'DANCE'); "
            "expected a JSON list of records with `text` and `event`",
        ),
    ],
)
def test_eval_events_rejects_bad_gold_with_one_line(
    tmp_path: Path,
    cli,
    content: str | None,  # type: ignore[no-untyped-def]
    message: str,
) -> None:
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli("eval", "events", str(path), "--json", check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == message.format(path=path)
