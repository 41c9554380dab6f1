"""The demo's goals: this quarter's targets on activity, sign-ups, replies and one board.

Planted through the goal services after the analytics store is built, with a
weekly history back to the quarter's start (so the forecast chart shows how the
forecast moved), then computed as on the demo's today. The baselines are the
comparable period's (the quarter's length just before it), as a manager would
get them. The replies goal has an ambitious absolute target: 2.4 times the
comparable period's replies, rounded to the hundred (on the default
demo it is behind while the other two are on track).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.demo.effects import DECLINES
from hearth.goals.models import Goal
from hearth.goals.services import baseline_suggest, goal_create, goal_recompute

log = logging.getLogger(__name__)

DEMO_OWNER = "admin"
REPLIES_FACTOR = 2.4
HISTORY_STEP = 7  # days between the planted history's computations


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter holding ``day``: its first and last day."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = day.replace(month=first_month, day=1)
    if first_month == 10:
        return start, dt.date(day.year, 12, 31)
    return start, dt.date(day.year, first_month + 3, 1) - dt.timedelta(days=1)


def goals_reset() -> None:
    Goal.objects.all().delete()  # their days go with them


def _plans(start: dt.date, deadline: dt.date) -> list[dict[str, Any]]:
    replies = baseline_suggest(metric_key="replies", period_start=start, deadline=deadline) or 0
    target = float(max(round(replies * REPLIES_FACTOR, -2), 100))
    return [
        {
            "name": "本季度日活提升 30%",
            "metric_key": "dau",
            "target_kind": "relative",
            "target_value": 0.3,
            "description": "DAU +30% this quarter：以上一季度的日均 DAU 为基线。",
        },
        {
            "name": "本季度新注册增长 50%",
            "metric_key": "new_members",
            "target_kind": "relative",
            "target_value": 0.5,
            "description": "New members +50% this quarter：与上一季度的注册总数相比。",
        },
        {
            "name": f"本季度回复 {target:,.0f} 条",
            "metric_key": "replies",
            "target_kind": "absolute",
            "target_value": target,
            "description": "回复总数约为上一季度的 2.4 倍，衡量讨论氛围。",
        },
    ]


def _board_plan(theme: str) -> dict[str, Any] | None:
    """Reads of the theme's declining board (effects.DECLINES) +20 %: a goal filtered by board."""
    decline = DECLINES.get(theme)
    board = Board.objects.filter(slug=decline.board_slug).first() if decline else None
    if board is None:
        return None
    return {
        "name": f"{board.name}版块阅读提升 20%",
        "metric_key": "reads",
        "target_kind": "relative",
        "target_value": 0.2,
        "filter_kind": "board",
        "filter_value": str(board.pk),
        "description": "只统计该版块的阅读；对比上一季度同一版块。",
    }


def goals_plant(*, now: dt.datetime, theme: str = "") -> list[Goal]:
    """This quarter's goals, owned by the demo admin, computed with a weekly history."""
    today = timezone.localdate(now)
    start, deadline = quarter_of(today)
    owner = User.objects.filter(username=DEMO_OWNER).first()
    if owner is None:
        return []
    planted: list[Goal] = []
    board_plan = _board_plan(theme)
    for plan in [*_plans(start, deadline), *([board_plan] if board_plan else [])]:
        try:
            goal = goal_create(
                by=owner,
                owner=owner,
                period_start=start,
                deadline=deadline,
                today=start,
                **plan,
            )
        except ValidationError as exc:  # e.g. a tiny demo with no sign-up last quarter
            log.info("demo goal %s not planted: %s", plan["name"], exc.messages)
            continue
        day = start + dt.timedelta(days=HISTORY_STEP)
        while day < today:
            goal_recompute(goal=goal, today=day, notify=False)
            day += dt.timedelta(days=HISTORY_STEP)
        planted.append(goal_recompute(goal=goal, today=today, notify=False))
    return planted
