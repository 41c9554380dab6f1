"""The expected value of a metric on a day, its band, and whether the day is an anomaly.

Pure arithmetic on a daily series (``{day: value}``; a missing day or ``None``
is no value); see the package's docstring for the method in words.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

WEEKS = 6  # same weekday over the previous 6 weeks
MIN_WEEKS = 4  # fewer known values: no expectation
LEVEL_DAYS = 7  # the recent level: the last 7 days against their own weekdays
LEVEL_LIMITS = (0.5, 2.0)
NOISE_DAYS = 28  # the day-to-day noise: the last 28 days against their own weekdays
MIN_NOISE_DAYS = 7
MAD_SCALE = 1.4826  # MAD × this estimates a normal distribution's standard deviation
RELATIVE_FLOOR = 0.02  # the spread is at least 2 % of the expected value
THRESHOLD = 3.0  # flagged beyond expected ± 3 spreads
MIN_CHANGE_COUNT = 10.0  # … and at least this far from expected (counts)
MIN_CHANGE_RATIO = 0.05  # (ratios: 5 percentage points)
SCORE_LIMIT = 99.0

Series = Mapping[dt.date, float | None]


@dataclass(frozen=True)
class Expectation:
    expected: float
    spread: float  # robust standard deviation, scaled by the level
    level: float  # recent level against the seasonal history (1: as usual)
    history: tuple[float, ...]  # the same weekday's values, most recent first

    def band(self, threshold: float = THRESHOLD) -> tuple[float, float]:
        return max(self.expected - threshold * self.spread, 0.0), (
            self.expected + threshold * self.spread
        )

    def score(self, value: float) -> float:
        """How many spreads ``value`` is from expected (signed; capped at ±99)."""
        if self.spread <= 0:
            raw = 0.0 if value == self.expected else SCORE_LIMIT
            return raw if value >= self.expected else -raw
        raw = (value - self.expected) / self.spread
        return round(max(-SCORE_LIMIT, min(SCORE_LIMIT, raw)), 2)


def same_weekday(series: Series, day: dt.date, weeks: int = WEEKS) -> list[float]:
    """The known values on the same weekday of the ``weeks`` weeks before ``day``."""
    found = [series.get(day - dt.timedelta(days=7 * k)) for k in range(1, weeks + 1)]
    return [float(v) for v in found if v is not None]


def _against_weekday(series: Series, day: dt.date, days: int) -> list[float]:
    """Each of the ``days`` days before ``day`` against the median of its own weekday's weeks."""
    ratios = []
    for i in range(1, days + 1):
        earlier = day - dt.timedelta(days=i)
        value = series.get(earlier)
        history = same_weekday(series, earlier)
        if value is None or len(history) < MIN_WEEKS:
            continue
        typical = statistics.median(history)
        if typical > 0:
            ratios.append(float(value) / typical)
    return ratios


def _level(series: Series, day: dt.date) -> float:
    """The median, over the last 7 days, of each day's value against its own seasonal median."""
    ratios = _against_weekday(series, day, LEVEL_DAYS)
    if not ratios:
        return 1.0
    low, high = LEVEL_LIMITS
    return min(max(statistics.median(ratios), low), high)


def _noise(series: Series, day: dt.date) -> float:
    """The robust spread of the last 28 days against their weekdays, relative to the typical
    value (0 with fewer than 7 of them): six values of one weekday alone underrate it."""
    ratios = _against_weekday(series, day, NOISE_DAYS)
    if len(ratios) < MIN_NOISE_DAYS:
        return 0.0
    centre = statistics.median(ratios)
    return MAD_SCALE * statistics.median(abs(r - centre) for r in ratios)


def expectation(series: Series, day: dt.date, *, counts: bool = True) -> Expectation | None:
    """What ``day`` should be, from its weekday's recent history; None without enough of it.

    ``counts``: the metric counts members or actions, whose day-to-day noise is at
    least a Poisson count's (√expected); ratios have no such floor."""
    history = same_weekday(series, day)
    if len(history) < MIN_WEEKS:
        return None
    typical = statistics.median(history)
    mad = statistics.median(abs(v - typical) for v in history)
    level = _level(series, day)
    expected = typical * level
    spread = max(
        MAD_SCALE * mad * level,
        _noise(series, day) * abs(expected),
        RELATIVE_FLOOR * abs(expected),
        math.sqrt(abs(expected)) if counts else 0.0,
    )
    return Expectation(round(expected, 4), round(spread, 4), round(level, 4), tuple(history))


def is_anomaly(
    value: float, found: Expectation, *, threshold: float = THRESHOLD, min_change: float
) -> bool:
    """Outside the band and at least ``min_change`` from expected (no alerts on tiny numbers)."""
    low, high = found.band(threshold)
    outside = value < low or value > high
    return outside and abs(value - found.expected) >= min_change
