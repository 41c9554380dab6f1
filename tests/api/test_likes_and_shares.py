"""Likes (once, never one's own, undoable) and shares (channel → share link)."""

from __future__ import annotations

from typing import Any

import pytest

from hearth.community.models import Like, Share
from hearth.notifications.models import Notification

from .conftest import Api, error_of


@pytest.fixture
def topic(alice: Any, public_board: Any, make_topic: Any) -> Any:
    return make_topic(alice, public_board)


@pytest.fixture
def reply(alice: Any, topic: Any, make_reply: Any) -> Any:
    return make_reply(alice, topic, "Alice answers herself.")


def test_like_a_topic_once(api_as: Any, bob: Any, topic: Any) -> None:
    api = api_as(bob)

    liked = api.post(f"/topics/{topic.pk}/like")
    assert liked.status_code == 201
    assert liked.json() == {"liked": True, "like_count": 1}
    assert api.get(f"/topics/{topic.pk}").json()["liked"] is True
    assert Notification.objects.filter(recipient=topic.author, verb="like").count() == 1

    again = api.post(f"/topics/{topic.pk}/like")
    assert again.status_code == 409
    error = error_of(again)
    assert error["code"] == "conflict"
    assert error["message"] == "You have already liked this post."
    assert Like.objects.count() == 1


def test_withdraw_a_like(api_as: Any, bob: Any, topic: Any) -> None:
    api = api_as(bob)
    api.post(f"/topics/{topic.pk}/like")

    withdrawn = api.delete(f"/topics/{topic.pk}/like")
    assert withdrawn.status_code == 200
    assert withdrawn.json() == {"liked": False, "like_count": 0}

    again = api.delete(f"/topics/{topic.pk}/like")
    assert again.status_code == 409
    assert error_of(again)["message"] == "You have not liked this post."


def test_cannot_like_ones_own_posts(api_as: Any, alice: Any, topic: Any, reply: Any) -> None:
    api = api_as(alice)
    for path in (f"/topics/{topic.pk}/like", f"/replies/{reply.pk}/like"):
        response = api.post(path)
        assert response.status_code == 403, path
        assert error_of(response)["message"] == "You cannot like your own post."
    assert not Like.objects.exists()


def test_like_a_reply(api_as: Any, bob: Any, reply: Any) -> None:
    api = api_as(bob)
    assert api.post(f"/replies/{reply.pk}/like").json() == {"liked": True, "like_count": 1}
    assert api.post(f"/replies/{reply.pk}/like").status_code == 409
    replies = api.get(f"/topics/{reply.topic_id}/replies").json()["items"]
    assert replies[0]["liked"] is True
    assert api.delete(f"/replies/{reply.pk}/like").json() == {"liked": False, "like_count": 0}


def test_likes_need_a_member_and_a_visible_post(
    anon: Api, api_as: Any, bob: Any, staff_member: Any, staff_board: Any, make_topic: Any
) -> None:
    hidden = make_topic(staff_member, staff_board)
    assert anon.post(f"/topics/{hidden.pk}/like").status_code == 401
    assert api_as(bob).post(f"/topics/{hidden.pk}/like").status_code == 404
    assert api_as(bob).post("/replies/999999/like").status_code == 404


def test_share_a_topic(api_as: Any, bob: Any, topic: Any) -> None:
    response = api_as(bob).post(f"/topics/{topic.pk}/shares", {"channel": "wechat"})

    assert response.status_code == 201, response.json()
    body = response.json()
    share = Share.objects.get()
    assert body["code"] == share.code
    assert body["channel"] == "wechat"
    assert body["url"] == f"http://testserver/s/{share.code}/"
    assert share.member == bob
    topic.refresh_from_db()
    assert topic.share_count == 1


def test_share_needs_a_known_channel(api_as: Any, bob: Any, topic: Any) -> None:
    response = api_as(bob).post(f"/topics/{topic.pk}/shares", {"channel": "myspace"})
    assert response.status_code == 422
    assert "wechat" in error_of(response)["fields"]["channel"]
    assert not Share.objects.exists()
