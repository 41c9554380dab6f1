"""``hearth analytics``: the stickiness distribution, funnel breakdowns and first-board cohorts."""

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


def test_stickiness_distribution(small_log: dict[str, User]) -> None:
    text = run(
        "stickiness_distribution",
        "--start",
        "2026-01-05",
        "--end",
        "2026-01-14",
        "--period",
        "week",
        "--format",
        "csv",
    )
    assert list(csv.DictReader(io.StringIO(text))) == [
        {"periods": "1", "members": "2", "share": "0.6667"},  # b, c
        {"periods": "2", "members": "1", "share": "0.3333"},  # a
    ]


def test_funnel_by_channel_and_retention_by_first_board(
    small_log: dict[str, User], act: Any
) -> None:
    funnel = json.loads(
        run("funnel", "--steps", "read,read:2", "--breakdown", "channel", "--within", "3",
            "--start", "2026-01-01", "--end", "2026-01-31")
    )  # fmt: skip
    assert [(r["segment"], r["members"]) for r in funnel["rows"]] == [("seo", 1), ("seo", 1)]
    act(small_log["b"], "reply", "2026-01-07", board_id=4)
    act(small_log["c"], "reply", "2026-01-12", hour=8, board_id=5)
    retention = json.loads(
        run("retention", "--cohort-by", "first_board", "--periods", "2",
            "--start", "2026-01-05", "--end", "2026-01-18")
    )  # fmt: skip
    assert [(r["name"], r["size"], r["retained"]) for r in retention["rows"]] == [
        # b: topic 01-06 (no board in this log), reply 01-07 on board 4; in week 1 only a like
        # received (not b's action); a visit 01-20 in week 2
        ("4", 1, [1, 0, 1]),
        ("5", 1, [1, 0, 0]),  # c (joined 01-12): first post with a board on board 5
    ]


def test_a_bad_funnel_breakdown_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        run("funnel", "--breakdown", "device")
