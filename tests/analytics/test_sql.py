"""The generated SQL: a snapshot per dialect, user values only as typed literals, every
analysis renders for the distributed engines a larger deployment would use."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from hearth.analytics.queries.active import ActiveMembers
from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth
from hearth.analytics.queries.funnel import Funnel
from hearth.analytics.queries.lifecycle import Lifecycle
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Retention
from hearth.analytics.queries.trends import Trend
from hearth.analytics.store.engine import render
from hearth.analytics.store.schema import TABLES

WINDOW = Window(
    start=dt.date(2026, 1, 1),
    end=dt.date(2026, 1, 31),
    actions=frozenset({"topic", "reply"}),
    tz="Asia/Shanghai",
)
WAU_DUCKDB = (
    "WITH active AS (SELECT DISTINCT member_id, day FROM member_days WHERE (mask & 24) <> 0 "
    "AND day BETWEEN CAST('2025-12-26' AS DATE) AND CAST('2026-01-31' AS DATE)), marked AS "
    "(SELECT day, LAG(day) OVER (PARTITION BY member_id ORDER BY day) AS prev_day, LEAD(day) "
    'OVER (PARTITION BY member_id ORDER BY day) AS next_day FROM active) SELECT "at", SUM(n) '
    'AS change FROM (SELECT day AS "at", COUNT(*) AS n FROM marked WHERE prev_day IS NULL OR '
    'prev_day + 7 <= day GROUP BY day UNION ALL SELECT day + 7 AS "at", -COUNT(*) AS n FROM '
    "marked WHERE next_day IS NULL OR next_day >= day + 7 GROUP BY day) AS changes GROUP BY "
    '"at" ORDER BY "at"'
)


def tables(prefix: str = "") -> dict[str, str]:
    return {name: f"{prefix}{name}" for name in TABLES}


def test_wau_snapshot_in_duckdb_and_postgres() -> None:
    tree = ActiveMembers(WINDOW, days=7).to_query()
    assert render(tree, dialect="duckdb", tables=tables()) == WAU_DUCKDB
    postgres = render(tree, dialect="postgres", tables=tables("analytics_store_"))
    assert postgres == WAU_DUCKDB.replace('"at"', "at").replace(
        "FROM member_days", "FROM analytics_store_member_days"
    )


def test_a_hostile_custom_event_name_never_reaches_the_sql() -> None:
    from hearth.analytics.queries.params import QueryError

    with pytest.raises(QueryError):
        Window(
            start=WINDOW.start,
            end=WINDOW.end,
            actions=frozenset({"x'; DROP TABLE activity; --"}),
            tz="UTC",
        )


@pytest.mark.parametrize("dialect", ["clickhouse", "trino", "spark", "postgres", "duckdb"])
def test_every_analysis_renders_for_other_engines(dialect: str) -> None:
    queries = [
        ActiveMembers(WINDOW, days=30),
        ActiveMembers(WINDOW, days=1),
        Retention(WINDOW, period="week", periods=12, cohort_by="channel"),
        Lifecycle(WINDOW, period="month"),
        Trend(WINDOW, metric="read", breakdown="region", period="week"),
        Funnel(WINDOW),
        BoardHealth(WINDOW),
        BoardDrilldown(WINDOW, board_id=3),
    ]
    for query in queries:
        sql = render(query.to_query(), dialect=dialect, tables=tables())
        assert sqlglot.parse_one(sql, read=dialect) is not None  # the dialect reads it back
