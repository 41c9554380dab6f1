"""Board visibility and topic status decide who sees what, on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.models import Status, Topic, Visibility
from hearth.community.services import bookmark_toggle, topic_create, topic_set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="会员专区", slug="members", visibility=Visibility.MEMBERS)


@pytest.fixture
def staff_board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="员工讨论", slug="staff-room", visibility=Visibility.STAFF)


@pytest.fixture
def members_topic(members_board: Any, author: Any) -> Any:
    return topic_create(author=author, board=members_board, title="会员才能看的帖", body="内容")


@pytest.fixture
def staff_topic(staff_board: Any, staff_member: Any) -> Any:
    return topic_create(author=staff_member, board=staff_board, title="员工内部帖", body="内容")


def test_members_board_topics_hidden_from_visitors_everywhere(
    client: Client, reader_client: Client, members_topic: Any, members_board: Any
) -> None:
    for url in (
        reverse("community:home"),
        reverse("community:home") + "?tab=hot",
        reverse("community:boards"),
    ):
        html = client.get(url).content.decode()
        assert "会员才能看的帖" not in html
        assert "会员专区" not in html
    assert "会员才能看的帖" in reader_client.get(reverse("community:home")).content.decode()

    board_page = client.get(reverse("community:board", args=[members_board.slug]))
    topic_page = client.get(reverse("community:topic", args=[members_topic.pk]))
    for response in (board_page, topic_page):
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    assert reader_client.get(reverse("community:topic", args=[members_topic.pk])).status_code == 200


def test_staff_board_only_for_staff(
    reader_client: Client, staff_client: Client, staff_topic: Any, staff_board: Any
) -> None:
    assert "员工内部帖" not in reader_client.get(reverse("community:home")).content.decode()
    assert reader_client.get(reverse("community:board", args=[staff_board.slug])).status_code == 404
    assert reader_client.get(reverse("community:topic", args=[staff_topic.pk])).status_code == 404
    assert "员工内部帖" in staff_client.get(reverse("community:home")).content.decode()
    assert staff_client.get(reverse("community:topic", args=[staff_topic.pk])).status_code == 200


def test_stats_do_not_count_hidden_boards(
    client: Client, staff_client: Client, staff_topic: Any, topic: Any
) -> None:
    visitor = client.get(reverse("community:home")).context["stats"]
    staff = staff_client.get(reverse("community:home")).context["stats"]
    assert visitor.topics == 1
    assert staff.topics == 2


@pytest.mark.parametrize("status", [Status.HIDDEN, Status.HELD])
def test_hidden_and_held_topics_only_for_author_and_moderators(
    client: Client,
    reader_client: Client,
    author_client: Client,
    staff_client: Client,
    topic: Any,
    status: str,
) -> None:
    topic_set_status(actor=None, topic=topic, status=status)
    url = reverse("community:topic", args=[topic.pk])
    assert client.get(url).status_code == 404
    assert reader_client.get(url).status_code == 404
    assert author_client.get(url).status_code == 200
    staff_page = staff_client.get(url)
    assert staff_page.status_code == 200
    assert 'data-testid="status-chip"' in staff_page.content.decode()
    assert topic.title not in client.get(reverse("community:home")).content.decode()


def test_deleted_topic_only_for_moderators(
    author_client: Client, staff_client: Client, topic: Any
) -> None:
    topic_set_status(actor=None, topic=topic, status=Status.DELETED)
    url = reverse("community:topic", args=[topic.pk])
    assert author_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_actions_on_invisible_topics_are_404(
    reader_client: Client, staff_topic: Any, reader: Any
) -> None:
    for name in ("topic_like", "topic_bookmark", "topic_share", "topic_read", "reply"):
        response = reader_client.post(
            reverse(f"community:{name}", args=[staff_topic.pk]), {"channel": "link", "body": "x"}
        )
        assert response.status_code == 404, name


def test_bookmarks_page_drops_topics_no_longer_visible(
    reader_client: Client, topic: Any, reader: Any
) -> None:
    bookmark_toggle(member=reader, topic=topic)
    topic_set_status(actor=None, topic=topic, status=Status.HIDDEN)
    assert topic.title not in reader_client.get(reverse("community:bookmarks")).content.decode()


def test_new_topic_in_staff_board_refused_to_members(
    reader_client: Client, staff_board: Any, board: Any
) -> None:
    response = reader_client.post(
        reverse("community:topic_new"),
        {"board": str(staff_board.pk), "title": "标题", "body": "正文"},
    )
    assert response.status_code == 400
    assert "This board does not exist or you cannot post in it." in response.content.decode()
    assert not Topic.objects.exists()


def test_new_topic_page_says_when_no_board_takes_posts(
    reader_client: Client, staff_board: Any
) -> None:
    html = reader_client.get(reverse("community:topic_new")).content.decode()
    assert "There is no board you can post in yet." in html
