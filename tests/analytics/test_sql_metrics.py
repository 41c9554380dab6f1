"""Custom metrics and anomaly explanations as SQL: they render for the distributed engines, and
an action name that is not one never reaches the SQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from hearth.analytics.anomalies.explain import segments_query
from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.metrics import MetricDef
from hearth.analytics.queries.custom import CustomMetricQuery
from hearth.analytics.queries.params import QueryError
from hearth.analytics.store.engine import render
from tests.analytics.test_sql import WINDOW, tables

DAY = dt.date(2026, 1, 26)
BASELINE = [DAY - dt.timedelta(days=7 * k) for k in range(1, 7)]


@pytest.mark.parametrize("dialect", ["clickhouse", "trino", "spark", "postgres", "duckdb"])
def test_metrics_and_explanations_render_for_other_engines(dialect: str) -> None:
    trees = []
    for unit in ("events", "members"):
        query = CustomMetricQuery(
            WINDOW,
            numerator="course_completed",
            denominator="course_enrolled",
            unit=unit,
            period="week",
        )
        trees += [query.to_query(), query.totals_query()]
    for metric in (
        MetricDef("dau", "DAU", "gauge"),
        MetricDef("new_members", "New members", "count"),
        MetricDef("reads", "Reads", "count"),
        MetricDef(
            "rate",
            "完课率",
            "ratio",
            custom=True,
            numerator="course_completed",
            denominator="course_enrolled",
            unit="members",
        ),
    ):
        trees.append(
            segments_query(metric, day=DAY, baseline=BASELINE, active=sorted(DEFAULT_ACTIVE))
        )
    for tree in trees:
        sql = render(tree, dialect=dialect, tables=tables())
        assert sqlglot.parse_one(sql, read=dialect) is not None


def test_a_hostile_action_never_reaches_the_sql() -> None:
    with pytest.raises(QueryError, match="Unknown action"):
        CustomMetricQuery(WINDOW, numerator="x'; DROP TABLE activity; --")
    with pytest.raises(QueryError, match="Unknown action"):
        CustomMetricQuery(WINDOW, numerator="read", denominator="Course Done")
