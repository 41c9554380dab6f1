"""The member page: profile, stats, topics and replies tabs, in constant queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.accounts.services import profile_update
from hearth.community.models import Visibility
from hearth.community.services import like_give, reply_create, topic_set_status


def test_the_member_page_shows_the_profile_and_an_age_band_not_the_birth_year(
    make_member: Callable[..., Any],
) -> None:
    member = make_member("xiaoming")
    year = timezone.localdate().year - 27
    profile_update(
        member=member,
        display_name="小明",
        bio="写代码，也拍照。",
        province="广东",
        city="深圳",
        birth_year=year,
        interests=["摄影", "AI"],
    )
    response = Client().get("/u/xiaoming/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>小明</h1>" in html
    assert "写代码，也拍照。" in html
    assert "广东 · 深圳" in html
    assert "25-30 years" in html
    assert str(year) not in html
    assert f"Joined {timezone.localtime(member.date_joined):%Y-%m-%d}" in html
    assert '<span class="chip">摄影</span>' in html


def test_an_unknown_member_is_404(db: None) -> None:
    assert Client().get("/u/nobody/").status_code == 404


def test_stats_count_topics_replies_likes_and_followers(
    make_member: Callable[..., Any], post_topic: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    author, reader = make_member("author"), make_member("reader")
    topic = post_topic(author)
    reply_create(author=author, topic=topic, body="Thanks for reading!")
    like_give(member=reader, target=topic)
    client_as(reader).post("/u/author/follow/")
    html = Client().get("/u/author/").content.decode()
    stats = html[html.index('data-testid="member-stats"') :]
    values = [
        chunk.split("</strong>")[0].split(">")[-1]
        for chunk in stats.split('class="stat-value"')[1:6]
    ]
    assert values == ["1", "1", "1", "1", "0"]  # topics, replies, likes, followers, following


def test_tabs_list_topics_and_replies_with_links(
    make_member: Callable[..., Any], post_topic: Callable[..., Any]
) -> None:
    author, other = make_member("author"), make_member("other")
    mine = post_topic(author, title="My mechanical keyboard")
    theirs = post_topic(other, title="Their topic")
    reply = reply_create(author=author, topic=theirs, body="I agree with **this**.")
    topics = Client().get("/u/author/").content.decode()
    assert f'href="/t/{mine.pk}/"' in topics
    assert "Their topic" not in topics
    replies = Client().get("/u/author/?tab=replies").content.decode()
    assert f'href="/t/{theirs.pk}/#r{reply.pk}"' in replies
    assert "I agree with this." in replies


def test_hidden_and_private_content_is_not_listed(
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    post_topic: Callable[..., Any],
    staff_member: Any,
    client_as: Callable[..., Any],
) -> None:
    author = make_member("author")
    members_board = make_board(visibility=Visibility.MEMBERS)
    staff_board = make_board(visibility=Visibility.STAFF)
    post_topic(author, title="Public one")
    post_topic(author, board=members_board, title="Members one")
    hidden = post_topic(author, title="Hidden one")
    topic_set_status(actor=staff_member, topic=hidden, status="hidden")
    staff_topic = post_topic(staff_member, board=staff_board, title="Staff one")
    reply_create(author=staff_member, topic=staff_topic, body="staff-only reply")

    anonymous = Client().get("/u/author/").content.decode()
    assert "Public one" in anonymous
    assert "Members one" not in anonymous
    assert "Hidden one" not in anonymous
    member_view = client_as(make_member()).get("/u/author/").content.decode()
    assert "Members one" in member_view
    assert "Hidden one" not in member_view
    own_view = client_as(author).get("/u/author/").content.decode()
    assert "Hidden one" in own_view  # the author still sees it, marked
    assert "staff-only reply" not in Client().get("/u/manager/?tab=replies").content.decode()
    assert "staff-only reply" in (
        client_as(staff_member).get("/u/manager/?tab=replies").content.decode()
    )


@pytest.mark.usefixtures("no_posting_limit")
def test_topics_are_paginated(
    make_member: Callable[..., Any], post_topic: Callable[..., Any]
) -> None:
    author = make_member("author")
    for n in range(23):
        post_topic(author, title=f"Topic number {n:02d}")
    first = Client().get("/u/author/").content.decode()
    assert "Topic number 22" in first
    assert "Topic number 02" not in first
    assert 'href="?tab=topics&amp;page=2"' in first
    second = Client().get("/u/author/?tab=topics&page=2").content.decode()
    assert "Topic number 02" in second
    assert "Topic number 22" not in second


@pytest.mark.usefixtures("no_posting_limit")
@pytest.mark.parametrize("tab", ["topics", "replies"])
def test_the_member_page_runs_a_constant_number_of_queries(
    make_member: Callable[..., Any],
    post_topic: Callable[..., Any],
    client_as: Callable[..., Any],
    tab: str,
) -> None:
    author, viewer = make_member("author"), make_member("viewer")
    client = client_as(viewer)
    client.get("/u/author/")  # warm the session and brand caches

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/u/author/?tab={tab}")
        assert response.status_code == 200
        return len(queries)

    topic = post_topic(author)
    reply_create(author=author, topic=topic, body="first")
    few = count_queries()
    for n in range(15):
        other = post_topic(author, title=f"More {n}")
        reply_create(author=author, topic=other, body=f"reply {n}")
    assert count_queries() == few
