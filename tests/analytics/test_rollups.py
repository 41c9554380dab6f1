"""Materialised results answer exactly as the analyses compute, after every incremental sync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hearth.accounts.models import User
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.active import ActiveMembers
from hearth.analytics.queries.lifecycle import Lifecycle
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.queries.trends import Trend
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.rollups import rollup_covers, rollup_state
from hearth.analytics.store.sync import store_sync

D = dt.date.fromisoformat


def answers(engine: Engine, window: Window, *, raw: bool) -> list[Any]:
    queries: list[Any] = [
        ActiveMembers(window, days=1),
        ActiveMembers(window, days=7),
        ActiveMembers(window, days=30),
        Lifecycle(window, period="week"),
        Retention(window, period="week", periods=12),
        Retention(window, period="day", periods=30, cohort_by="channel"),
        Trend(window, metric="active", period="day"),  # the dashboard's chart: kept DAU
    ]
    return [q.calculate(engine, raw=raw) for q in queries]


def test_rollups_match_the_computed_answers_through_incremental_syncs(
    engine: Engine, small_log: dict[str, User], act: Callable[..., Any], member: Callable[..., User]
) -> None:
    store_sync(engine)
    window = Window(
        start=D("2026-01-01"), end=D("2026-02-28"), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    assert rollup_covers(engine, "active:30", window)
    assert Trend(window, metric="active", period="day").from_rollup(engine) is not None
    assert Trend(window, metric="active", period="week").from_rollup(engine) is None
    assert answers(engine, window, raw=False) == answers(engine, window, raw=True)
    first = rollup_state(engine)
    # new activity, some of it back in January, and a new member
    d = member("d", "2026-02-02", channel="seo")
    act(d, "reply", "2026-02-03")
    act(small_log["c"], "read", "2026-01-20")
    report = store_sync(engine)
    assert report.activity_rows == 2
    assert rollup_state(engine) == first  # same definitions, same span
    assert answers(engine, window, raw=False) == answers(engine, window, raw=True)
    dau = {p.day: p.value for p in ActiveMembers(window).calculate(engine)}
    assert dau[D("2026-01-20")] == 2  # b's visit and c's late read
    assert dau[D("2026-02-03")] == 1


def test_other_definitions_are_computed(engine: Engine, small_log: dict[str, User]) -> None:
    store_sync(engine)
    posting = Window(
        start=D("2026-01-01"), end=D("2026-01-31"), actions=frozenset({"reply"}), tz="Asia/Shanghai"
    )
    tokyo = Window(
        start=D("2026-01-01"), end=D("2026-01-31"), actions=DEFAULT_ACTIVE, tz="Asia/Tokyo"
    )
    assert not rollup_covers(engine, "active:1", posting)
    assert not rollup_covers(engine, "active:1", tokyo)
    assert ActiveMembers(posting).calculate(engine) == ActiveMembers(posting).calculate(
        engine, raw=True
    )


def test_board_health_is_kept_for_the_last_days(
    engine: Engine, member: Callable[..., User], act: Callable[..., Any]
) -> None:
    from hearth.analytics.queries.boards import BoardHealth
    from hearth.analytics.store.rollups import rollups_refresh

    reader = member("r", "2026-01-01")
    for day in range(1, 28):
        act(reader, "read", f"2026-02-{day:02d}", board_id=1 + day % 2)
    act(reader, "reply", "2026-02-20", board_id=2)
    store_sync(engine)
    rollups_refresh(engine, since=None, until=D("2026-02-27"))
    recent = Window(
        start=D("2026-01-29"), end=D("2026-02-27"), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    old = Window(
        start=D("2026-01-01"), end=D("2026-01-30"), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    assert rollup_covers(engine, "board_health:30", recent)
    assert not rollup_covers(engine, "board_health:30", old)  # older than the kept days
    kept = BoardHealth(recent).calculate(engine)
    assert kept == BoardHealth(recent).calculate(engine, raw=True)
    assert {(r.board_id, r.reads, r.posts) for r in kept} == {(1, 13, 0), (2, 14, 1)}
