"""A goal's progress from the metric's daily values: pure functions, no database.

Days are the community's days and only *complete* days count: on ``today`` the
goal has ``elapsed = today - period_start`` days (0 … ``total``), the period
runs from ``period_start`` to ``deadline`` inclusive (``total`` days), and the
*comparable period* is the ``total`` days just before ``period_start``.

How the figures are made depends on the metric's kind:

* **count** (new members, replies …) accumulates over the period:
  baseline = the sum over the comparable period; actual = the sum of the
  elapsed days; expected = target × elapsed ÷ total; forecast = actual plus the
  trend line summed over the remaining days (see :func:`count_forecast`).
* **gauge** (DAU, WAU, MAU, stickiness) and **ratio** are levels: baseline =
  the mean over the comparable period; actual = the mean of the last 7
  elapsed days (fewer at the start); expected = baseline + (target − baseline)
  × elapsed ÷ total; forecast = the trend line at the deadline (see
  :func:`level_forecast`).

The trend is the least-squares line through the period's elapsed days; with
fewer than 7 of them, the 28 days before the period are used as well. The band
is an 80 % prediction interval.

Status: *pending* until ``min(7, total)`` days have elapsed (or when the trend
or target is unknown). Then the *attainment* ``(forecast − baseline) ÷
(target − baseline)`` (so a decrease goal works the same way) is compared with
the thresholds: ≥ ``on_track_at`` on track, < ``at_risk_below`` at risk, else
behind. Once the deadline has passed: *achieved* when the actual reached the
target in the target's direction, else *missed*.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "gauge", "ratio"]

MIN_DAYS = 7  # elapsed days before a status is given; fewer points borrow history
HISTORY_DAYS = 28  # days before the period used for the trend when it has < MIN_DAYS
LEVEL_DAYS = 7  # a level's actual: the mean of this many last days

# t quantile 0.90 (two-sided 80 % interval) by degrees of freedom; above 30: the normal 1.2816
_T90 = {
    1: 3.078,
    2: 1.886,
    3: 1.638,
    4: 1.533,
    5: 1.476,
    6: 1.440,
    7: 1.415,
    8: 1.397,
    9: 1.383,
    10: 1.372,
    12: 1.356,
    15: 1.341,
    20: 1.325,
    25: 1.316,
    30: 1.310,
}
_Z90 = 1.2816


def t90(df: int) -> float:
    """The 0.90 quantile of Student's t with ``df`` degrees of freedom (the table's nearest
    lower entry, so the band errs wide)."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df > 30:
        return _Z90
    return _T90[max(k for k in _T90 if k <= df)]


@dataclass(frozen=True)
class Fit:
    """A least-squares line ``y = intercept + slope × x`` and what its band needs."""

    slope: float
    intercept: float
    n: int
    x_mean: float
    sxx: float  # Σ (x − x̄)²
    sd: float  # residual standard deviation, √(Σ residual² ÷ (n − 2))

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x

    def spread(self, x: float) -> float:
        """1/n + (x − x̄)² / Sxx: how uncertain the line itself is at ``x``."""
        return 1 / self.n + (x - self.x_mean) ** 2 / self.sxx


def line_fit(points: Sequence[tuple[float, float]]) -> Fit | None:
    """The least-squares line through ``(x, y)`` points; None with fewer than 3 points or
    a single x."""
    n = len(points)
    if n < 3:
        return None
    x_mean = sum(x for x, _y in points) / n
    y_mean = sum(y for _x, y in points) / n
    sxx = sum((x - x_mean) ** 2 for x, _y in points)
    if sxx == 0:
        return None
    slope = sum((x - x_mean) * (y - y_mean) for x, y in points) / sxx
    intercept = y_mean - slope * x_mean
    rss = sum((y - intercept - slope * x) ** 2 for x, y in points)
    return Fit(slope, intercept, n, x_mean, sxx, math.sqrt(rss / (n - 2)))


@dataclass(frozen=True)
class Band:
    value: float
    low: float
    high: float


def level_forecast(fit: Fit, x: float) -> Band:
    """The line at ``x`` with its 80 % prediction interval:
    ŷ(x) ± t₀.₉(n − 2) · s · √(1 + 1/n + (x − x̄)²/Sxx) — wider the further ``x`` is."""
    value = fit.at(x)
    half = t90(fit.n - 2) * fit.sd * math.sqrt(1 + fit.spread(x))
    return Band(value, value - half, value + half)


def count_forecast(fit: Fit, actual: float, first: int, last: int) -> Band:
    """``actual`` plus the line summed over days ``first`` … ``last`` (R days), i.e.
    actual + R · ŷ(x_m) with x_m their middle, and the 80 % interval of that sum:
    ± t₀.₉(n − 2) · s · √(R + R² · (1/n + (x_m − x̄)²/Sxx)) (R days' own noise plus the
    line's uncertainty). A count never falls, so every figure is at least ``actual``."""
    days = last - first + 1
    if days <= 0:
        return Band(actual, actual, actual)
    middle = (first + last) / 2
    value = actual + days * fit.at(middle)
    half = t90(fit.n - 2) * fit.sd * math.sqrt(days + days**2 * fit.spread(middle))
    return Band(max(value, actual), max(value - half, actual), max(value + half, actual))


