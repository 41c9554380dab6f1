"""Content and reading analyses on a log worked by hand (``content_fixtures``), on every engine."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.content import ContentMix, EngagedMembers
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import ReadDepth, ReadingHeatmap
from hearth.analytics.queries.replies import ReplySpeed, UnansweredTopics
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync
from tests.analytics.content_fixtures import ContentLog, content_log

__all__ = ["content_log"]

D = dt.date.fromisoformat


def week(tz: str = "Asia/Shanghai") -> Window:
    return Window(start=D("2026-03-02"), end=D("2026-03-08"), actions=DEFAULT_ACTIVE, tz=tz)


@pytest.fixture
def store(engine: Engine, content_log: ContentLog) -> Engine:
    store_sync(engine)
    return engine


def test_content_mix_splits_topics_and_reads_by_kind(
    store: Engine, content_log: ContentLog
) -> None:
    mix = ContentMix(week()).calculate(store)
    b1, b2 = content_log.b1.pk, content_log.b2.pk
    by_board = {r.board_id: r for r in mix.boards}
    # topics: B1 t1, t7 (ugc), t2 (pgc); B2 t3, t4 (ugc); t5 hidden, t6 before the window
    assert (by_board[b1].ugc_topics, by_board[b1].pgc_topics) == (2, 1)
    assert (by_board[b2].ugc_topics, by_board[b2].pgc_topics) == (2, 0)
    # reads in the window: B1 t1 (ugc), t2 ×2 (pgc); B2 t3 (ugc), t6 (pgc); r6 is 03-09
    assert (by_board[b1].ugc_reads, by_board[b1].pgc_reads) == (1, 2)
    assert (by_board[b2].ugc_reads, by_board[b2].pgc_reads) == (1, 1)
    assert (mix.total.topics, mix.total.pgc_topic_share, mix.total.ugc_topic_share) == (5, 0.2, 0.8)
    assert (mix.total.reads, mix.total.pgc_read_share) == (5, 0.6)


def test_reply_speed_times_the_first_reply_by_someone_else(
    store: Engine, content_log: ContentLog
) -> None:
    speed = ReplySpeed(week()).calculate(store)
    total = speed.total
    # answered: t1 1800 s, t4 7200 s, t2 93600 s; t3 (own reply only) and t7 not
    assert (total.topics, total.answered, total.within_hour, total.within_day) == (5, 3, 1, 2)
    assert (total.median_seconds, total.median_hours) == (7200.0, 2.0)
    assert total.p90_seconds == 76320.0  # 7200 + 0.8 × (93600 − 7200)
    assert (total.hour_share, total.day_share, total.answered_share) == (0.2, 0.4, 0.6)
    b1, b2 = (
        next(r for r in speed.boards if r.board_id == b.pk)
        for b in (content_log.b1, content_log.b2)
    )
    assert (b1.topics, b1.answered, b1.within_hour, b1.within_day) == (3, 2, 1, 1)
    assert (b1.median_seconds, b1.p90_seconds) == (47700.0, 84420.0)
    assert (b2.topics, b2.answered, b2.within_day, b2.median_seconds) == (2, 1, 1, 7200.0)


def test_unanswered_topics_oldest_first(store: Engine, content_log: ContentLog) -> None:
    found = UnansweredTopics(week()).calculate(store)
    t = content_log.topics
    assert found.count == 2
    assert found.by_board == {content_log.b1.pk: 1, content_log.b2.pk: 1}
    assert [u.topic_id for u in found.oldest] == [t["t3"].pk, t["t7"].pk]
    now = dt.datetime(2026, 3, 9, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert found.oldest[0].age_hours(now) == 144.0  # 03-03 09:00 → 03-09 09:00
    assert UnansweredTopics(week(), limit=1).calculate(store).oldest[0].topic_id == t["t3"].pk


def test_engaged_members_take_three_interactions(store: Engine) -> None:
    engaged = EngagedMembers(week()).calculate(store)
    assert (engaged.engaged, engaged.active, engaged.share) == (3, 5, 0.6)
    one_day = Window(
        start=D("2026-03-02"), end=D("2026-03-02"), actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    day = EngagedMembers(one_day).calculate(store)  # a: t1 + own reply; b: 1 reply; s: t2
    assert (day.engaged, day.active) == (0, 3)


def test_read_depth_and_dwell_per_read(store: Engine, content_log: ContentLog) -> None:
    depth = ReadDepth(week()).calculate(store)
    total = depth.total
    # dwell per read: 60 (40 + 20), 100, 5, 200, 700; depth: 100, –, 30, 60, 100
    assert (total.reads, total.median_dwell, total.p90_dwell) == (5, 100.0, 500.0)
    assert (total.with_depth, total.median_depth, total.mean_depth) == (4, 80.0, 72.5)
    assert total.dwell_buckets == (1, 0, 0, 2, 1, 1)
    assert total.depth_buckets == (0, 1, 1, 0, 2)
    assert (total.finished, total.finished_share) == (2, 0.5)
    b1 = next(r for r in depth.boards if r.board_id == content_log.b1.pk)
    b2 = next(r for r in depth.boards if r.board_id == content_log.b2.pk)
    assert (b1.reads, b1.median_dwell, b1.median_depth, b1.mean_depth) == (3, 60.0, 65.0, 65.0)
    assert (b2.reads, b2.median_dwell, b2.median_depth) == (2, 450.0, 80.0)


def test_reading_heatmap_by_weekday_and_hour(store: Engine) -> None:
    heat = ReadingHeatmap(week()).calculate(store)
    assert heat.total == 5  # the dwell row is not a read; r6 is Monday 03-09
    assert (heat.cells[0][21], heat.cells[1][21], heat.cells[2][8]) == (1, 1, 1)
    assert (heat.cells[5][21], heat.cells[6][23]) == (1, 1)
    assert heat.days == [1] * 7
    assert heat.peak_hour == 21
    assert heat.weekend_ratio == 1.333  # (1 + 1) / 2 ÷ (1 + 1 + 1 + 0) / 4
    assert heat.share((20, 21, 22)) == 0.6


def test_the_heatmap_cuts_hours_and_days_in_the_chosen_zone(store: Engine) -> None:
    heat = ReadingHeatmap(week("UTC")).calculate(store)
    # Shanghai is UTC+8: 21h → 13h, 08h → 00h, Sun 23h → 15h; r6 (Mon 00:30) is Sun 16:30 UTC
    assert heat.total == 6
    assert (heat.cells[0][13], heat.cells[1][13], heat.cells[2][0]) == (1, 1, 1)
    assert (heat.cells[5][13], heat.cells[6][15], heat.cells[6][16]) == (1, 1, 1)
