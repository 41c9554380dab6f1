"""Difference-in-differences, as pure functions (no database, no store).

An initiative starts on a day. For the boards it touched (treated) and for the
boards it did not touch (control), the daily value of a metric is the mean over
the group's boards of that board's count on the day. The N days before the
start are compared with the first N days from the start (the start day
included), N = min(28, whole days since the start).

    DiD = (treated after − treated before) − (control after − control before)

and, relative to the treated baseline, DiD / treated before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_DAYS = 28
MIN_DAYS = 7


def impact_days(*, start: dt.date, today: dt.date) -> int:
    """N: the whole days from the start to yesterday (today is not over), at most 28."""
    return max(0, min(MAX_DAYS, (today - start).days))


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def group_daily(
    daily: Mapping[int, Sequence[int]], boards: Iterable[int], days: int
) -> list[float]:
    """Each day's mean count per board of the group (a board without rows counts 0)."""
    chosen = list(boards)
    if not chosen:
        return [0.0] * days
    zeros = [0] * days
    return [sum(daily.get(board, zeros)[i] for board in chosen) / len(chosen) for i in range(days)]


@dataclass(frozen=True)
class GroupChange:
    before: float  # the daily mean over the N days before the start
    after: float  # the daily mean over the N days from the start

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class DiD:
    treated: GroupChange
    control: GroupChange

    @property
    def effect(self) -> float:
        """(treated after − treated before) − (control after − control before)."""
        return self.treated.change - self.control.change

    @property
    def relative(self) -> float | None:
        """The effect against the treated baseline (None when the baseline is 0)."""
        if not self.treated.before:
            return None
        return self.effect / self.treated.before


def did_compare(
    *,
    treated: Sequence[float],
    control: Sequence[float],
    days: int,
) -> DiD:
    """``treated`` and ``control`` are daily values over 2 × ``days`` days: before, then after."""
    if days <= 0 or len(treated) != 2 * days or len(control) != 2 * days:
        raise ValueError("each series needs 2 × days values")
    return DiD(
        treated=GroupChange(before=mean(treated[:days]), after=mean(treated[days:])),
        control=GroupChange(before=mean(control[:days]), after=mean(control[days:])),
    )
