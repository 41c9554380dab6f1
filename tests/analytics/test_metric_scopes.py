"""Metrics over a board, a segment or a channel, against answers worked out by hand.

Four members, the window Mon 2026-01-12 … Sun 01-18 (the window before: 01-05 … 01-11).
Boards AI and Photo ("-": no board).

    member  joined  channel  region   first board (any action)
    a       01-05   seo      上海      AI     (row 1)
    b       01-06   wechat   北京      Photo  (row 2)
    c       01-12   seo      北京      AI     (row 6)
    d       01-13   wechat   上海      Photo  (row 10; his first *post* is on AI)

    row day   who action            board     row day   who action            board
    1   01-05 a   read              AI        12  01-14 d   reply             AI
    2   01-06 b   topic             Photo     13  01-14 d   course_enrolled   AI
    3   01-12 a   read              AI        14  01-14 a   course_enrolled   AI
    4   01-12 b   read              Photo     15  01-15 b   visit             -
    5   01-12 b   read              AI        16  01-15 d   course_completed  AI
    6   01-12 c   read              AI        17  01-16 d   course_enrolled   -
    7   01-13 a   read              Photo     18  01-16 c   course_enrolled   Photo
    8   01-13 c   reply             AI        19  01-17 c   course_completed  Photo
    9   01-13 c   reply             Photo     20  01-18 a   course_completed  AI
    10  01-13 d   read              Photo     21  01-16 d   read              AI
    11  01-14 a   reply             AI

Completion (custom ratio) = course_completed ÷ course_enrolled, events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.metrics import (
    MetricScope,
    custom_metric_create,
    metric_scope_label,
    metric_series,
)
from hearth.analytics.metrics.catalogue import BUILTIN
from hearth.analytics.models import Activity
from hearth.analytics.queries.params import QueryError, Window, window
from hearth.analytics.segments.definition import SegmentDefinition
from hearth.analytics.segments.services import segment_create
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync


def week() -> Window:
    return window(start=dt.date(2026, 1, 12), end=dt.date(2026, 1, 18))


@pytest.fixture
def boards(make_board: Callable[..., Any]) -> dict[str, Any]:
    return {"ai": make_board(name="人工智能"), "photo": make_board(name="摄影")}


@pytest.fixture
def scoped_log(
    member: Callable[..., User],
    act: Callable[..., Activity],
    boards: dict[str, Any],
    engine: Engine,
) -> dict[str, Any]:
    a = member("a", "2026-01-05", channel="seo", province="上海")
    b = member("b", "2026-01-06", channel="wechat", province="北京")
    c = member("c", "2026-01-12", channel="seo", province="北京")
    d = member("d", "2026-01-13", channel="wechat", province="上海")
    ai, photo = boards["ai"].pk, boards["photo"].pk
    rows: list[tuple[User, str, str, int | None]] = [
        (a, "read", "2026-01-05", ai),
        (b, "topic", "2026-01-06", photo),
        (a, "read", "2026-01-12", ai),
        (b, "read", "2026-01-12", photo),
        (b, "read", "2026-01-12", ai),
        (c, "read", "2026-01-12", ai),
        (a, "read", "2026-01-13", photo),
        (c, "reply", "2026-01-13", ai),
        (c, "reply", "2026-01-13", photo),
        (d, "read", "2026-01-13", photo),
        (a, "reply", "2026-01-14", ai),
        (d, "reply", "2026-01-14", ai),
        (d, "course_enrolled", "2026-01-14", ai),
        (a, "course_enrolled", "2026-01-14", ai),
        (b, "visit", "2026-01-15", None),
        (d, "course_completed", "2026-01-15", ai),
        (d, "course_enrolled", "2026-01-16", None),
        (c, "course_enrolled", "2026-01-16", photo),
        (c, "course_completed", "2026-01-17", photo),
        (a, "course_completed", "2026-01-18", ai),
        (d, "read", "2026-01-16", ai),
    ]
    for who, action, day, board in rows:
        act(who, action, day, board_id=board)
    store_sync(engine)
    custom_metric_create(
        key="completion",
        name="Completion",
        numerator="course_completed",
        denominator="course_enrolled",
    )
    beijing = segment_create(
        name="北京会员", definition=SegmentDefinition(region=("北京",)), engine=engine
    )
    return {"ai": boards["ai"], "photo": boards["photo"], "beijing": beijing}


def daily(key: str, engine: Engine, scope: MetricScope | None) -> list[float | None]:
    series = metric_series(key=key, window=week(), period="day", engine=engine, scope=scope)
    return [p.value for p in series.points]


def total(key: str, engine: Engine, scope: MetricScope | None) -> tuple[Any, Any]:
    series = metric_series(key=key, window=week(), period="week", engine=engine, scope=scope)
    return series.value, series.previous


def test_whole_community_unchanged(scoped_log: dict[str, Any], engine: Engine) -> None:
    assert daily("dau", engine, None) == [3, 3, 2, 2, 2, 1, 1]
    assert total("reads", engine, None) == (7, 1)
    assert total("replies", engine, None) == (4, 0)
    assert total("new_members", engine, None) == (2, 2)
    assert total("completion", engine, None) == (0.75, None)


def test_channel_scope(scoped_log: dict[str, Any], engine: Engine) -> None:
    seo, wechat = MetricScope("channel", "seo"), MetricScope("channel", "wechat")
    assert daily("dau", engine, seo) == [2, 2, 1, 0, 1, 1, 1]
    assert daily("dau", engine, wechat) == [1, 1, 1, 2, 1, 0, 0]
    assert total("dau", engine, seo) == (round(8 / 7, 4), round(1 / 7, 4))
    assert daily("wau", engine, seo)[-1] == 2  # a and c in 01-12 … 01-18
    assert total("reads", engine, seo) == (3, 1)
    assert total("reads", engine, wechat) == (4, 0)
    assert total("replies", engine, seo) == (3, 0)
    assert total("new_members", engine, seo) == (1, 1)  # c; a before
    assert total("completion", engine, seo) == (1.0, None)  # 2 ÷ 2
    assert total("completion", engine, wechat) == (0.5, None)  # 1 ÷ 2
    # the whole community again: a scope leaves nothing behind in the cache
    assert daily("dau", engine, None) == [3, 3, 2, 2, 2, 1, 1]


def test_segment_scope(scoped_log: dict[str, Any], engine: Engine) -> None:
    beijing = MetricScope("segment", str(scoped_log["beijing"].pk))  # b and c
    assert daily("dau", engine, beijing) == [2, 1, 0, 1, 1, 1, 0]
    assert total("reads", engine, beijing) == (3, 0)
    assert total("replies", engine, beijing) == (2, 0)
    assert total("new_members", engine, beijing) == (1, 1)  # c; b before
    assert total("completion", engine, beijing) == (1.0, None)  # 1 ÷ 1
    assert metric_scope_label(beijing) == "Segment: 北京会员"


def test_board_scope(scoped_log: dict[str, Any], engine: Engine) -> None:
    ai = MetricScope("board", str(scoped_log["ai"].pk))
    photo = MetricScope("board", str(scoped_log["photo"].pk))
    assert daily("dau", engine, ai) == [3, 1, 2, 1, 1, 0, 1]
    assert daily("dau", engine, photo) == [1, 3, 0, 0, 1, 1, 0]
    assert total("dau", engine, ai) == (round(9 / 7, 4), round(1 / 7, 4))
    assert daily("wau", engine, ai)[5] == 4  # 01-11 … 01-17: a, b, c, d
    assert total("reads", engine, ai) == (4, 1)
    assert total("reads", engine, photo) == (3, 0)
    assert total("replies", engine, ai) == (3, 0)
    assert total("replies", engine, photo) == (1, 0)
    # new members by their first board: c (AI), d (Photo, where he read before posting on AI)
    assert total("new_members", engine, ai) == (1, 1)
    assert total("new_members", engine, photo) == (1, 1)
    assert total("completion", engine, ai) == (1.0, None)  # 2 ÷ 2; row 17 has no board
    assert total("completion", engine, photo) == (1.0, None)


@pytest.mark.parametrize("kind", ["board", "segment", "channel"])
def test_every_metric_runs_in_every_scope(
    scoped_log: dict[str, Any], engine: Engine, kind: str
) -> None:
    value = {
        "board": str(scoped_log["ai"].pk),
        "segment": str(scoped_log["beijing"].pk),
        "channel": "seo",
    }[kind]
    scope = MetricScope(kind, value)  # type: ignore[arg-type]
    for key in [*BUILTIN, "completion"]:
        whole = metric_series(key=key, window=week(), engine=engine)
        part = metric_series(key=key, window=week(), engine=engine, scope=scope)
        assert len(part.points) == 7, key
        if key != "stickiness" and key != "completion":  # a part is never more than the whole
            assert all(
                (p.value or 0) <= (w.value or 0)
                for p, w in zip(part.points, whole.points, strict=True)
            ), key


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("board", "999999", "Unknown board: 999999"),
        ("board", "ai", "Unknown board: ai"),
        ("segment", "424242", "Unknown segment: 424242"),
        ("channel", "nowhere", "Unknown channel: nowhere"),
        ("forum", "1", "Unknown scope: forum"),
    ],
)
def test_bad_scopes_are_refused(
    scoped_log: dict[str, Any], engine: Engine, kind: str, value: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        metric_series(
            key="dau",
            window=week(),
            engine=engine,
            scope=MetricScope(kind, value),  # type: ignore[arg-type]
        )


def test_labels(boards: dict[str, Any], member: Callable[..., User]) -> None:
    from hearth.growth.models import Channel

    Channel.objects.update_or_create(key="wechat", defaults={"name": "公众号", "kind": "wechat"})
    member("z", "2026-01-05", channel="oddball")
    assert metric_scope_label(MetricScope("board", str(boards["ai"].pk))) == "Board: 人工智能"
    assert metric_scope_label(MetricScope("channel", "wechat")) == "Channel: 公众号"
    assert metric_scope_label(MetricScope("channel", "oddball")) == "Channel: oddball"
    assert metric_scope_label(MetricScope("board", "999999")) == "Board: 999999"
    assert metric_scope_label(None) == ""
