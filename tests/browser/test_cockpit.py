"""A community manager opens the cockpit, rebrands the community and sees it on every page."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community.services import reply_create, topic_create
from hearth.core.brand import brand_get

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_rebrands_the_community_from_the_cockpit(
    live_server: Any, page: Any, staff_member: Any, make_member: Any, make_board: Any,
    screenshot: Any, log_in: Any,
) -> None:
    board = make_board(name="人工智能", slug="ai", description="大模型、智能体与应用")
    author = make_member("xiaoli", display_name="小李")
    topic = topic_create(author=author, board=board, title="大模型微调入门",
                         body="从数据准备到评估，一步步来。")
    reply_create(author=staff_member, topic=topic, body="写得很清楚，收藏了。")

    log_in(page, live_server.url, staff_member.username)
    page.locator("header").get_by_role("link", name="运营后台").click()
    page.wait_for_url(f"{live_server.url}/ops/")
    assert page.locator(".kpi").count() >= 4
    page.wait_for_timeout(1200)  # let the chart finish its animation
    screenshot(page, "ops-overview", full_page=False)

    page.goto(f"{live_server.url}/ops/settings/brand/")
    form = page.get_by_test_id("brand-form")
    form.locator("[name=community_name]").fill("极客社区")
    form.locator("[name=icp_number]").fill("京ICP备2026000001号-1")
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    assert brand_get().community_name == "极客社区"

    page.goto(f"{live_server.url}/t/{topic.pk}/")
    assert page.locator("header .brand-name").inner_text() == "极客社区"
    assert page.get_by_test_id("icp").inner_text() == "京ICP备2026000001号-1"
    assert "极客社区" in page.title()
