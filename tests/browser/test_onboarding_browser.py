"""In Chromium: a new member follows their checklist and boards picked for them; a manager
reads the onboarding report and edits the welcome message with its preview."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community import services as community
from hearth.growth.models import OnboardingProgress

pytestmark = pytest.mark.django_db(transaction=True)


def _community(make_member: Any, make_board: Any) -> dict[str, Any]:
    boards = {
        "photo": make_board(
            name="摄影",
            slug="photo",
            description="器材、后期与作品交流",
            icon="📷",
            follower_count=120,
        ),
        "run": make_board(
            name="跑步", slug="run", description="马拉松训练与装备", icon="🏃", follower_count=80
        ),
        "ai": make_board(
            name="人工智能",
            slug="ai",
            description="大模型、智能体与应用",
            icon="🤖",
            follower_count=300,
        ),
        "cook": make_board(
            name="厨房", slug="cook", description="家常菜与烘焙", icon="🍳", follower_count=40
        ),
    }
    author = make_member("xiaoli", display_name="小李")
    for title, board, tags in [
        ("入门微单怎么选", "photo", ["相机", "器材"]),
        ("第一次跑半马的记录", "run", ["马拉松"]),
        ("大模型微调入门", "ai", ["大模型"]),
        ("周末烤了欧包", "cook", ["烘焙"]),
    ]:
        community.topic_create(
            author=author, board=boards[board], title=title, body="分享一下经验。", tags=tags
        )
    return boards


def test_a_new_member_works_through_the_checklist(
    live_server: Any, page: Any, make_member: Any, make_board: Any, screenshot: Any, log_in: Any
) -> None:
    boards = _community(make_member, make_board)
    member = make_member("newbie", display_name="小林", interests=["摄影器材"])
    community.board_follow(member=member, board=boards["cook"])

    log_in(page, live_server.url, member.username)
    card = page.get_by_test_id("onboarding-card")
    assert card.is_visible()
    screenshot(page, "onboarding-home-card", full_page=False)

    card.get_by_test_id("onboarding-continue").click()
    page.wait_for_url(f"{live_server.url}/welcome/")
    recommended = page.get_by_test_id("recommended-board")
    assert recommended.first.get_attribute("data-board") == "photo"
    assert page.locator('[data-board="cook"]').count() == 0
    recommended.first.get_by_test_id("follow-board").click()
    page.locator('[data-board="photo"] [aria-pressed="true"]').wait_for()
    page.locator('[data-board="run"]').get_by_test_id("follow-board").click()
    page.locator('[data-board="run"] [aria-pressed="true"]').wait_for()
    assert OnboardingProgress.objects.get(member=member).boards_at is not None

    page.get_by_test_id("onboarding-interests").get_by_label("人工智能").check()
    page.get_by_test_id("save-interests").click()
    page.wait_for_load_state()
    assert page.locator('[data-step="boards"][data-done="1"]').count() == 1
    assert page.get_by_test_id("recommended-board").first.get_attribute("data-board") == "ai"
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "onboarding-welcome")

    page.goto(f"{live_server.url}/")
    page.get_by_test_id("onboarding-dismiss").click()
    page.get_by_test_id("onboarding-card").wait_for(state="detached")
    page.reload()
    assert page.get_by_test_id("onboarding-card").count() == 0


def test_a_manager_reads_the_report_and_edits_the_welcome(
    live_server: Any,
    page: Any,
    staff_member: Any,
    make_member: Any,
    make_board: Any,
    screenshot: Any,
    log_in: Any,
) -> None:
    from django.contrib.auth import get_user_model

    boards = list(_community(make_member, make_board).values())
    user_model = get_user_model()
    for i in range(12):
        channel = ["douyin", "weibo", "xiaohongshu"][i % 3]
        member = make_member(f"new{i}")
        user_model.objects.filter(pk=member.pk).update(channel=channel)
        follows = 0 if channel == "douyin" and i % 2 else (3 if channel != "douyin" else 1)
        for board in boards[:follows]:
            community.board_follow(member=member, board=board)
    OnboardingProgress.objects.update(profile_at=OnboardingProgress.objects.first().started_at)

    log_in(page, live_server.url, staff_member.username)
    page.goto(f"{live_server.url}/ops/growth/onboarding/")
    page.locator('[data-testid="onboarding-chart"][data-rendered="1"]').wait_for()
    stall = page.locator('[data-testid="table-onboarding-channels"] tr[data-group="douyin"]')
    assert stall.get_attribute("data-stall") == "boards"
    textarea = page.locator("[name=welcome_text]")
    textarea.fill("欢迎你，{name}！先完成新手任务吧。")
    page.get_by_test_id("welcome-preview").filter(has_text="欢迎你，").wait_for()
    screenshot(page, "onboarding-cockpit")
    page.get_by_test_id("save-onboarding-settings").click()
    page.wait_for_url(f"{live_server.url}/ops/growth/onboarding/")

    page.goto(f"{live_server.url}/ops/growth/onboarding/members/new1/")
    assert page.get_by_test_id("member-onboarding").is_visible()
    screenshot(page, "onboarding-cockpit-member", full_page=False)
