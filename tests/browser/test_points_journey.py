"""A member posts, sees their points and level progress, is promoted and unlocks a board."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community.models import PostingPolicy, Topic
from hearth.gamification.defaults import (
    badges_restore_defaults,
    ladder_restore_defaults,
    point_rules_restore_defaults,
)
from hearth.gamification.services import points_adjust

pytestmark = pytest.mark.django_db(transaction=True)



def _post(page: Any, base: str, board: str, title: str, body: str) -> None:
    page.goto(f"{base}/t/new/?board={board}")
    page.locator("[name=title]").fill(title)
    page.locator("[name=body]").fill(body)
    page.get_by_test_id("topic-submit").click()
    page.get_by_test_id("topic").wait_for()


def test_member_earns_points_is_promoted_and_unlocks_a_restricted_board(
    live_server: Any, page: Any, make_member: Any, make_board: Any, staff_member: Any,
    screenshot: Any, log_in: Any,
) -> None:
    # A transactional test starts from an empty database: restore the defaults.
    point_rules_restore_defaults()
    badges_restore_defaults()
    ladder_restore_defaults()
    make_board(name="摄影交流", slug="photo")
    make_board(name="达人讨论区", slug="experts", posting=PostingPolicy.RESTRICTED)
    member = make_member("xiaoli", display_name="小李")
    points_adjust(actor=staff_member, member=member, amount=190, reason="老会员迁移积分")
    base = live_server.url

    log_in(page, base, "xiaoli")
    page.goto(f"{base}/b/experts/")
    assert page.get_by_test_id("board-locked").is_visible()
    assert page.get_by_test_id("board-new-topic").count() == 0
    screenshot(page, "restricted-board-locked")
    page.goto(f"{base}/points/")
    assert page.get_by_test_id("my-level").inner_text() == "初级会员"
    assert "10" in page.get_by_test_id("points-to-next").inner_text()
    screenshot(page, "points-before")

    # A first topic earns 5 + 10 points: 205 crosses the 200 threshold of 中级会员.
    _post(page, base, "photo", "分享一张秋天的银杏", "周末去公园拍的，**逆光**效果很好。")
    page.get_by_test_id("my-points-link").click()
    assert page.get_by_test_id("lifetime-points").inner_text() == "205"
    assert page.get_by_test_id("my-level").inner_text() == "中级会员"
    bar = page.get_by_test_id("level-progress").get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "1"  # 5 of the 300 points to 高级会员
    history = page.get_by_test_id("points-history").inner_text()
    assert "首次发帖" in history
    screenshot(page, "points-after")

    # Under the bell: both promotions (初级会员 by the adjustment, 中级会员 by the topic)
    # and the first-topic badge.
    assert page.get_by_test_id("unread-count").inner_text().strip() == "3"
    page.get_by_test_id("notification-bell").click()
    notices = page.get_by_test_id("notification-list").inner_text()
    assert "中级会员" in notices
    assert "初来乍到" in notices
    screenshot(page, "points-notifications")

    # The restricted board now takes the member's topics.
    page.goto(f"{base}/b/experts/")
    page.get_by_test_id("board-new-topic").click()
    page.locator("[name=title]").fill("我的器材清单")
    page.locator("[name=body]").fill("一机两镜，轻装出行，欢迎交流。")
    page.get_by_test_id("topic-submit").click()
    page.get_by_test_id("topic").wait_for()
    assert Topic.objects.filter(board__slug="experts", author=member).count() == 1
    screenshot(page, "restricted-board-topic")
