"""The activity log: live events append rows; the backfill adds only what bulk writes left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hearth.analytics.backfill import activity_backfill
from hearth.analytics.models import Activity
from hearth.community.models import Like, Read, Reply, Topic
from hearth.community.services import like_give, reply_create, topic_create


@pytest.fixture
def board(make_board: Callable[..., Any]) -> Any:
    return make_board(name="讨论区", slug="talk")


@pytest.mark.django_db(transaction=True)
def test_posting_and_liking_record_actions_with_the_members_attributes(
    make_member: Callable[..., Any], board: Any
) -> None:
    author = make_member(province="上海", birth_year=1999, gender="f")
    author.channel = "seo"
    author.save(update_fields=["channel"])
    fan = make_member()
    topic = topic_create(author=author, board=board, title="第一个主题", body="正文内容足够长")
    reply_create(author=fan, topic=topic, body="好文，支持一下")
    like_give(member=fan, target=topic)
    rows = {(a.action, a.member_id) for a in Activity.objects.all()}
    assert {
        ("topic", author.pk),
        ("reply", fan.pk),
        ("like", fan.pk),
        ("like_received", author.pk),
    } <= rows
    posted = Activity.objects.get(action="topic")
    assert (posted.region, posted.channel, posted.gender, posted.board_id) == (
        "上海",
        "seo",
        "f",
        board.pk,
    )
    assert posted.age_band  # from the birth year


def test_the_log_refuses_changes(db: None) -> None:
    row = Activity.objects.create(action="visit", member_id=1)
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        Activity.objects.filter(pk=row.pk).update(action="read")


def test_backfill_adds_bulk_rows_once(make_member: Callable[..., Any], board: Any) -> None:
    author, reader = make_member(), make_member()
    topic = Topic.objects.create(board=board, author=author, title="批量导入", body="内容")
    Reply.objects.create(topic=topic, author=reader, body="回复")
    Like.objects.create(member=reader, topic=topic)
    Read.objects.create(member=reader, topic=topic, day=topic.created_at.date(), dwell_seconds=40)
    first = activity_backfill()
    assert first.added["topic"] == 1
    assert first.added["reply"] == 1
    assert first.added["like"] == 1
    assert first.added["like_received"] == 1
    assert first.added["read"] == 1
    assert Activity.objects.get(action="read").value == 40
    again = activity_backfill()
    assert set(again.added.values()) == {0}
