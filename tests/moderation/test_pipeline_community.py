"""The pipeline through the community services and pages: hold, block, censor, records, points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.community.models import Reply, Status, Topic
from hearth.community.services import (
    reply_create,
    reply_edit,
    topic_create,
    topic_edit,
    topic_set_status,
)
from hearth.gamification.selectors import balance_for
from hearth.moderation.models import AuditEntry, ReviewItem, ScreeningRecord, TextFingerprint
from hearth.moderation.pipeline import blocked_attempts_flush
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_a_new_members_first_topic_is_held_with_its_text_and_earns_points_when_published(
    make_member: Callable[..., Any], board: Any
) -> None:
    member = make_member()
    topic = topic_create(author=member, board=board, title="你好", body="大家好，请多关照。")
    topic.refresh_from_db()
    assert topic.status == Status.HELD
    assert (topic.title, topic.body) == ("你好", "大家好，请多关照。")
    item = ReviewItem.objects.get(content_kind="topic", content_id=topic.pk)
    assert (item.origin, item.state, item.author_id, item.board_id) == (
        "held",
        "open",
        member.pk,
        board.pk,
    )
    assert [r["code"] for r in item.reasons] == ["new_member"]
    record = ScreeningRecord.objects.get(content_kind="topic", content_id=topic.pk)
    assert record.decision == "hold"
    assert record.text == "你好\n\n大家好，请多关照。"
    audit = AuditEntry.objects.get(action="pipeline.hold")
    assert (audit.actor_id, audit.target_id, audit.member_id) == (None, topic.pk, member.pk)
    assert balance_for(member_id=member.pk).lifetime == 0

    topic_set_status(actor=None, topic=topic, status="published")
    assert balance_for(member_id=member.pk).lifetime > 0


def test_a_blocked_word_refuses_the_topic_and_keeps_the_attempt(
    watch: Callable[..., Any], veteran: Any, board: Any
) -> None:
    word = watch("代开发票", "block", category="illegal", message="Invoices are not traded here.")
    before = Topic.objects.count()
    with pytest.raises(ValidationError) as refused:
        topic_create(author=veteran, board=board, title="服务", body="专业代开发票")
    assert refused.value.messages == ["Invoices are not traded here."]
    assert Topic.objects.count() == before
    assert blocked_attempts_flush() == 1
    record = ScreeningRecord.objects.get(decision="block")
    assert (record.content_id, record.author_id, record.text) == (
        None,
        veteran.pk,
        "服务\n\n专业代开发票",
    )
    assert record.reasons[0]["code"] == "block_word"
    word.refresh_from_db()
    assert word.hit_count == 1
    assert word.last_hit_at is not None
    assert AuditEntry.objects.filter(action="pipeline.block", member=veteran).count() == 1


def test_a_blocked_reply_on_the_page_keeps_the_members_text_and_is_recorded(
    watch: Callable[..., Any], veteran: Any, board: Any, client: Any
) -> None:
    watch("代开发票", "block", category="illegal")
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    client.force_login(veteran)
    response = client.post(
        reverse("community:reply", args=[topic.pk]),
        {"body": "需要代开发票请联系"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "需要代开发票请联系" in page  # the form keeps what the member wrote
    assert "not allowed here (Illegal)" in page
    assert not Reply.objects.filter(body__contains="代开发票").exists()
    assert ScreeningRecord.objects.filter(decision="block", content_kind="reply").count() == 1


def test_replaced_words_are_stored_censored(
    watch: Callable[..., Any], veteran: Any, board: Any
) -> None:
    watch("傻瓜", "replace", category="abuse", severity=1)
    topic = topic_create(author=veteran, board=board, title="傻瓜问题", body="别当傻 瓜。")
    topic.refresh_from_db()
    assert topic.status == Status.PUBLISHED
    assert (topic.title, topic.body) == ("***问题", "别当***。")
    assert not ReviewItem.objects.filter(content_id=topic.pk, content_kind="topic").exists()
    assert AuditEntry.objects.filter(action="pipeline.censor", target_id=topic.pk).exists()


def test_a_flagged_reply_is_published_and_queued(veteran: Any, board: Any) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    reply = reply_create(author=veteran, topic=topic, body="文档在 https://example.com/doc")
    assert reply.status == Status.PUBLISHED
    item = ReviewItem.objects.get(content_kind="reply", content_id=reply.pk)
    assert item.origin == "flagged"
    assert [r["code"] for r in item.reasons] == ["link"]


def test_board_scope_and_level_policy_through_the_services(
    watch: Callable[..., Any],
    veteran: Any,
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    publish_history: Callable[[Any, int], None],
) -> None:
    games = make_board(name="Games", slug="games")
    books = make_board(name="Books", slug="books")
    watch("外挂", "hold", board=games)
    assert (
        topic_create(author=veteran, board=books, title="外挂", body="外挂").status == "published"
    )
    assert topic_create(author=veteran, board=games, title="外挂", body="外挂").status == "held"
    newcomer = make_member("newcomer")
    publish_history(newcomer, 3)
    link = "https://example.com/a"
    assert topic_create(author=newcomer, board=books, title="链接", body=link).status == "held"
    assert topic_create(author=veteran, board=books, title="链接", body=link).status == "published"


def test_staff_posts_skip_holds(watch: Callable[..., Any], staff_member: Any, board: Any) -> None:
    watch("兼职日结", "hold")
    topic = topic_create(author=staff_member, board=board, title="公告", body="兼职日结 招募说明")
    assert topic.status == Status.PUBLISHED
    assert not ReviewItem.objects.exists()


def test_an_edit_is_screened_again_and_can_take_a_topic_back_to_review(
    watch: Callable[..., Any], veteran: Any, board: Any
) -> None:
    watch("兼职日结", "hold")
    topic = topic_create(author=veteran, board=board, title="读书", body="读书心得。")
    assert topic.status == Status.PUBLISHED
    topic_edit(editor=veteran, topic=topic, title="读书", body="读书心得。兼职日结")
    topic.refresh_from_db()
    assert topic.status == Status.HELD
    item = ReviewItem.objects.get(content_kind="topic", content_id=topic.pk)
    assert [r["code"] for r in item.reasons] == ["word"]


def test_a_reply_edit_by_a_new_member_does_not_count_as_a_first_post(
    make_member: Callable[..., Any], veteran: Any, no_posting_limit: None
) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    member = make_member()
    reply = reply_create(author=member, topic=topic, body="第一条回复")
    assert reply.status == Status.HELD
    reply_set = Reply.objects.get(pk=reply.pk)
    from hearth.community.services import reply_set_status

    reply_set_status(actor=None, reply=reply_set, status="published")
    for n in range(3):
        reply_create(author=member, topic=topic, body=f"更多回复 {n}")
    edited = reply_edit(
        editor=member, reply=Reply.objects.get(pk=reply.pk), body="第一条回复（改）"
    )
    assert edited.status == Status.PUBLISHED


def test_saved_topics_and_replies_get_fingerprints(veteran: Any) -> None:
    topic = Topic.objects.filter(author=veteran).first()
    assert topic is not None
    long_text = "这是一段足够长的回复内容，用来生成文本指纹，以便发现重复的帖子。"
    reply = reply_create(author=veteran, topic=topic, body=long_text)
    row = TextFingerprint.objects.get(content_kind="reply", content_id=reply.pk)
    assert row.author_id == veteran.pk
    short = reply_create(author=veteran, topic=topic, body="好的")
    assert not TextFingerprint.objects.filter(content_kind="reply", content_id=short.pk).exists()
