"""Boards recommended from a member's interests."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community import services as community
from hearth.community.models import Visibility
from hearth.growth.onboarding.recommendations import (
    board_recommendations,
    interest_choices,
    interest_terms,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def boards(make_board: Any, make_member: Any) -> dict[str, Any]:
    made = {
        "photo": make_board(name="摄影", slug="photo", description="器材、后期与作品交流"),
        "run": make_board(name="跑步", slug="run", description="马拉松训练"),
        "cook": make_board(name="厨房", slug="cook", description="家常菜"),
        "busy": make_board(name="闲聊", slug="chat", description="什么都聊", follower_count=500),
        "secret": make_board(name="摄影编辑部", slug="staff", visibility=Visibility.STAFF),
    }
    author = make_member("writer")
    community.topic_create(
        author=author, board=made["cook"], title="周末烘焙", body="做了面包", tags=["烘焙", "相机"]
    )
    return made


def _slugs(member: Any) -> list[str]:
    return [r.board.slug for r in board_recommendations(member=member)]


def test_matching_boards_come_first_then_the_busiest(make_member: Any, boards: Any) -> None:
    member = make_member("fan", interests=["摄影器材", "马拉松"])
    slugs = _slugs(member)
    assert slugs[:2] == ["photo", "run"]  # name and description match outrank a description
    assert slugs[2] == "chat"  # then the most followed


def test_tags_of_topics_count(make_member: Any, boards: Any) -> None:
    member = make_member("baker", interests=["烘焙"])
    recs = board_recommendations(member=member)
    assert recs[0].board.slug == "cook"
    assert recs[0].matched == ["烘焙"]


def test_followed_and_invisible_boards_are_left_out(make_member: Any, boards: Any) -> None:
    member = make_member("fan", interests=["摄影"])
    community.board_follow(member=member, board=boards["photo"])
    slugs = _slugs(member)
    assert "photo" not in slugs
    assert "staff" not in slugs


def test_without_interests_the_most_active_boards(make_member: Any, boards: Any) -> None:
    member = make_member("blank")
    assert _slugs(member)[0] == "chat"


def test_interest_terms_cut_chinese_phrases() -> None:
    terms = interest_terms("摄影器材")
    assert terms[0] == "摄影器材"
    assert "摄影" in terms
    assert "器材" in terms
    assert interest_terms("  ") == []
    assert interest_terms("Machine Learning") == ["machine learning", "machine", "learning"]


def test_interest_choices_are_visible_board_names_then_tags(make_member: Any, boards: Any) -> None:
    choices = interest_choices(member=make_member("picker"))
    assert choices == ["摄影", "跑步", "厨房", "闲聊", "烘焙", "相机"]  # no staff board
