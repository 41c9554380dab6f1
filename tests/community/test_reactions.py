"""Likes, shares, bookmarks, reads."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import Bookmark, Like, Read, Share, Topic
from hearth.community.services import reply_create

from .conftest import HTMX

pytestmark = pytest.mark.django_db


def test_like_and_unlike_a_topic_with_htmx(reader_client: Client, topic: Any) -> None:
    liked = reader_client.post(reverse("community:topic_like", args=[topic.pk]), headers=HTMX)
    html = liked.content.decode()
    assert liked.status_code == 200
    assert 'aria-pressed="true"' in html
    assert '<span class="like-count">1</span>' in html
    assert reverse("community:topic_unlike", args=[topic.pk]) in html
    assert "<html" not in html

    undone = reader_client.post(reverse("community:topic_unlike", args=[topic.pk]), headers=HTMX)
    html = undone.content.decode()
    assert 'aria-pressed="false"' in html
    assert '<span class="like-count">0</span>' in html
    assert not Like.objects.exists()


def test_like_a_reply_shows_on_the_page(reader_client: Client, topic: Any, author: Any) -> None:
    reply = reply_create(author=author, topic=topic, body="回复")
    response = reader_client.post(reverse("community:reply_like", args=[reply.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#r{reply.pk}")
    reply.refresh_from_db()
    assert reply.like_count == 1
    html = reader_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert reverse("community:reply_unlike", args=[reply.pk]) in html


def test_second_like_gets_a_clear_message(reader_client: Client, topic: Any) -> None:
    url = reverse("community:topic_like", args=[topic.pk])
    reader_client.post(url, headers=HTMX)
    again = reader_client.post(url, headers=HTMX).content.decode()
    assert "You have already liked this post." in again
    assert '<span class="like-count">1</span>' in again
    followed = reader_client.post(url, follow=True).content.decode()
    assert "You have already liked this post." in followed
    assert Like.objects.count() == 1
    topic.refresh_from_db()
    assert topic.like_count == 1


def test_own_post_like_is_refused(author_client: Client, topic: Any, author: Any) -> None:
    reply = reply_create(author=author, topic=topic, body="自己的回复")
    for url in (
        reverse("community:topic_like", args=[topic.pk]),
        reverse("community:reply_like", args=[reply.pk]),
    ):
        html = author_client.post(url, headers=HTMX).content.decode()
        assert "You cannot like your own post." in html
    assert not Like.objects.exists()
    page = author_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert reverse("community:topic_like", args=[topic.pk]) not in page
    assert "You cannot like your own post." in page


def test_withdrawing_a_like_never_given_is_refused(reader_client: Client, topic: Any) -> None:
    html = reader_client.post(
        reverse("community:topic_unlike", args=[topic.pk]), headers=HTMX
    ).content.decode()
    assert "You have not liked this post." in html


def test_visitors_cannot_like(client: Client, topic: Any) -> None:
    response = client.post(reverse("community:topic_like", args=[topic.pk]))
    assert response.status_code == 302
    assert not Like.objects.exists()


def test_share_gives_a_link_that_redirects_and_counts_visits(
    reader_client: Client, client: Client, topic: Any, reader: Any
) -> None:
    response = reader_client.post(
        reverse("community:topic_share", args=[topic.pk]), {"channel": "wechat"}, headers=HTMX
    )
    share = Share.objects.get()
    html = response.content.decode()
    link = reverse("community:share_visit", args=[share.code])
    assert share.member == reader
    assert share.channel == "wechat"
    assert f"http://testserver{link}" in html
    topic.refresh_from_db()
    assert topic.share_count == 1

    visit = client.get(link)
    assert visit.status_code == 302
    target = urlsplit(visit["Location"])
    assert target.path == reverse("community:topic", args=[topic.pk])
    assert parse_qs(target.query)["utm_source"] == ["wechat"]
    client.get(link)
    share.refresh_from_db()
    assert share.visits == 2
    assert client.get(visit["Location"]).status_code == 200


def test_visitors_can_share_without_htmx(client: Client, topic: Any) -> None:
    response = client.post(reverse("community:topic_share", args=[topic.pk]), {"channel": "link"})
    assert response.status_code == 200
    share = Share.objects.get()
    assert share.member is None
    assert reverse("community:share_visit", args=[share.code]) in response.content.decode()


def test_unknown_share_channel_is_refused(reader_client: Client, topic: Any) -> None:
    response = reader_client.post(
        reverse("community:topic_share", args=[topic.pk]), {"channel": "myspace"}
    )
    assert response.status_code == 400
    assert "Unknown share channel." in response.content.decode()
    assert not Share.objects.exists()


def test_unknown_share_code_is_404(client: Client) -> None:
    assert client.get(reverse("community:share_visit", args=["nope"])).status_code == 404


def test_bookmark_toggle_and_my_bookmarks(reader_client: Client, topic: Any, reader: Any) -> None:
    url = reverse("community:topic_bookmark", args=[topic.pk])
    html = reader_client.post(url, headers=HTMX).content.decode()
    assert 'aria-pressed="true"' in html
    assert Bookmark.objects.filter(member=reader, topic=topic).exists()
    assert topic.title in reader_client.get(reverse("community:bookmarks")).content.decode()

    html = reader_client.post(url, headers=HTMX).content.decode()
    assert 'aria-pressed="false"' in html
    assert not Bookmark.objects.exists()
    assert topic.title not in reader_client.get(reverse("community:bookmarks")).content.decode()


def test_bookmarks_page_needs_login(client: Client) -> None:
    assert client.get(reverse("community:bookmarks")).status_code == 302


def test_member_view_records_a_read_and_the_beacon_adds_dwell(
    reader_client: Client, topic: Any, reader: Any
) -> None:
    reader_client.get(reverse("community:topic", args=[topic.pk]))
    read = Read.objects.get(member=reader, topic=topic)
    assert read.day == timezone.localdate()
    assert read.dwell_seconds == 0

    beacon = reverse("community:topic_read", args=[topic.pk])
    assert reader_client.post(beacon, {"dwell": "42"}).status_code == 204
    assert reader_client.post(beacon, {"dwell": "8"}).status_code == 204
    read.refresh_from_db()
    assert read.dwell_seconds == 50
    topic.refresh_from_db()
    assert topic.read_count == 1
    assert topic.view_count == 0


def test_beacon_refuses_a_bad_dwell(reader_client: Client, topic: Any) -> None:
    beacon = reverse("community:topic_read", args=[topic.pk])
    assert reader_client.post(beacon, {"dwell": "lots"}).status_code == 400
    assert reader_client.post(beacon, {"dwell": "-5"}).status_code == 400
    assert not Read.objects.exists()


def test_visitor_view_is_counted_and_beacon_is_a_no_op(client: Client, topic: Any) -> None:
    client.get(reverse("community:topic", args=[topic.pk]))
    client.get(reverse("community:topic", args=[topic.pk]))
    response = client.post(reverse("community:topic_read", args=[topic.pk]), {"dwell": "30"})
    assert response.status_code == 204
    assert not Read.objects.exists()
    assert Topic.objects.get(pk=topic.pk).view_count == 2


def test_follow_and_unfollow_a_board(reader_client: Client, board: Any) -> None:
    html = reader_client.post(
        reverse("community:board_follow", args=[board.slug]), headers=HTMX
    ).content.decode()
    assert 'aria-pressed="true"' in html
    board.refresh_from_db()
    assert board.follower_count == 1
    page = reader_client.get(reverse("community:board", args=[board.slug])).content.decode()
    assert reverse("community:board_unfollow", args=[board.slug]) in page

    html = reader_client.post(
        reverse("community:board_unfollow", args=[board.slug]), headers=HTMX
    ).content.decode()
    assert 'aria-pressed="false"' in html
    board.refresh_from_db()
    assert board.follower_count == 0