def target_of(kind: str, value: float, baseline: float | None) -> float | None:
    """The value to reach: ``value`` itself (absolute) or baseline × (1 + value) (relative)."""
    if kind == "absolute":
        return value
    return None if baseline is None else baseline * (1 + value)


def baseline_of(kind: Kind, values: Sequence[float | None]) -> float | None:
    """The comparable period's figure: its sum (counts) or its mean (levels)."""
    known = [v for v in values if v is not None]
    if kind == "count":
        return float(sum(known))
    return sum(known) / len(known) if known else None


def total_days(start: dt.date, deadline: dt.date) -> int:
    return (deadline - start).days + 1


def elapsed_days(start: dt.date, deadline: dt.date, today: dt.date) -> int:
    """Complete days of the period on ``today`` (today itself is not complete)."""
    return min(max((today - start).days, 0), total_days(start, deadline))


def expected_at(
    kind: Kind, baseline: float | None, target: float | None, share: float
) -> float | None:
    """Where the goal should be after ``share`` of its period (linear pace)."""
    if target is None:
        return None
    if kind == "count":
        return target * share
    return None if baseline is None else baseline + (target - baseline) * share


def attainment_of(forecast: float, baseline: float, target: float) -> float | None:
    if target == baseline:
        return None
    return (forecast - baseline) / (target - baseline)


def status_of(attainment: float | None, *, on_track_at: float, at_risk_below: float) -> str:
    if attainment is None:
        return "pending"
    if attainment >= on_track_at:
        return "on_track"
    if attainment < at_risk_below:
        return "at_risk"
    return "behind"


def reached(actual: float, baseline: float | None, target: float) -> bool:
    """The actual got to the target in the target's direction (down for a decrease goal)."""
    if baseline is not None and target < baseline:
        return actual <= target
    return actual >= target


@dataclass(frozen=True)
class Progress:
    elapsed: int
    total: int
    actual: float | None
    expected: float | None
    forecast: Band | None
    path: tuple[Band, ...]  # the forecast on each remaining day, the last one at the deadline
    attainment: float | None
    status: str


@dataclass(frozen=True)
class Inputs:
    kind: Kind
    start: dt.date
    deadline: dt.date
    today: dt.date
    baseline: float | None
    target: float | None
    on_track_at: float
    at_risk_below: float


def _x(start: dt.date, day: dt.date) -> int:
    return (day - start).days


def trend_points(
    daily: Mapping[dt.date, float | None], start: dt.date, elapsed: int
) -> list[tuple[float, float]]:
    """The points the trend is fitted on: the elapsed days (x = 0 …), and with fewer than
    ``MIN_DAYS`` of them the ``HISTORY_DAYS`` before as well (x < 0)."""
    first = 0 if elapsed >= MIN_DAYS else -HISTORY_DAYS
    days = (start + dt.timedelta(days=i) for i in range(first, elapsed))
    return [(float(_x(start, d)), v) for d in days if (v := daily.get(d)) is not None]


def actual_of(kind: Kind, period_values: Sequence[float | None]) -> float | None:
    """The period's elapsed days summed (counts) or the last ``LEVEL_DAYS`` averaged."""
    if kind == "count":
        return float(sum(v for v in period_values if v is not None))
    recent = [v for v in period_values[-LEVEL_DAYS:] if v is not None]
    return sum(recent) / len(recent) if recent else None


def forecast_path(
    kind: Kind, fit: Fit, actual: float, elapsed: int, total: int
) -> tuple[Band, ...]:
    """The forecast at the end of each remaining day (days ``elapsed`` … ``total − 1``)."""
    if kind == "count":
        return tuple(count_forecast(fit, actual, elapsed, day) for day in range(elapsed, total))
    return tuple(level_forecast(fit, day) for day in range(elapsed, total))


def progress(inputs: Inputs, daily: Mapping[dt.date, float | None]) -> Progress:
    """The goal's figures on ``inputs.today`` from ``daily`` (the metric per day: the period
    so far and, for the trend, up to ``HISTORY_DAYS`` before it)."""
    i = inputs
    total = total_days(i.start, i.deadline)
    elapsed = elapsed_days(i.start, i.deadline, i.today)
    period = [daily.get(i.start + dt.timedelta(days=d)) for d in range(elapsed)]
    actual = actual_of(i.kind, period) if elapsed else None
    expected = expected_at(i.kind, i.baseline, i.target, elapsed / total)
    fit = line_fit(trend_points(daily, i.start, elapsed))
    if elapsed >= total:
        status = "pending"
        if actual is not None and i.target is not None:
            status = "achieved" if reached(actual, i.baseline, i.target) else "missed"
        final = Band(actual, actual, actual) if actual is not None else None
        return Progress(elapsed, total, actual, expected, final, (), None, status)
    path: tuple[Band, ...] = ()
    if fit is not None:
        path = forecast_path(i.kind, fit, actual or 0.0, elapsed, total)
    forecast = path[-1] if path else None
    attainment = None
    if forecast is not None and i.target is not None and i.baseline is not None:
        attainment = attainment_of(forecast.value, i.baseline, i.target)
    status = "pending"
    if elapsed >= min(MIN_DAYS, total):
        status = status_of(attainment, on_track_at=i.on_track_at, at_risk_below=i.at_risk_below)
    return Progress(elapsed, total, actual, expected, forecast, path, attainment, status)
