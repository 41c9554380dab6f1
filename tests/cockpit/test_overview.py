"""The overview page: KPIs with week-on-week change, the 30-day chart, boards, attention list."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from hearth.cockpit import selectors
from hearth.community.models import Status
from hearth.community.services import (
    like_give,
    read_record,
    reply_create,
    topic_feature,
    topic_set_status,
)


@pytest.fixture
def community(
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    make_topic: Callable[..., Any],
    admin_member: Any,
) -> dict[str, Any]:
    """Known activity: one week ago-ish (days 8–13) and this week."""
    now = timezone.now()
    ai = make_board(name="人工智能", slug="ai")
    quiet = make_board(name="闲聊", slug="chat")
    with freeze_time(now - dt.timedelta(days=10)):
        old = make_member("old")
        old_topic = make_topic(author=old, board=quiet, title="上周的话题")
        like_give(member=admin_member, target=old_topic)
        read_record(member=admin_member, topic=old_topic)
    alice, bob = make_member("alice"), make_member("bob")
    t1 = make_topic(author=alice, board=ai, title="大模型怎么选")
    t2 = make_topic(author=bob, board=ai, title="显卡推荐")
    reply_create(author=bob, topic=t1, body="我也想知道")
    like_give(member=bob, target=t1)
    like_give(member=alice, target=t2)
    for reader in (alice, bob, old):
        read_record(member=reader, topic=t1)
    topic_feature(actor=admin_member, topic=t1, level=2)
    with freeze_time(now - dt.timedelta(hours=5)):
        unanswered = make_topic(author=alice, board=quiet, title="没人回的问题")
    held = make_topic(author=bob, board=ai, title="待审核的帖子")
    topic_set_status(actor=None, topic=held, status=Status.HELD)
    return {"ai": ai, "quiet": quiet, "t1": t1, "unanswered": unanswered, "held": held}


def test_kpis_count_this_week_against_last(community: dict[str, Any]) -> None:
    kpis = {k.key: k for k in selectors.overview_kpis()}
    # members: admin "boss" (now), old (10 days ago), alice, bob
    assert kpis["members"].value == 4
    assert (kpis["new_members"].value, kpis["new_members"].previous) == (3, 1)
    assert (kpis["topics"].value, kpis["topics"].previous) == (4, 1)
    assert (kpis["replies"].value, kpis["replies"].previous) == (1, 0)
    assert (kpis["likes"].value, kpis["likes"].previous) == (2, 1)
    assert (kpis["reads"].value, kpis["reads"].previous) == (3, 1)
    # this week: alice, bob, old (read) — boss only acted 10 days ago
    assert (kpis["active_members"].value, kpis["active_members"].previous) == (3, 2)
    assert kpis["featured"].value == 1
    assert kpis["new_members"].delta == 2
    assert kpis["new_members"].delta_percent == 200
    assert kpis["replies"].delta_percent is None  # nothing to compare with


def test_daily_series_covers_30_days_ending_today(community: dict[str, Any]) -> None:
    series = selectors.overview_daily_series(days=30)
    assert len(series["days"]) == 30
    assert series["days"][-1] == timezone.localdate().isoformat()
    assert sum(series["topics"]) == 5
    assert sum(series["reads"]) == 4
    assert sum(series["members"]) == 4
    ten_days_ago = series["days"].index((timezone.localdate() - dt.timedelta(days=10)).isoformat())
    assert series["topics"][ten_days_ago] == 1


def test_top_boards_rank_by_reads_this_week(community: dict[str, Any]) -> None:
    boards = selectors.boards_top(limit=5)
    assert [b.slug for b in boards] == ["ai", "chat"]
    ai = boards[0]
    assert (ai.topics_7d, ai.replies_7d, ai.reads_7d) == (3, 1, 3)
    assert boards[1].reads_7d == 0  # the old read is outside the window


def test_attention_lists_held_then_unanswered(community: dict[str, Any]) -> None:
    items = selectors.topics_needing_attention(limit=8)
    assert [(i.topic.title, i.reason) for i in items] == [
        ("待审核的帖子", "held"),
        ("没人回的问题", "unanswered"),
    ]


def test_overview_page_renders_numbers_chart_and_actions(
    community: dict[str, Any], admin_member: Any, login: Any
) -> None:
    response = login(admin_member).get(reverse("cockpit:home"))
    assert response.status_code == 200
    html = response.content.decode()
    tile = html.split('data-kpi="new_members"', 1)[1].split('<div class="kpi"', 1)[0]
    assert '<div class="value">3</div>' in tile
    assert "+2" in tile
    assert "+200%" in tile
    data = json.loads(
        re.search(r'<script id="overview-data" type="application/json">(.*?)</script>', html, re.S)[
            1
        ]
    )
    assert len(data["days"]) == 30
    assert [len(s["data"]) for s in data["series"]] == [30, 30, 30, 30]
    assert "vendor/echarts/echarts.min.js" in html
    assert "cockpit/cockpit.js" in html
    assert "人工智能" in html.split('data-testid="top-boards"', 1)[1]
    attention = html.split('data-testid="attention"', 1)[1]
    assert reverse("community:topic", args=[community["held"].pk]) in attention
    assert reverse("cockpit:topics") in html  # ends in an action: feature a topic
    assert reverse("cockpit:board_new") in html


def test_overview_without_data_still_renders(admin_member: Any, login: Any) -> None:
    response = login(admin_member).get(reverse("cockpit:home"))
    assert response.status_code == 200
    assert "cockpit:board_new" not in response.content.decode()


def _home_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("cockpit:home")).status_code == 200
    return len(ctx.captured_queries)


def test_overview_query_count_does_not_grow_with_data(
    community: dict[str, Any],
    admin_member: Any,
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    make_topic: Callable[..., Any],
    login: Any,
) -> None:
    client = login(admin_member)
    _home_queries(client)  # warm the brand cache and the session
    before = _home_queries(client)
    for n in range(6):
        board = make_board()
        author = make_member()
        topic = make_topic(author=author, board=board, title=f"新话题 {n}")
        reply_create(author=admin_member, topic=topic, body="回复")
        read_record(member=admin_member, topic=topic)
        topic_set_status(actor=None, topic=make_topic(author=author, board=board), status="held")
    assert _home_queries(client) == before
    assert before <= 21  # 20, and one for the live goals atop the page (#7)
