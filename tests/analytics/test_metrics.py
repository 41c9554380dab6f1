"""Every metric on a log small enough to count by hand (see ``small_log``), on every engine."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.active import ActiveMembers, Stickiness
from hearth.analytics.queries.lifecycle import Lifecycle
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.store.engine import Engine

D = dt.date.fromisoformat
TZ = "Asia/Shanghai"


def window(start: str, end: str, actions: frozenset[str] = DEFAULT_ACTIVE, tz: str = TZ) -> Window:
    return Window(start=D(start), end=D(end), actions=actions, tz=tz)


def series(points: list) -> dict[str, float]:
    return {p.day.isoformat(): p.value for p in points}


def test_dau_counts_members_active_each_day(synced: Engine) -> None:
    dau = series(ActiveMembers(window("2026-01-05", "2026-01-14")).calculate(synced))
    assert dau == {
        "2026-01-05": 1,  # a
        "2026-01-06": 2,  # a, b
        "2026-01-07": 0,
        "2026-01-08": 0,
        "2026-01-09": 0,
        "2026-01-10": 0,
        "2026-01-11": 0,
        "2026-01-12": 1,  # c
        "2026-01-13": 1,  # c; b only *received* a like
        "2026-01-14": 1,  # a
    }


def test_wau_and_mau_are_rolling_windows(synced: Engine) -> None:
    wau = series(ActiveMembers(window("2026-01-12", "2026-01-14"), days=7).calculate(synced))
    assert wau == {"2026-01-12": 3, "2026-01-13": 1, "2026-01-14": 2}
    mau = series(ActiveMembers(window("2026-01-14", "2026-02-26"), days=30).calculate(synced))
    assert mau["2026-01-14"] == 3
    assert mau["2026-02-06"] == 3  # 01-08…02-06: a (01-14, 01-27), b (01-20), c (01-12, 01-13)
    assert mau["2026-02-11"] == 3  # 01-13 is the window's first day: c still in
    assert mau["2026-02-12"] == 2  # 01-14…02-12: a, b
    assert mau["2026-02-18"] == 2  # 01-20 is the first day: b still in
    assert mau["2026-02-19"] == 1  # 01-21…02-19: a (01-27)
    assert mau["2026-02-25"] == 1
    assert mau["2026-02-26"] == 0


def test_stickiness_is_dau_over_mau(synced: Engine) -> None:
    sticky = series(Stickiness(window("2026-01-12", "2026-01-14")).calculate(synced))
    assert sticky == {
        "2026-01-12": round(1 / 3, 4),
        "2026-01-13": round(1 / 3, 4),
        "2026-01-14": round(1 / 3, 4),
    }


def test_the_active_action_set_changes_who_counts(synced: Engine) -> None:
    posting = window("2026-01-05", "2026-01-20", actions=frozenset({"topic", "reply"}))
    dau = series(ActiveMembers(posting).calculate(synced))
    assert [d for d, n in dau.items() if n] == ["2026-01-06", "2026-01-12", "2026-01-13"]
    receiving = window("2026-01-13", "2026-01-13", actions=frozenset({"like_received"}))
    assert series(ActiveMembers(receiving).calculate(synced)) == {"2026-01-13": 1}


def test_days_are_cut_in_the_chosen_time_zone(synced: Engine) -> None:
    # c's reply at 23:00 Shanghai on 01-13 is 15:00 UTC 01-13; in Tokyo it is 00:00 01-14
    tokyo = series(
        ActiveMembers(window("2026-01-13", "2026-01-14", tz="Asia/Tokyo")).calculate(synced)
    )
    assert tokyo == {"2026-01-13": 0, "2026-01-14": 2}  # c (the late reply) and a
    shanghai = series(ActiveMembers(window("2026-01-13", "2026-01-14")).calculate(synced))
    assert shanghai == {"2026-01-13": 1, "2026-01-14": 1}


def test_weekly_retention_n_period_and_on_or_after(synced: Engine) -> None:
    joined = window("2026-01-01", "2026-01-31")
    n_period = Retention(joined, period="week", periods=4).calculate(synced)
    assert [(c.name, c.size, c.retained) for c in n_period] == [
        ("2026-01-05", 2, [2, 1, 1, 1, 0]),  # a: weeks 0, 1, 3; b: weeks 0, 2
        ("2026-01-12", 1, [1, 0, 0, 0, 0]),  # c: week 0
    ]
    assert n_period[0].rates == [1.0, 0.5, 0.5, 0.5, 0.0]
    on_or_after = Retention(joined, period="week", periods=4, mode="on_or_after").calculate(synced)
    assert [c.retained for c in on_or_after] == [[2, 2, 2, 1, 0], [1, 0, 0, 0, 0]]


def test_retention_by_channel(synced: Engine) -> None:
    by_channel = Retention(
        window("2026-01-01", "2026-01-31"), period="week", periods=2, cohort_by="channel"
    )
    assert [(c.name, c.size, c.retained) for c in by_channel.calculate(synced)] == [
        ("seo", 2, [2, 1, 0]),  # a (weeks 0, 1) and c (week 0)
        ("wechat", 1, [1, 0, 1]),  # b
    ]


def test_weekly_lifecycle(synced: Engine) -> None:
    rows = Lifecycle(window("2026-01-05", "2026-02-01"), period="week").calculate(synced)
    table = {r.start.isoformat(): (r.new, r.returning, r.resurrecting, r.dormant) for r in rows}
    assert table == {
        "2026-01-05": (2, 0, 0, 0),  # a and b joined and were active
        "2026-01-12": (1, 1, 0, -1),  # c new, a returning, b dormant
        "2026-01-19": (0, 0, 1, -2),  # b resurrecting; a and c dormant
        "2026-01-26": (0, 0, 1, -1),  # a resurrecting; b dormant
    }


def test_bad_parameters_are_named() -> None:
    with pytest.raises(QueryError, match="after the end date"):
        window("2026-02-01", "2026-01-01")
    with pytest.raises(QueryError, match="Unknown action: flying"):
        window("2026-01-01", "2026-01-02", actions=frozenset({"Flying"}) and frozenset({"flying!"}))
    with pytest.raises(QueryError, match="Unknown time zone"):
        window("2026-01-01", "2026-01-02", tz="Mars/Olympus")


def test_trend_of_active_members_by_region(synced: Engine) -> None:
    from hearth.analytics.queries.trends import Trend

    trend = Trend(
        window("2026-01-12", "2026-01-25"), metric="active", breakdown="region", period="week"
    )
    result = trend.calculate(synced)
    by_region = {s.name: {d.isoformat(): v for d, v in s.points.items()} for s in result.series}
    assert by_region == {
        "上海": {"2026-01-12": 2, "2026-01-19": 0},  # a and c in week 01-12
        "北京": {"2026-01-12": 0, "2026-01-19": 1},  # b's visit 01-20
    }
    assert result.previous_total == 2  # 12-29…01-11: a and b were active in week 01-05
    assert result.total == 3
    assert result.change == 0.5


def test_trend_counts_one_action_with_the_recorded_attributes(synced: Engine) -> None:
    from hearth.analytics.queries.trends import Trend

    reads = Trend(window("2026-01-01", "2026-01-31"), metric="read", period="month").calculate(
        synced
    )
    assert [(s.name, s.total) for s in reads.series] == [("", 4)]


def test_unknown_metric_or_breakdown_is_refused() -> None:
    from hearth.analytics.queries.trends import Trend

    with pytest.raises(QueryError, match="Unknown metric"):
        Trend(window("2026-01-01", "2026-01-02"), metric="Likes!")
    with pytest.raises(QueryError, match="Unknown breakdown"):
        Trend(window("2026-01-01", "2026-01-02"), breakdown="shoe_size")


def test_funnel_steps_in_order_within_the_window(synced: Engine) -> None:
    from hearth.analytics.queries.funnel import Funnel, Step

    steps = (Step("read"), Step("read", 3))
    week = Funnel(window("2026-01-01", "2026-01-31"), steps=steps, within_days=7).calculate(synced)
    assert [(s.members, s.of_first) for s in week] == [(1, 1.0), (0, 0.0)]  # a's 3rd read: day 9
    ten = Funnel(window("2026-01-01", "2026-01-31"), steps=steps, within_days=10).calculate(synced)
    assert [(s.members, s.of_previous) for s in ten] == [(1, 1.0), (1, 1.0)]
    assert ten[1].median_hours == 216.0  # 01-05 12:00 → 01-14 12:00
    posting = Funnel(
        window("2026-01-01", "2026-01-31"), steps=(Step("topic"), Step("visit")), within_days=30
    ).calculate(synced)
    assert [s.members for s in posting] == [1, 1]  # b: topic 01-06, visit 01-20
    backwards = Funnel(
        window("2026-01-01", "2026-01-31"), steps=(Step("visit"), Step("topic")), within_days=30
    ).calculate(synced)
    assert [s.members for s in backwards] == [1, 0]  # the topic came before the visit


def test_board_health_and_the_segment_behind_a_decline(
    engine: Engine, member: Any, act: Any
) -> None:
    from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth, community_change
    from hearth.analytics.store.sync import store_sync

    young = member("young", "2025-12-01", birth_year=2004)
    older = member("older", "2025-12-01", birth_year=1980)
    # rows carry the attributes the recorder would have written
    y, o = {"age_band": "18-24"}, {"age_band": "40+"}
    # board 1: 10 reads by each before, then the young reader stops; board 2 steady
    for i in range(10):
        act(young, "read", f"2026-01-{i + 1:02d}", board_id=1, **y)
        act(older, "read", f"2026-01-{i + 1:02d}", board_id=1, **o)
        act(older, "read", f"2026-01-{i + 1:02d}", board_id=2, hour=13, **o)
        act(older, "read", f"2026-01-{i + 11:02d}", board_id=1, **o)
        act(older, "read", f"2026-01-{i + 11:02d}", board_id=2, hour=13, **o)
    act(young, "reply", "2026-01-15", board_id=2, **y)
    store_sync(engine)
    now = window("2026-01-11", "2026-01-20", actions=frozenset({"read"}))
    rows = {r.board_id: r for r in BoardHealth(now).calculate(engine)}
    assert (rows[1].reads, rows[1].previous_reads) == (10, 20)
    assert (rows[2].reads, rows[2].previous_reads, rows[2].posts) == (10, 10, 1)
    assert (rows[1].members, rows[1].previous_members) == (1, 2)
    trend = community_change(list(rows.values()))
    assert trend == (20 - 30) / 30
    assert rows[1].declining(trend)
    assert not rows[2].declining(trend)
    why = BoardDrilldown(now, board_id=1).calculate(engine)
    assert (why[0].dimension, why[0].value, why[0].current, why[0].previous) == (
        "age_band",
        "18-24",
        0,
        10,
    )


def test_breakdowns_and_cohorts_by_level(synced: Engine) -> None:
    from hearth.analytics.queries.trends import Trend

    trend = Trend(
        window("2026-01-05", "2026-01-11"), metric="active", breakdown="level", period="week"
    )
    assert sum(s.total for s in trend.calculate(synced).series) == 2  # a and b in week 01-05
    by_level = Retention(
        window("2026-01-01", "2026-01-31"), period="week", periods=1, cohort_by="level"
    )
    assert sum(c.size for c in by_level.calculate(synced)) == 3
