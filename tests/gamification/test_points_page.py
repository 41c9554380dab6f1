"""The member's own points page: balances, level progress, privileges and history."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from hearth.community.services import topic_create
from hearth.gamification import member_points
from hearth.gamification.models import Level
from hearth.gamification.services import points_adjust

BODY = "A body long enough to pass the checks of the community services."


@pytest.fixture
def member(make_member: Any, default_rules: None, default_ladder: None) -> Any:
    return make_member("earner")


def _client(member: Any) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_visitors_are_sent_to_log_in(db: None) -> None:
    response = Client().get("/points/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_progress_counts_from_this_level_to_the_next(
    member: Any, staff_member: Any
) -> None:
    points_adjust(actor=staff_member, member=member, amount=125, reason="setup")  # 50 → 200
    progress = member_points.level_progress_for(member=member)
    assert progress.level is not None
    assert progress.level.name == "初级会员"
    assert progress.next_level is not None
    assert progress.next_level.name == "中级会员"
    assert progress.points_to_next == 75
    assert progress.percent == 50


def test_the_top_level_is_full(member: Any, staff_member: Any) -> None:
    points_adjust(actor=staff_member, member=member, amount=5000, reason="setup")
    progress = member_points.level_progress_for(member=member)
    assert progress.next_level is None
    assert progress.percent == 100


def test_page_shows_points_progress_history_and_privileges(
    member: Any, make_board: Any, settings: Any
) -> None:
    settings.LANGUAGE_CODE = "en"
    topic_create(author=member, board=make_board(), title="My first topic here", body=BODY)
    html = _client(member).get("/points/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="lifetime-points">15<' in html  # topic +5, first topic +10
    assert "35 more points to reach 初级会员" in html
    assert 'aria-valuenow="30"' in html
    assert "Topic published" in html
    assert "First topic" in html
    assert "Upload images in posts" in html  # level 2 unlocks it (listed on the ladder)
    assert "Start topics in restricted boards" in html


def test_privilege_lines_follow_the_level(default_ladder: None) -> None:
    first, third = Level.objects.get(position=1), Level.objects.get(position=3)
    with translation.override("en"):
        assert member_points.privilege_lines(first) == ["Up to 20 topics and replies a day"]
        assert "Start topics in restricted boards" in member_points.privilege_lines(third)
    assert member_points.privilege_lines(first) == ["每天最多发布 20 条主题或回复"]


def test_history_page_runs_a_constant_number_of_queries(
    member: Any, staff_member: Any, django_assert_max_num_queries: Any
) -> None:
    client = _client(member)
    for n in range(3):
        points_adjust(actor=staff_member, member=member, amount=n + 1, reason="r")
    client.get("/points/")
    with django_assert_max_num_queries(12) as few:
        client.get("/points/")
    for n in range(20):
        points_adjust(actor=staff_member, member=member, amount=n + 1, reason="r")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/points/")
