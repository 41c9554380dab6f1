"""``hearth analytics content | reading | unanswered`` on the hand-made content log."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError

from tests.analytics.cli_helpers import run
from tests.analytics.content_fixtures import ContentLog, content_log

__all__ = ["content_log"]

WEEK = ("--start", "2026-03-02", "--end", "2026-03-08")


def test_content_as_json(content_log: ContentLog) -> None:
    found = json.loads(run("content", *WEEK))
    assert found["analysis"] == "content"
    rows = {r["board_id"]: r for r in found["rows"]}
    total = rows["all"]
    assert (total["topics"], total["pgc_topic_share"], total["pgc_read_share"]) == (5, 0.2, 0.6)
    assert (total["answered"], total["unanswered"], total["median_first_reply_hours"]) == (
        3,
        2,
        2.0,
    )
    assert (total["engaged_members"], total["active_members"]) == (3, 5)
    b1 = rows[content_log.b1.pk]
    assert (b1["ugc_topics"], b1["pgc_topics"], b1["pgc_reads"]) == (2, 1, 2)
    assert b1["engaged_members"] is None


def test_reading_heatmap_as_csv_in_another_zone(content_log: ContentLog) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("reading", "--heatmap", *WEEK, "--tz", "UTC", "--format", "csv"))
        )
    )
    assert len(rows) == 7 * 24
    hot = {(r["weekday"], r["hour"]) for r in rows if r["reads"] != "0"}
    assert hot == {("1", "13"), ("2", "13"), ("3", "0"), ("6", "13"), ("7", "15"), ("7", "16")}


def test_reading_depth_and_unanswered(content_log: ContentLog) -> None:
    rows = json.loads(run("reading", *WEEK))["rows"]
    total = rows[-1]
    assert (total["board_id"], total["reads"], total["median_dwell_seconds"]) == ("all", 5, 100.0)
    assert (total["median_depth"], total["depth_100"], total["dwell_600s"]) == (80.0, 2, 1)
    oldest = json.loads(run("unanswered", *WEEK, "--limit", "1"))["rows"]
    assert [r["topic_id"] for r in oldest] == [content_log.topics["t3"].pk]


def test_bad_input_is_a_command_error(content_log: ContentLog) -> None:
    with pytest.raises(CommandError, match="after the end date"):
        run("content", "--start", "2026-03-09", "--end", "2026-03-01")
    with pytest.raises(CommandError, match="Unknown time zone"):
        run("reading", "--tz", "Mars/Olympus")
