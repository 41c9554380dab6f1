"""The answers the faster formulations must keep (bench/analytics.py at a million members):
the heatmap counted per quarter hour before its time zone, funnel steps read from the
entered members' rows up to the last day that counts, first replies only from the
window's first day, stickiness without a distinct pass. Every engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hearth.accounts.models import User
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.models import Activity
from hearth.analytics.queries.funnel import Funnel, Step
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import ReadingHeatmap
from hearth.analytics.queries.replies import ReplySpeed, UnansweredTopics
from hearth.analytics.queries.stickiness import StickinessDistribution
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from tests.analytics.content_fixtures import ContentLog, content_log

__all__ = ["content_log"]

UTC = dt.UTC


def window(start: str, end: str, tz: str = "Asia/Shanghai") -> Window:
    return Window(
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        actions=DEFAULT_ACTIVE,
        tz=tz,
    )


def read_at(user: User, when: dt.datetime) -> None:
    Activity.objects.create(member_id=user.pk, action="read", occurred_at=when, topic_id=1)


def test_quarter_hours_keep_a_45_minute_zone_exact(
    engine: Engine, member: Callable[..., User]
) -> None:
    a = member("a", "2026-03-01")
    # Kathmandu is UTC+5:45: 00:10 UTC is 05:55 there, 00:20 UTC is 06:05 (Monday 03-02)
    read_at(a, dt.datetime(2026, 3, 2, 0, 10, tzinfo=UTC))
    read_at(a, dt.datetime(2026, 3, 2, 0, 20, tzinfo=UTC))
    read_at(a, dt.datetime(2026, 3, 2, 18, 14, tzinfo=UTC))  # 23:59 Monday
    read_at(a, dt.datetime(2026, 3, 2, 18, 15, tzinfo=UTC))  # 00:00 Tuesday: after the range
    store_sync(engine)
    heat = ReadingHeatmap(window("2026-03-02", "2026-03-02", "Asia/Kathmandu")).calculate(engine)
    assert heat.total == 3
    assert (heat.cells[0][5], heat.cells[0][6], heat.cells[0][23]) == (1, 1, 1)


def test_funnel_steps_keep_the_first_occurrence_ever_and_the_last_day(
    engine: Engine, member: Callable[..., User], act: Callable[..., Any]
) -> None:
    early = member("early", "2026-01-02")
    late = member("late", "2026-01-31")
    twice = member("twice", "2026-01-10")
    act(early, "read", "2026-01-02", 9)  # read before signing up: the first read ever
    act(early, "sign_up", "2026-01-05", 10)
    act(early, "read", "2026-01-05", 11)  # not the first read: step not reached
    act(late, "sign_up", "2026-01-31", 23)  # on the window's last day, late evening
    act(late, "read", "2026-02-06", 22)  # 6 days 23 hours later: reached
    act(twice, "sign_up", "2026-01-10", 10)
    act(twice, "follow", "2026-01-11", 10)
    act(twice, "follow", "2026-03-01", 10)  # the second follow, long after: not reached
    store_sync(engine)
    jan = window("2026-01-01", "2026-01-31")
    steps = Funnel(jan, steps=(Step("sign_up"), Step("read")), within_days=7).calculate(engine)
    assert [s.members for s in steps] == [3, 1]
    assert steps[1].median_hours == 143.0
    follows = Funnel(jan, steps=(Step("sign_up"), Step("follow", 2)), within_days=60)
    assert [s.members for s in follows.calculate(engine)] == [3, 1]
    assert [
        s.members for s in Funnel(jan, steps=(Step("sign_up"), Step("follow", 2))).calculate(engine)
    ] == [3, 0]


def test_stickiness_counts_a_day_once_whatever_the_sync_batches(
    engine: Engine, member: Callable[..., User], act: Callable[..., Any]
) -> None:
    a = member("a", "2026-01-05")
    b = member("b", "2026-01-05")
    for hour in (9, 12, 15):
        act(a, "read", "2026-01-05", hour)  # one day, three rows, three sync batches
    act(a, "visit", "2026-01-06")
    act(b, "read", "2026-01-06")
    store_sync(engine, batch=1)
    found = StickinessDistribution(window("2026-01-05", "2026-01-07")).calculate(engine)
    assert [(s.periods, s.members) for s in found] == [(1, 1), (2, 1), (3, 0)]


def test_a_first_reply_after_the_window_still_answers_its_topic(
    engine: Engine, content_log: ContentLog
) -> None:
    store_sync(engine)
    monday = window("2026-03-02", "2026-03-02")  # t1 and t2; t2's first reply came on 03-03
    total = ReplySpeed(monday).calculate(engine).total
    assert (total.topics, total.answered, total.within_hour, total.within_day) == (2, 2, 1, 1)
    assert total.median_seconds == 47700.0  # (1800 + 93600) / 2
    assert UnansweredTopics(monday).calculate(engine).count == 0
    later = window("2026-03-03", "2026-03-08")  # t3, t4, t7 (t5 hidden); t4 answered
    total = ReplySpeed(later).calculate(engine).total
    assert (total.topics, total.answered, total.median_seconds) == (3, 1, 7200.0)
