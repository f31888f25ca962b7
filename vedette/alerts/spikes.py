"""Spike test: is a day's count of incidents of one type in one region improbably high for its recent past?

The count c of a series (region, type) on day d is compared with its rolling baseline, the `baseline_days`
days before d, under a negative binomial model:

- mean: mu = (S + 0.5) / n, with S the incidents over the n baseline days (the 0.5 keeps a series with an
  empty baseline testable: a Jeffreys-style prior);
- variance: mu + mu^2 (phi + 1 / (S + 0.5)), where phi is the day-to-day overdispersion pooled over every
  series' baseline by the method of moments (phi = sum(v - m) / sum(m^2), m and v each series' baseline mean
  and variance) and 1 / (S + 0.5) the uncertainty of mu itself (the gamma-Poisson posterior predictive).

The p-value is the mid-p upper tail P(X > c) + P(X = c) / 2 (Lancaster's mid-p: the plain tail of a count
is conservative, the more so the smaller the counts). A region-day has one test per event type, so the day's family of
tests in a region is held to `alpha` by Bonferroni: a spike needs p < alpha / m, m the number of event types
in the data, and at least `min_incidents` incidents (one or two reports are not a surge, however quiet the
region was; a first report is the new-place alert's job). Series need `MIN_BASELINE_DAYS` of history first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import nbinom

from vedette import config

MIN_BASELINE_DAYS = 7
PRIOR_COUNT = 0.5


@dataclass(frozen=True)
class SpikeSettings:
    baseline_days: int = 28
    alpha: float = 0.02
    min_incidents: int = 3

    @classmethod
    def from_config(cls) -> SpikeSettings:
        return cls(
            int(config.get("alert_baseline_days")),
            float(config.get("alert_alpha")),
            int(config.get("alert_min_incidents")),
        )


@dataclass(frozen=True)
class Spike:
    series: int
    """Row of the count matrix: which (region, type)."""
    day: int
    """Column of the count matrix."""
    count: int
    expected: float
    p_value: float
    threshold: float


def find_spikes(counts: np.ndarray, first_day: int, types: int, settings: SpikeSettings) -> list[Spike]:
    """Spikes on days `first_day` onwards of a (series x days) matrix of daily incident counts.

    `types` is m, the number of event types a region-day is tested for (the Bonferroni divisor). Days go in
    order, and a spike found enters later baselines at its expected value, so one surge does not raise the
    bar for the next weeks (as outbreak detectors down-weight past outbreaks).
    """
    series, days = counts.shape
    threshold = settings.alpha / max(types, 1)
    baseline = counts.astype(float)
    found: list[Spike] = []
    for day in range(max(first_day, MIN_BASELINE_DAYS), days):
        candidates = np.nonzero(counts[:, day] >= settings.min_incidents)[0]
        if not len(candidates):
            continue
        window = baseline[:, max(0, day - settings.baseline_days) : day]
        n = window.shape[1]
        phi = pooled_overdispersion(window.mean(axis=1), window.var(axis=1, ddof=1))
        sums = window[candidates].sum(axis=1)
        mu = (sums + PRIOR_COUNT) / n
        size = 1.0 / (phi + 1.0 / (sums + PRIOR_COUNT))
        observed = counts[candidates, day]
        p_values = mid_p(observed, mu, size)
        for row, count, expected, p_value in zip(candidates, observed, mu, p_values, strict=True):
            if p_value < threshold:
                found.append(Spike(int(row), day, int(count), float(expected), float(p_value), threshold))
                baseline[row, day] = expected
    return found


def mid_p(observed: np.ndarray, mu: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Lancaster's mid-p upper tail of the negative binomial: P(X > c) + P(X = c) / 2."""
    success = size / (size + mu)
    return nbinom.sf(observed, size, success) + 0.5 * nbinom.pmf(observed, size, success)


def pooled_overdispersion(means: np.ndarray, variances: np.ndarray) -> float:
    """phi of var = m + phi m^2, by moments pooled over the series that had any incident."""
    active = means > 0
    if not active.any():
        return 0.0
    return max(0.0, float((variances[active] - means[active]).sum() / (means[active] ** 2).sum()))
