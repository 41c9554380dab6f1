"""Members (public profile, /me, follows) and notifications (list, mark read, count)."""

from __future__ import annotations

from typing import Any

from hearth.accounts.models import age_band_for
from hearth.notifications.models import Notification

from .conftest import Api, error_of


def test_public_profile_hides_private_fields(anon: Api, alice: Any) -> None:
    response = anon.get("/members/alice")

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "alice"
    assert body["bio"] == "I write about gadgets."
    assert body["age_band"] == age_band_for(1994)
    assert body["following"] is False
    text = response.content.decode()
    assert "alice@example.com" not in text
    assert "1994" not in text
    for private in ("email", "birth_year", "phone", "gender", "channel", "utm_source"):
        assert private not in body


def test_unknown_and_inactive_members_are_404(anon: Api, bob: Any) -> None:
    assert error_of(anon.get("/members/nobody"))["code"] == "not_found"
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert anon.get("/members/bob").status_code == 404


def test_me_shows_the_callers_private_fields(api_as: Any, alice: Any, staff_member: Any) -> None:
    body = api_as(alice).get("/me").json()
    assert body["email"] == "alice@example.com"
    assert body["birth_year"] == 1994
    assert body["is_staff_member"] is False
    assert body["unread_notifications"] == 0
    assert api_as(staff_member).get("/me").json()["is_staff_member"] is True


def test_follow_and_unfollow_a_member(api_as: Any, alice: Any, bob: Any) -> None:
    api = api_as(bob)

    followed = api.post("/members/alice/follow")
    assert followed.status_code == 200
    assert followed.json() == {"following": True, "follower_count": 1}
    assert api.get("/members/alice").json()["following"] is True
    assert Notification.objects.filter(recipient=alice, verb="follow").count() == 1

    unfollowed = api.delete("/members/alice/follow")
    assert unfollowed.json() == {"following": False, "follower_count": 0}


def test_cannot_follow_oneself(api_as: Any, alice: Any) -> None:
    response = api_as(alice).post("/members/alice/follow")
    assert response.status_code == 422
    assert error_of(response)["message"] == "You cannot follow yourself."


def _notify(alice: Any, bob: Any, public_board: Any, make_topic: Any, make_reply: Any) -> Any:
    topic = make_topic(alice, public_board)
    for i in range(3):
        make_reply(bob, topic, f"Reply {i}")
    return topic


def test_notifications_list_and_count(
    api_as: Any, alice: Any, bob: Any, public_board: Any, make_topic: Any, make_reply: Any
) -> None:
    topic = _notify(alice, bob, public_board, make_topic, make_reply)
    api = api_as(alice)

    body = api.get("/notifications").json()
    assert body["total"] == 3
    assert body["unread_count"] == 3
    first = body["items"][0]
    assert first["verb"] == "reply"
    assert first["verb_label"] == "replied to your topic"
    assert first["actor"]["username"] == "bob"
    assert first["topic"] == {"id": topic.pk, "title": topic.title}
    assert first["read"] is False
    assert api.get("/me/unread-count").json() == {"count": 3}
    assert api_as(bob).get("/notifications").json()["total"] == 0


def test_mark_some_or_all_notifications_read(
    api_as: Any, alice: Any, bob: Any, public_board: Any, make_topic: Any, make_reply: Any
) -> None:
    _notify(alice, bob, public_board, make_topic, make_reply)
    make_topic(bob, public_board)  # bob's own topic: no notification for alice
    api = api_as(alice)
    ids = [n["id"] for n in api.get("/notifications").json()["items"]]

    some = api.post("/notifications/read", {"ids": ids[:1]})
    assert some.json() == {"marked": 1, "unread_count": 2}
    unread = api.get("/notifications", unread=True).json()
    assert {n["id"] for n in unread["items"]} == set(ids[1:])

    everything = api.post("/notifications/read", {"all": True})
    assert everything.json() == {"marked": 2, "unread_count": 0}
    assert api.get("/me/unread-count").json() == {"count": 0}


def test_cannot_mark_another_members_notifications(
    api_as: Any, alice: Any, bob: Any, public_board: Any, make_topic: Any, make_reply: Any
) -> None:
    _notify(alice, bob, public_board, make_topic, make_reply)
    ids = list(Notification.objects.filter(recipient=alice).values_list("pk", flat=True))

    response = api_as(bob).post("/notifications/read", {"ids": ids})

    assert response.json()["marked"] == 0
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 3


def test_mark_read_needs_ids_or_all(api_as: Any, alice: Any) -> None:
    response = api_as(alice).post("/notifications/read", {})
    assert response.status_code == 422
    assert "ids" in error_of(response)["fields"]
    bad = api_as(alice).post("/notifications/read", {"ids": ["x"]})
    assert bad.status_code == 422
    assert error_of(bad)["fields"]["ids"] == "Enter a whole number."
