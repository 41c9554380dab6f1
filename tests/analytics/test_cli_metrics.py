"""``hearth analytics metrics | metric | anomalies`` as JSON and CSV, and their errors."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError

from hearth.analytics.metrics import custom_metric_create
from hearth.analytics.models import AnomalyAlert
from tests.analytics.cli_helpers import run
from tests.analytics.test_anomalies import planted_reads

pytestmark = pytest.mark.usefixtures("in_shanghai")


def test_the_metric_list_and_one_metric_per_week(member: Any, act: Any) -> None:
    custom_metric_create(
        key="enrolments", name="报名人数", numerator="course_enrolled", unit="members"
    )
    listed = json.loads(run("metrics"))["rows"]
    assert listed[0]["key"] == "dau"
    assert listed[-1] == {
        "key": "enrolments",
        "name": "报名人数",
        "kind": "count",
        "custom": True,
        "numerator": "course_enrolled",
        "denominator": "",
        "unit": "members",
    }
    a, b = member("a", "2026-01-01"), member("b", "2026-01-01")
    for user, day in ((a, "2026-01-05"), (a, "2026-01-06"), (b, "2026-01-13"), (a, "2026-01-14")):
        act(user, "course_enrolled", day)
    text = run(
        "metric",
        "--key",
        "enrolments",
        "--period",
        "week",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-18",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["period"], r["value"], r["previous"]) for r in rows] == [
        ("2026-01-05", "1.0", "0.0"),  # a (twice); the week before: nobody
        ("2026-01-12", "2.0", "1.0"),  # b and a
    ]


def test_anomalies_from_the_command_line(member: Any) -> None:
    planted_reads(member)
    text = run("anomalies", "--start", "2025-12-15", "--end", "2025-12-28", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["metric"], r["day"], r["value"], r["expected"]) for r in rows] == [
        ("reads", "2025-12-22", "70.0", "30.0")
    ]
    assert rows[0]["explanation"].startswith("region=广东 (+40)")
    run("anomalies", "--start", "2025-12-15", "--end", "2025-12-28")  # again: still one
    assert AnomalyAlert.objects.count() == 1
    # a minimum change above the spike's 40 withdraws the open alert
    text = run("anomalies", "--start", "2025-12-22", "--min-change", "50")
    assert json.loads(text)["rows"] == []
    assert not AnomalyAlert.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("metric", "--key", "nope"), "Unknown metric: nope"),
        (("anomalies", "--start", "2026-01-02", "--end", "2026-01-01"), "after the end date"),
        (("anomalies", "--threshold", "0"), "threshold must be above 0"),
        (("anomalies", "--min-change", "-1"), "cannot be negative"),
    ],
)
def test_bad_input_is_a_clear_error(db: None, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
