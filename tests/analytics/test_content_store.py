"""The store's content data: read depth on activity rows, the topics table, and an old store
rebuilding itself when the schema changed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlglot import exp

from hearth.accounts.models import User
from hearth.analytics.backfill import activity_backfill
from hearth.analytics.models import Activity
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.schema import SCHEMA_VERSION
from hearth.analytics.store.state import state_get, state_set
from hearth.analytics.store.sync import store_sync
from hearth.analytics.store.topics import FULL_EVERY, topics_refresh
from hearth.community.models import Board, Read, Topic
from tests.analytics.conftest import at


def _rows(engine: Engine, query: exp.Expression) -> list[tuple[Any, ...]]:
    return engine.run(query).rows


def test_depth_reaches_the_store_only_where_it_is_a_read_depth(
    engine: Engine, member: Callable[..., User], act: Callable[..., Activity]
) -> None:
    a = member("a", "2026-03-01")
    act(a, "read", "2026-03-02", topic_id=1, properties={"depth": 70})
    act(a, "dwell", "2026-03-02", topic_id=1, properties={"depth": 101})  # out of range
    act(a, "dwell", "2026-03-02", topic_id=1, properties={"depth": "deep"})
    act(a, "course_done", "2026-03-02", properties={"depth": 50})  # a custom event's property
    store_sync(engine)
    found = _rows(engine, exp.select("action", "depth").from_("activity").order_by("id"))
    assert [(str(a), d) for a, d in found] == [
        ("read", 70),
        ("dwell", None),
        ("dwell", None),
        ("course_done", None),
    ]


def test_topics_are_copied_new_ones_each_sync_and_all_again_every_15_minutes(
    engine: Engine, member: Callable[..., User], act: Callable[..., Activity]
) -> None:
    a = member("a", "2026-03-01")
    board = Board.objects.create(name="B", slug="b")
    first = Topic.objects.create(
        board=board, author=a, title="t", body="b", created_at=at("2026-03-02")
    )
    store_sync(engine)
    query = (
        exp.select("topic_id", "kind", "status", "created_day").from_("topics").order_by("topic_id")
    )
    assert [(t, k, s, str(d)[:10]) for t, k, s, d in _rows(engine, query)] == [
        (first.pk, "ugc", "published", "2026-03-02")
    ]
    second = Topic.objects.create(board=board, author=a, title="t", body="b", kind="pgc")
    Topic.objects.filter(pk=first.pk).update(status="hidden")
    store_sync(engine)  # no new activity: no topic was posted, nothing is read
    assert len(_rows(engine, query)) == 1
    act(a, "topic", "2026-03-03", topic_id=second.pk)
    store_sync(engine)  # a new row: only the new topic is copied
    assert [(t, s) for t, _k, s, _d in _rows(engine, query)] == [
        (first.pk, "published"),
        (second.pk, "published"),
    ]
    state_set(engine, {"topics_at": int(time.time()) - FULL_EVERY})  # 15 minutes later
    store_sync(engine)  # all topics again: the status change shows
    assert [(t, s) for t, _k, s, _d in _rows(engine, query)] == [
        (first.pk, "hidden"),
        (second.pk, "published"),
    ]
    assert state_get(engine, "topics")["topics"] == second.pk
    assert topics_refresh(engine, full=True) == 2


def test_a_store_of_an_older_schema_rebuilds_itself(
    tmp_path: Path, member: Callable[..., User], act: Callable[..., Activity]
) -> None:
    a = member("a", "2026-03-01")
    act(a, "read", "2026-03-02", properties={"depth": 40})
    path = tmp_path / "store.duckdb"
    old = DuckDBEngine(path)
    store_sync(old)
    # what a store written before depth and topics looked like
    old._connection.execute("DROP TABLE topics")
    old._connection.execute("ALTER TABLE activity DROP COLUMN depth")
    state_set(old, {"schema": 1})
    old.close()
    act(a, "read", "2026-03-03", properties={"depth": 90})
    store = DuckDBEngine(path)
    try:
        report = store_sync(store)
        assert report.activity_rows == 2  # everything again, from the log
        found = _rows(store, exp.select("day", "depth").from_("activity").order_by("id"))
        assert [d for _day, d in found] == [40, 90]
        assert state_get(store, "schema")["schema"] == SCHEMA_VERSION
        assert store_sync(store).activity_rows == 0  # and then incremental as before
    finally:
        store.close()


def test_backfill_carries_a_reads_depth(
    member: Callable[..., User], make_board: Callable[..., Any]
) -> None:
    a = member("a", "2026-03-01")
    board = make_board()
    topic = Topic.objects.create(board=board, author=a, title="t", body="b")
    Read.objects.create(
        member=a, topic=topic, day=at("2026-03-02").date(), dwell_seconds=30, depth=75
    )
    other = Topic.objects.create(board=board, author=a, title="t2", body="b")
    Read.objects.create(member=a, topic=other, day=at("2026-03-02").date(), dwell_seconds=9)
    activity_backfill()
    reads = Activity.objects.filter(action="read").order_by("topic_id")
    assert [(r.value, r.properties) for r in reads] == [(30.0, {"depth": 75}), (9.0, {})]
