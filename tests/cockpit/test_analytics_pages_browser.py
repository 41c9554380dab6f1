"""An analyst builds a funnel with a breakdown, opens board health and drills into a board
(Chromium)."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest

from hearth.accounts.models import User
from hearth.analytics.models import Activity
from hearth.analytics.store.sync import today
from hearth.community.models import Board
from tests.cockpit.analytics_fixtures import analyst
from tests.cockpit.analytics_helpers import full_shot, zh
from tests.moderation.queue_fixtures import browser_log_in, in_browser

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def onboarding(end: dt.date, ai: Board) -> list[Activity]:
    """40 sign-ups over the last 45 days: SEO members follow three boards, most Douyin ones
    never do (the demo's planted drop-off, small)."""
    rows = []
    for i in range(40):
        channel = "douyin" if i % 2 else "seo"
        joined = end - dt.timedelta(days=5 + i)
        member = User.objects.create(
            username=f"n{i}", date_joined=at(joined, 9), channel=channel, province="上海"
        )
        said = {"member_id": member.pk, "channel": channel}
        rows += [Activity(action="sign_up", occurred_at=at(joined, 9), **said)]
        if i % 10 == 9:
            continue  # no profile
        rows += [Activity(action="profile_complete", occurred_at=at(joined, 9, 5), **said)]
        if channel == "douyin" and i % 6 != 1:
            continue  # never follows three boards
        rows += [
            Activity(action="follow", occurred_at=at(joined, 9, 10 + k), **said) for k in range(3)
        ]
        rows += [Activity(action="read", occurred_at=at(joined, 10), board_id=ai.pk, **said)]
    return rows


def readers(end: dt.date, chain: Board, ai: Board) -> list[Activity]:
    """An 18-24 reader reads 区块链 every day of the 30 days before, then one day in four;
    a 40+ reader reads both boards every day."""
    young = User.objects.create(username="young", birth_year=2004)
    older = User.objects.create(username="older", birth_year=1980)
    y = {"member_id": young.pk, "age_band": "18-24", "channel": "douyin"}
    o = {"member_id": older.pk, "age_band": "40+", "channel": "seo"}
    rows = []
    for back in range(60):
        day = end - dt.timedelta(days=back)
        if back >= 30 or back % 4 == 0:
            rows += [Activity(action="read", occurred_at=at(day, 20), board_id=chain.pk, **y)]
        rows += [Activity(action="read", occurred_at=at(day, 21), board_id=chain.pk, **o)]
        rows += [Activity(action="read", occurred_at=at(day, 21, 30), board_id=ai.pk, **o)]
    return rows


def test_funnel_with_a_breakdown_then_board_health_and_a_drill_down(
    live_server: Any, analyst: Any, make_board: Callable[..., Any]
) -> None:
    chain = make_board(name="区块链", slug="chain")
    ai = make_board(name="人工智能", slug="ai")
    end = today()
    Activity.objects.bulk_create(onboarding(end, ai) + readers(end, chain, ai))
    base = live_server.url
    seen: dict[str, Any] = {}

    def scenario(page: Any) -> None:
        browser_log_in(page, base, analyst.username)
        page.goto(f"{base}/ops/analytics/funnels/?days=90")
        page.locator("#funnel-chart[data-rendered='1']").wait_for()
        steps = page.locator("[data-step-row]")
        assert steps.count() == 7  # the onboarding funnel
        # drop the last three steps (like, reply, topic): each removal applies at once
        for left in (6, 5, 4):
            page.locator("[data-step-remove]").last.click()
            page.wait_for_url(f"**step_{left}=**")
            page.locator("#funnel-chart[data-rendered='1']").wait_for()
        assert page.locator("[data-step-row]").count() == 4
        page.get_by_label(zh("Breakdown")).select_option("channel")
        page.wait_for_url("**breakdown=channel**")
        table = page.get_by_test_id("table-segments")
        table.wait_for()
        page.locator("#funnel-chart[data-rendered='1']").wait_for()
        seen["series"] = page.locator("#funnel-chart").get_attribute("data-series")
        seen["douyin"] = table.locator("tr[data-segment=douyin] td").all_inner_texts()
        seen["seo"] = table.locator("tr[data-segment=seo] td").all_inner_texts()
        full_shot(page, "analytics-funnel-channel")

        page.get_by_test_id("ops-nav").get_by_role("link", name=zh("Board health")).click()
        boards = page.get_by_test_id("table-boards")
        boards.wait_for()
        page.locator(".board-table .sparkline svg").first.wait_for()
        seen["first"] = boards.locator("tbody tr").first.locator("th").inner_text()
        seen["declining"] = page.get_by_test_id("declining").count()
        full_shot(page, "analytics-boards")
        boards.get_by_role("link", name="区块链").click()
        drill = page.get_by_test_id("drilldown")
        drill.wait_for()
        seen["top"] = page.get_by_test_id("drill-top").inner_text()
        seen["url"] = page.url
        drill.scroll_into_view_if_needed()
        full_shot(page, "analytics-boards-drilldown")

        page.goto(f"{base}/ops/analytics/lifecycle/?days=60&period=week")
        sticky = page.locator("[data-testid=stickiness-chart][data-rendered='1']")
        sticky.wait_for()
        seen["sticky"] = page.get_by_test_id("table-stickiness").locator("tbody tr").count()
        full_shot(page, "analytics-lifecycle-stickiness")

    in_browser(scenario)
    assert seen["series"] == "douyin|seo|direct"  # 20, 20 (by name), the analyst's sign-up
    # seo (even i): 20 sign-ups, 20 profiles, 20 follow three boards; douyin (odd i): 20,
    # 16 profiles (not i = 9, 19, 29, 39), 6 follow (i = 1, 7, 13, 25, 31, 37)
    assert seen["seo"][:3] == ["20", "100.0%\n20", "100.0%\n20"]
    assert seen["douyin"][:3] == ["20", "80.0%\n16", "37.5%\n6"]
    assert seen["first"] == "区块链"  # declining boards first
    assert seen["declining"] == 1
    assert "18-24" in seen["top"]
    assert f"board={chain.pk}" in seen["url"]
    assert seen["sticky"] == 60  # one row per number of active days, 1…60
