"""Create the goal "DAU +30% this quarter" in Chromium and see its progress chart and forecast.
Screenshots in /tmp/shots-goalsui/: goal-new, goal-detail, goal-list, overview-goals."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.core import roles
from hearth.goals.models import Goal, GoalStatus, TargetKind
from tests.growth.browser_helpers import logged_in_page, session_of, with_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

SHOTS = Path("/tmp/shots-goalsui")
MEMBERS = 40
DAYS = 200


def _activity() -> None:
    """Members active on some days over the last 200 days, a little more often lately."""
    rng = random.Random(11)
    now = timezone.now()
    start = now - dt.timedelta(days=DAYS)
    members = [
        User.objects.create(username=f"m{n}", date_joined=start - dt.timedelta(days=1))
        for n in range(MEMBERS)
    ]
    rows = []
    for back in range(DAYS, 0, -1):
        chance = 0.2 + 0.1 * (DAYS - back) / DAYS
        for member in members:
            if rng.random() < chance:
                occurred = now - dt.timedelta(days=back, hours=rng.randint(0, 3))
                rows.append(Activity(member_id=member.pk, action="read", occurred_at=occurred))
    Activity.objects.bulk_create(rows)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_create_dau_goal_and_see_chart_and_forecast(
    live_server: Any, make_staff: Callable[..., Any]
) -> None:
    _activity()
    manager = make_staff(roles.COMMUNITY_MANAGER, username="cm")
    session = session_of(manager)
    base = live_server.url

    def scenario(browser: Any) -> None:
        page = logged_in_page(browser, base, session, width=1440, timeout_ms=60_000)
        page.goto(f"{base}/ops/goals/new/")
        page.locator("#id_name").fill("DAU +30% this quarter")
        page.locator("#id_metric_key").select_option("dau")
        page.locator("#id_target_kind input[value=relative]").check()
        page.locator("#id_target").fill("30")
        page.locator("#id_preset").select_option("this_quarter")
        # the suggested baseline arrives (htmx) for DAU over the quarter before
        page.wait_for_selector("#baseline-suggestion [data-baseline]")
        assert page.locator("#id_period_start").input_value().endswith("-01")
        _shot(page, "goal-new")
        page.get_by_test_id("goal-save").click()
        page.wait_for_url("**/ops/goals/*/")
        # drawn: axes, the actual, pace and forecast lines and the band are SVG paths
        page.wait_for_function("document.querySelectorAll('#goal-chart svg path').length > 8")
        page.wait_for_function(
            "document.querySelectorAll('#goal-history-chart svg path').length > 2"
        )
        forecast = page.get_by_test_id("goal-forecast").inner_text()
        assert forecast.strip() not in ("", "—")
        band = page.get_by_test_id("goal-band").inner_text()
        assert "–" in band
        status = page.locator("h1 [data-testid=goal-status]")
        assert status.get_attribute("data-status") in {
            GoalStatus.ON_TRACK,
            GoalStatus.BEHIND,
            GoalStatus.AT_RISK,
        }
        assert status.inner_text().strip()
        _shot(page, "goal-detail")
        page.goto(f"{base}/ops/goals/")
        assert page.get_by_test_id("goal-cards").locator(".goal-card").count() == 1
        _shot(page, "goal-list")
        page.goto(f"{base}/ops/")
        assert "DAU +30%" in page.get_by_test_id("goal-strip").inner_text()
        _shot(page, "overview-goals")
        page.context.close()

    with_browser(scenario)
    goal = Goal.objects.get()
    today = timezone.localdate()
    assert goal.metric_key == "dau"
    assert goal.target_kind == TargetKind.RELATIVE
    assert goal.target_value == pytest.approx(0.3)
    assert goal.period_start == dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    assert goal.baseline is not None
    assert goal.baseline > 0
    assert goal.forecast is not None
