"""The daily recompute: the huey task (inline in tests), ``hearth goals recompute``, history."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.accounts.models import User
from hearth.goals import services
from hearth.goals.models import Goal, GoalDay
from hearth.goals.services import goal_create, goals_recompute
from hearth.goals.tasks import goals_recompute_daily
from tests.goals.goal_data import D, plant


@pytest.fixture
def goals(make_member: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> list[Goal]:
    """Two live goals on replies (2 a day before March, 3 a day from 03-01), created on
    03-08, and an archived one."""
    monkeypatch.setattr(services, "community_today", lambda: D("2026-03-08"))
    author = make_member("writer")
    plant(author, "2026-02-19", "2026-02-28", 2)
    plant(author, "2026-03-01", "2026-03-09", 3)
    by = User.objects.get(pk=author.pk)
    made = [
        goal_create(
            by=by,
            name=name,
            metric_key="replies",
            target_kind="relative",
            target_value=value,
            period_start=D("2026-03-01"),
            deadline=D("2026-03-10"),
        )
        for name, value in (("Up half", 0.5), ("Double", 1.0), ("Old", 0.2))
    ]
    made[2].archived = True
    made[2].save()
    return made


def days(goal: Goal) -> list[str]:
    return [d.isoformat() for d in GoalDay.objects.filter(goal=goal).values_list("day", flat=True)]


def test_the_daily_task_computes_each_live_goal_once_a_day(
    goals: list[Goal], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "community_today", lambda: D("2026-03-10"))
    goals_recompute_daily()  # through huey (inline in tests)
    assert set(Goal.objects.filter(computed_on=D("2026-03-10")).values_list("name", flat=True)) == {
        "Up half",
        "Double",
    }  # not the archived goal
    assert goals_recompute() == 0  # the next run the same day: nothing to do
    up_half = Goal.objects.get(pk=goals[0].pk)
    assert up_half.computed_on == D("2026-03-10")
    assert up_half.actual == 27  # 03-01…03-09 complete: 9 × 3
    assert up_half.forecast == pytest.approx(30.0)
    assert days(up_half) == ["2026-03-08", "2026-03-10"]
    assert days(goals[2]) == ["2026-03-08"]


def test_after_the_deadline_a_goal_is_final_and_no_longer_computed(
    goals: list[Goal], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "community_today", lambda: D("2026-03-11"))
    assert goals_recompute() == 2
    up_half, double = (Goal.objects.get(pk=g.pk) for g in goals[:2])
    # 03-10 had no reply: 27 in all; targets 30 and 40
    assert (up_half.actual, up_half.status) == (27, "missed")
    assert (double.actual, double.status) == (27, "missed")
    assert goals_recompute(today=D("2026-03-12")) == 0  # final: not followed any more


def test_the_command_recomputes_as_on_a_day(goals: list[Goal]) -> None:
    out = io.StringIO()
    call_command("goals", "recompute", "--date", "2026-03-09", stdout=out)
    assert "2 goal(s) recomputed." in out.getvalue()
    up_half = Goal.objects.get(pk=goals[0].pk)
    assert (up_half.computed_on, up_half.actual) == (D("2026-03-09"), 24)
    call_command("goals", "recompute", "--date", "2026-03-09", stdout=out)  # again: same row
    assert days(up_half) == ["2026-03-08", "2026-03-09"]


def test_the_command_refuses_a_bad_date(goals: list[Goal]) -> None:
    with pytest.raises(CommandError, match="not a date"):
        call_command("goals", "recompute", "--date", "2026-13-01")
