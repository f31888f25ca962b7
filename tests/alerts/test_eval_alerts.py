"""`vedette eval alerts`: recall of injected spikes and the false-alarm rate on quiet synthetic streams."""

from __future__ import annotations

import json
from typing import Any

from vedette.alerts.evaluate import StreamShape, evaluate_alerts, synthetic_stream
from vedette.alerts.spikes import SpikeSettings


def test_eval_alerts_meets_the_targets(cli: Any) -> None:
    metrics = json.loads(cli("eval", "alerts", "--json").stdout)
    assert metrics["recall"] >= 0.9
    assert metrics["false_alarms_per_30_days"] <= 1.0  # measured on the quiet stream
    assert metrics["false_alarms_per_30_days_spiky_stream"] <= 1.0
    assert metrics["injected_spikes"] == 300 and metrics["region_days"] == 30 * (365 - 28)
    sizes = list(metrics["recall_by_spike_size"].values())
    assert sizes == sorted(sizes), "bigger spikes are found at least as often"


def test_eval_alerts_is_seeded_and_its_streams_differ_only_by_the_spikes() -> None:
    shape = StreamShape(regions=4, types=3, days=90, spikes=10, seed=3)
    assert evaluate_alerts(shape, SpikeSettings()) == evaluate_alerts(shape, SpikeSettings())
    quiet, spiky, injected = synthetic_stream(shape)
    assert quiet.shape == spiky.shape == (12, 90) and len(injected) == 10
    rows, days = zip(*injected, strict=True)
    assert spiky[rows, days].mean() - quiet[rows, days].mean() > 4  # about 6 + 3 x rate extra incidents each
