"""PIPL: members export their data and delete their account."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hearth.accounts.models import MemberFollow, User
from hearth.accounts.services import avatar_set, member_follow, profile_update
from hearth.community.models import Board, Bookmark, Like, Read, Reply, Share, Topic
from hearth.community.services import (
    board_follow,
    bookmark_toggle,
    like_give,
    read_record,
    reply_create,
    share_create,
)
from hearth.notifications.models import Notification
from tests.accounts.conftest import png_bytes

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def active_member(
    make_member: Callable[..., Any], post_topic: Callable[..., Any]
) -> dict[str, Any]:
    """A member with a profile and some of everything: posts, likes, reads, follows."""
    member = make_member("xiaoming")
    friend = make_member("friend")
    profile_update(member=member, display_name="小明", bio="hi", province="广东", birth_year=1995)
    avatar_set(member=member, upload=SimpleUploadedFile("a.png", png_bytes(300, 300)))
    mine = post_topic(member, title="My own topic")
    theirs = post_topic(friend, title="Friend's topic")
    my_reply = reply_create(author=member, topic=theirs, body="Nice one @friend")
    their_reply = reply_create(author=friend, topic=mine, body="Thanks!")
    like_give(member=member, target=theirs)
    like_give(member=member, target=their_reply)
    like_give(member=friend, target=mine)
    read_record(member=member, topic=theirs, dwell_seconds=42)
    bookmark_toggle(member=member, topic=theirs)
    share_create(member=member, topic=theirs, channel="weibo")
    member_follow(follower=member, followed=friend)
    member_follow(follower=friend, followed=member)
    board_follow(member=member, board=theirs.board)
    return {
        "member": User.objects.get(pk=member.pk),
        "friend": friend,
        "mine": mine,
        "theirs": theirs,
        "my_reply": my_reply,
        "their_reply": their_reply,
    }


def test_the_export_is_a_json_download_of_everything(
    active_member: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    member = active_member["member"]
    response = client_as(member).get("/accounts/data/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    profile = data["profile"]
    assert (profile["username"], profile["email"]) == ("xiaoming", "xiaoming@example.com")
    assert (profile["display_name"], profile["province"], profile["birth_year"]) == (
        "小明",
        "广东",
        1995,
    )
    assert profile["avatar"].startswith("avatars/")
    assert profile["channel"] == "direct"
    assert [t["title"] for t in data["topics"]] == ["My own topic"]
    assert [r["body"] for r in data["replies"]] == ["Nice one @friend"]
    assert {(like["topic_id"], like["reply_id"]) for like in data["likes"]} == {
        (active_member["theirs"].pk, None),
        (None, active_member["their_reply"].pk),
    }
    assert [(r["topic_id"], r["dwell_seconds"]) for r in data["reads"]] == [
        (active_member["theirs"].pk, 42)
    ]
    assert len(data["bookmarks"]) == 1
    assert [s["channel"] for s in data["shares"]] == ["weibo"]
    assert [f["followed__username"] for f in data["following_members"]] == ["friend"]
    assert len(data["following_boards"]) == 1
    assert [(n["verb"], n["actor__username"]) for n in data["notifications"]] == [
        ("reply", "friend"),
        ("like", "friend"),
        ("follow", "friend"),
    ]
    assert "password" not in json.dumps(data)


@pytest.mark.django_db
def test_the_export_needs_a_login() -> None:
    assert Client().get("/accounts/data/export/").status_code == 302


def test_deletion_needs_the_password(
    active_member: dict[str, Any], client_as: Callable[..., Any]
) -> None:
    member = active_member["member"]
    client = client_as(member)
    assert "Delete my account" in client.get("/accounts/delete/").content.decode()
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert "This is not your password." in response.content.decode()
    assert User.objects.get(pk=member.pk).is_active


def test_deleting_the_account_erases_personal_data_and_keeps_posts_anonymised(
    active_member: dict[str, Any],
    client_as: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    member, friend = active_member["member"], active_member["friend"]
    avatar_name = member.avatar.name
    storage = member.avatar.storage
    assert storage.exists(avatar_name)
    client = client_as(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)

    assert "Your account is deleted." in response.content.decode()
    assert "_auth_user_id" not in client.session
    gone = User.objects.get(pk=member.pk)
    assert not gone.is_active
    assert not gone.has_usable_password()
    assert gone.username == f"deleted~{member.pk}"
    assert gone.display_name == "Deleted member"
    assert (gone.email, gone.bio, gone.province, gone.birth_year, gone.interests) == (
        "",
        "",
        "",
        None,
        [],
    )
    assert not gone.avatar
    assert not storage.exists(avatar_name)
    assert not User.objects.filter(username="xiaoming").exists()
    assert not Client().login(username="xiaoming", password=PASSWORD)
    # Behaviour is erased, with the counters of others kept right.
    assert not Like.objects.filter(member=gone).exists()
    assert Topic.objects.get(pk=active_member["theirs"].pk).like_count == 0
    assert Reply.objects.get(pk=active_member["their_reply"].pk).like_count == 0
    assert User.objects.get(pk=friend.pk).likes_received == 0
    assert not Read.objects.filter(member=gone).exists()
    assert not Bookmark.objects.filter(member=gone).exists()
    assert not MemberFollow.objects.filter(follower=gone).exists()
    assert not MemberFollow.objects.filter(followed=gone).exists()
    assert User.objects.get(pk=friend.pk).follower_count == 0
    assert Board.objects.get(pk=active_member["theirs"].board_id).follower_count == 0
    assert not Notification.objects.filter(recipient=gone).exists()
    assert not Notification.objects.filter(actor=gone).exists()
    assert Share.objects.get().member_id is None
    # Posts stay, attributed to the placeholder.
    assert Topic.objects.get(pk=active_member["mine"].pk).author_id == gone.pk
    assert Reply.objects.get(pk=active_member["my_reply"].pk).author_id == gone.pk
    page = Client().get(f"/u/deleted~{member.pk}/").content.decode()
    assert "This account is no longer active." in page
    assert "follow/" not in page


@pytest.mark.django_db
def test_deletion_needs_a_login() -> None:
    response = Client().post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
