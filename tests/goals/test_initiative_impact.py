"""Difference-in-differences against answers computed by hand, and the impact view on a store."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from hearth.analytics.models import Activity
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from hearth.goals.initiatives.impact import did_compare, group_daily, impact_days
from hearth.goals.initiatives.selectors import initiative_impact
from hearth.goals.models import Initiative

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
START = dt.date(2026, 1, 11)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_days_compared_are_the_whole_days_since_the_start_at_most_28() -> None:
    assert impact_days(start=START, today=dt.date(2026, 1, 21)) == 10
    assert impact_days(start=START, today=dt.date(2026, 3, 1)) == 28
    assert impact_days(start=START, today=START) == 0
    assert impact_days(start=START, today=dt.date(2026, 1, 1)) == 0  # not started yet


def test_group_daily_is_the_mean_per_board_with_silent_boards_as_zero() -> None:
    daily = {1: [1, 2, 3], 2: [3, 4, 5]}
    assert group_daily(daily, [1, 2, 9], 3) == pytest.approx([4 / 3, 2, 8 / 3])
    assert group_daily(daily, [], 3) == [0.0, 0.0, 0.0]


def test_difference_in_differences_by_hand() -> None:
    # treated: before (2 + 4) / 2 = 3, after (10 + 12) / 2 = 11, change +8
    # control: before (5 + 5) / 2 = 5, after (6 + 8) / 2 = 7, change +2
    did = did_compare(treated=[2, 4, 10, 12], control=[5, 5, 6, 8], days=2)
    assert (did.treated.before, did.treated.after, did.treated.change) == (3, 11, 8)
    assert (did.control.before, did.control.after, did.control.change) == (5, 7, 2)
    assert did.effect == 6  # 8 − 2
    assert did.relative == 2.0  # 6 against the treated baseline 3


def test_a_fall_against_a_rise_is_a_negative_effect() -> None:
    # treated 4 → 3 (−1); control 2 → 3 (+1): −1 − (+1) = −2, −50% of the baseline 4
    did = did_compare(treated=[4, 4, 4, 3, 3, 3], control=[1, 2, 3, 3, 3, 3], days=3)
    assert did.effect == pytest.approx(-2)
    assert did.relative == pytest.approx(-0.5)


def test_no_relative_figure_on_a_zero_baseline() -> None:
    did = did_compare(treated=[0, 0, 1, 1], control=[1, 1, 1, 1], days=2)
    assert did.effect == 1
    assert did.relative is None


def test_series_must_cover_both_periods() -> None:
    with pytest.raises(ValueError, match="2 × days"):
        did_compare(treated=[1, 2, 3], control=[1, 2, 3, 4], days=2)


@pytest.fixture
def duck(db: None) -> Iterator[DuckDBEngine]:
    store = DuckDBEngine()
    yield store
    store.close()


def _topics(board: int, day: dt.date, n: int) -> list[Activity]:
    when = dt.datetime.combine(day, dt.time(12), tzinfo=ZONE)
    return [Activity(action="topic", board_id=board, occurred_at=when) for _ in range(n)]


@pytest.fixture
def touched_one_of_three(make_board: Callable[..., Any], settings: Any) -> dict[str, Any]:
    """Board a (touched): 1 topic a day for 10 days, then 3; b: 2 then 3; c: 0 then 1."""
    settings.TIME_ZONE = "Asia/Shanghai"
    a, b, c = make_board(), make_board(), make_board()
    rows: list[Activity] = []
    for i in range(1, 11):
        before, after = START - dt.timedelta(days=i), START + dt.timedelta(days=i - 1)
        rows += _topics(a.pk, before, 1) + _topics(b.pk, before, 2)
        rows += _topics(a.pk, after, 3) + _topics(b.pk, after, 3) + _topics(c.pk, after, 1)
    rows += _topics(a.pk, START - dt.timedelta(days=11), 50)  # outside the 10 days: ignored
    Activity.objects.bulk_create(rows)
    initiative = Initiative.objects.create(name="AI board push", start_date=START)
    initiative.boards.set([a])
    return {"initiative": initiative, "boards": (a, b, c)}


def test_impact_on_the_store(touched_one_of_three: dict[str, Any], duck: DuckDBEngine) -> None:
    store_sync(duck)
    impact = initiative_impact(
        initiative=touched_one_of_three["initiative"],
        metric="topic",
        engine=duck,
        today=START + dt.timedelta(days=10),
    )
    a, b, c = touched_one_of_three["boards"]
    assert impact.too_early == ""
    assert impact.days == 10
    assert impact.treated == (a.pk,)
    assert set(impact.control) == {b.pk, c.pk}
    assert impact.did is not None
    # treated 1 → 3 (+2); control (2 + 0) / 2 = 1 → (3 + 1) / 2 = 2 (+1); DiD +1, +100%
    assert impact.did.treated.before == pytest.approx(1)
    assert impact.did.treated.after == pytest.approx(3)
    assert impact.did.control.change == pytest.approx(1)
    assert impact.did.effect == pytest.approx(1)
    assert impact.did.relative == pytest.approx(1)
    chart = impact.chart()
    assert chart["mark"] == "2026-01-11"
    assert chart["x"][0] == "2026-01-01"  # type: ignore[index]
    assert len(chart["x"]) == 20  # type: ignore[arg-type]


def test_too_early_before_a_week(touched_one_of_three: dict[str, Any], duck: DuckDBEngine) -> None:
    impact = initiative_impact(
        initiative=touched_one_of_three["initiative"],
        metric="topic",
        engine=duck,
        today=START + dt.timedelta(days=6),
    )
    assert impact.did is None
    assert "fewer than 7 days" in impact.too_early


def test_too_early_before_the_start(
    touched_one_of_three: dict[str, Any], duck: DuckDBEngine
) -> None:
    impact = initiative_impact(
        initiative=touched_one_of_three["initiative"],
        metric="read",
        engine=duck,
        today=START - dt.timedelta(days=1),
    )
    assert impact.did is None
    assert impact.too_early == "Too early to tell: the initiative starts on 2026-01-11."


def test_too_early_without_an_untouched_board(
    touched_one_of_three: dict[str, Any], duck: DuckDBEngine
) -> None:
    initiative = touched_one_of_three["initiative"]
    initiative.boards.set(touched_one_of_three["boards"])
    impact = initiative_impact(
        initiative=initiative, metric="reply", engine=duck, today=START + dt.timedelta(days=20)
    )
    assert impact.did is None
    assert "no untouched board" in impact.too_early
