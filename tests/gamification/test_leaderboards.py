"""Leaderboard scores follow the ledger: live upkeep, rebuild, and local period keys."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from hearth.gamification.leaderboards import LocalPeriodKey, period_key_for, period_keys_for
from hearth.gamification.models import SITE_WIDE, LeaderboardScore, PointEntry
from hearth.gamification.services import (
    leaderboards_rebuild,
    points_adjust,
    points_award,
    points_reverse,
)

UTC = dt.UTC
# Asia/Shanghai (UTC+8): Monday 2026-11-30 00:00 local is Sunday 16:00 UTC.
SUNDAY_LATE = dt.datetime(2026, 11, 29, 15, 59, tzinfo=UTC)  # local Sunday 23:59, W48
MONDAY_EARLY = dt.datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # local Monday 00:00, W49
DECEMBER = dt.datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # local 2026-12-01 00:30


def expected_scores() -> Counter[tuple[str, str, int, int]]:
    """The scores computed in Python from the ledger, the way the module doc defines them."""
    scores: Counter[tuple[str, str, int, int]] = Counter()
    for entry in PointEntry.objects.select_related("reverses"):
        if not entry.lifetime_amount:
            continue
        source = entry.reverses or entry
        scopes = [SITE_WIDE] + ([source.board_id] if source.board_id is not None else [])
        for scope in scopes:
            for period, key in period_keys_for(source.created_at).items():
                scores[(period, key, scope, entry.member_id)] += entry.lifetime_amount
    return Counter({key: points for key, points in scores.items() if points})


def stored_scores() -> Counter[tuple[str, str, int, int]]:
    rows = LeaderboardScore.objects.values_list(
        "period", "period_key", "board_id", "member_id", "points"
    )
    return Counter({(p, k, b, m): points for p, k, b, m, points in rows if points})


@pytest.fixture
def history(
    make_member: Any, make_board: Any, staff_member: Any, rule: Any
) -> tuple[Any, Any, Any, Any]:
    """Awards in two boards across a week and a month boundary, reversals and adjustments."""
    rule("topic_created", points=5)
    rule("like_received", points=1)
    alice, bob = make_member("alice"), make_member("bob")
    red, blue = make_board(), make_board()
    with freeze_time(SUNDAY_LATE):
        points_award(member=alice, action="topic_created", source_key="topic:1", board=red)
        points_award(member=alice, action="like_received", source_key="like:9:topic:1")
        points_award(member=bob, action="topic_created", source_key="topic:2", board=blue)
    with freeze_time(MONDAY_EARLY):
        points_award(member=alice, action="topic_created", source_key="topic:3", board=blue)
        points_adjust(actor=staff_member, member=bob, amount=30, reason="event prize")
        points_reverse(source_key="topic:1")  # last week's award, taken back this week
    with freeze_time(DECEMBER):
        points_award(member=bob, action="topic_created", source_key="topic:4", board=red)
        points_adjust(actor=staff_member, member=alice, amount=-3, reason="correction")
    return alice, bob, red, blue


def test_period_keys_cut_weeks_and_months_in_local_time() -> None:
    assert period_keys_for(SUNDAY_LATE) == {"week": "2026-W48", "month": "2026-11", "all": "all"}
    assert period_keys_for(MONDAY_EARLY) == {"week": "2026-W49", "month": "2026-11", "all": "all"}
    assert period_key_for("month", DECEMBER) == "2026-12"
    # ISO week years: 2027-01-01 is a Friday, still in 2026's week 53
    assert period_key_for("week", dt.datetime(2027, 1, 1, 4, tzinfo=UTC)) == "2026-W53"


def test_upkeep_keeps_scores_equal_to_the_ledger(history: Any) -> None:
    alice, bob, red, blue = history
    assert stored_scores() == expected_scores()
    stored = stored_scores()
    # the reversal took the red-board topic's 5 points back from week 48, not week 49
    assert stored[("week", "2026-W48", SITE_WIDE, alice.pk)] == 1
    assert ("week", "2026-W48", red.pk, alice.pk) not in stored
    assert stored[("week", "2026-W49", blue.pk, alice.pk)] == 5
    # adjustments count site-wide only; a negative one lowers the score
    assert stored[("week", "2026-W49", SITE_WIDE, bob.pk)] == 30 + 5  # 1 December is in W49
    assert stored[("month", "2026-11", SITE_WIDE, bob.pk)] == 5 + 30
    assert stored[("month", "2026-12", SITE_WIDE, alice.pk)] == -3
    assert stored[("all", "all", SITE_WIDE, bob.pk)] == 40
    assert stored[("month", "2026-12", red.pk, bob.pk)] == 5


def test_an_award_moves_six_rows_in_one_statement(
    make_member: Any, make_board: Any, rule: Any
) -> None:
    rule("topic_created", points=5)
    member, board = make_member(), make_board()
    points_award(member=member, action="topic_created", source_key="topic:1", board=board)
    assert LeaderboardScore.objects.filter(member=member).count() == 6
    with CaptureQueriesContext(connection) as captured:
        points_award(member=member, action="topic_created", source_key="topic:2", board=board)
    touching = [q["sql"] for q in captured.captured_queries if "leaderboardscore" in q["sql"]]
    assert len(touching) == 1
    assert set(LeaderboardScore.objects.filter(member=member).values_list("points", flat=True)) == {
        10
    }


def test_penalties_leave_scores_alone(make_member: Any, rule: Any) -> None:
    rule("report_upheld_against", points=-20, floor=None)
    member = make_member()
    points_award(member=member, action="report_upheld_against", source_key="report:1")
    assert not LeaderboardScore.objects.exists()


def test_rebuild_equals_upkeep(history: Any) -> None:
    before = stored_scores()
    LeaderboardScore.objects.all().delete()
    written = leaderboards_rebuild()
    assert stored_scores() == before == expected_scores()
    assert written == len(before)


def test_rebuild_of_one_period_leaves_the_others(history: Any) -> None:
    before = stored_scores()
    LeaderboardScore.objects.filter(period="week").update(points=999)
    LeaderboardScore.objects.filter(period="month").delete()
    leaderboards_rebuild(period="week")
    after = stored_scores()
    assert {k: v for k, v in after.items() if k[0] == "week"} == {
        k: v for k, v in before.items() if k[0] == "week"
    }
    assert not any(k[0] == "month" for k in after)


def test_rebuild_refuses_an_unknown_period(db: None) -> None:
    with pytest.raises(ValidationError) as caught:
        leaderboards_rebuild(period="year")
    assert "period" in caught.value.message_dict


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/New_York"])
def test_sql_period_keys_match_python(
    zone: str, settings: Any, make_member: Any, staff_member: Any
) -> None:
    settings.TIME_ZONE = zone
    member = make_member()
    moments = [
        dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC),  # Berlin: just before summer time
        dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        dt.datetime(2026, 3, 8, 6, 59, tzinfo=UTC),  # New York: around the change
        dt.datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # Berlin: the hour that repeats
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        dt.datetime(2026, 12, 31, 22, 30, tzinfo=UTC),
        dt.datetime(2027, 1, 3, 23, 30, tzinfo=UTC),
        dt.datetime(2026, 11, 29, 15, 59, 59, 999_000, tzinfo=UTC),
        dt.datetime(2026, 11, 29, 16, 0, tzinfo=UTC),
    ]
    for moment in moments:
        with freeze_time(moment):
            points_adjust(actor=staff_member, member=member, amount=1, reason="t")
    rows = PointEntry.objects.annotate(
        day=LocalPeriodKey(F("created_at"), unit="day"),
        hour=LocalPeriodKey(F("created_at"), unit="hour"),
        week=LocalPeriodKey(F("created_at"), unit="week"),
        month=LocalPeriodKey(F("created_at"), unit="month"),
    ).values_list("created_at", "day", "hour", "week", "month")
    from hearth.gamification.cycles import cycle_key_for

    for created_at, day, hour, week, month in rows:
        assert (day, hour, week, month) == (
            cycle_key_for("daily", created_at),
            cycle_key_for("hourly", created_at),
            period_key_for("week", created_at),
            period_key_for("month", created_at),
        ), created_at
