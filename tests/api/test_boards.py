"""Boards: visibility by role, detail, topics per board and order, follow."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community.services import topic_feature

from .conftest import Api, error_of


@pytest.fixture
def boards(public_board: Any, members_board: Any, staff_board: Any) -> None:
    return None


def _slugs(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [b["slug"] for b in response.json()["items"]]


def test_board_list_depends_on_who_asks(
    boards: None, anon: Api, api_as: Any, alice: Any, staff_member: Any
) -> None:
    assert _slugs(anon.get("/boards")) == ["gadgets"]
    assert _slugs(api_as(alice).get("/boards")) == ["gadgets", "lounge"]
    assert _slugs(api_as(staff_member).get("/boards")) == ["gadgets", "lounge", "staff-room"]


def test_board_list_has_totals(boards: None, api_as: Any, staff_member: Any) -> None:
    body = api_as(staff_member).get("/boards", page_size=2).json()
    assert body["total"] == 3
    assert body["pages"] == 2
    assert len(body["items"]) == 2


def test_board_detail(anon: Api, api_as: Any, alice: Any, public_board: Any) -> None:
    body = anon.get("/boards/gadgets").json()
    assert body["name"] == "Gadgets"
    assert body["visibility"] == "public"
    assert body["can_post"] is False
    assert api_as(alice).get("/boards/gadgets").json()["can_post"] is True


@pytest.mark.parametrize(
    ("who", "slug", "status"),
    [
        ("anon", "lounge", 404),
        ("anon", "staff-room", 404),
        ("member", "lounge", 200),
        ("member", "staff-room", 404),
        ("staff", "staff-room", 200),
        ("anon", "no-such-board", 404),
    ],
)
def test_hidden_boards_are_404(
    boards: None,
    anon: Api,
    api_as: Any,
    alice: Any,
    staff_member: Any,
    who: str,
    slug: str,
    status: int,
) -> None:
    api = {"anon": anon, "member": api_as(alice), "staff": api_as(staff_member)}[who]
    for path in (f"/boards/{slug}", f"/boards/{slug}/topics"):
        response = api.get(path)
        assert response.status_code == status, path
        if status == 404:
            assert error_of(response)["code"] == "not_found"


def test_board_topics_by_order(
    anon: Api, alice: Any, bob: Any, staff_member: Any, public_board: Any, make_topic: Any
) -> None:
    old = make_topic(alice, public_board, title="Old but featured")
    new = make_topic(bob, public_board, title="Newest")
    topic_feature(actor=staff_member, topic=old, level=2)

    latest = anon.get("/boards/gadgets/topics").json()
    assert [t["id"] for t in latest["items"]] == [new.pk, old.pk]
    assert latest["total"] == 2

    featured = anon.get("/boards/gadgets/topics", order="featured").json()
    assert [t["id"] for t in featured["items"]] == [old.pk]
    assert featured["items"][0]["featured_level"] == 2

    hot = anon.get("/boards/gadgets/topics", order="hot").json()
    assert {t["id"] for t in hot["items"]} == {old.pk, new.pk}


def test_board_topics_refuse_an_unknown_order(anon: Api, public_board: Any) -> None:
    response = anon.get("/boards/gadgets/topics", order="random")
    assert response.status_code == 422
    assert "order" in error_of(response)["fields"]


def test_follow_and_unfollow_a_board(api_as: Any, alice: Any, public_board: Any) -> None:
    api = api_as(alice)

    followed = api.post("/boards/gadgets/follow")
    assert followed.status_code == 200
    assert followed.json() == {"following": True, "follower_count": 1}
    assert api.get("/boards/gadgets").json()["following"] is True

    again = api.post("/boards/gadgets/follow")
    assert again.json()["follower_count"] == 1

    left = api.delete("/boards/gadgets/follow")
    assert left.json() == {"following": False, "follower_count": 0}


def test_cannot_follow_a_board_one_cannot_see(api_as: Any, alice: Any, staff_board: Any) -> None:
    assert api_as(alice).post("/boards/staff-room/follow").status_code == 404
