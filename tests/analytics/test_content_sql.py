"""The content and reading analyses render for the distributed engines a larger deployment
would use, and read back in each dialect."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.content import ContentMix, EngagedMembers
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import ReadDepth, ReadingHeatmap
from hearth.analytics.queries.replies import ReplySpeed, UnansweredTopics
from hearth.analytics.store.engine import render
from hearth.analytics.store.schema import TABLES

WINDOW = Window(
    start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 8), actions=DEFAULT_ACTIVE, tz="Asia/Tokyo"
)


@pytest.mark.parametrize("dialect", ["clickhouse", "trino", "spark", "postgres", "duckdb"])
def test_content_analyses_render_for_other_engines(dialect: str) -> None:
    unanswered = UnansweredTopics(WINDOW, limit=10)
    trees = [
        ContentMix(WINDOW).to_query(),
        EngagedMembers(WINDOW).to_query(),
        ReplySpeed(WINDOW).to_query(),
        unanswered.to_query(),
        unanswered.count_query(),
        ReadDepth(WINDOW).to_query(),
        ReadingHeatmap(WINDOW).to_query(),
    ]
    for tree in trees:
        sql = render(tree, dialect=dialect, tables={name: name for name in TABLES})
        assert sqlglot.parse_one(sql, read=dialect) is not None


def test_the_heatmap_names_its_zone_as_a_literal() -> None:
    sql = render(ReadingHeatmap(WINDOW).to_query(), dialect="postgres", tables={"activity": "a"})
    assert "AT TIME ZONE 'Asia/Tokyo'" in sql
    assert "CAST('2026-03-01' AS DATE) AND CAST('2026-03-09' AS DATE)" in sql  # ± a day
