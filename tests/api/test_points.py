"""The API's points, sign-in, badges and leaderboards: the pages' answers, as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.gamification.defaults import (
    badges_restore_defaults,
    ladder_restore_defaults,
    point_rules_restore_defaults,
)
from hearth.gamification.services import points_adjust
from tests.api.conftest import Api, error_of


@pytest.fixture(autouse=True)
def _defaults(db: None) -> None:
    point_rules_restore_defaults()
    badges_restore_defaults()
    ladder_restore_defaults()


def test_my_points_show_the_level_progress_and_privileges(
    alice: Any, staff_member: Any, api_as: Callable[[Any], Api]
) -> None:
    points_adjust(actor=staff_member, member=alice, amount=230, reason="setup")
    body = api_as(alice).get("/me/points").json()
    assert (body["lifetime"], body["spendable"]) == (230, 230)
    assert body["level"]["name"] == "中级会员"
    assert body["next_level"] == {"position": 4, "name": "高级会员", "threshold": 500}
    assert (body["points_to_next"], body["progress_percent"]) == (270, 10)
    assert body["privileges"]["post_restricted"] is True
    assert body["privileges"]["daily_post_limit"] == 10  # a new account's throttle
    assert (body["signed_in_today"], body["streak"]) == (False, 0)


def test_visitors_have_no_points(anon: Api) -> None:
    response = anon.get("/me/points")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_check_in_once_a_day_earns_the_sign_in_points(
    alice: Any, api_as: Callable[[Any], Api]
) -> None:
    api = api_as(alice)
    first, again = api.post("/me/check-in"), api.post("/me/check-in")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert first.json()["streak"] == 1
    body = api.get("/me/points").json()
    assert (body["lifetime"], body["signed_in_today"]) == (2, True)
    history = api.get("/me/points/history").json()
    assert [(e["action"], e["amount"]) for e in history["entries"]] == [("sign_in", 2)]


def test_badges_and_the_leaderboard_are_public(
    alice: Any, bob: Any, staff_member: Any, public_board: Any,
    make_topic: Callable[..., Any], anon: Api, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # badges follow the commit
        make_topic(alice, public_board)  # +15 and the first-topic badge
    points_adjust(actor=staff_member, member=bob, amount=40, reason="setup")
    badges = anon.get(f"/members/{alice.username}/badges").json()
    assert [b["slug"] for b in badges] == ["first-topic"]
    board = anon.get("/leaderboards", period="week").json()
    assert [(r["username"], r["points"]) for r in board["rows"]] == [
        (bob.username, 40),
        (alice.username, 15),
    ]
    assert board["period"] == "week"
    own = anon.get("/leaderboards", board=public_board.slug).json()
    assert [r["username"] for r in own["rows"]] == [alice.username]  # posting in that board


def test_a_board_nobody_may_see_is_not_found(anon: Api, staff_board: Any) -> None:
    response = anon.get("/leaderboards", board=staff_board.slug)
    assert response.status_code == 404
    assert anon.get("/members/ghost/badges").status_code == 404
