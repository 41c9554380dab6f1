"""The strategy page and an initiative's impact chart in Chromium.

Screenshots (in /tmp/shots-strategy/ and test-artifacts/screenshots/): strategy-page,
strategy-competitor, initiative-impact.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from hearth.analytics.models import Activity
from hearth.community.models import Topic
from hearth.core import roles
from hearth.goals.models import Initiative, InitiativeStatus, Positioning
from hearth.goals.strategy.services import (
    FigureInput,
    aim_save,
    competitor_add,
    competitor_figure_record,
    mix_target_set,
)
from tests.growth.browser_helpers import (
    SCREENSHOTS,
    logged_in_page,
    session_of,
    shot,
    with_browser,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]
SHOTS = Path("/tmp/shots-strategy")


def keep(name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(SCREENSHOTS / f"{name}.png", SHOTS / f"{name}.png")


def _world(make_board: Callable[..., Any], manager: Any) -> Initiative:
    """Three boards; the first gets a push 20 days ago (replies 2 → 5 a day, the others 2.5 → 3.5)."""
    boards = [make_board(name=name) for name in ("AI 讨论区", "摄影", "闲聊")]
    today = timezone.localdate()
    start = today - dt.timedelta(days=20)
    rows = []
    for i in range(1, 21):
        for board, before, after in ((boards[0], 2, 5), (boards[1], 4, 5), (boards[2], 1, 2)):
            for day, n in (
                (start - dt.timedelta(days=i), before),
                (start + dt.timedelta(days=i - 1), after),
            ):
                when = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
                rows += [
                    Activity(action="reply", board_id=board.pk, occurred_at=when)
                    for _ in range(n + i % 3)
                ]
    Activity.objects.bulk_create(rows)
    for n, (board, kind) in enumerate(
        [(boards[0], "ugc")] * 3 + [(boards[0], "pgc")] * 3 + [(boards[1], "ugc")] * 4
    ):
        Topic.objects.create(board=board, author=manager, title=f"话题 {n}", body="正文", kind=kind,
                             created_at=timezone.now() - dt.timedelta(days=2))  # fmt: skip
    mix_target_set(board=boards[0], ugc_share=0.8, note="会员为主")
    mix_target_set(board=boards[1], ugc_share=0.9)
    positioning = Positioning.load()
    positioning.statement = "一个由会员自己撑起来的实用交流社区：问题有人答，经验有人记。"
    positioning.audience = "行业从业者"
    positioning.save()
    aim_save(aim=None, title="成为行业内最知名的交流社区")
    aim_save(aim=None, title="会员自助解答大多数问题")
    rival = competitor_add(name="同行社区甲")
    for months, members in ((3, 40), (2, 52), (1, 61), (0, 70)):
        competitor_figure_record(
            actor=manager,
            competitor=rival,
            data=FigureInput(day=today - dt.timedelta(days=30 * months + 1), members=members,
                             posts=members * 5, followers=members * 3),
            today=today,
        )  # fmt: skip
    initiative = Initiative.objects.create(
        name="AI 版块推广月", start_date=start, status=InitiativeStatus.ACTIVE, owner=manager,
        rationale="AI 话题需求大，集中推广。",
    )  # fmt: skip
    initiative.boards.set(boards[:1])
    Initiative.objects.create(
        name="开设“新手问答”版块", kind="board_open", board_name="新手问答",
        rationale="新会员的提问分散在各版块。", start_date=today + dt.timedelta(days=14),
    )  # fmt: skip
    return initiative


def test_strategy_page_and_impact_chart(
    live_server: Any, make_staff: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    manager = make_staff(roles.COMMUNITY_MANAGER, username="cm")
    initiative = _world(make_board, manager)
    session = session_of(manager)
    base = live_server.url

    def scenario(browser: Any) -> None:
        page = logged_in_page(browser, base, session, width=1440, timeout_ms=90_000)
        page.goto(f"{base}/ops/goals/strategy/")
        page.wait_for_selector("[data-testid=chart-members][data-rendered='1']")
        assert "同行社区甲" in page.get_by_test_id("chart-members").get_attribute("data-series")
        off = page.locator("[data-testid=content-mix-table] tr[data-off='1']")
        assert off.count() == 2  # AI 50% against 80%, 摄影 100% against 90%: 10 points or more
        # record an aim through the page
        page.locator("[data-testid=strategy-aims] summary").click()
        page.locator("[data-testid=aim-form] input[name=title]").fill("培养一批稳定的内容创作者")
        page.locator("[data-testid=aim-form] button[type=submit]").click()
        page.wait_for_selector("text=培养一批稳定的内容创作者")
        page.wait_for_selector("[data-testid=chart-members][data-rendered='1']")
        shot(page, "strategy-page")
        keep("strategy-page")
        page.goto(f"{base}/ops/goals/initiatives/{initiative.pk}/?metric=reply")
        page.wait_for_selector("[data-testid=impact-chart][data-rendered='1']")
        did = page.get_by_test_id("impact-did").inner_text()
        assert did.startswith("2") or did.startswith("1")  # +3 − +1 = +2 a day, ± the wobble
        shot(page, "initiative-impact")
        keep("initiative-impact")
        page.context.close()

    with_browser(scenario)
