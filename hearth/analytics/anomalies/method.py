"""The expected value of a metric on a day, its band, and whether the day is an anomaly.

Pure arithmetic on a daily series (``{day: value}``; a missing day or ``None``
is no value); see the package's docstring for the method in words.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

WEEKS = 6  # same weekday over the previous 6 weeks
MIN_WEEKS = 4  # fewer known values: no expectation
LEVEL_DAYS = 7  # the recent level: the last 7 days against their own weekdays
LEVEL_LIMITS = (0.5, 2.0)
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


def _level(series: Series, day: dt.date) -> float:
    """The median, over the last 7 days, of each day's value against its own seasonal median."""
    ratios = []
    for i in range(1, LEVEL_DAYS + 1):
        earlier = day - dt.timedelta(days=i)
        value = series.get(earlier)
        history = same_weekday(series, earlier)
        if value is None or len(history) < MIN_WEEKS:
            continue
        typical = statistics.median(history)
        if typical > 0:
            ratios.append(float(value) / typical)
    if not ratios:
        return 1.0
    low, high = LEVEL_LIMITS
    return min(max(statistics.median(ratios), low), high)


def expectation(series: Series, day: dt.date) -> Expectation | None:
    """What ``day`` should be, from its weekday's recent history; None without enough of it."""
    history = same_weekday(series, day)
    if len(history) < MIN_WEEKS:
        return None
    typical = statistics.median(history)
    mad = statistics.median(abs(v - typical) for v in history)
    level = _level(series, day)
    expected = typical * level
    spread = max(MAD_SCALE * mad * level, RELATIVE_FLOOR * abs(expected))
    return Expectation(round(expected, 4), round(spread, 4), round(level, 4), tuple(history))


def is_anomaly(
    value: float, found: Expectation, *, threshold: float = THRESHOLD, min_change: float
) -> bool:
    """Outside the band and at least ``min_change`` from expected (no alerts on tiny numbers)."""
    low, high = found.band(threshold)
    outside = value < low or value > high
    return outside and abs(value - found.expected) >= min_change
