"""Stickiness distribution on ``small_log`` (see conftest), counted by hand, on every engine.

Active (the default set) in 01-05…01-14: a reads 01-05, 01-06, 01-14 (3 days, weeks of
01-05 and 01-12); b posts 01-06 (1 day; the like b received on 01-13 is not b's action);
c replies 01-12 and 01-13 (2 days, one week).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.stickiness import StickinessDistribution, periods_in
from hearth.analytics.store.engine import Engine


def window(start: str, end: str, actions: frozenset[str] = DEFAULT_ACTIVE) -> Window:
    return Window(
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        actions=actions,
        tz="Asia/Shanghai",
    )


def counts(buckets: list) -> list[tuple[int, int, float]]:
    return [(b.periods, b.members, b.share) for b in buckets]


def test_members_by_the_number_of_active_days(synced: Engine) -> None:
    found = StickinessDistribution(window("2026-01-05", "2026-01-14")).calculate(synced)
    third = round(1 / 3, 4)
    assert counts(found) == [
        (1, 1, third),  # b
        (2, 1, third),  # c
        (3, 1, third),  # a
        *((n, 0, 0.0) for n in range(4, 11)),
    ]


def test_by_week_and_by_month(synced: Engine) -> None:
    weeks = StickinessDistribution(window("2026-01-05", "2026-01-14"), period="week")
    assert counts(weeks.calculate(synced)) == [(1, 2, round(2 / 3, 4)), (2, 1, round(1 / 3, 4))]
    months = StickinessDistribution(window("2026-01-05", "2026-02-02"), period="month")
    assert counts(months.calculate(synced)) == [(1, 3, 1.0), (2, 0, 0.0)]


def test_the_active_actions_decide(synced: Engine) -> None:
    reading = StickinessDistribution(window("2026-01-01", "2026-01-31", frozenset({"read"})))
    found = reading.calculate(synced)
    assert [(b.periods, b.members) for b in found if b.members] == [(4, 1)]  # a: 4 read days
    assert len(found) == 31


def test_periods_in_a_window() -> None:
    assert periods_in(window("2026-01-05", "2026-01-14"), "day") == 10
    assert periods_in(window("2026-01-04", "2026-01-12"), "week") == 3  # Sun, a week, Mon
    assert periods_in(window("2025-12-31", "2026-02-01"), "month") == 3


def test_unknown_period_is_refused() -> None:
    with pytest.raises(QueryError, match="Unknown period: year"):
        StickinessDistribution(window("2026-01-05", "2026-01-14"), period="year")
