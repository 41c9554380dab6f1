"""The demo's strategy plant on a small community: what it plants, and that replanting replaces it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from hearth.demo.strategy import strategy_plant
from hearth.goals.models import (
    Competitor,
    CompetitorFigure,
    ContentMixTarget,
    Initiative,
    Positioning,
    StrategyAim,
)
from hearth.goals.strategy.selectors import competitor_charts

NOW = dt.datetime(2026, 6, 15, 21, 30, tzinfo=dt.UTC)


def test_the_plant_gives_every_section_something_to_show(
    make_board: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    boards = [make_board() for _ in range(4)]
    make_member("admin")
    strategy_plant(seed=1, now=NOW)
    strategy_plant(seed=1, now=NOW)  # replanting replaces, never doubles
    assert Positioning.load().statement
    assert StrategyAim.objects.count() == 3
    assert ContentMixTarget.objects.count() == 4
    assert Competitor.objects.count() == 2
    assert CompetitorFigure.objects.count() == 14
    assert all(f.day <= timezone.localdate(NOW) for f in CompetitorFigure.objects.all())
    kinds = dict(Initiative.objects.values_list("kind", "status"))
    assert set(kinds) == {"plan", "board_open", "board_merge"}
    running = Initiative.objects.get(kind="plan")
    assert list(running.boards.all()) == boards[:1]
    assert (NOW.date() - running.start_date).days >= 7  # old enough for the impact view
    merge = Initiative.objects.get(kind="board_merge")
    assert merge.merge_into == boards[-2]
    assert list(merge.boards.all()) == boards[-1:]
    charts = competitor_charts(list(Competitor.objects.all()))
    assert [c["key"] for c in charts] == ["members", "posts", "followers"]


def test_initiatives_link_to_the_demo_goals_by_name(
    make_board: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    from hearth.goals.models import Goal

    for _ in range(3):
        make_board()
    make_member("admin")

    def goal(name: str) -> Goal:
        return Goal.objects.create(
            name=name,
            metric_key="dau",
            target_value=1,
            period_start=dt.date(2026, 4, 1),
            deadline=dt.date(2026, 6, 30),
        )

    dau, replies = goal("本季度日活提升 30%"), goal("本季度回复 5,000 条")
    goal("本季度新注册增长 50%")
    strategy_plant(seed=1, now=NOW)
    assert set(Initiative.objects.get(kind="plan").goals.all()) == {dau, replies}
    assert list(Initiative.objects.get(kind="board_open").goals.all()) == [replies]
