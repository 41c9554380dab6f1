"""Acceptance: on the default demo, this quarter's goals show sensible statuses.

The demo (seed and "now" of tests/demo/conftest.py, today 2026-06-15) grows from
its start in December: its DAU roughly triples from the first quarter to June and
its sign-ups keep rising, so "DAU +30 %" and "new members +50 %" are on track,
while the replies goal (2.4 × last quarter's replies) is behind. Each status is
checked against an estimate made independently from the demo's rows: the run rate
(actual so far ÷ elapsed days × the quarter's days).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Board, Read, Reply
from hearth.demo.build import DEMO_USERNAME
from hearth.demo.effects import DECLINES
from hearth.demo.goals import REPLIES_FACTOR
from hearth.goals.models import Goal, GoalDay
from hearth.goals.progress import status_of
from hearth.goals.services import baseline_suggest
from hearth.notifications.models import Notification
from tests.demo.conftest import DemoWorld, demo_world  # noqa: F401  (the module's demo)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module

START, DEADLINE = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
BEFORE = (dt.date(2025, 12, 31), dt.date(2026, 3, 31))  # the 91 days before the quarter
DAYS = 91


@pytest.fixture(scope="module")
def world(request: pytest.FixtureRequest) -> DemoWorld:
    """The default demo (built once for the module by tests/demo's fixture)."""
    found: DemoWorld = request.getfixturevalue("demo_world")
    return found


@pytest.fixture(scope="module")
def goals(world: DemoWorld, django_db_blocker: object) -> dict[str, Goal]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return {g.metric_key: g for g in Goal.objects.select_related("owner")}


def local_days(values: list[dt.datetime]) -> dict[dt.date, int]:
    per_day: dict[dt.date, int] = defaultdict(int)
    for moment in values:
        per_day[timezone.localdate(moment)] += 1
    return per_day


def between(per_day: dict[dt.date, int], first: dt.date, last: dt.date) -> int:
    return sum(n for day, n in per_day.items() if first <= day <= last)


def run_rate_status(actual: float, elapsed: int, baseline: float, target: float) -> str | None:
    """The status the run rate gives, or None when it is near a threshold (either is fine)."""
    attainment = (actual / elapsed * DAYS - baseline) / (target - baseline)
    if any(abs(attainment - t) < 0.05 for t in (0.95, 0.7)):
        return None
    return status_of(attainment, on_track_at=0.95, at_risk_below=0.7)


def test_this_quarters_goals_are_planted_and_computed(
    world: DemoWorld, goals: dict[str, Goal], django_db_blocker: object
) -> None:
    assert world.today == dt.date(2026, 6, 15)
    assert set(goals) == {"dau", "new_members", "replies", "reads"}
    for goal in goals.values():
        assert (goal.period_start, goal.deadline) == (START, DEADLINE)
        assert goal.owner is not None
        assert goal.owner.username == DEMO_USERNAME
        assert goal.computed_on == world.today
        assert goal.problem == ""
        assert goal.forecast_low is not None
        assert goal.forecast_high is not None
        assert goal.forecast_low <= goal.forecast <= goal.forecast_high  # type: ignore[operator]
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        history = list(GoalDay.objects.filter(goal=goals["dau"]).values_list("day", "status"))
        quiet = not Notification.objects.filter(text__contains=goals["dau"].name).exists()
    # weekly from the quarter's first day (pending then: no complete day), then today
    assert history[0] == (START, "pending")
    assert [d for d, _s in history][1:3] == [dt.date(2026, 4, 8), dt.date(2026, 4, 15)]
    assert history[-1][0] == world.today
    assert len(history) == 12
    assert quiet  # the planted history notifies nobody


def test_new_members_goal_matches_the_sign_ups(
    world: DemoWorld, goals: dict[str, Goal], django_db_blocker: object
) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        joined = local_days(list(User.objects.values_list("date_joined", flat=True)))
    yesterday = world.today - dt.timedelta(days=1)
    goal = goals["new_members"]
    assert goal.baseline == between(joined, *BEFORE)
    assert goal.target == pytest.approx(goal.baseline * 1.5)  # type: ignore[operator]
    assert goal.actual == between(joined, START, yesterday)
    elapsed = (world.today - START).days
    assert goal.expected == pytest.approx(goal.target * elapsed / DAYS)  # type: ignore[operator]
    expected = run_rate_status(goal.actual, elapsed, goal.baseline, goal.target)  # type: ignore[arg-type]
    assert expected == "on_track"
    assert goal.status == expected


def test_replies_goal_matches_the_replies_and_is_behind(
    world: DemoWorld, goals: dict[str, Goal], django_db_blocker: object
) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        written = local_days(list(Reply.objects.values_list("created_at", flat=True)))
    yesterday = world.today - dt.timedelta(days=1)
    goal = goals["replies"]
    assert goal.baseline == pytest.approx(between(written, *BEFORE), rel=0.01)
    assert goal.target == round(goal.baseline * REPLIES_FACTOR, -2)  # type: ignore[operator]
    assert goal.actual == pytest.approx(between(written, START, yesterday), rel=0.01)
    elapsed = (world.today - START).days
    expected = run_rate_status(goal.actual, elapsed, goal.baseline, goal.target)  # type: ignore[arg-type]
    assert expected == "behind"
    assert goal.status == expected


def test_dau_goal_is_on_track_because_activity_grew(
    world: DemoWorld, goals: dict[str, Goal]
) -> None:
    """The demo's members active per day (reads, likes, replies, topics, shares) in the
    last week against the quarter before: far more than +30 %."""
    active: dict[dt.date, set[int]] = defaultdict(set)
    for action in world.actions:
        active[action.at.date()].add(action.member)

    def mean(first: dt.date, last: dt.date) -> float:
        days = (last - first).days + 1
        return sum(len(active[first + dt.timedelta(days=i)]) for i in range(days)) / days

    week = world.today - dt.timedelta(days=7)
    growth = mean(week, world.today - dt.timedelta(days=1)) / mean(*BEFORE)
    assert growth > 1.6
    goal = goals["dau"]
    assert goal.target == pytest.approx(goal.baseline * 1.3)  # type: ignore[operator]
    assert goal.actual is not None
    assert goal.baseline is not None
    assert goal.actual / goal.baseline == pytest.approx(growth, rel=0.25)  # DAU counts visits too
    assert goal.status == "on_track"


def test_board_goal_counts_that_boards_reads(
    world: DemoWorld, goals: dict[str, Goal], django_db_blocker: object
) -> None:
    """Reads of the declining board (tech: 区块链), +20 %: only that board's reads count."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        board = Board.objects.get(slug=DECLINES["tech"].board_slug)
        on_board = local_days(
            list(Read.objects.filter(topic__board=board).values_list("created_at", flat=True))
        )
        everywhere = baseline_suggest(metric_key="reads", period_start=START, deadline=DEADLINE)
    goal = goals["reads"]
    assert (goal.filter_kind, goal.filter_value) == ("board", str(board.pk))
    assert goal.problem == ""
    yesterday = world.today - dt.timedelta(days=1)
    assert goal.baseline == pytest.approx(between(on_board, *BEFORE), rel=0.02)
    assert goal.actual == pytest.approx(between(on_board, START, yesterday), rel=0.02)
    assert everywhere is not None
    assert goal.baseline is not None
    assert 0 < goal.baseline < everywhere / 3  # one board of many
    elapsed = (world.today - START).days
    expected = run_rate_status(goal.actual, elapsed, goal.baseline, goal.target)  # type: ignore[arg-type]
    if expected is not None:  # near a threshold either status is sensible
        assert goal.status == expected
