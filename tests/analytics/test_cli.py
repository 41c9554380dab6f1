"""``hearth analytics``: the analyses as JSON and CSV, with clear errors for bad input."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError

from hearth.accounts.models import User
from tests.analytics.cli_helpers import run

pytestmark = pytest.mark.usefixtures("in_shanghai")


def test_dau_as_csv_with_chosen_actions(small_log: dict[str, User]) -> None:
    text = run(
        "dau",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-07",
        "--actions",
        "topic,reply",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["day"], r["value"]) for r in rows] == [
        ("2026-01-05", "0"),
        ("2026-01-06", "1"),  # b's topic; a only read
        ("2026-01-07", "0"),
    ]


def test_retention_and_lifecycle_as_json(small_log: dict[str, User]) -> None:
    retention = json.loads(
        run(
            "retention",
            "--period",
            "week",
            "--periods",
            "2",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-31",
        )
    )
    assert retention["analysis"] == "retention"
    assert retention["rows"][0] == {
        "name": "2026-01-05",
        "size": 2,
        "retained": [2, 1, 1],
        "rates": [1.0, 0.5, 0.5],
    }
    lifecycle = json.loads(run("lifecycle", "--start", "2026-01-05", "--end", "2026-01-18"))
    assert [(r["start"], r["new"], r["dormant"]) for r in lifecycle["rows"]] == [
        ("2026-01-05", 2, 0),
        ("2026-01-12", 1, -1),
    ]


def test_the_store_syncs_incrementally(small_log: dict[str, User]) -> None:
    first = json.loads(run("sync"))
    assert first["activity_rows"] == 9
    assert json.loads(run("sync"))["activity_rows"] == 0
    assert json.loads(run("rebuild"))["activity_rows"] == 9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dau", "--start", "2026-02-01", "--end", "2026-01-01"], "after the end date"),
        (["mau", "--actions", "reading!"], "Unknown action: reading!"),
        (["wau", "--actions", ","], "at least one action"),
        (["dau", "--tz", "Nowhere/Land"], "Unknown time zone: Nowhere/Land"),
    ],
)
def test_bad_input_is_named(db: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_unknown_analysis_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        run("churn")


def test_trend_funnel_and_boards(small_log: dict[str, User], act: Any) -> None:
    trend = run(
        "trend",
        "--metric",
        "read",
        "--period",
        "week",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-18",
        "--format",
        "csv",
    )
    assert list(csv.DictReader(io.StringIO(trend))) == [
        {"series": "", "period": "2026-01-05", "value": "2.0"},
        {"series": "", "period": "2026-01-12", "value": "1.0"},
    ]
    funnel = json.loads(
        run(
            "funnel",
            "--steps",
            "read,read:3",
            "--within",
            "10",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-31",
        )
    )
    assert [(r["action"], r["times"], r["members"]) for r in funnel["rows"]] == [
        ("read", 1, 1),
        ("read", 3, 1),
    ]
    act(small_log["a"], "read", "2026-01-28", board_id=7)
    boards = json.loads(run("boards", "--start", "2026-01-01", "--end", "2026-01-30"))
    assert [(r["board_id"], r["reads"]) for r in boards["rows"]] == [(7, 1)]
    with pytest.raises(CommandError, match="Unknown funnel step: read:x"):
        run("funnel", "--steps", "read,read:x")
