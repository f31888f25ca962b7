"""`vedette eval alerts`: recall of injected spikes and false alarms on synthetic streams, seeded.

The generator writes daily incident counts for `regions` x `types` series over `days` days:

- each series has its own base rate, log-uniform between 0.05 and 3 incidents a day;
- the rate drifts (a multiplicative random walk, about ±20 % a month), has a weekly cycle (±15 %) and
  day-to-day overdispersion (gamma noise, var = m + 0.25 m^2), so the quiet stream is not the detector's
  own model;
- the spiky stream is the same stream (fresh noise) plus injected spikes: on `spikes` random (series, day)
  pairs at least a week apart within a series, Poisson(6 + 3 x the series' rate that day) extra incidents;
  recall is also given for smaller and larger spikes (2, 4 and 8 instead of 6).

Recall is the share of injected spikes alerted on their day. False alarms are alerts anywhere else, counted
per 30 region-days (a region-day is one region on one day, all its types together) on the quiet stream (the
published figure) and, for completeness, on the non-injected days of the spiky stream. The first
`baseline_days` days only feed the baseline and are not scored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from vedette.alerts.spikes import SpikeSettings, find_spikes

OVERDISPERSION = 0.25
SPIKE_BASE = 6.0
SPIKE_RATE = 3.0
SIZES = (2.0, 4.0, 6.0, 8.0)
"""Spike sizes (the constant part) for the recall-by-size curve."""


@dataclass(frozen=True)
class StreamShape:
    regions: int = 30
    types: int = 6
    days: int = 365
    spikes: int = 300
    seed: int = 10
    spike_base: float = SPIKE_BASE


def synthetic_stream(shape: StreamShape) -> tuple[np.ndarray, np.ndarray, set[tuple[int, int]]]:
    """(quiet counts, spiky counts, injected (series, day) pairs); series are region-major."""
    rng = np.random.default_rng(shape.seed)
    series = shape.regions * shape.types
    base = np.exp(rng.uniform(np.log(0.05), np.log(3.0), size=(series, 1)))
    drift = np.exp(np.cumsum(rng.normal(0, 0.2 / np.sqrt(30), size=(series, shape.days)), axis=1))
    weekly = 1 + 0.15 * np.sin(2 * np.pi * (np.arange(shape.days) + rng.integers(0, 7, size=(series, 1))) / 7)
    rate = base * drift * weekly
    noisy = rate * rng.gamma(1 / OVERDISPERSION, OVERDISPERSION, size=rate.shape)
    quiet = rng.poisson(noisy)
    spiky = rng.poisson(rate * rng.gamma(1 / OVERDISPERSION, OVERDISPERSION, size=rate.shape))
    injected: set[tuple[int, int]] = set()
    scored = range(SpikeSettings().baseline_days, shape.days)
    while len(injected) < shape.spikes:
        row, day = int(rng.integers(series)), int(rng.choice(scored))
        if any(r == row and abs(d - day) < 7 for r, d in injected):
            continue
        injected.add((row, day))
        spiky[row, day] += rng.poisson(shape.spike_base + SPIKE_RATE * rate[row, day])
    return quiet, spiky, injected


def evaluate_alerts(shape: StreamShape | None = None, settings: SpikeSettings | None = None) -> dict[str, object]:
    shape = shape or StreamShape()
    settings = settings or SpikeSettings.from_config()
    quiet, spiky, injected = synthetic_stream(shape)
    first = settings.baseline_days
    region_days = shape.regions * (shape.days - first)

    def alerts(counts: np.ndarray) -> set[tuple[int, int]]:
        return {(s.series, s.day) for s in find_spikes(counts, first, shape.types, settings)}

    on_spiky, on_quiet = alerts(spiky), alerts(quiet)
    detected = len(on_spiky & injected)
    false_spiky = len(on_spiky - injected)
    by_size = {}
    for base in SIZES:
        _, other, other_injected = synthetic_stream(replace(shape, spike_base=base))
        by_size[_size(base)] = round(len(alerts(other) & other_injected) / len(other_injected), 4)
    return {
        "recall": round(detected / len(injected), 4),
        "false_alarms_per_30_days": round(30 * len(on_quiet) / region_days, 4),
        "false_alarms_per_30_days_spiky_stream": round(30 * false_spiky / region_days, 4),
        "injected_spikes": len(injected),
        "detected_spikes": detected,
        "false_alarms_quiet": len(on_quiet),
        "false_alarms_spiky": false_spiky,
        "region_days": region_days,
        "test": "negative binomial mid-p upper tail vs a rolling baseline, Bonferroni over event types per region-day",
        "settings": asdict(settings),
        "stream": asdict(shape),
        "spike_size": _size(shape.spike_base),
        "recall_by_spike_size": by_size,
    }


def _size(base: float) -> str:
    return f"Poisson({base:g} + {SPIKE_RATE:g} x the series' daily rate) extra incidents"
