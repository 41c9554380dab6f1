"""Custom metrics and the metric catalogue, on a course log counted by hand, on every engine.

Weeks start on Monday (2026-01-05, 01-12, 01-19); days are Shanghai days.

    enrolled:  a 01-05, b 01-06, b 01-07, c 01-08, e 01-09   | d 01-12   | —
    completed: a 01-09                                        | b 01-13, b 01-14, c 01-15 | d 01-20
    before the window: a enrolled 01-02 and completed 01-03

Completion rate per week, as events: 1/5 = 0.2, 3/1 = 3.0, 1/0 = no value;
as distinct members: 1/4 = 0.25 (a; a b c e), 2/1 = 2.0 (b c; d), no value.
Over the window 01-05…01-25: events 5/6, members 4/5 (a b c d; a b c d e);
the 21 days before: 1/1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.metrics import (
    custom_metric_create,
    custom_metric_delete,
    custom_metric_update,
    metric_choices,
    metric_series,
)
from hearth.analytics.models import AnomalyAlert, CustomMetric
from hearth.analytics.queries.custom import CustomMetricQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import store_sync

D = dt.date.fromisoformat
TZ = "Asia/Shanghai"
ENROLLED = {"a": ["2026-01-02", "2026-01-05"], "b": ["2026-01-06", "2026-01-07"]}
ENROLLED |= {"c": ["2026-01-08"], "e": ["2026-01-09"], "d": ["2026-01-12"]}
COMPLETED = {"a": ["2026-01-03", "2026-01-09"], "b": ["2026-01-13", "2026-01-14"]}
COMPLETED |= {"c": ["2026-01-15"], "d": ["2026-01-20"]}


def window(start: str, end: str) -> Window:
    return Window(start=D(start), end=D(end), actions=DEFAULT_ACTIVE, tz=TZ)


@pytest.fixture
def courses(engine: Engine, member: Callable[..., Any], act: Callable[..., Any]) -> Engine:
    people = {name: member(f"k{name}", "2026-01-01") for name in "abcde"}
    for action, log in (("course_enrolled", ENROLLED), ("course_completed", COMPLETED)):
        for name, days in log.items():
            for day in days:
                act(people[name], action, day)
    store_sync(engine)
    return engine


def values(points: list[Any]) -> list[float | None]:
    return [p.value for p in points]


@pytest.mark.parametrize(
    ("unit", "weekly", "total"),
    [("events", [0.2, 3.0, None], round(5 / 6, 4)), ("members", [0.25, 2.0, None], 0.8)],
)
def test_completion_rate_per_week(
    courses: Engine, unit: str, weekly: list[float | None], total: float
) -> None:
    query = CustomMetricQuery(
        window("2026-01-05", "2026-01-25"),
        numerator="course_completed",
        denominator="course_enrolled",
        unit=unit,
        period="week",
    )
    result = query.calculate(courses)
    assert [p.start for p in result.points] == [D("2026-01-05"), D("2026-01-12"), D("2026-01-19")]
    assert values(result.points) == weekly
    assert result.points[2].denominator == 0  # no enrolment: no value, not a crash
    assert result.total.value == total
    assert result.previous_total.value == 1.0  # a: 01-02 → 01-03


def test_a_count_of_distinct_members_per_week(courses: Engine) -> None:
    result = CustomMetricQuery(
        window("2026-01-05", "2026-01-25"),
        numerator="course_completed",
        unit="members",
        period="week",
    ).calculate(courses)
    assert values(result.points) == [1, 2, 1]
    assert result.total.value == 4  # a b c d over the three weeks


def test_metric_series_of_a_custom_metric(courses: Engine) -> None:
    custom_metric_create(
        key="completion_rate",
        name="完课率",
        numerator="course_completed",
        denominator="course_enrolled",
        unit="members",
    )
    series = metric_series(
        key="completion_rate",
        window=window("2026-01-05", "2026-01-25"),
        period="week",
        engine=courses,
    )
    assert series.metric.label == "完课率"
    assert series.metric.percent
    assert [(p.value, p.numerator, p.denominator) for p in series.points] == [
        (0.25, 1, 4),
        (2.0, 2, 1),
        (None, 1, 0),
    ]
    assert (series.value, series.previous, series.change) == (0.8, 1.0, -0.2)
    # each week against the week before it (the first against the window before's last week)
    assert [before for _p, before in series.compared()] == [1.0, 0.25, 2.0]


def test_built_in_metrics_reuse_the_analyses(courses: Engine, small_log: Any) -> None:
    store_sync(courses)
    reads = metric_series(
        key="reads", window=window("2026-01-12", "2026-01-18"), period="week", engine=courses
    )
    assert values(list(reads.points)) == [1]  # a on 01-14 (small_log)
    assert reads.previous == 2  # a on 01-05 and 01-06
    dau = metric_series(
        key="dau", window=window("2026-01-12", "2026-01-14"), period="day", engine=courses
    )
    # custom events count as active by default: 01-12 c and d, 01-13 c and b, 01-14 a and b
    assert values(list(dau.points)) == [2, 2, 2]
    assert dau.value == 2.0  # a gauge: the days' mean


def test_unknown_metric_is_a_clear_error(db: None) -> None:
    with pytest.raises(QueryError, match="Unknown metric: nope"):
        metric_series(key="nope", window=window("2026-01-05", "2026-01-11"))
    keys = [m.key for m in metric_choices()]
    assert keys[:4] == ["dau", "wau", "mau", "stickiness"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"key": "Completion Rate"}, "key", "A key is 2 to 40 of a–z"),
        ({"key": "dau"}, "key", "built-in metric"),
        ({"denominator": "course_completed"}, "denominator", "another action"),
        ({"numerator": ""}, "numerator", "Choose an action"),
        ({"numerator": "Course-Done"}, "numerator", "Unknown action: Course-Done"),
        ({"numerator": "custom"}, "numerator", "Unknown action"),
        ({"name": ""}, "name", "Give the metric a name"),
        ({"unit": "hours"}, "unit", "Count events or distinct members"),
    ],
)
def test_bad_definitions_name_the_field(
    db: None, fields: dict[str, str], field: str, message: str
) -> None:
    given = {
        "key": "completion_rate",
        "name": "完课率",
        "numerator": "course_completed",
        "denominator": "course_enrolled",
        **fields,
    }
    with pytest.raises(ValidationError) as info:
        custom_metric_create(**given)
    assert message in " ".join(info.value.message_dict[field])


def test_keys_and_names_are_unique_and_keys_stay(db: None) -> None:
    metric = custom_metric_create(key="enrolments", name="报名数", numerator="course_enrolled")
    with pytest.raises(ValidationError) as info:
        custom_metric_create(key="enrolments", name="报名数", numerator="course_enrolled")
    assert set(info.value.message_dict) == {"key", "name"}
    AnomalyAlert.objects.create(
        metric="enrolments", day=D("2026-01-05"), value=1, expected=1, low=0, high=2, score=4
    )
    custom_metric_update(
        metric=metric, name="报名人数", numerator="course_enrolled", unit="members"
    )
    assert CustomMetric.objects.get().key == "enrolments"
    assert not AnomalyAlert.objects.exists()  # it measured the old definition
    custom_metric_delete(metric=metric)
    assert not CustomMetric.objects.exists()


def test_the_query_refuses_equal_actions() -> None:
    with pytest.raises(QueryError, match="must be different"):
        CustomMetricQuery(window("2026-01-05", "2026-01-11"), numerator="x_y", denominator="x_y")


def test_without_an_engine_the_store_is_opened_and_synced(small_log: Any) -> None:
    # what goals do: name a metric and a range, nothing else
    reads = metric_series(key="reads", window=window("2026-01-05", "2026-01-06"))
    assert values(list(reads.points)) == [1, 1]
