"""The spike test on hand-made count matrices: what is a spike, what is not, and the threshold it uses."""

from __future__ import annotations

import numpy as np

from vedette.alerts.spikes import MIN_BASELINE_DAYS, SpikeSettings, find_spikes

SETTINGS = SpikeSettings(baseline_days=28, alpha=0.02, min_incidents=3)


def _series(*rows: list[int]) -> np.ndarray:
    return np.array(rows, dtype=int)


def test_spike_found_on_its_day_with_its_figures() -> None:
    rng = np.random.default_rng(1)
    counts = rng.poisson(1.0, size=(1, 60))
    counts[0, 45] = 12
    [spike] = find_spikes(counts, 0, 1, SETTINGS)
    assert (spike.series, spike.day, spike.count) == (0, 45, 12)
    assert 0.5 < spike.expected < 1.6
    assert spike.p_value < spike.threshold == SETTINGS.alpha


def test_steady_series_has_no_spike() -> None:
    assert find_spikes(np.full((3, 60), 2), 0, 3, SETTINGS) == []


def test_minimum_incidents_make_a_spike_however_quiet_the_region() -> None:
    quiet = [0] * 40
    assert find_spikes(_series(quiet[:30] + [2] + quiet[31:]), 0, 1, SETTINGS) == []
    [spike] = find_spikes(_series(quiet[:30] + [3] + quiet[31:]), 0, 1, SETTINGS)
    assert spike.day == 30


def test_bonferroni_threshold_splits_alpha_over_the_event_types() -> None:
    counts = np.zeros((6, 40), dtype=int)
    counts[2, 35] = 9
    [spike] = find_spikes(counts, 0, 6, SETTINGS)
    assert spike.series == 2 and spike.threshold == SETTINGS.alpha / 6


def test_a_spike_does_not_hide_the_next_one_a_week_later() -> None:
    counts = np.ones((1, 70), dtype=int)
    counts[0, 40] = counts[0, 47] = 9
    assert [s.day for s in find_spikes(counts, 0, 1, SETTINGS)] == [40, 47]


def test_no_test_without_a_week_of_history_nor_before_the_first_tested_day() -> None:
    counts = np.zeros((1, 40), dtype=int)
    counts[0, MIN_BASELINE_DAYS - 1] = counts[0, 20] = counts[0, 35] = 8
    assert [s.day for s in find_spikes(counts, 0, 1, SETTINGS)] == [20, 35]
    assert [s.day for s in find_spikes(counts, 30, 1, SETTINGS)] == [35]


def test_overdispersed_baseline_raises_the_bar() -> None:
    calm = np.tile([1, 1, 1, 1], 10)[:40]
    bursty = np.tile([0, 0, 0, 4], 10)[:40]  # the same mean, bursts of four
    for counts in (calm, bursty):
        counts[36] = 5
    assert [s.day for s in find_spikes(_series(list(calm)), 0, 1, SETTINGS)] == [36]
    assert find_spikes(_series(list(bursty)), 0, 1, SETTINGS) == []
