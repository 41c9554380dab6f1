"""Segment SQL: a snapshot, values only as quoted literals, and the trees for other engines."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from hearth.analytics.definitions import DEFAULT_ACTIVE, action_mask
from hearth.analytics.queries.params import Window
from hearth.analytics.segments.compare import SegmentComparison, SegmentSummaryQuery
from hearth.analytics.segments.definition import SegmentError, definition_parse
from hearth.analytics.segments.queries import SegmentCount, SegmentMembers
from hearth.analytics.store.engine import render
from hearth.analytics.store.schema import TABLES

TODAY = dt.date(2026, 11, 30)
TABLE_NAMES = {name: name for name in TABLES}
QUIET_SEO = definition_parse(
    {
        "attributes": {"channel": ["seo"]},
        "joined": {"from": "2026-10-01", "to": "2026-10-31"},
        "behaviour": [{"kind": "did_not", "action": "active", "days": 14}],
    }
)


def test_the_example_segment_in_duckdb() -> None:
    tree = SegmentMembers(QUIET_SEO, today=TODAY, active=DEFAULT_ACTIVE).to_query()
    assert render(tree, dialect="duckdb", tables=TABLE_NAMES) == (
        "SELECT m.member_id FROM members AS m WHERE COALESCE(m.channel, '') IN ('seo') "
        "AND m.joined_day >= CAST('2026-10-01' AS DATE) "
        "AND m.joined_day <= CAST('2026-10-31' AS DATE) "
        "AND NOT m.member_id IN (SELECT member_id FROM member_days "
        f"WHERE (mask & {action_mask(DEFAULT_ACTIVE)}) <> 0 "
        "AND day BETWEEN CAST('2026-11-17' AS DATE) AND CAST('2026-11-30' AS DATE)) "
        "ORDER BY m.member_id"
    )


def test_attribute_values_stay_literals() -> None:
    hostile = definition_parse({"attributes": {"region": ["x'); DROP TABLE members; --"]}})
    sql = render(
        SegmentCount(hostile, today=TODAY, active=DEFAULT_ACTIVE).to_query(),
        dialect="postgres",
        tables=TABLE_NAMES,
    )
    assert "IN ('x''); DROP TABLE members; --')" in sql  # one quoted string
    assert len(sqlglot.parse(sql, read="postgres")) == 1
    with pytest.raises(SegmentError, match="Unknown action"):
        definition_parse({"behaviour": [{"kind": "did", "action": "read'; --"}]})


@pytest.mark.parametrize("dialect", ["clickhouse", "trino", "spark", "postgres", "duckdb"])
def test_segment_queries_render_for_other_engines(dialect: str) -> None:
    busy = definition_parse(
        {
            "attributes": {"region": ["上海"], "level": [2, 3]},
            "behaviour": [
                {"kind": "did", "action": "read", "times": 3, "days": 30},
                {"kind": "did", "action": "active", "times": 4, "days": 30},
                {"kind": "did", "action": "course_enrolled"},
            ],
        }
    )
    window = Window(
        start=dt.date(2026, 9, 1), end=TODAY, actions=DEFAULT_ACTIVE, tz="Asia/Shanghai"
    )
    trees = [
        SegmentMembers(busy, today=TODAY, active=DEFAULT_ACTIVE).to_query(),
        SegmentCount(QUIET_SEO, today=TODAY, active=DEFAULT_ACTIVE).to_query(),
        SegmentSummaryQuery(busy, window, today=TODAY).to_query(),
        SegmentComparison([("a", busy), ("b", QUIET_SEO)], window, today=TODAY).to_query(),
    ]
    for tree in trees:
        sql = render(tree, dialect=dialect, tables=TABLE_NAMES)
        assert sqlglot.parse_one(sql, read=dialect) is not None
