"""Featuring reads: topics recommended on the home page, and candidates for 精华 by quality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.community import selectors
from hearth.community.models import Status, Topic, Visibility
from hearth.community.selectors.featuring import (
    candidate_days_parse,
    feature_candidates,
    topic_list_recommended,
)
from hearth.community.services import (
    like_give,
    read_record,
    reply_create,
    share_create,
    topic_feature,
    topic_recommend,
    topic_set_status,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_posting_limit")]


def _published(topic: Topic) -> Topic:
    """Whatever the screening policy decides for a new member, these tests need it public."""
    if topic.status != Status.PUBLISHED:
        topic_set_status(actor=None, topic=topic, status=Status.PUBLISHED)
    topic.refresh_from_db()
    return topic


@pytest.fixture
def people(make_member: Callable[..., Any]) -> list[Any]:
    return [make_member(f"fan{n}") for n in range(6)]


def _engage(
    topic: Topic,
    people: list[Any],
    *,
    reads: int,
    dwell: int,
    likes: int = 0,
    repliers: int = 0,
    replies_each: int = 1,
    shares: int = 0,
) -> Topic:
    """Reads by the first ``reads`` people (each ``dwell`` seconds), then likes, replies, shares."""
    for member in people[:reads]:
        read_record(member=member, topic=topic, dwell_seconds=dwell)
    for member in people[:likes]:
        like_give(member=member, target=topic)
    for member in people[:repliers]:
        for n in range(replies_each):
            reply = reply_create(author=member, topic=topic, body=f"说得好，第 {n} 点我也同意。")
            if reply.status != Status.PUBLISHED:
                from hearth.community.services import reply_set_status

                reply_set_status(actor=None, reply=reply, status=Status.PUBLISHED)
    for member in people[:shares]:
        share_create(member=member, topic=topic, channel="wechat")
    topic.refresh_from_db()
    return topic


# Recommended on the home page ----------------------------------------------------------------


def test_recommended_lists_published_topics_until_their_date(
    make_topic: Callable[..., Any], staff_member: Any, make_board: Callable[..., Any]
) -> None:
    now = timezone.now()
    soon = _published(make_topic(title="推荐中的话题"))
    later = _published(make_topic(title="更新的推荐"))
    ended = _published(make_topic(title="推荐已结束"))
    hidden = _published(make_topic(title="推荐后被隐藏"))
    staff_only = _published(
        make_topic(
            title="员工板块的话题",
            board=make_board(slug="staff-room", visibility=Visibility.STAFF),
            author=staff_member,
        )
    )
    for topic in (soon, later, hidden, staff_only):
        topic_recommend(actor=staff_member, topic=topic, until=now + dt.timedelta(days=3))
    topic_recommend(actor=staff_member, topic=ended, until=now + dt.timedelta(minutes=5))
    topic_set_status(actor=None, topic=hidden, status=Status.HIDDEN)

    from django.contrib.auth.models import AnonymousUser

    with CaptureQueriesContext(connection) as context:
        listed = topic_list_recommended(user=AnonymousUser(), now=now + dt.timedelta(minutes=10))
    assert len(context.captured_queries) == 1
    assert [t.title for t in listed] == ["更新的推荐", "推荐中的话题"]  # newest first
    assert listed[0].author.username  # author and board come with the query
    staff_view = topic_list_recommended(user=staff_member, now=now + dt.timedelta(minutes=10))
    assert "员工板块的话题" in [t.title for t in staff_view]


def test_home_page_shows_the_recommended_block_for_one_query(
    make_topic: Callable[..., Any], staff_member: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    picks = [_published(make_topic(title=f"编辑推荐第{n}篇")) for n in range(3)]
    for topic in picks:
        topic_recommend(
            actor=staff_member, topic=topic, until=timezone.now() + dt.timedelta(days=1)
        )
    client = Client()
    client.get("/")  # warm the brand and stats caches

    with CaptureQueriesContext(connection) as with_block:
        html = client.get("/").content.decode()
    assert 'data-testid="recommended-topics"' in html
    block = html.split('data-testid="recommended-topics"', 1)[1].split('data-testid="topic-tabs"')[
        0
    ]
    assert all(f"编辑推荐第{n}篇" in block for n in range(3))

    monkeypatch.setattr(selectors, "topic_list_recommended", lambda **_kwargs: [])
    with CaptureQueriesContext(connection) as without_block:
        html = client.get("/").content.decode()
    assert 'data-testid="recommended-topics"' not in html
    assert len(with_block.captured_queries) - len(without_block.captured_queries) == 1


def test_home_page_leaves_the_block_out_when_nothing_is_recommended(
    make_topic: Callable[..., Any],
) -> None:
    _published(make_topic(title="普通话题"))
    html = Client().get("/").content.decode()
    assert 'data-testid="recommended-topics"' not in html
    assert "普通话题" in html
    second = Client().get("/?page=2").content.decode()
    assert 'data-testid="recommended-topics"' not in second


# Candidates for featuring --------------------------------------------------------------------


def test_candidates_rank_by_engagement_reading_time_and_repliers(
    make_topic: Callable[..., Any], people: list[Any]
) -> None:
    strong = _engage(
        _published(make_topic(title="干货满满的长文")),
        people,
        reads=6,
        dwell=300,
        likes=4,
        repliers=4,
        shares=1,
    )
    skimmed = _engage(
        _published(make_topic(title="大家都划走了")), people, reads=6, dwell=10, likes=1
    )
    one_fan = _engage(
        _published(make_topic(title="只有一个人回复很多次")),
        people,
        reads=6,
        dwell=300,
        likes=1,
        repliers=1,
        replies_each=5,
    )

    with CaptureQueriesContext(connection) as context:
        found = feature_candidates(min_reads=1)
    assert len(context.captured_queries) == 1

    assert [c.topic.pk for c in found] == [strong.pk, one_fan.pk, skimmed.pk]
    best = found[0]
    assert best.reads == 6
    assert best.engagements == 4 + 4 + 1  # likes + replies + shares
    assert best.engagement_per_read == pytest.approx(9 / 6, abs=1e-3)
    assert best.avg_read_seconds == pytest.approx(300)
    assert best.repliers == 4
    # The formula of the docstring, computed by hand.
    e, t, d, c = 9 / 6, 300.0, 4, 6
    expected = 100 * c / (c + 30) * (0.4 * e / (e + 0.2) + 0.3 * t / (t + 90) + 0.3 * d / (d + 4))
    assert best.score == pytest.approx(round(expected, 1))
    one = next(c for c in found if c.topic.pk == one_fan.pk)
    assert one.repliers == 1  # five replies, one member
    assert one.engagements == 1 + 5


def test_candidates_leave_out_featured_old_hidden_and_little_read_topics(
    make_topic: Callable[..., Any], people: list[Any], staff_member: Any
) -> None:
    kept = _engage(_published(make_topic(title="好内容")), people, reads=3, dwell=60, likes=2)
    featured = _engage(_published(make_topic(title="已经是精华")), people, reads=3, dwell=60)
    topic_feature(actor=staff_member, topic=featured, level=2)
    hidden = _engage(_published(make_topic(title="被隐藏了")), people, reads=3, dwell=60)
    topic_set_status(actor=None, topic=hidden, status=Status.HIDDEN)
    old = _engage(_published(make_topic(title="一个月前的话题")), people, reads=3, dwell=60)
    Topic.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
    _engage(_published(make_topic(title="没人看")), people, reads=0, dwell=0)
    _engage(_published(make_topic(title="只有两次阅读")), people, reads=2, dwell=60)

    titles = [c.topic.title for c in feature_candidates(min_reads=3)]
    assert titles == ["好内容"]
    assert kept.pk == feature_candidates(min_reads=3)[0].topic.pk
    wide = [c.topic.title for c in feature_candidates(days=30, min_reads=3)]
    assert set(wide) == {"好内容", "一个月前的话题"}
    assert [c.topic.title for c in feature_candidates(days=14)] == []  # default: 10 reads


def test_candidate_query_count_does_not_grow_with_topics(
    make_topic: Callable[..., Any], people: list[Any]
) -> None:
    for n in range(8):
        _engage(_published(make_topic(title=f"话题{n}号")), people, reads=2, dwell=30, repliers=1)
    with CaptureQueriesContext(connection) as context:
        found = feature_candidates(min_reads=1)
    assert len(found) == 8
    assert len(context.captured_queries) == 1
    assert all(c.topic.board.name and c.topic.author.username for c in found)
    assert len(context.captured_queries) == 1  # board and author came with the rows


@pytest.mark.parametrize(
    ("raw", "days"), [(None, 14), ("7", 7), ("30", 30), ("5", 14), ("x", 14), ("", 14)]
)
def test_candidate_window_parse(raw: str | None, days: int) -> None:
    assert candidate_days_parse(raw) == days
